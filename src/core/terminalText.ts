/**
 * Text from a workspace (names, categories, descriptions, file names, messages) on its way to a terminal
 * or a CI log: characters a terminal would act on, or that hide or reorder text, are shown as escapes, and
 * columns are measured in terminal cells.
 */
import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Characters never printed as they are: C0 and C1 controls (ESC among them), DEL, format characters
 * (bidi overrides and isolates, zero-width spaces and joiners, the BOM, tag characters), line and paragraph
 * separators, and lone surrogates (a file name that is not valid UTF-8 can decode to one).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const UNSAFE_BUT_NEWLINE = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_BUT_NEWLINE_ALL = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const UNSAFE_OR_ESCAPE_START = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\\(?=u)/gu;

/** `\u001b` for the BMP, `\u{e0001}` beyond it: the form JavaScript and (for the BMP) JSON read back. */
function escapeCodePoint(character: string): string {
  const code = character.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One value made safe to print on one line: every unsafe character (newlines included) becomes `\uXXXX`,
 * and a backslash that stands before a `u` becomes `\u005c`, so every `\u` in the result starts an escape
 * and the original can be told from the result (other backslashes, as in Windows paths, stay readable).
 */
export function escapeTerminalText(text: string): string {
  if (!UNSAFE.test(text) && !text.includes('\\u')) return text;
  return text.replace(UNSAFE_OR_ESCAPE_START, escapeCodePoint);
}

/**
 * A message core wrote for people, whose quoted values are JSON strings already, as `JSON.stringify` and
 * `formatScalar` write them (`no preset named "No\u001b[2Jpe"`): every unsafe character, newlines
 * included, is escaped, and backslashes are kept, so a quoted value is escaped once. (escapeTerminalText
 * would escape the backslash of that `\u001b` again: `"No\u005cu001b[2Jpe"`.) A value put into the
 * message unquoted should have gone through escapeTerminalText first.
 */
export function escapeTerminalMessage(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, escapeCodePoint);
}

/**
 * Text of several lines (a message that Node or a library wrote with line breaks): each line escaped as
 * {@link escapeTerminalText} escapes a value, the line breaks kept, so it prints as readable lines.
 */
export function escapeTerminalLines(text: string): string {
  return text.split(/\r?\n/).map(escapeTerminalText).join('\n');
}

/**
 * The last line of defence for whole lines of output: unsafe characters other than the newline become
 * escapes, nothing else changes. Values should already have gone through escapeTerminalText, which also
 * escapes newlines; this catches what reaches the output some other way. JSON output keeps its meaning:
 * JSON.stringify already escapes C0 controls and lone surrogates, and `\uXXXX` in a string means the same
 * character as the character itself.
 */
export function escapeTerminalOutput(text: string): string {
  if (!UNSAFE_BUT_NEWLINE.test(text)) return text;
  return text.replace(UNSAFE_BUT_NEWLINE_ALL, escapeCodePoint);
}

/** A template tag: `terminalText\`Imported "${name}"\`` escapes the values, not the text around them. */
export function terminalText(strings: TemplateStringsArray, ...values: unknown[]): string {
  let result = strings[0];
  values.forEach((value, i) => (result += escapeTerminalText(String(value)) + strings[i + 1]));
  return result;
}

// Combining marks and format characters; variation selectors are combining marks (Mn) too.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI_PRESENTATION = /\p{Extended_Pictographic}\u{fe0f}|\p{Emoji_Presentation}/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The cells a terminal gives `text`: per user-perceived character (grapheme), 2 for wide East Asian
 * characters and emoji, 0 for combining marks and zero-width characters, 1 otherwise. Control characters
 * count 0: escape them first.
 */
export function displayWidth(text: string): number {
  // Plain ASCII, by far the most common cell, is one cell per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

function graphemeWidth(grapheme: string): number {
  if (EMOJI_PRESENTATION.test(grapheme)) return 2;
  for (const character of grapheme) {
    const code = character.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || ZERO_WIDTH.test(character)) continue;
    return eastAsianWidth(code);
  }
  return 0;
}
