/**
 * Reads one preset file's text: JSONC parsing, validation against the schema and the SPEC's rules,
 * and a diagnostic with an exact range for every problem.
 *
 * Speed matters (workspaces hold thousands of presets), so the common case takes the fast road:
 * `JSON.parse` (native, and safe at any depth; a JSONC file is read by it too, comments blanked), then one
 * walk of the value that settles a plainly valid preset (plainPresetAnalysis). Anything else takes the
 * general path: a walk that counts keys and checks depth, a quick schema check that spares zod when it
 * can, the structure scan only when the text may write a key twice or nests too deep. Problems are located
 * by one pass over the text (pathLocator); jsonc-parser's tree only for syntax errors and repeated keys; a
 * LineIndex only for what is reported. docs/PERFORMANCE.md has the figures.
 */
import { findNodeAtOffset, getNodePath, parseTree, printParseErrorCode, getLocation } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { Limits } from './limits';
import {
  DiagnosticCodes,
  RUNTIMES,
  type DiagnosticCode,
  type Preset,
  type PresetDiagnostic,
  type Runtime,
  type Scalar,
  type Severity,
  type SourceRange,
} from './model';
import {
  CATEGORY_MAX_LENGTH,
  EXPORT_FORMAT_VERSION,
  NAME_MAX_LENGTH,
  PRESET_KEYS,
  SERVER_ASSIGNED_KEYS,
  passesPresetSchemaQuickly,
  presetSchemas,
} from './schema';
import { QUOTE, backslashesBefore, isJsonBlank } from './charCodes';
import { locatePaths, locatedInTree, type LocatedPath } from './pathLocator';
import {
  blankJsoncExtras,
  findNameToken,
  scanOutline,
  scanStructure,
  type DuplicateKey,
  type StructureOutline,
  type Token,
} from './structureScan';
import { LineIndex, decodeUtf8, rangeInText, stripBom } from './text';
import {
  describeJsonValue,
  distinctScalars,
  formatFieldPath,
  formatScalar,
  hasRepeatedScalar,
  isPlainObject,
  jsonNodeValue,
  scalarKey,
} from './values';

/** Where a preset comes from; it decides which keys deserve a warning. */
export type PresetOrigin = 'system' | 'workspace' | 'import';

