/**
 * How Python and its argparse read one command-line argument as a number, as a server's `type=int` /
 * `type=float` flag does: `int(text)` and `float(text)` on strings, and argparse's test of whether an
 * argument starting with a dash is a negative number (a value) or an option.
 */

// Python's int() and float() take any Unicode decimal digit (category Nd), and an underscore between digits.
const DIGITS = String.raw`\p{Nd}(?:_?\p{Nd})*`;
const PY_INT = new RegExp(String.raw`^[+-]?${DIGITS}$`, 'u');
const PY_FLOAT = new RegExp(
  String.raw`^[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`,
  'iu',
);
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * What argparse reads as a negative number rather than an option (neither runtime declares an option that
 * looks like one): `-2`, `-.5`, `-1.5`. Before Python 3.14 that is all: `-1e-05`, `-1_000`, `-inf` are options.
 */
const NEGATIVE_NUMBER = /^-\p{Nd}+$|^-\p{Nd}*\.\p{Nd}+$/u;

/**
 * Python's `int(text)`, or undefined where it raises. `text` is one argument of a split command line, so
 * it holds no whitespace (which int() would strip).
 */
export function pythonInt(text: string): bigint | undefined {
  return PY_INT.test(text) ? BigInt(asciiDigits(text).replaceAll('_', '')) : undefined;
}

/** Python's `float(text)`, or undefined where it raises; `text` holds no whitespace, as for {@link pythonInt}. */
export function pythonFloat(text: string): number | undefined {
  if (!PY_FLOAT.test(text)) return undefined;
  const plain = asciiDigits(text).replaceAll('_', '').toLowerCase();
  const unsigned = plain.replace(/^[+-]/, '');
  if (unsigned === 'nan') return NaN;
  if (unsigned === 'inf' || unsigned === 'infinity') return plain.startsWith('-') ? -Infinity : Infinity;
  return Number(plain);
}

/**
 * What a runtime's human-readable int converter (`human_readable_int`) returns for `text`, or undefined
 * where it raises: a number followed by one of the suffixes (`32k`, `25.6k`, `1Ki`; a fraction only before
 * a decimal suffix, the product truncated), one of the words in any letter case (`auto`), else Python's int().
 */
export function humanReadableInt(
  text: string,
  suffixes: { readonly decimal: Readonly<Record<string, number>>; readonly binary: Readonly<Record<string, number>> },
  words: Readonly<Record<string, number>> | null,
): bigint | undefined {
  const lower = text.toLowerCase();
  if (words && Object.hasOwn(words, lower)) return BigInt(words[lower]!);
  const match = SUFFIXED.exec(text);
  if (match) {
    const [, number, fraction, suffix] = match as unknown as [string, string, string | undefined, string];
    if (Object.hasOwn(suffixes.binary, suffix))
      return fraction === undefined ? BigInt(asciiDigits(number)) * BigInt(suffixes.binary[suffix]!) : undefined;
    if (Object.hasOwn(suffixes.decimal, suffix)) {
      // As the converter's float product: too long a number overflows, and the server stops.
      const product = Number(asciiDigits(number + (fraction ?? ''))) * suffixes.decimal[suffix]!;
      return Number.isFinite(product) ? BigInt(Math.trunc(product)) : undefined;
    }
  }
  return pythonInt(text);
}

// `\d+(?:\.\d+)?` and a suffix of letters, as the converters' patterns read it.
const SUFFIXED = /^(\p{Nd}+)(\.\p{Nd}+)?(\p{L}+)$/u;

/**
 * Whether argparse takes this argument for an option, so that it cannot be a flag's value: it starts with a
 * dash, is more than the dash, and is no negative number.
 */
export function isOptionLike(argument: string): boolean {
  return argument.length > 1 && argument.startsWith('-') && !NEGATIVE_NUMBER.test(argument);
}

/** The text with every Unicode decimal digit written as its ASCII digit, as Python's int() reads them. */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => String(digitValue(digit)));
}

/**
 * A decimal digit's value. Unicode encodes each set of decimal digits as ten consecutive code points from
 * zero, and sets that follow each other (the mathematical digits) are whole sets: the value is the digit's
 * place in its run of digits, modulo ten.
 */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  let place = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(code - place - 1))) place++;
  return place % 10;
}
