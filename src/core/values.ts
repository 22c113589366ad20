/** Helpers for JSON values: strict equality keys, type descriptions and display. */
import type { Node } from 'jsonc-parser';
import type { Scalar } from './model';

/**
 * A key under which two scalars collide exactly when they are equal as JSON values:
 * `1` and `1.0` collide; `1`, `true` and `"1"` do not; `null` equals `null`.
 */
export function scalarKey(value: Scalar): string {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return 'n' + String(value === 0 ? 0 : value); // -0 and 0 are the same JSON number
    case 'boolean':
      return value ? 'T' : 'F';
    default:
      return 'N';
  }
}

/** True for string, number, boolean and null. */
export function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return value === null || type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value));
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short noun phrase naming the JSON type of a value, for messages: "a number", "an empty list". */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return value.trim() === '' ? 'an empty string' : 'a string';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a number too large to represent';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
    default:
      return 'a ' + typeof value;
  }
}

/** Characters JSON.stringify escapes in a string (lone surrogates included). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A scalar as it would be written in JSON: strings quoted, null and booleans bare. */
export function formatScalar(value: Scalar): string {
  // Exactly JSON.stringify's output, without its cost in the common cases (merge reasons format many lists).
  switch (typeof value) {
    case 'number':
      if (Number.isInteger(value)) return String(value);
      return Number.isFinite(value) ? fractionText(value) : 'null';
    case 'string':
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : '"' + value + '"';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return JSON.stringify(value);
  }
}

/** The texts of fractions formatted lately: a merge formats the same few numbers thousands of times. */
const fractionTexts = new Map<number, string>();
const FRACTION_TEXTS_LIMIT = 4096;

/**
 * String(value) of a finite number that is not an integer. Writing a fraction as text is slow (it searches for
 * the shortest digits that read back as the same number), many times slower than an integer, so the texts
 * are kept; the table is emptied when full, so it never holds more than a few thousand.
 */
function fractionText(value: number): string {
  let text = fractionTexts.get(value);
  if (text === undefined) {
    if (fractionTexts.size >= FRACTION_TEXTS_LIMIT) fractionTexts.clear();
    text = String(value);
    fractionTexts.set(value, text);
  }
  return text;
}

/** A list of scalars as compact JSON: `[1, 2, "fcfs"]`. */
export function formatScalarList(values: readonly Scalar[]): string {
  // join makes the values one flat string, which the brackets wrap in two pieces; += would make a chain of
  // pieces, one per value, for the collector to trace while the string lives (a merge keeps tens of thousands
  // of these in its conflicts, until a reason's join copies them flat).
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = formatScalar(values[i]);
  return '[' + parts.join(', ') + ']';
}

/**
 * True when two scalars are equal as JSON values, like comparing their {@link scalarKey}s: `===`, except
 * that NaN (which JSON cannot hold, but a caller might) equals itself.
 */
export function sameScalar(a: Scalar, b: Scalar): boolean {
  return a === b || (a !== a && b !== b);
}

/** Lists longer than this find repeats through a table of fingerprints instead of comparing every pair. */
const SHORT_LIST = 16;

/**
 * The distinct values of a list, first occurrence kept, order preserved. A list without repeats is
 * copied, so the result never aliases the input.
 */
export function distinctScalars(values: readonly Scalar[]): Scalar[] {
  return hasRepeatedScalar(values) ? dropRepeats(values) : values.slice();
}

/** True when some value of the list equals an earlier one. */
export function hasRepeatedScalar(values: readonly Scalar[]): boolean {
  const length = values.length;
  if (length < 2) return false;
  if (length <= SHORT_LIST) {
    for (let i = 1; i < length; i++) {
      for (let j = 0; j < i; j++) if (sameScalar(values[i], values[j])) return true;
    }
    return false;
  }
  // A Set compares with SameValueZero: 0 equals -0 and NaN equals NaN, exactly like scalarKey.
  return repeatsByFingerprint(values) ?? new Set(values).size !== length;
}

