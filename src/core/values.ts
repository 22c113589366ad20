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

/** A scalar as it would be written in JSON: strings quoted, null and booleans bare. */
export function formatScalar(value: Scalar): string {
  return JSON.stringify(value);
}

/** A list of scalars as compact JSON: `[1, 2, "fcfs"]`. */
export function formatScalarList(values: readonly Scalar[]): string {
  return '[' + values.map(formatScalar).join(', ') + ']';
}

/** The distinct values of a list, first occurrence kept, order preserved. */
export function distinctScalars(values: readonly Scalar[]): Scalar[] {
  const seen = new Set<string>();
  const result: Scalar[] = [];
  for (const value of values) {
    const key = scalarKey(value);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(value);
    }
  }
  return result;
}

/** True when two lists hold the same values in the same order. */
export function sameScalarList(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  return a.length === b.length && a.every((value, i) => scalarKey(value) === scalarKey(b[i]));
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
        if (key && value) Object.defineProperty(result, String(key.value), { value: jsonNodeValue(value), enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(jsonNodeValue);
    default:
      return node.value;
  }
}
