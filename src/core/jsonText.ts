/**
 * JSON with comments (JSONC) as text: reading it into a value, and finding where a path is written.
 *
 * jsonc-parser does the lexing and the error reporting. Its recursive parser is slower than the native
 * `JSON.parse`, so text is read by `JSON.parse` whenever it can be: strict JSON as it is, JSONC once one pass
 * of jsonc-parser's scanner has blanked its comments and trailing commas (offsets unchanged). Only text that
 * fails both is handed to jsonc-parser's parser, for its errors.
 */
import * as jsonc from 'jsonc-parser';
import { createScanner, parseTree, visit, type ParseError } from 'jsonc-parser';
import { jsonNodeValue } from './values';

/**
 * jsonc-parser's token kinds and scanner errors. Its types declare them as const enums, which a module
 * compiled on its own (isolatedModules) may not read; the package exports them as objects too, read here
 * with their types.
 */
type EnumObject<E> = { readonly [K in keyof E]: E[K] };
const Token = (jsonc as unknown as { SyntaxKind: EnumObject<typeof jsonc.SyntaxKind> }).SyntaxKind;
const ScanError = (jsonc as unknown as { ScanError: EnumObject<typeof jsonc.ScanError> }).ScanError;
type Token = jsonc.SyntaxKind;

export type PathSegment = string | number;
/** A field path: object keys and list positions, e.g. `["parameters", "tp-size", 1]`. */
export type JsonPath = readonly PathSegment[];

/** A span of the text, in UTF-16 code units. */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

/** Where a path is written. */
export interface PathLocation {
  /** False when the path does not exist; then `value` is the deepest node it reaches (say, the object lacking a key). */
  readonly exact: boolean;
  /** The value's token or, for an object or a list, its brackets and all between (strings with their quotes). */
  readonly value: TextSpan;
  /** The key of the property whose value it is; absent for the root and for list items. */
  readonly key?: TextSpan;
  /** The value as written, e.g. `1.0` or `"a\u0062"`, where the parsed value says only 1 or "ab". */
  readonly source: string;
}

/** A key written again in the same object: `JSON.parse` keeps the last one. */
export interface RepeatedKey {
  readonly key: string;
  /** The repeated key's string token, quotes included. */
  readonly span: TextSpan;
  /** The path of the object that holds it. */
  readonly objectPath: JsonPath;
}

/** The text read, or why it cannot be. */
export type JsonReading =
  | { readonly kind: 'value'; readonly value: unknown; readonly repeatedKeys: readonly RepeatedKey[] }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-deep'; readonly offset: number }
  | { readonly kind: 'syntax'; readonly errors: readonly ParseError[] };

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true } as const;

/**
 * Reads JSONC text. Objects and lists nest at most `maxDepth` levels: deeper, the text is refused before any
 * recursive code sees it. The value is built as `JSON.parse` builds it: ordinary objects, `"__proto__"` an
 * own key, the last of repeated keys.
 */
export function readJsonText(text: string, maxDepth: number): JsonReading {
  let value: unknown;
  // The colons the text writes outside strings and comments, once the scanner has counted them.
  let colons: number | undefined;
  let strict = true;
  try {
    value = JSON.parse(text);
  } catch {
    strict = false;
    const scan = scanTokens(text, maxDepth);
    if (scan.tooDeepAt !== undefined) return { kind: 'too-deep', offset: scan.tooDeepAt };
    colons = scan.colons;
    const parsed = scan.strictText !== undefined ? parseOrUndefined(scan.strictText) : undefined;
    if (parsed === undefined) {
      const errors: ParseError[] = [];
      const tree = parseTree(text, errors, PARSE_OPTIONS);
      if (errors.length > 0) return { kind: 'syntax', errors };
      if (!tree) return { kind: 'empty' };
      // jsonc-parser read what JSON.parse of the blanked text did not: take its value, and count keys anew.
      value = jsonNodeValue(tree);
      colons = undefined;
    } else {
      value = parsed.value;
    }
  }
  const keys = countKeys(value, 1, maxDepth);
  if (keys < 0) return { kind: 'too-deep', offset: scanTokens(text, maxDepth).tooDeepAt ?? 0 };
  // The parsed value holds each repeated key once: a text that writes no more keys than it holds repeats none.
  const written = colons ?? (strict ? countKeyColons(text) : Infinity);
  return { kind: 'value', value, repeatedKeys: written === keys ? [] : findRepeatedKeys(text) };
}

/** True when objects and lists in the text nest deeper than `maxDepth` (a tree parse of it would recurse that deep). */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  return scanTokens(text, maxDepth).tooDeepAt !== undefined;
}

