/**
 * One preset file's analysis: read → check → locate. Bytes become text (strict UTF-8, one byte order mark),
 * text becomes a value (jsonText.ts), the value is checked against the preset rules (presetRules.ts) and any
 * rules the caller adds, and each problem gets an exact range in one pass over the text. Never throws:
 * every problem becomes a diagnostic.
 */
import { printParseErrorCode, getLocation, type ParseError } from 'jsonc-parser';
import {
  findInexactNumbers,
  locatePaths,
  mayWriteNumbersOtherwise,
  readJsonText,
  type InexactNumber,
  type JsonPath,
  type PathLocation,
  type RepeatedKey,
} from './jsonText';
import { Limits } from './limits';
import { fromTextPath, toTextPath } from './listPositions';
import { DiagnosticCodes, type Preset, type PresetDiagnostic, type SourceRange, type WrittenNumber } from './model';
import {
  checkPresetFile,
  unsavableStrings,
  type PresetOrigin,
  type PresetRule,
  type PresetRuleContext,
  type RuleProblem,
} from './presetRules';
import { LineIndex, decodeUtf8, rangeInText, stripBom } from './text';
import { formatFieldPath } from './values';

export type { PresetOrigin, PresetRule, RuleProblem } from './presetRules';

export interface AnalyzeOptions {
  readonly origin?: PresetOrigin;
  /**
   * Rules beyond the built-in ones (a runtime's flag checks, say). They run on a preset the built-in rules
   * accept; their problems are located and reported like the built-in ones.
   */
  readonly rules?: readonly PresetRule[];
}

/** Everything learned from one preset file. */
export interface PresetAnalysis {
  /** The validated preset; absent when the file has an error. */
  readonly preset?: Preset;
  /** The trimmed name, whenever one can be read (also from files with errors). */
  readonly name?: string;
  /** Where the name's value is written, for name clashes and renames. */
  readonly nameRange?: SourceRange;
  /** The category when one can be read (also from files with errors), so a broken file stays in its group. */
  readonly category?: string;
  /** True when the file is an export envelope `{"version", "preset"}`. */
  readonly isEnvelope: boolean;
  readonly diagnostics: readonly PresetDiagnostic[];
}

/** A preset file's content, however it was read: the one way from a file to an analysis. */
export type PresetContent =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** An editor's text, unsaved changes included. */
  | { readonly kind: 'text'; readonly text: string }
  /** Not read: the file is larger than the limit. */
  | { readonly kind: 'oversize'; readonly size: number }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Analyzes a preset file's content; `maxBytes` is the size limit (bytes over it are reported, not parsed). */
export function analyzePresetContent(
  content: PresetContent,
  options: AnalyzeOptions & { readonly maxBytes?: number } = {},
): PresetAnalysis {
  const maxBytes = options.maxBytes ?? Limits.defaultMaxFileBytes;
  switch (content.kind) {
    case 'bytes':
      return content.bytes.length > maxBytes
        ? oversizeAnalysis(content.bytes.length, maxBytes)
        : analyzePresetBytes(content.bytes, options);
    case 'text':
      return analyzePresetText(content.text, options);
    case 'oversize':
      return oversizeAnalysis(content.size, maxBytes);
    case 'unreadable':
      return unreadableAnalysis(content.reason);
  }
}

/** The analysis of a file too large to read: reported, not parsed. */
export function oversizeAnalysis(sizeInBytes: number, limitInBytes: number): PresetAnalysis {
  // One decimal in the largest unit that keeps it readable: never "0.0 MB" for a small limit.
  const megabytes = (bytes: number): string =>
    bytes >= 0.1 * 1024 * 1024
      ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
      : bytes >= 1024
        ? `${(bytes / 1024).toFixed(1)} KB`
        : `${bytes} bytes`;
  return wholeFileFailure(
    DiagnosticCodes.tooLarge,
    `the file is ${megabytes(sizeInBytes)}, over the ${megabytes(limitInBytes)} limit for preset files; it was not read`,
  );
}