export interface AnalyzeOptions {
  readonly origin?: PresetOrigin;
  /**
   * For tests: take none of the shortcuts (the one walk for plainly valid presets, locating problems without
   * jsonc-parser's tree), so both roads can be compared.
   */
  readonly generalPathOnly?: boolean;
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

type PathSegment = string | number;

/** A problem found on the parsed value, located later (and only if needed) through the tree. */
interface Issue {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly path: readonly PathSegment[];
  /** Point at the property's key instead of its value. */
  readonly atKey?: boolean;
  readonly detail: string;
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

function wholeFileFailure(code: DiagnosticCode, message: string): PresetAnalysis {
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
  return { isEnvelope: false, diagnostics: [diagnostic('error', DiagnosticCodes.encoding, [], message, range)] };
}

/** Analyzes the text of a preset file. Never throws; every problem becomes a diagnostic. */
export function analyzePresetText(rawText: string, options: AnalyzeOptions = {}): PresetAnalysis {
  return analyzeDecodedText(stripBom(rawText), options);
}

/** The analysis of text without its byte order mark: offsets and positions are the editor's. */
function analyzeDecodedText(text: string, options: AnalyzeOptions): PresetAnalysis {
  const origin = options.origin ?? 'workspace';

  let value: unknown;
  let tree: Node | undefined;
  // The text JSON.parse read: the file, or a JSONC file with its comments and trailing commas blanked.
  // JSON.parse is native and iterative: no depth guard is needed before it, unlike jsonc-parser or the walks below.
  let jsonText: string | undefined = text;
  try {
    value = JSON.parse(text);
  } catch {
    jsonText = blankJsoncExtras(text);
    try {
      if (jsonText !== undefined) value = JSON.parse(jsonText);
    } catch {
      jsonText = undefined;
    }
  }
  // Most files are plainly valid presets: one walk of the value settles them.
  if (jsonText !== undefined && !options.generalPathOnly) {
    const plain = plainPresetAnalysis(text, jsonText, value);
    if (plain !== undefined) return plain;
  }
  const lines = lazy(() => new LineIndex(text));
  // -1 when the value nests too deep, or was not parsed yet.
  let keyCount = jsonText !== undefined ? countKeys(value, 1) : -1;
  let scan: StructureOutline | undefined;
  if (keyCount < 0) {
    scan = scanOutline(text, Limits.maxDepth);
    if (scan.tooDeepAt !== undefined) {
      return failed(
        diagnostic(
          'error',
          DiagnosticCodes.tooDeep,
          [],
          `nesting deeper than ${Limits.maxDepth} levels; a preset needs only a few`,
          lines().rangeAt(scan.tooDeepAt, 1),
        ),
      );
    }
  }

  if (jsonText === undefined) {
    const errors: ParseError[] = [];
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    if (!tree && errors.length === 0) {
      return failed(
        diagnostic(
          'error',
          DiagnosticCodes.emptyFile,
          [],
          'the file is empty; a preset looks like {"name": "…", "parameters": {"tp-size": [1, 2]}}',
          lines().rangeAt(0, 0),
        ),
      );
    }
    if (errors.length > 0) return failed(...syntaxDiagnostics(text, errors, lines()));
    // Not getNodeValue: its null-prototype objects would make a preset with comments differ from the same preset without.
    value = jsonNodeValue(tree!);
    keyCount = countKeys(value, 1);
  }

  let checked: CheckedValue;
  try {
    checked = validatePresetValue(value, origin);
  } catch (error) {
    // Last resort: the schema library recurses per issue, so a pathological file (a million bad tags) can
    // exhaust the stack. Say so instead of throwing: one file must never break the others.
    const reason = error instanceof Error ? error.message : String(error);
    return failed(
      diagnostic(
        'error',
        DiagnosticCodes.tooMany,
        [],
        `the file is too large or complex to check (${reason}); a preset needs far fewer values`,
        lines().rangeAt(0, 1),
      ),
    );
  }
  const issues = [...checked.issues];
  if (mayHoldLoneSurrogate(text)) loneSurrogateIssues(value, [], issues);
  // The value holds one key per repeat. When the text writes no more keys than the value holds, no key
  // repeats (see countKeyColons). Otherwise count the keys written (scanOutline), and look for repeats if they differ.
  let duplicateKeys: readonly DuplicateKey[] = [];
  const noRepeats = scan === undefined && jsonText !== undefined && countKeyColons(jsonText) === keyCount;
  if (!noRepeats) {
    scan ??= scanOutline(text, Limits.maxDepth);
    if (keyCount !== scan.keyCount) duplicateKeys = scanStructure(text, Limits.maxDepth).duplicateKeys;
  }
  let nameToken: Token | undefined;
  if (checked.name !== undefined)
    nameToken = scan
      ? checked.isEnvelope
        ? scan.envelopeName
        : scan.rootName
      : findNameToken(text, checked.isEnvelope);

  const diagnostics: PresetDiagnostic[] = [];
  if (issues.length > 0 || duplicateKeys.length > 0) {
    // Locating costs a walk per issue: beyond the cap, list errors first and count the rest.
    const budget = Limits.maxDiagnostics;
    const listed =
      issues.length <= budget
        ? issues
        : [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
    const located = new Map<Issue, LocatedPath>();
    const wanted = listed.slice(0, budget + 1);
    if (tree === undefined && jsonText !== undefined && duplicateKeys.length === 0 && !options.generalPathOnly) {
      // Text JSON.parse read, no key written twice: one pass over it finds every path, no tree needed.
      const found = locatePaths(
        jsonText,
        wanted.map((i) => i.path),
      );
      wanted.forEach((issue, k) => located.set(issue, found[k]));
    } else {
      tree ??= parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
      for (const issue of wanted) if (tree) located.set(issue, locatedInTree(tree, issue.path));
    }
    for (const issue of listed.slice(0, budget)) diagnostics.push(locate(issue, located.get(issue), lines()));
    const duplicates = duplicateKeys.slice(0, Math.max(0, budget - diagnostics.length));
    for (const duplicate of duplicates) {
      const keyNode = tree && findNodeAtOffset(tree, duplicate.offset);
      const objectPath = keyNode?.parent?.parent ? getNodePath(keyNode.parent.parent) : [];
      const where = objectPath.length ? `${formatFieldPath(objectPath)}: ` : '';
      diagnostics.push(
        diagnostic(
          'warning',
          DiagnosticCodes.duplicateKey,
          objectPath,
          `${where}key ${JSON.stringify(duplicate.key)} appears more than once; only the last one counts`,
          lines().rangeAt(duplicate.offset, duplicate.length),
        ),
      );
    }
    diagnostics.sort((a, b) => a.range.offset - b.range.offset);
    const omitted = issues.length + duplicateKeys.length - diagnostics.length;
    if (omitted > 0) {
      const next = listed[budget];
      const range = next
        ? locate(next, located.get(next), lines()).range
        : lines().rangeAt(duplicateKeys[duplicates.length].offset, duplicateKeys[duplicates.length].length);
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
  }
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return {
    preset: hasError ? undefined : checked.preset,
    name: checked.name,
    category: checked.category,
    // Without diagnostics no LineIndex was built: count lines only up to the name.
    nameRange: nameToken
      ? diagnostics.length > 0
        ? tokenRange(nameToken, lines())
        : rangeInText(text, nameToken.offset, nameToken.length)
      : undefined,
    isEnvelope: checked.isEnvelope,
    diagnostics,
  };
}

/**
 * The analysis of a plainly valid bare preset, in one walk of its value: the keys of the preset schema only,
 * each of the right type, lists of scalars that repeat nothing, no number too large to keep exactly, no
 * repeated key, no lone surrogate, within every limit. Anything else (a warning, an error, an envelope,
 * `metadata.runtime`, a "__proto__" parameter, a name longer than 255 UTF-16 units) returns undefined and
 * the general path decides. When it answers, it answers exactly what the general path would
 * (test/unit/core/fastPaths.test.ts holds it to that). Exported for that test.
 */
export function plainPresetAnalysis(text: string, jsonText: string, value: unknown): PresetAnalysis | undefined {
  if (!isJsonObject(value)) return undefined;
  let keys = 0;
  let name: string | undefined;
  let parameters: Record<string, unknown> | undefined;
  let metadata: Record<string, unknown> | null = null;
  for (const key in value) {
    // for…in also lists inherited keys: should anything have added one to Object.prototype, it is no preset key.
    keys++;
    const item = value[key];
    switch (key) {
      case 'name':
        if (typeof item !== 'string' || item.length > NAME_MAX_LENGTH) return undefined;
        name = item.trim();
        if (name === '') return undefined;
        break;
      case 'description':
      case '$schema':
        if (typeof item !== 'string' && (item !== null || key === '$schema')) return undefined;
        break;
      case 'category':
        if (item !== null && (typeof item !== 'string' || item.length > CATEGORY_MAX_LENGTH)) return undefined;
        break;
      case 'runtime':
        if (item !== null && item !== 'sglang' && item !== 'vllm') return undefined;
        break;
      case 'parameters':
        if (!isJsonObject(item)) return undefined;
        parameters = item;
        break;
      case 'metadata':
        if (item === null) break;
        if (!isJsonObject(item) || !plainMetadata(item)) return undefined;
        metadata = item;
        break;
      default:
        return undefined;
    }
  }
  if (name === undefined || parameters === undefined) return undefined;
  const parameterCount = plainParameterCount(parameters);
  if (parameterCount === 0) return undefined;
  keys += parameterCount;
  if (metadata !== null) {
    const metadataKeys = countKeys(metadata, 2);
    if (metadataKeys < 0) return undefined;
    keys += metadataKeys;
  }
  // No repeated key, no string that cannot be saved as UTF-8.
  if (countKeyColons(jsonText) !== keys) return undefined;
  if (mayHoldLoneSurrogate(text)) return undefined;

  const category = value.category as string | null | undefined;
  const nameToken = findNameToken(text, false);
  return {
    preset: {
      name,
      description: (value.description as string | null | undefined) ?? null,
      category: category ?? null,
      runtime: (value.runtime as Runtime | null | undefined) ?? null,
      // No list repeats a value: the parsed grid is the preset's own, as it is.
      parameters: parameters as Record<string, Scalar[]>,
      metadata,
      extra: {},
    },
    name,
    category: category ?? undefined,
    nameRange: nameToken ? rangeInText(text, nameToken.offset, nameToken.length) : undefined,
    isEnvelope: false,
    diagnostics: [],
  };
}

/** Metadata the schema takes as it is: no runtime (which the general path weighs against the top-level one). */
function plainMetadata(metadata: Record<string, unknown>): boolean {
  const { author, tags, recommended_for: recommendedFor, runtime } = metadata;
  if (runtime !== undefined) return false;
  if (author !== undefined && typeof author !== 'string') return false;
  if (tags !== undefined && !isStringList(tags)) return false;
  return recommendedFor === undefined || typeof recommendedFor === 'string' || isStringList(recommendedFor);
}

/**
 * The number of parameters of a plainly valid grid, or 0 when it is not one: each a non-empty list of
 * scalars, without repeats or numbers too large to keep exactly, all within the limits.
 */
function plainParameterCount(parameters: Record<string, unknown>): number {
  let count = 0;
  let values = 0;
  for (const key in parameters) {
    // zod's record skips "__proto__": the general path checks such a list itself.
    if (key === '' || key === '__proto__') return 0;
    const list = parameters[key];
    if (!Array.isArray(list)) return 0;
    const length = list.length;
    if (length === 0 || length > Limits.maxValuesPerParameter) return 0;
    for (let i = 0; i < length; i++) {
      const item: unknown = list[i];
      switch (typeof item) {
        case 'string':
        case 'boolean':
          break;
        case 'number':
          if (!Number.isFinite(item) || (Number.isInteger(item) && !Number.isSafeInteger(item))) return 0;
          break;
        default:
          if (item !== null) return 0;
      }
    }
    if (hasRepeatedScalar(list as Scalar[])) return 0;
    values += length;
    count++;
  }
  return count > Limits.maxParameters || values > Limits.maxValues ? 0 : count;
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** An object as `JSON.parse` makes it: not null, not a list, with the ordinary prototype. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

interface CheckedValue {
  readonly issues: readonly Issue[];
  readonly preset?: Preset;
  readonly name?: string;
  readonly category?: string;
  readonly isEnvelope: boolean;
}

const SERVER_KEY_REASONS: Record<string, string> = {
  is_system: 'ignored; only presets bundled with the extension are system presets',
  id: 'ignored; the autotuner assigns ids',
  created_at: 'ignored; the autotuner sets timestamps',
  updated_at: 'ignored; the autotuner sets timestamps',
};

/**
 * Validates a parsed JSON value as a preset file (bare preset, export envelope or autotuner API object).
 * The preset it returns shares the value's lists and objects: pass a value of your own (as parsing makes).
 */
export function validatePresetValue(value: unknown, origin: PresetOrigin = 'workspace'): CheckedValue {
  if (!isPlainObject(value)) {
    return {
      isEnvelope: false,
      issues: [
        issue(
          'error',
          DiagnosticCodes.notAnObject,
          [],
          `expected a preset object such as {"name": "…", "parameters": {…}}, got ${describeJsonValue(value)}`,
        ),
      ],
    };
  }
  const issues: Issue[] = [];
  const isEnvelope = 'preset' in value && !('name' in value) && !('parameters' in value);
  let body: unknown = value;
  const base: PathSegment[] = [];
  if (isEnvelope) {
    if (value.version !== EXPORT_FORMAT_VERSION) {
      const got = typeof value.version === 'string' ? JSON.stringify(value.version) : describeJsonValue(value.version);
      issues.push(
        issue(
          'warning',
          DiagnosticCodes.envelopeVersion,
          ['version'],
          `expected "${EXPORT_FORMAT_VERSION}", got ${got}; reading it as ${EXPORT_FORMAT_VERSION}`,
          value.version === undefined,
        ),
      );
    }
    for (const key of Object.keys(value)) {
      if (key !== 'version' && key !== 'preset') {
        issues.push(
          issue('warning', DiagnosticCodes.unknownKey, [key], 'not part of the export format; ignored', true),
        );
      }
    }
    body = value.preset;
    base.push('preset');
    if (!isPlainObject(body)) {
      issues.push(
        issue('error', DiagnosticCodes.notAnObject, base, `expected a preset object, got ${describeJsonValue(body)}`),
      );
      return { isEnvelope, issues };
    }
  }
  const preset = body as Record<string, unknown>;
  const name = typeof preset.name === 'string' && preset.name.trim() !== '' ? preset.name.trim() : undefined;
  const category = typeof preset.category === 'string' ? preset.category : undefined;

  const parameters = isPlainObject(preset.parameters) ? preset.parameters : undefined;
  const parametersPath = [...base, 'parameters'];
  const oversized = parameters ? sizeIssues(parameters, parametersPath) : [];
  if (oversized.length > 0) return { isEnvelope, issues: [...issues, ...oversized], name, category };

  // The quick check spares zod (the larger part of validating) when the preset is plainly valid.
  if (!passesPresetSchemaQuickly(preset)) {
    const parsed = presetSchemas().presetFile.safeParse(preset);
    if (!parsed.success) {
      for (const zodIssue of parsed.error.issues) issues.push(fromZodIssue(zodIssue, base));
    }
  }
  if (parameters && Object.prototype.hasOwnProperty.call(parameters, '__proto__'))
    checkProtoParameter(parameters, base, issues);

  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(preset)) {
    if (PRESET_KEYS.has(key)) continue;
    if (SERVER_ASSIGNED_KEYS.has(key)) {
      if (origin === 'workspace')
        issues.push(issue('warning', DiagnosticCodes.ignoredKey, [...base, key], SERVER_KEY_REASONS[key], true));
      continue;
    }
    issues.push(
      issue('warning', DiagnosticCodes.unknownKey, [...base, key], 'not a preset field; kept as it is', true),
    );
    defineProperty(extra, key, preset[key]);
  }

  const runtime = effectiveRuntime(preset, base, issues);
  const repeating = parameters ? checkParameterLists(parameters, parametersPath, issues) : undefined;

  if (issues.some((i) => i.severity === 'error')) return { isEnvelope, issues, name, category };
  const normalized: Preset = {
    name: name!,
    description: (preset.description as string | null | undefined) ?? null,
    category: (preset.category as string | null | undefined) ?? null,
    runtime,
    parameters: distinctLists(parameters!, repeating),
    metadata: (preset.metadata as Record<string, unknown> | null | undefined) ?? null,
    extra,
  };
  return { isEnvelope, issues, name, category, preset: normalized };
}

function effectiveRuntime(preset: Record<string, unknown>, base: PathSegment[], issues: Issue[]): Runtime | null {
  const topLevel = preset.runtime;
  const metadata = isPlainObject(preset.metadata) ? preset.metadata : undefined;
  const nested = metadata?.runtime;
  const isRuntime = (v: unknown): v is Runtime | null => v === null || (RUNTIMES as readonly unknown[]).includes(v);
  if (nested !== undefined) {
    const path = [...base, 'metadata', 'runtime'];
    if (!isRuntime(nested)) {
      const got = typeof nested === 'string' ? JSON.stringify(nested) : describeJsonValue(nested);
      if (topLevel === undefined)
        issues.push(
          issue('error', DiagnosticCodes.invalidValue, path, `expected "sglang", "vllm" or null, got ${got}`),
        );
      else
        issues.push(
          issue(
            'warning',
            DiagnosticCodes.runtimeMismatch,
            path,
            `${got} is not a runtime; ignored, the top-level runtime applies`,
          ),
        );
    } else if (topLevel !== undefined && isRuntime(topLevel) && topLevel !== nested) {
      issues.push(
        issue(
          'warning',
          DiagnosticCodes.runtimeMismatch,
          path,
          `${JSON.stringify(nested)} differs from runtime ${JSON.stringify(topLevel)}; the top-level runtime wins`,
        ),
      );
    }
  }
  if (topLevel !== undefined) return isRuntime(topLevel) ? topLevel : null;
  return isRuntime(nested) ? nested : null;
}

/**
 * Too many parameters or values. Such a file is reported for its size alone and not checked value by
 * value: that would take long, flood the Problems panel and can overflow the schema library's stack.
 */
function sizeIssues(parameters: Record<string, unknown>, path: PathSegment[]): Issue[] {
  const keys = Object.keys(parameters);
  if (keys.length > Limits.maxParameters) {
    return [
      issue(
        'error',
        DiagnosticCodes.tooMany,
        path,
        `${keys.length} parameters is more than the ${Limits.maxParameters} a preset may hold`,
      ),
    ];
  }
  const issues: Issue[] = [];
  let total = 0;
  for (const key of keys) {
    const list = parameters[key];
    if (!Array.isArray(list)) continue;
    total += list.length;
    if (list.length > Limits.maxValuesPerParameter) {
      issues.push(
        issue(
          'error',
          DiagnosticCodes.tooMany,
          [...path, key],
          `${list.length} values is more than the ${Limits.maxValuesPerParameter} a list may hold`,
        ),
      );
    }
  }
  if (issues.length === 0 && total > Limits.maxValues) {
    issues.push(
      issue(
        'error',
        DiagnosticCodes.tooMany,
        path,
        `${total} values in all is more than the ${Limits.maxValues} a preset may hold`,
      ),
    );
  }
  return issues;
}

/**
 * The grid of a valid preset: each list without its repeats. Lists that repeat nothing are taken as they
 * are (the parsed value is the analysis' own), saving a copy of every list of every file.
 */
function distinctLists(
  parameters: Record<string, unknown>,
  repeating: ReadonlySet<string> | undefined,
): Record<string, Scalar[]> {
  const grid: Record<string, Scalar[]> = {};
  for (const key of Object.keys(parameters)) {
    const list = parameters[key] as Scalar[];
    const distinct = repeating?.has(key) ? distinctScalars(list) : list;
    // Plain assignment of "__proto__" would change the prototype instead of adding the key.
    if (key === '__proto__') defineProperty(grid, key, distinct);
    else grid[key] = distinct;
  }
  return grid;
}

/** Warnings about the values of the lists. Returns the parameters whose list repeats a value, if any. */
function checkParameterLists(
  parameters: Record<string, unknown>,
  path: PathSegment[],
  issues: Issue[],
): Set<string> | undefined {
  let repeating: Set<string> | undefined;
  for (const key of Object.keys(parameters)) {
    const list = parameters[key];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const value: unknown = list[index];
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
        issues.push(
          issue(
            'warning',
            DiagnosticCodes.imprecise,
            [...path, key, index],
            `this integer is too large to keep exactly; it reads as ${value}`,
          ),
        );
      }
    }
    // Look closer only when a value repeats. (Objects and lists, errors of their own, never equal anything here.)
    if (!hasRepeatedScalar(list as Scalar[])) continue;
    (repeating ??= new Set()).add(key);
    const seen = new Map<string, number>();
    list.forEach((value: unknown, index) => {
      if (value !== null && typeof value === 'object') return;
      const valueKey = scalarKey(value as Scalar);
      const first = seen.get(valueKey);
      if (first === undefined) seen.set(valueKey, index);
      else
        issues.push(
          issue(
            'warning',
            DiagnosticCodes.duplicateValue,
            [...path, key, index],
            `${formatScalar(value as Scalar)} is already in this list (position ${first + 1}); the repeat is ignored`,
          ),
        );
    });
  }
  return repeating;
}

/** An escaped surrogate ("\ud83d"): the text may hold half a pair, though a UTF-8 file cannot. */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;
const RAW_SURROGATE = /[\ud800-\udfff]/;

/**
 * True when the parsed strings may hold a lone surrogate: the text escapes a surrogate, or (text from an
 * editor) holds half a pair raw. Surrogates that pair up raw, as in an emoji, need no walk.
 */
function mayHoldLoneSurrogate(text: string): boolean {
  if (text.includes('\\u') && ESCAPED_SURROGATE.test(text)) return true;
  const isWellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return isWellFormed ? !isWellFormed.call(text) : RAW_SURROGATE.test(text);
}

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Strings (keys included) holding a lone surrogate: no character, so no UTF-8 file or autotuner database can hold it. */
function loneSurrogateIssues(value: unknown, path: PathSegment[], issues: Issue[]): void {
  const describe = (text: string): string => {
    const unit = LONE_SURROGATE.exec(text)![0].charCodeAt(0).toString(16);
    return `holds a lone surrogate (\\u${unit}), half of a character that cannot be saved as UTF-8; write the whole character or remove the escape`;
  };
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) issues.push(issue('error', DiagnosticCodes.encoding, path, describe(value)));
  } else if (Array.isArray(value)) {
    value.forEach((element, index) => loneSurrogateIssues(element, [...path, index], issues));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (LONE_SURROGATE.test(key))
        issues.push(issue('error', DiagnosticCodes.encoding, [...path, key], `the key ${describe(key)}`, true));
      loneSurrogateIssues(value[key], [...path, key], issues);
    }
  }
}