function parseOrUndefined(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

interface TokenScan {
  /** The offset of the first bracket nested deeper than the limit; the scan stops there. */
  readonly tooDeepAt?: number;
  /** The colons outside strings and comments: one per key, in text that parses. */
  readonly colons: number;
  /**
   * The text with comments and trailing commas as spaces (line breaks kept, so every offset, line and column
   * stays): what `JSON.parse` can read. Undefined when there is nothing to blank, or when the scanner found an
   * error (an unclosed comment, say), which jsonc-parser must report.
   */
  readonly strictText?: string;
}

/** One pass of jsonc-parser's scanner over the text. */
function scanTokens(text: string, maxDepth: number): TokenScan {
  const scanner = createScanner(text, false);
  const blanks: TextSpan[] = [];
  let depth = 0;
  let colons = 0;
  let scanError = false;
  // The last two tokens that are not trivia: a comma is trailing when a value ends before it and a bracket closes after.
  let previous: Token = Token.Unknown;
  let beforePrevious: Token = Token.Unknown;
  let previousOffset = -1;
  for (let token = scanner.scan(); token !== Token.EOF; token = scanner.scan()) {
    if (scanner.getTokenError() !== ScanError.None) scanError = true;
    const offset = scanner.getTokenOffset();
    switch (token) {
      case Token.Trivia:
      case Token.LineBreakTrivia:
        continue;
      case Token.LineCommentTrivia:
      case Token.BlockCommentTrivia:
        blanks.push({ offset, length: scanner.getTokenLength() });
        continue;
      case Token.OpenBraceToken:
      case Token.OpenBracketToken:
        if (++depth > maxDepth) return { tooDeepAt: offset, colons };
        break;
      case Token.CloseBraceToken:
      case Token.CloseBracketToken:
        depth--;
        if (previous === Token.CommaToken && endsValue(beforePrevious))
          blanks.push({ offset: previousOffset, length: 1 });
        break;
      case Token.ColonToken:
        colons++;
        break;
    }
    beforePrevious = previous;
    previous = token;
    previousOffset = offset;
  }
  if (scanError || blanks.length === 0) return { colons };
  // A trailing comma is found after the comments that follow it: put the spans back in text order.
  blanks.sort((a, b) => a.offset - b.offset);
  const pieces: string[] = [];
  let at = 0;
  for (const { offset, length } of blanks) {
    pieces.push(text.slice(at, offset), text.slice(offset, offset + length).replace(/[^\r\n]/g, ' '));
    at = offset + length;
  }
  pieces.push(text.slice(at));
  return { colons, strictText: pieces.join('') };
}

function endsValue(token: Token): boolean {
  switch (token) {
    case Token.StringLiteral:
    case Token.NumericLiteral:
    case Token.TrueKeyword:
    case Token.FalseKeyword:
    case Token.NullKeyword:
    case Token.CloseBraceToken:
    case Token.CloseBracketToken:
      return true;
    default:
      return false;
  }
}

/**
 * How many keys the objects of a parsed value hold, all levels together; -1 when it nests deeper than
 * `maxDepth` (the outermost object or list is at depth 1).
 */
function countKeys(value: unknown, depth: number, maxDepth: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth > maxDepth) return -1;
  let count = 0;
  // Indexed loops and for…in, no iterators and no arrays made: run once per file, just after the file is
  // parsed, they are the cheapest walk of a new value (docs/PERFORMANCE.md).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const inner = item !== null && typeof item === 'object' ? countKeys(item, depth + 1, maxDepth) : 0;
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  // for…in would also list a key someone added to Object.prototype: that counts one key too many, so the
  // proof fails and the repeats are looked for in the text, which finds none. Never a wrong answer.
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const inner = item !== null && typeof item === 'object' ? countKeys(item, depth + 1, maxDepth) : 0;
    if (inner < 0) return -1;
    count += inner + 1;
  }
  return count;
}

/**
 * An upper bound of the keys written in strict JSON text: the colons whose nearest non-blank character before
 * them is a quote no backslash escapes. Every key's colon is one; a colon inside a string is one only right
 * after the string's opening quote (`": …"`), which counts too many, never too few. So a count equal to the
 * keys of the parsed value proves that no key is written twice.
 *
 * The one hand-written pass over JSON text here: it jumps from colon to colon with indexOf, where a pass of
 * jsonc-parser's scanner visits every character, which for thousands of files costs the index more than
 * everything else it does beyond reading and parsing them (docs/PERFORMANCE.md).
 */