/** The analysis of a file that could not be read at all. */
export function unreadableAnalysis(reason: string): PresetAnalysis {
  return wholeFileFailure(DiagnosticCodes.unreadable, `the file cannot be read (${reason})`);
}

function wholeFileFailure(code: PresetDiagnostic['code'], message: string): PresetAnalysis {
  const start = { line: 0, character: 0 };
  return failed(diagnostic('error', code, [], message, { offset: 0, length: 0, start, end: start }));
}

/** Analyzes bytes read from disk: strict UTF-8 first, then {@link analyzePresetText}. */
export function analyzePresetBytes(bytes: Uint8Array, options: AnalyzeOptions = {}): PresetAnalysis {
  const decoded = decodeUtf8(bytes);
  // decodeUtf8 removed the byte order mark; a second U+FEFF is text, as it is in an editor.
  if (decoded.ok) return analyzeDecodedText(decoded.text, options);
  const position = new LineIndex(decoded.textBefore).positionAt(decoded.textBefore.length);
  const range = {
    offset: decoded.textBefore.length,
    length: 1,
    start: position,
    end: { ...position, character: position.character + 1 },
  };
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const message = utf16
    ? 'the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8'
    : `the file is not valid UTF-8 (byte ${decoded.byteOffset}); save it as UTF-8`;
  return failed(diagnostic('error', DiagnosticCodes.encoding, [], message, range));
}

/** Analyzes the text of a preset file. Never throws; every problem becomes a diagnostic. */
export function analyzePresetText(rawText: string, options: AnalyzeOptions = {}): PresetAnalysis {
  return analyzeDecodedText(stripBom(rawText), options);
}