/**
 * Whether a long list repeats a value, found without hashing whole strings: a Set hashes every character of
 * every string, which in a large file of long values (model paths, JSON overrides) cost more than parsing
 * them. Values go into an open-addressing table by a fingerprint (a string's length and about a dozen of
 * its characters; a number's bits), and are compared only when fingerprints meet. Undefined when too many meet
 * (strings built alike on purpose): the caller then asks a Set, which bounds the work.
 */
function repeatsByFingerprint(values: readonly Scalar[]): boolean | undefined {
  const length = values.length;
  let size = 64;
  while (size < length * 2) size *= 2;
  if (slotValues.length < size) {
    slotFingerprints = new Int32Array(size);
    slotValues = new Int32Array(size);
  } else {
    slotValues.fill(0, 0, size);
  }
  const mask = size - 1;
  let probesLeft = length * 4;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    const fingerprint = fingerprintOf(value);
    let slot = (fingerprint ^ (fingerprint >>> 15)) & mask;
    for (;;) {
      const taken = slotValues[slot];
      if (taken === 0) {
        slotFingerprints[slot] = fingerprint;
        slotValues[slot] = i + 1;
        break;
      }
      if (slotFingerprints[slot] === fingerprint && sameScalar(values[taken - 1], value)) return true;
      if (--probesLeft < 0) return undefined;
      slot = (slot + 1) & mask;
    }
  }
  return false;
}

/** The table of {@link repeatsByFingerprint}, kept between calls: slot → fingerprint, slot → 1 + position (0: free). */
let slotFingerprints = new Int32Array(64);
let slotValues = new Int32Array(64);
const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

/** Equal scalars (sameScalar) have equal fingerprints: 0 and -0 share one, as do all NaNs. */
function fingerprintOf(value: Scalar): number {
  switch (typeof value) {
    case 'string': {
      const n = value.length;
      if (n === 0) return 0;
      // The length, the last three characters and every (n/8 + 1)th from the start: values of one list are
      // often built alike (a common prefix and suffix, a number or a random part between them), and too
      // few samples (the first, middle and last character) made most of such a list meet, and fall back to a Set.
      let hash = Math.imul(n, 31) + value.charCodeAt(n - 1);
      if (n > 2) hash = Math.imul(hash, 31) + value.charCodeAt(n - 2) + Math.imul(value.charCodeAt(n - 3), 7);
      const step = (n >> 3) + 1;
      for (let i = 0; i < n; i += step) hash = Math.imul(hash, 31) + value.charCodeAt(i);
      // An int32, as the table stores it.
      return hash | 0;
    }
    case 'number':
      if (value === 0 || value !== value) return 1;
      numberBits[0] = value;
      return numberWords[0] ^ numberWords[1];
    case 'boolean':
      return value ? 2 : 3;
    default:
      return 4;
  }
}

function dropRepeats(values: readonly Scalar[]): Scalar[] {
  const seen = new Set<Scalar>();
  const result: Scalar[] = [];
  for (const value of values) {
    if (!seen.has(value)) {
      seen.add(value);
      result.push(value);
    }
  }
  return result;
}

/** True when two lists hold the same values in the same order. */
export function sameScalarList(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameScalar(a[i], b[i])) return false;
  return true;
}

const SIMPLE_KEY = /^[A-Za-z_$][\w$-]*$/;

/** A field path for messages: `parameters.tp-size[2]`, `parameters["a.b"]`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (SIMPLE_KEY.test(segment)) result += (result ? '.' : '') + segment;
    else result += `[${JSON.stringify(segment)}]`;
  }
  return result;
}

/**
 * The value of a jsonc-parser tree node, built like `JSON.parse` builds it: ordinary objects (not
 * null-prototype ones, as jsonc-parser's getNodeValue makes), `"__proto__"` an own key, last repeated key wins.
 */
export function jsonNodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value)
          Object.defineProperty(result, String(key.value), {
            value: jsonNodeValue(value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(jsonNodeValue);
    default:
      return node.value;
  }
}
