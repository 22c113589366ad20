/**
 * One linear pass over JSONC text that finds what `JSON.parse` hides and what would overflow a
 * recursive parser: the nesting depth and keys repeated inside one object.
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SLASH,
  STAR,
  isJsonBlank,
} from './charCodes';

export interface DuplicateKey {
  readonly key: string;
  /** Offset and length of the repeated key's string token (quotes included). */
  readonly offset: number;
  readonly length: number;
}

export interface Token {
  readonly offset: number;
  readonly length: number;
}

export interface StructureScan {
  /** Set when nesting exceeds the limit: the offset of the bracket that went too deep. Scanning stops there. */
  readonly tooDeepAt?: number;
  readonly duplicateKeys: readonly DuplicateKey[];
  /** The string token of the last top-level `"name"` value, when it is a string. */
  readonly rootName?: Token;
  /** The same inside a top-level `"preset"` object (the export envelope). */
  readonly envelopeName?: Token;
}

// The three scans below delimit strings and comments alike, so they agree on every text; these two
// helpers are that shared lexing.

/** The offset just past the string token that starts (with its quote) at `start`; a line break ends an unclosed one. */
function stringEnd(text: string, start: number): number {
  const length = text.length;
  let i = start + 1;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE || c === 10 || c === 13) break;
    else i++;
  }
  return Math.min(i + 1, length);
}

/**
 * The offset just past the comment that starts at `start`, or -1 when none starts there. An unclosed
 * block comment runs to the end of the text.
 */
function commentEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== SLASH) return -1;
  const next = text.charCodeAt(start + 1);
  if (next === SLASH) {
    let i = start + 2;
    while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    return i;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', start + 2);
    return close < 0 ? text.length : close + 2;
  }
  return -1;
}

interface Frame {
  readonly isObject: boolean;
  /** The key under which this container sits in its parent object. */
  readonly parentKey: string | undefined;
  expectingKey: boolean;
  lastKey?: string;
  keys?: Set<string>;
}

/**
 * Scans `text` for nesting deeper than `maxDepth`, for duplicate object keys and for where the preset's
 * name is written (so a name clash can be pointed at without a full tree parse). Never throws.
 */
export function scanStructure(text: string, maxDepth: number): StructureScan {
  const stack: Frame[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  let rootName: Token | undefined;
  let envelopeName: Token | undefined;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      const start = i;
      const end = (i = stringEnd(text, start));
      const frame = stack[stack.length - 1];
      if (frame?.isObject) {
        if (frame.expectingKey) {
          frame.expectingKey = false;
          const key = keyText(text, start, end);
          frame.lastKey = key;
          frame.keys ??= new Set();
          if (frame.keys.has(key)) duplicateKeys.push({ key, offset: start, length: end - start });
          else frame.keys.add(key);
        } else if (frame.lastKey === 'name') {
          const token = { offset: start, length: end - start };
          if (stack.length === 1) rootName = token;
          else if (stack.length === 2 && frame.parentKey === 'preset') envelopeName = token;
        }
      }
      continue;
    }
    if (ch === SLASH) {
      const end = commentEnd(text, i);
      if (end >= 0) {
        i = end;
        continue;
      }
    } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
      if (stack.length >= maxDepth) return { tooDeepAt: i, duplicateKeys };
      const parent = stack[stack.length - 1];
      stack.push({ isObject: ch === OPEN_BRACE, expectingKey: ch === OPEN_BRACE, parentKey: parent?.lastKey });
    } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
      stack.pop();
    } else if (ch === COMMA) {
      const frame = stack[stack.length - 1];
      if (frame?.isObject) frame.expectingKey = true;
    } else if (ch === COLON) {
      const frame = stack[stack.length - 1];
      if (frame?.isObject) frame.expectingKey = false;
    }
    i++;
  }
  return { duplicateKeys, rootName, envelopeName };
}

/** What the fast road needs to know of a text: its depth, how many keys it writes and where the name is. */
export interface StructureOutline {
  /** As in {@link StructureScan}. */
  readonly tooDeepAt?: number;
  /**
   * The object keys written in the text, repeats included (the colons outside strings and comments).
   * `JSON.parse` keeps one of each repeat, so fewer keys in the parsed value means a key was repeated.
   */
  readonly keyCount: number;
  readonly rootName?: Token;
  readonly envelopeName?: Token;
}

/**
 * A cheaper {@link scanStructure} for the common case: the same depth check and name tokens, but keys are
 * only counted, not collected. When the count says a key is repeated, run {@link scanStructure} to find it.
 * Strings and comments are delimited exactly as there, so both agree on every text.
 */
export function scanOutline(text: string, maxDepth: number): StructureOutline {
  return outline(text, maxDepth, undefined);
}

/**
 * The string token of the preset's name: the top-level `"name"` value, or for an export envelope the one
 * inside `"preset"`. Stops there, so it is cheap when the name comes first. Only for text known to repeat
 * no key: it returns the first such token, where {@link scanOutline} returns the last.
 */