/**
 * zod's record skips a "__proto__" key (to keep prototypes safe), so it never checks that parameter's list,
 * and a grid holding only that key looks empty to it. Check the list here, and drop the false "empty".
 */
function checkProtoParameter(parameters: Record<string, unknown>, base: PathSegment[], issues: Issue[]): void {
  const path = [...base, 'parameters'];
  const falseEmpty = issues.findIndex(
    (i) =>
      i.path.length === path.length &&
      i.path.every((segment, k) => segment === path[k]) &&
      i.detail.startsWith('expected at least one parameter'),
  );
  if (falseEmpty >= 0) issues.splice(falseEmpty, 1);
  const list = presetSchemas().parameterValues.safeParse(parameters['__proto__']);
  if (!list.success)
    for (const zodIssue of list.error.issues)
      issues.push(fromZodIssue({ ...zodIssue, path: ['parameters', '__proto__', ...zodIssue.path] }, base));
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly issues?: readonly ZodIssueLike[];
}

const MISSING_FIELD_HINTS: Record<string, string> = {
  name: 'missing; every preset needs a name',
  parameters: 'missing; a preset needs at least one parameter, e.g. "parameters": {"tp-size": [1, 2]}',
};

function fromZodIssue(zodIssue: ZodIssueLike, base: PathSegment[]): Issue {
  const relative = zodIssue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  const path = [...base, ...relative];
  const inParameters = relative[0] === 'parameters';
  if (zodIssue.code === 'invalid_key') {
    return issue('error', DiagnosticCodes.invalidValue, path, zodIssue.issues?.[0]?.message ?? zodIssue.message, true);
  }
  if (zodIssue.message === 'missing') {
    const field = String(relative[relative.length - 1]);
    return issue('error', DiagnosticCodes.missingField, path, MISSING_FIELD_HINTS[field] ?? 'missing');
  }
  let code: DiagnosticCode = DiagnosticCodes.invalidType;
  if (inParameters && relative.length === 2) {
    code = zodIssue.code === 'too_small' ? DiagnosticCodes.emptyList : DiagnosticCodes.notAList;
  } else if (zodIssue.code !== 'invalid_type' && zodIssue.code !== 'invalid_union') {
    code = DiagnosticCodes.invalidValue;
  }
  return issue('error', code, path, zodIssue.message);
}

