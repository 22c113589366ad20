/**
 * Python's `str()` of a JSON value, as the autotuner writes each value into a server's command line
 * (SPEC §7). Python keeps ints and floats apart where JavaScript does not: `1.0` and `1e5` in a file
 * are floats to Python (`1.0`, `100000.0`) and `1` is an int, so the value's source token decides.
 */
import type { Scalar } from '../model';

/**
 * `str(value)` as Python writes it after `json.load`. `token` is the value's text in the source file
 * (e.g. `1.0`, `1e5`, `7`); without it, a number is an int when it is integral.
 */
export function pythonStr(value: Scalar, token?: string): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  return isPythonFloat(value, token) ? pythonFloatRepr(value) : pythonIntText(value, token);
}

/** Whether `json.load` reads this number as a float: its text has a fraction or an exponent. */
export function isPythonFloat(value: number, token?: string): boolean {
  if (token !== undefined) return /[.eE]/.test(token);
  return !Number.isInteger(value);
}

function pythonIntText(value: number, token?: string): string {
  // Python ints are exact at any size: the source text is the value, where JavaScript rounded it.
  if (token !== undefined && /^-?\d+$/.test(token)) return BigInt(token).toString();
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (JavaScript finds the same digits),
 * written in exponent form when the decimal exponent is below -4 or at least 16, else in fixed form
 * with at least one digit after the point.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits: "d.ddde±x".
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa!.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${head}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction === '' ? '0' : fraction}`;
}

/** The source text of each value, per parameter, as the reader found it; missing entries fall back to the value. */
export type ValueTokens = Readonly<Record<string, readonly (string | undefined)[]>>;

/**
 * What Python's `str.split()` splits on, as the autotuner splits a command line: JavaScript's `\s`
 * without U+FEFF, plus the separators U+001C–U+001F and U+0085, which Python counts as whitespace too.
 */
// eslint-disable-next-line no-control-regex -- Python splits on these control characters too
export const PYTHON_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** `text.split()` as Python does it: on runs of whitespace, with no empty pieces. */
export function pythonSplit(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((piece) => piece !== '');
}