export function findNameToken(text: string, inEnvelope: boolean): Token | undefined {
  const found = outline(text, Infinity, inEnvelope ? 'envelope' : 'root');
  return inEnvelope ? found.envelopeName : found.rootName;
}

function outline(text: string, maxDepth: number, stopAtName: 'root' | 'envelope' | undefined): StructureOutline {
  let depth = 0;
  let keyCount = 0;
  let rootName: Token | undefined;
  let envelopeName: Token | undefined;
  // Only the root object (depth 1) and an object directly in it (depth 2) need keys tracked.
  let rootIsObject = false;
  let rootExpectingKey = false;
  let rootKey: string | undefined;
  let innerIsObject = false;
  let innerExpectingKey = false;
  let innerKey: string | undefined;
  let innerParentKey: string | undefined;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      const start = i;
      const end = (i = stringEnd(text, start));
      if (depth === 1 && rootIsObject) {
        if (rootExpectingKey) {
          rootExpectingKey = false;
          rootKey = keyText(text, start, end);
        } else if (rootKey === 'name') {
          rootName = { offset: start, length: end - start };
          if (stopAtName === 'root') return { keyCount, rootName };
        }
      } else if (depth === 2 && innerIsObject) {
        if (innerExpectingKey) {
          innerExpectingKey = false;
          innerKey = keyText(text, start, end);
        } else if (innerKey === 'name' && innerParentKey === 'preset') {
          envelopeName = { offset: start, length: end - start };
          if (stopAtName === 'envelope') return { keyCount, envelopeName };
        }
      }
      continue;
    }
    if (ch === SLASH) {
      const end = commentEnd(text, i);
      if (end >= 0) {
        i = end;
        continue;
      }
    } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
      if (depth >= maxDepth) return { tooDeepAt: i, keyCount, rootName, envelopeName };
      depth++;
      if (depth === 1) {
        rootIsObject = rootExpectingKey = ch === OPEN_BRACE;
        rootKey = undefined;
      } else if (depth === 2) {
        innerIsObject = innerExpectingKey = ch === OPEN_BRACE;
        innerKey = undefined;
        innerParentKey = rootIsObject ? rootKey : undefined;
      }
    } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
      if (depth > 0) depth--;
    } else if (ch === COMMA) {
      if (depth === 1) rootExpectingKey = rootIsObject;
      else if (depth === 2) innerExpectingKey = innerIsObject;
    } else if (ch === COLON) {
      keyCount++;
      if (depth === 1) rootExpectingKey = false;
      else if (depth === 2) innerExpectingKey = false;
    }
    i++;
  }
  return { keyCount, rootName, envelopeName };
}

/** A key's text without its quotes, escapes decoded. */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? unescapeKey(raw) : raw;
}

/**
 * JSONC text as strict JSON of the same length: comments and trailing commas (a comma after a value, just
 * before `]` or `}`) become spaces, line breaks inside block comments stay, so every offset, line and column
 * is where it was. Undefined when there is nothing to blank, or when a block comment is not closed (an error
 * jsonc-parser must report). Whenever `JSON.parse` accepts the result, jsonc-parser accepts the original and
 * reads the same value: the caller falls back to jsonc-parser when it does not.
 */
export function blankJsoncExtras(text: string): string | undefined {
  const length = text.length;
  // Spans to blank, [start, end) each.
  const spans: [number, number][] = [];
  /** The last character that was not whitespace nor in a comment: a comma after it follows a value unless it opens or separates. */
  let previous = -1;
  let pendingComma = -1;
  let i = 0;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (isJsonBlank(ch)) {
      i++;
      continue;
    }
    if (ch === SLASH) {
      const end = commentEnd(text, i);
      if (end >= 0) {
        // An unclosed block comment is an error jsonc-parser must report.
        // (The shortest closed one is "/**/": the "*/" must not overlap the "/*".)
        if (text.charCodeAt(i + 1) === STAR && !(end - i >= 4 && text.endsWith('*/', end))) return undefined;
        spans.push([i, end]);
        i = end;
        continue;
      }
    }
    if (pendingComma >= 0 && (ch === CLOSE_BRACKET || ch === CLOSE_BRACE)) spans.push([pendingComma, pendingComma + 1]);
    pendingComma =
      ch === COMMA &&
      previous !== COMMA &&
      previous !== COLON &&
      previous !== OPEN_BRACE &&
      previous !== OPEN_BRACKET &&
      previous !== -1
        ? i
        : -1;
    previous = ch;
    if (ch === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    i++;
  }
  if (spans.length === 0) return undefined;
  // A trailing comma is found after the comments that follow it: put the spans back in text order.
  spans.sort((a, b) => a[0] - b[0]);
  let result = '';
  let at = 0;
  for (const [start, end] of spans) {
    result += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return result + text.slice(at);
}

function unescapeKey(raw: string): string {
  try {
    return JSON.parse('"' + raw + '"') as string;
  } catch {
    return raw;
  }
}