function issue(
  severity: Severity,
  code: DiagnosticCode,
  path: readonly PathSegment[],
  detail: string,
  atKey = false,
): Issue {
  return { severity, code, path, detail, atKey };
}

/** Turns an issue into a diagnostic, pointing at the node its path names (or the nearest that exists). */
function locate(found: Issue, located: LocatedPath | undefined, lines: LineIndex): PresetDiagnostic {
  const prefix = found.path.length ? `${formatFieldPath(found.path)}: ` : '';
  let range = lines.rangeAt(0, 0);
  if (located) {
    if (located.exact && found.atKey && located.key) range = lines.rangeAt(located.key.offset, located.key.length);
    else if (located.exact) range = lines.rangeAt(located.offset, located.length);
    // The field is missing: point at the opening brace of the object that should hold it.
    else range = lines.rangeAt(located.offset, 1);
  }
  return diagnostic(found.severity, found.code, found.path, prefix + found.detail, range);
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
function safeLocationPath(text: string, offset: number): PathSegment[] {
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

function tokenRange(token: Token, lines: LineIndex): SourceRange {
  return lines.rangeAt(token.offset, token.length);
}

function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  path: readonly PathSegment[],
  message: string,
  range: SourceRange,
): PresetDiagnostic {
  return { severity, code, path: formatFieldPath(path), message, range };
}

function failed(...diagnostics: PresetDiagnostic[]): PresetAnalysis {
  return { isEnvelope: false, diagnostics };
}

function defineProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would change the prototype instead of keeping the key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * How many keys the objects of a parsed JSON value hold, all levels together; -1 when it nests deeper than
 * Limits.maxDepth (counted like the structure scan: the outermost object or list is at depth 1).
 */
function countKeys(value: unknown, depth: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth > Limits.maxDepth) return -1;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null || typeof item !== 'object') continue;
      const inner = countKeys(item, depth + 1);
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  for (const key of Object.keys(value)) {
    count++;
    const item = (value as Record<string, unknown>)[key];
    if (item === null || typeof item !== 'object') continue;
    const inner = countKeys(item, depth + 1);
    if (inner < 0) return -1;
    count += inner;
  }
  return count;
}

/**
 * An upper bound of the keys written in JSON text (comments blanked): the colons whose nearest non-blank
 * character before them is a quote that no backslash escapes. Every key's colon is such a colon; a colon in a
 * string is one only when nothing but blanks stands between it and the string's opening quote (`": …"`),
 * which counts one too many, never too few. So a count equal to the keys of the parsed value proves that
 * no key is written twice. One pass of indexOf: no walk of the value's strings, which in a large file of
 * long values (JSON overrides hold colons) cost more than this.
 */
export function countKeyColons(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    let i = at - 1;
    while (isJsonBlank(text.charCodeAt(i))) i--;
    if (text.charCodeAt(i) === QUOTE && backslashesBefore(text, i) % 2 === 0) count++;
  }
  return count;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
