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
  // Exactly JSON.stringify's output, without its cost (merge reasons format hundreds of thousands of values).
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : '"' + value + '"';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    default:
      return String(value);
  }
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

/** Lists up to this long are searched for repeats by comparing every pair, which beats hashing them. */
const SHORT_LIST = 16;

/**
 * The distinct values of a list, first occurrence kept, order preserved. A list without repeats is
 * copied, so the result never aliases the input.
 */
export function distinctScalars(values: readonly Scalar[]): Scalar[] {
  return hasRepeatedScalar(values) ? firstOccurrences(values) : values.slice();
}

/**
 * The list without its repeats, like {@link distinctScalars}, but the list itself when it has none: no copy
 * in the usual case, for callers that keep the result read-only (a merge compares and keeps many lists).
 */
export function withoutRepeats(values: readonly Scalar[]): readonly Scalar[] {
  return hasRepeatedScalar(values) ? firstOccurrences(values) : values;
}

function firstOccurrences(values: readonly Scalar[]): Scalar[] {
  // includes and a Set compare with SameValueZero: 0 equals -0 and NaN equals NaN, exactly like sameScalar.
  // The values pushed are the list's own (a Set would give back -0 as 0). A short list is searched, as in
  // hasRepeatedScalar: making a Set for each was a named spot in the merge's profiles.
  const distinct: Scalar[] = [];
  if (values.length <= SHORT_LIST) {
    for (let i = 0; i < values.length; i++) if (!distinct.includes(values[i])) distinct.push(values[i]);
    return distinct;
  }
  const seen = new Set<Scalar>();
  for (const value of values) {
    if (seen.has(value)) continue;
    seen.add(value);
    distinct.push(value);
  }
  return distinct;
}

/** True when some value of the list equals an earlier one. */
export function hasRepeatedScalar(values: readonly Scalar[]): boolean {
  const length = values.length;
  if (length > SHORT_LIST) return new Set(values).size !== length;
  for (let i = 1; i < length; i++) {
    // indexOf compares with ===, SameValueZero but for NaN, which is found by a look of its own. Either
    // finds the value at i at the latest; found before i, it is a repeat.
    const value = values[i];
    const first = value === value ? values.indexOf(value) : values.findIndex((item) => item !== item);
    if (first < i) return true;
  }
  return false;
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