function countKeyColons(json: string): number {
  let count = 0;
  for (let at = json.indexOf(':'); at >= 0; at = json.indexOf(':', at + 1)) {
    let i = at - 1;
    for (let c = json.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = json.charCodeAt(i)) i--;
    if (json.charCodeAt(i) !== 0x22 /* " */) continue;
    let backslashes = 0;
    while (json.charCodeAt(i - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

/** Keys written twice in one object, each repeat where it is written. For text jsonc-parser reads without error. */
function findRepeatedKeys(text: string): RepeatedKey[] {
  const keysOfOpenObjects: Set<string>[] = [];
  const repeated: RepeatedKey[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        keysOfOpenObjects.push(new Set());
      },
      onObjectEnd: () => {
        keysOfOpenObjects.pop();
      },
      onObjectProperty: (key, offset, length, _line, _character, pathSupplier) => {
        const keys = keysOfOpenObjects[keysOfOpenObjects.length - 1];
        if (!keys.has(key)) keys.add(key);
        else repeated.push({ key, span: { offset, length }, objectPath: pathSupplier() });
      },
    },
    PARSE_OPTIONS,
  );
  return repeated;
}

/**
 * One step of the wanted paths, and where the text writes it once found. Every field is there from the start
 * (see {@link newStep}).
 */
interface Step {
  children: Map<PathSegment, Step> | undefined;
  /** A path ends here. */
  wanted: boolean;
  found: boolean;
  value: TextSpan;
  key: TextSpan | undefined;
}

/** Where `path` is written in `text` (see {@link locatePaths}). */
export function locatePath(text: string, path: JsonPath): PathLocation {
  return locatePaths(text, [path])[0];
}

/**
 * Where each path is written in JSON or JSONC text, found in one pass of jsonc-parser's scanner that descends
 * only into the values a path goes through. A key written twice counts as `JSON.parse` counts it: the last one.
 * With `untilFound`, the pass stops once every path is found: right only when no key is written twice, and
 * what makes finding a preset's name cheap. On text with syntax errors, a best effort; it never throws.
 */
export function locatePaths(
  text: string,
  paths: readonly JsonPath[],
  options: { readonly untilFound?: boolean } = {},
): PathLocation[] {
  const root = newStep();
  let wanted = 0;
  for (const path of paths) {
    let step = root;
    for (const segment of path) {
      step.children ??= new Map();
      let child = step.children.get(segment);
      if (child === undefined) step.children.set(segment, (child = newStep()));
      step = child;
    }
    if (!step.wanted) wanted++;
    step.wanted = true;
  }
  const scanner = createScanner(text, true);
  scanner.scan();
  // The current token; a call, so that no check of it outlives the advance() after it.
  const token = (): Token => scanner.getToken();
  // The end of the last token consumed.
  let end = 0;
  // Set once every path is found (untilFound): the walk unwinds without reading further.
  let done = false;
  let left = options.untilFound ? wanted : Infinity;

  const advance = (): void => {
    end = scanner.getTokenOffset() + scanner.getTokenLength();
    scanner.scan();
  };
  const value = (step: Step | undefined): void => {
    const start = scanner.getTokenOffset();
    if (step?.children && token() === Token.OpenBraceToken) walkObject(step.children);
    else if (step?.children && token() === Token.OpenBracketToken) walkArray(step.children);
    else skipValue();
    if (step === undefined) return;
    step.found = true;
    step.value = { offset: start, length: Math.max(0, end - start) };
    if (step.wanted && --left === 0) done = true;
  };
  const walkObject = (children: Map<PathSegment, Step>): void => {
    advance();
    while (!done && token() !== Token.CloseBraceToken && token() !== Token.EOF) {
      if (token() !== Token.StringLiteral) {
        if (startsValue(token())) skipValue();
        else advance();
        continue;
      }
      const key = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
      const child = children.get(scanner.getTokenValue());
      advance();
      if (token() === Token.ColonToken) advance();
      if (child) {
        forget(child);
        child.key = key;
      }
      value(child);
    }
    if (token() === Token.CloseBraceToken) advance();
  };
  const walkArray = (children: Map<PathSegment, Step>): void => {
    advance();
    for (let index = 0; !done && token() !== Token.CloseBracketToken && token() !== Token.EOF;) {
      if (startsValue(token())) value(children.get(index++));
      else advance();
    }
    if (token() === Token.CloseBracketToken) advance();
  };
  const skipValue = (): void => {
    if (!startsValue(token())) return;
    if (token() !== Token.OpenBraceToken && token() !== Token.OpenBracketToken) return advance();
    let depth = 0;
    do {
      if (token() === Token.OpenBraceToken || token() === Token.OpenBracketToken) depth++;
      else if (token() === Token.CloseBraceToken || token() === Token.CloseBracketToken) depth--;
      advance();
    } while (depth > 0 && token() !== Token.EOF);
  };

  if (startsValue(token())) value(root);
  return paths.map((path) => {
    let step = root;
    let exact = root.found;
    for (const segment of path) {
      const child = step.children?.get(segment);
      if (!child?.found) {
        exact = false;
        break;
      }
      step = child;
    }
    const { offset, length } = step.value;
    return { exact, value: step.value, key: step.key, source: text.slice(offset, offset + length) };
  });
}

/**
 * A step made with all its fields, never one added later: an object given a field after it is made takes a
 * shape V8 may drop at a full garbage collection, and then the locator's optimized code is thrown away and
 * compiled again; the index runs it once per file, so that cost recurs through the whole run.
 */
function newStep(): Step {
  return { children: undefined, wanted: false, found: false, value: { offset: 0, length: 0 }, key: undefined };
}

/** A key seen again: what was found under its earlier value no longer counts (the last one does, as in `JSON.parse`). */
function forget(step: Step): void {
  step.found = false;
  step.key = undefined;
  if (step.children) for (const child of step.children.values()) forget(child);
}

function startsValue(token: Token): boolean {
  switch (token) {
    case Token.OpenBraceToken:
    case Token.OpenBracketToken:
    case Token.StringLiteral:
    case Token.NumericLiteral:
    case Token.TrueKeyword:
    case Token.FalseKeyword:
    case Token.NullKeyword:
      return true;
    default:
      return false;
  }
}

/**
 * What to delete to remove the member or list item written from `start` to `end` (a key through its value, or
 * a value) with one comma next to it, so that the rest stays valid JSONC: the comma after it and the blanks up
 * to what follows, else (the last one) the comma before it. A comment between the item and that comma stays.
 */
export function memberRemoval(text: string, start: number, end: number): TextSpan[] {
  const scanner = createScanner(text, false);
  scanner.setPosition(end);
  let token = scanner.scan();
  let commented = false;
  for (; isTrivia(token); token = scanner.scan()) commented ||= isComment(token);
  if (token === Token.CommaToken) {
    const comma = scanner.getTokenOffset();
    if (!commented) return [{ offset: start, length: comma + 1 + leadingBlanks(text, comma + 1) - start }];
    // `false /* off */, true`: the item goes with the blanks before the comment, the comma with those before
    // it on its line (never a line break, which ends a line comment).
    const gap = text.slice(end, comma);
    const before = /[ \t]*$/.exec(gap)![0].length;
    return [
      { offset: start, length: end + leadingBlanks(gap, 0) - start },
      { offset: comma - before, length: before + 1 },
    ];
  }
  const comma = previousComma(text, start);
  if (comma === undefined) return [{ offset: start, length: end - start }];
  const gap = text.slice(comma + 1, start);
  // Only blanks between the comma and the item: the comma goes with them.
  if (!gap.includes('/')) return [{ offset: comma, length: end - comma }];
  // `true, /* on */ false`: the comma goes, and the item with the blanks before it on its line.
  const before = /[ \t]*$/.exec(gap)![0].length;
  return [
    { offset: comma, length: 1 },
    { offset: start - before, length: end - start + before },
  ];
}

/** The offset of the comma that is the last token before `offset`; undefined when that token is no comma. */
function previousComma(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, false);
  let last: Token = Token.Unknown;
  let lastOffset = -1;
  for (let token = scanner.scan(); token !== Token.EOF && scanner.getTokenOffset() < offset; token = scanner.scan()) {
    if (isTrivia(token)) continue;
    last = token;
    lastOffset = scanner.getTokenOffset();
  }
  return last === Token.CommaToken ? lastOffset : undefined;
}

function isTrivia(token: Token): boolean {
  return token === Token.Trivia || token === Token.LineBreakTrivia || isComment(token);
}

function isComment(token: Token): boolean {
  return token === Token.LineCommentTrivia || token === Token.BlockCommentTrivia;
}

/** How many blanks (spaces, tabs, line breaks) the text has from `offset`. */
function leadingBlanks(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at - offset;
}

/** Whether text found between two JSON values (blanks and comments, perhaps a comma) holds a comma outside its comments. */
export function holdsComma(between: string): boolean {
  const scanner = createScanner(between, true);
  for (let token = scanner.scan(); token !== Token.EOF; token = scanner.scan())
    if (token === Token.CommaToken) return true;
  return false;
}

/** A number the text writes that `JSON.parse` cannot keep as written. */
export interface InexactNumber {
  readonly path: JsonPath;
  /** The number as written, e.g. `9007199254740993` or `1e400`. */
  readonly source: string;
  /** What it reads as: the nearest double, Infinity, or 0. */
  readonly value: number;
  /** An integer beyond a double's exact range, a number too large (Infinity), or one too small (0). */
  readonly kind: 'integer' | 'overflow' | 'underflow';
}

/**
 * Text that may write a number otherwise than its parsed value reads back: a fraction of zeros (`2.0`), an
 * exponent (`1e3`), or sixteen digits in a row (an integer beyond 2^53, or a fraction such as
 * `0.99999999999999999` that reads as 1). Both the inexact numbers below and the flag checks' whole numbers
 * (which Python reads as floats when written `2.0`) are among these, so one search over the text serves both;
 * a fraction with fewer significant digits never reads as a whole number. It starts only at digits, not at
 * every letter e of the keys and strings; most texts stop here.
 */
const MAY_WRITE_NUMBER_OTHERWISE = /\d(?:\.0+(?!\d)|[eE]|\d{15})/;

/**
 * False when every number in the text reads back as written, so the parsed value says how each is written;
 * true when some may not (then {@link findInexactNumbers} and {@link locatePaths} tell). A string can match too:
 * this only decides whether to look.
 */
export function mayWriteNumbersOtherwise(text: string): boolean {
  return MAY_WRITE_NUMBER_OTHERWISE.test(text);
}

/**
 * Digits a double may not keep: sixteen in a row (an integer beyond 2^53, or a long fraction) or before an
 * exponent of three digits.
 */
const MAY_WRITE_INEXACT_NUMBER = /\d(?:\d{15}|[eE][+-]?0*[1-9]\d\d)/;

/**
 * Whether the text writes such digits in a number token, not only in a string: a checkpoint path's hash
 * (`ckpt-5e7962`) looks like an exponent, and would otherwise send a whole file through the visitor. Each
 * place the digits are found is walked back to where its token starts: digits and points, perhaps a minus,
 * after the start of the text, whitespace, a comma, a colon, a bracket or a comment's closing slash. A string
 * can still pass (`": 1e400"`); this only decides whether to look. The analysis asks it only of the few texts
 * {@link mayWriteNumbersOtherwise} lets through, so the expression made per call costs nothing it feels.
 */
function mayWriteInexactNumber(text: string): boolean {
  for (const { index } of text.matchAll(new RegExp(MAY_WRITE_INEXACT_NUMBER, 'g'))) {
    let start = index;
    while (start > 0 && isDigitOrPoint(text.charCodeAt(start - 1))) start--;
    if (text.charCodeAt(start - 1) === 0x2d /* - */) start--;
    if (start === 0 || CAN_PRECEDE_A_NUMBER.test(text[start - 1]!)) return true;
  }
  return false;
}

const CAN_PRECEDE_A_NUMBER = /[\s,:[/]/;

function isDigitOrPoint(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e;
}

/**
 * The numbers in JSON or JSONC text that do not read as written: an integer token beyond 2^53 whose value is
 * not exact, and any number that overflows to Infinity or underflows to 0. A token with a fraction or an
 * exponent is a float, kept as a double without any claim of exactness: `6.02e+23` is fine. A key written
 * twice reports the numbers of both. Most texts need no pass at all.
 */
export function findInexactNumbers(text: string): InexactNumber[] {
  if (!mayWriteInexactNumber(text)) return [];
  const found: InexactNumber[] = [];
  visit(
    text,
    {
      onLiteralValue: (value, offset, length, _line, _character, pathSupplier) => {
        if (typeof value !== 'number' || length < 4) return;
        const source = text.slice(offset, offset + length);
        const kind = inexactKind(source, value);
        if (kind) found.push({ path: pathSupplier(), source, value, kind });
      },
    },
    PARSE_OPTIONS,
  );
  return found;
}

function inexactKind(source: string, value: number): InexactNumber['kind'] | undefined {
  if (!Number.isFinite(value)) return 'overflow';
  const mantissa = source.replace(/[eE].*$/, '');
  if (value === 0) return /[1-9]/.test(mantissa) ? 'underflow' : undefined;
  if (mantissa !== source || mantissa.includes('.') || Number.isSafeInteger(value)) return undefined;
  return BigInt(source) === BigInt(value) ? undefined : 'integer';
}
