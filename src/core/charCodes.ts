/** Character codes the JSON scanners compare `charCodeAt` against, named once for all of them. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const SLASH = 0x2f;
export const STAR = 0x2a;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

/** JSON's whitespace: space, tab, line feed and carriage return (and nothing else, unlike `\s`). */
export function isJsonBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** How many backslashes stand just before `at`: an odd number escapes the character at `at`. */
export function backslashesBefore(text: string, at: number): number {
  let count = 0;
  while (text.charCodeAt(at - 1 - count) === BACKSLASH) count++;
  return count;
}
