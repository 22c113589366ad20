/**
 * One linear pass over JSONC text that finds what `JSON.parse` hides and what would overflow a
 * recursive parser: the nesting depth and keys repeated inside one object.
 */

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

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

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
      i++;
      let hasEscape = false;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) {
          hasEscape = true;
          i += 2;
        } else if (c === QUOTE || c === 10 || c === 13) {
          break;
        } else {
          i++;
        }
      }
      const end = Math.min(i + 1, length);
      i = end;
      const frame = stack[stack.length - 1];
      if (frame?.isObject) {
        if (frame.expectingKey) {
          frame.expectingKey = false;
          const raw = text.slice(start + 1, end - 1);
          const key = hasEscape ? unescapeKey(raw) : raw;
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
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        i += 2;
        while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        continue;
      }
      if (next === STAR) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? length : close + 2;
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

function unescapeKey(raw: string): string {
  try {
    return JSON.parse('"' + raw + '"') as string;
  } catch {
    return raw;
  }
}