/** The analysis of text without its byte order mark: offsets and positions are the editor's. */
function analyzeDecodedText(text: string, options: AnalyzeOptions): PresetAnalysis {
  const lines = lazy(() => new LineIndex(text));
  const reading = readJsonText(text, Limits.maxDepth);
  switch (reading.kind) {
    case 'empty':
      return failed(
        diagnostic(
          'error',
          DiagnosticCodes.emptyFile,
          [],
          'the file is empty; a preset looks like {"name": "…", "parameters": {"tp-size": [1, 2]}}',
          lines().rangeAt(0, 0),
        ),
      );
    case 'too-deep':
      return failed(
        diagnostic(
          'error',
          DiagnosticCodes.tooDeep,
          [],
          `nesting deeper than ${Limits.maxDepth} levels; a preset needs only a few`,
          lines().rangeAt(reading.offset, 1),
        ),
      );
    case 'syntax':
      return failed(...syntaxDiagnostics(text, reading.errors, lines()));
  }

  const origin = options.origin ?? 'workspace';
  const checked = checkPresetFile(reading.value, { origin });
  const problems: RuleProblem[] = [...checked.problems];
  if (mayHoldLoneSurrogate(text)) problems.push(...unsavableStrings(reading.value));
  // One search tells whether any number may be written otherwise than it reads: most texts need no more.
  const numbersAsParsed = !mayWriteNumbersOtherwise(text);
  const inexact = numbersAsParsed ? [] : findInexactNumbers(text);
  if (inexact.length) problems.push(...inexactNumberProblems(inexact, problems));
  if (checked.preset && options.rules?.length && !problems.some((p) => p.severity === 'error'))
    problems.push(
      ...extraProblems(checked.preset, options.rules, checked.presetPath, { origin, text, numbersAsParsed }),
    );
  const repeatedKeys = reading.repeatedKeys;

  const preset =
    checked.preset && inexact.length ? withWrittenNumbers(checked.preset, inexact, checked.presetPath) : checked.preset;
  // The usual case: nothing to report, so nothing to locate until someone asks for the name's range.
  if (problems.length === 0 && repeatedKeys.length === 0)
    return new CleanAnalysis(preset, checked.name, checked.category, checked.isEnvelope, text, checked.presetPath);

  const namePath = checked.name !== undefined ? [...checked.presetPath, 'name'] : undefined;
  const diagnostics: PresetDiagnostic[] = [];
  let nameRange: SourceRange | undefined;
  // Locating is one pass for all; beyond the cap, errors are listed first and the rest counted.
  const budget = Limits.maxDiagnostics;
  const listed =
    problems.length <= budget
      ? problems
      : [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
  const wanted = listed.slice(0, budget + 1);
  const located = locatePaths(text, [...(namePath ? [namePath] : []), ...wanted.map((p) => p.path)], {
    untilFound: repeatedKeys.length === 0,
  });
  const name = namePath ? located.shift() : undefined;
  if (name?.exact) nameRange = lines().rangeAt(name.value.offset, name.value.length);
  for (let k = 0; k < Math.min(budget, wanted.length); k++)
    diagnostics.push(problemDiagnostic(wanted[k], located[k], lines()));
  const repeats = repeatedKeys.slice(0, Math.max(0, budget - diagnostics.length));
  for (const repeat of repeats) diagnostics.push(repeatedKeyDiagnostic(repeat, lines()));
  diagnostics.sort((a, b) => a.range.offset - b.range.offset);
  const omitted = problems.length + repeatedKeys.length - diagnostics.length;
  if (omitted > 0) {
    const next = wanted[budget];
    const range = next
      ? problemDiagnostic(next, located[budget], lines()).range
      : repeatedKeyDiagnostic(repeatedKeys[repeats.length], lines()).range;
    diagnostics.push(
      diagnostic(
        next?.severity ?? 'warning',
        DiagnosticCodes.tooMany,
        [],
        `${omitted} more problems in this file are not listed (only the first ${budget} are); fix those first`,
        range,
      ),
    );
  }
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return {
    preset: hasError ? undefined : preset,
    name: checked.name,
    category: checked.category,
    nameRange,
    isEnvelope: checked.isEnvelope,
    diagnostics,
  };
}

/**
 * The analysis of a file with nothing to report. Its name's range is found only when asked (a name clash
 * across files, a rename), from the text it keeps: most files are never asked, and locating is the larger
 * part of analyzing a valid file. Found once, it is the range the eager path finds: same locator, same
 * positions. Every field is set in the constructor, so all such analyses share one shape.
 */
class CleanAnalysis implements PresetAnalysis {
  readonly diagnostics: readonly PresetDiagnostic[] = [];
  /** The text and where the preset is in it, until the name's range is asked for; then undefined. */
  #text: string | undefined;
  #presetPath: JsonPath;
  #nameRange: SourceRange | undefined = undefined;

  constructor(
    readonly preset: Preset | undefined,
    readonly name: string | undefined,
    readonly category: string | undefined,
    readonly isEnvelope: boolean,
    text: string | undefined,
    presetPath: JsonPath,
  ) {
    this.#text = name === undefined ? undefined : text;
    this.#presetPath = presetPath;
  }

  get nameRange(): SourceRange | undefined {
    const text = this.#text;
    if (text !== undefined) {
      this.#text = undefined;
      // Nothing was reported, so no key is written twice: the pass may stop at the name.
      const name = locatePaths(text, [[...this.#presetPath, 'name']], { untilFound: true })[0];
      // No line index: the lines up to the name are counted, once.
      this.#nameRange = name.exact ? rangeInText(text, name.value.offset, name.value.length) : undefined;
    }
    return this.#nameRange;
  }

  /** The same analysis without the preset, its name's range still found only when asked. */
  withoutPreset(): PresetAnalysis {
    const copy = new CleanAnalysis(undefined, this.name, this.category, this.isEnvelope, this.#text, this.#presetPath);
    copy.#nameRange = this.#nameRange;
    return copy;
  }
}

/**
 * The analysis without its preset, for callers that keep only what diagnostics need: the name, its range,
 * the category and the problems.
 */
export function withoutPreset(analysis: PresetAnalysis): PresetAnalysis {
  if (analysis instanceof CleanAnalysis) return analysis.withoutPreset();
  const { name, nameRange, category, isEnvelope, diagnostics } = analysis;
  return { name, nameRange, category, isEnvelope, diagnostics };
}

/** The problems the caller's rules find, their paths from the file's root. A rule that throws is reported, not thrown. */
function extraProblems(
  preset: Preset,
  rules: readonly PresetRule[],
  presetPath: JsonPath,
  context: PresetRuleContext,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    let found: readonly RuleProblem[];
    try {
      found = rule.check(preset, context);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({
        path: [],
        severity: 'warning',
        code: DiagnosticCodes.ruleFailed,
        message: `the check "${rule.id}" failed (${reason}); its problems are not shown`,
      });
      continue;
    }
    // A rule reports positions in the preset's lists; the analysis locates them in the text.
    for (const problem of found)
      problems.push({ ...problem, path: [...presetPath, ...toTextPath(preset, problem.path)] });
  }
  return problems;
}

/** The numbers that do not read as written, but those the rules already refuse (Infinity as a flag's value). */
function inexactNumberProblems(numbers: readonly InexactNumber[], problems: readonly RuleProblem[]): RuleProblem[] {
  const refused = new Set(problems.filter((p) => p.severity === 'error').map((p) => JSON.stringify(p.path)));
  return numbers.filter((number) => !refused.has(JSON.stringify(number.path))).map(inexactNumberProblem);
}

/** A number that does not read as written: a warning at it, saying what it becomes. */
function inexactNumberProblem(number: InexactNumber): RuleProblem {
  const message =
    number.kind === 'integer'
      ? `this integer is too large to keep exactly; it reads as ${number.value}`
      : number.kind === 'overflow'
        ? `${shortNumber(number.source)} is too large for a number; it reads as ${number.value}`
        : `${shortNumber(number.source)} is too small for a number; it reads as 0`;
  return { path: number.path, severity: 'warning', code: DiagnosticCodes.imprecise, message };
}

/** A number as written, cut short when it is very long (a fraction of hundreds of zeros, say). */
function shortNumber(source: string): string {
  return source.length <= 40 ? source : `${source.slice(0, 20)}…${source.slice(-12)}`;
}

/**
 * The preset with the numbers its body writes that read as another, so that a rewrite keeps them as written:
 * by their path in the preset (a repeat the preset drops is left out, its first occurrence kept).
 */
function withWrittenNumbers(preset: Preset, numbers: readonly InexactNumber[], presetPath: JsonPath): Preset {
  const written: WrittenNumber[] = [];
  for (const number of numbers) {
    if (!presetPath.every((segment, i) => number.path[i] === segment)) continue;
    const path = fromTextPath(preset, number.path.slice(presetPath.length));
    if (path) written.push({ path, source: number.source, value: number.value });
  }
  return written.length ? { ...preset, writtenNumbers: written } : preset;
}

/** A problem as a diagnostic, at the key or the value its path names (or, when absent, at the object that lacks it). */
function problemDiagnostic(problem: RuleProblem, location: PathLocation, lines: LineIndex): PresetDiagnostic {
  const prefix = problem.path.length ? `${formatFieldPath(problem.path)}: ` : '';
  let range: SourceRange;
  if (!location.exact) range = lines.rangeAt(location.value.offset, 1);
  else if (problem.target === 'key' && location.key) range = lines.rangeAt(location.key.offset, location.key.length);
  else range = lines.rangeAt(location.value.offset, location.value.length);
  const result = diagnostic(problem.severity, problem.code, problem.path, prefix + problem.message, range);
  return problem.data === undefined ? result : { ...result, data: problem.data };
}

function repeatedKeyDiagnostic(repeat: RepeatedKey, lines: LineIndex): PresetDiagnostic {
  const where = repeat.objectPath.length ? `${formatFieldPath(repeat.objectPath)}: ` : '';
  return diagnostic(
    'warning',
    DiagnosticCodes.duplicateKey,
    repeat.objectPath,
    `${where}key ${JSON.stringify(repeat.key)} appears more than once; only the last one counts`,
    lines.rangeAt(repeat.span.offset, repeat.span.length),
  );
}

/** An escaped surrogate ("\ud83d"): the text may hold half a pair, though a UTF-8 file cannot. */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;

/**
 * True when the parsed strings may hold a lone surrogate: the text escapes a surrogate, or (text from an
 * editor) holds half a pair raw. Surrogates that pair up raw, as in an emoji, need no walk.
 */
function mayHoldLoneSurrogate(text: string): boolean {
  if (text.includes('\\u') && ESCAPED_SURROGATE.test(text)) return true;
  // String.prototype.isWellFormed: Node 20 has it, the ES2022 library types do not.
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

const SYNTAX_HINTS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the property name',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a closing brace }',
  CloseBracketExpected: 'expected a closing bracket ]',
  EndOfFileExpected: 'expected the end of the file after the preset object',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'comment is not closed (missing */)',
  UnexpectedEndOfString: 'string is not closed (missing ")',
  UnexpectedEndOfNumber: 'number is cut off',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character inside a string; write it as an escape such as \\n',
};

/** Characters that are a mistake of a known kind, where "unexpected character" alone would not say what to do. */
const UNEXPECTED_CHARACTER_HINTS: Record<string, string> = {
  "'": 'unexpected single quote; strings and property names take double quotes',
  '\0': 'unexpected NUL character; is this a binary file, or text saved as UTF-16? Save it as UTF-8',
  '\ufeff': 'unexpected byte order mark (U+FEFF); only one may start a file, remove this one',
};

function syntaxDiagnostics(text: string, errors: readonly ParseError[], lines: LineIndex): PresetDiagnostic[] {
  return errors.slice(0, Limits.maxSyntaxErrors).map((error) => {
    const code = printParseErrorCode(error.error);
    const path = safeLocationPath(text, error.offset);
    const prefix = path.length ? `${formatFieldPath(path)}: ` : '';
    const length = error.length > 0 ? error.length : error.offset < text.length ? 1 : 0;
    const hint =
      (code === 'InvalidSymbol' && UNEXPECTED_CHARACTER_HINTS[text.charAt(error.offset)]) || SYNTAX_HINTS[code] || code;
    return diagnostic(
      'error',
      DiagnosticCodes.syntax,
      path,
      `${prefix}syntax error: ${hint}`,
      lines.rangeAt(error.offset, length),
    );
  });
}

/** The field path at an offset, for naming the place of a syntax error; empty when unknown. */
function safeLocationPath(text: string, offset: number): (string | number)[] {
  try {
    const location = getLocation(text, offset);
    // At a property name that is still being typed the path ends with "": drop it.
    const path = location.path.filter((segment, i, all) => !(i === all.length - 1 && segment === ''));
    // After an unclosed string (or in a binary file) the "keys" are fragments of text: name the path only up to them.
    // eslint-disable-next-line no-control-regex
    const garbled = path.findIndex((segment) => typeof segment === 'string' && /["{}[\]\u0000-\u001f]/.test(segment));
    return garbled < 0 ? path : path.slice(0, garbled);
  } catch {
    return [];
  }
}

function diagnostic(
  severity: PresetDiagnostic['severity'],
  code: PresetDiagnostic['code'],
  path: JsonPath,
  message: string,
  range: SourceRange,
): PresetDiagnostic {
  return { severity, code, path: formatFieldPath(path), message, range };
}

function failed(...diagnostics: PresetDiagnostic[]): PresetAnalysis {
  return { isEnvelope: false, diagnostics };
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
