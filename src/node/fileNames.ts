/**
 * File names that are not valid UTF-8 (written by another system, or by accident) are real files, but a
 * JavaScript string cannot hold their bytes: Node decodes them with U+FFFD, and the path it then gets
 * names no file. As Python does ("surrogateescape"), each byte that is not valid UTF-8 is kept as a lone
 * surrogate U+DC80–U+DCFF, which valid UTF-8 never decodes to; the path turns back into its exact bytes
 * for the file system. Printed through escapeTerminalText, such a byte shows as `\udcXX`.
 */

/** The name's bytes as a string: valid UTF-8 decoded, each other byte kept as U+DC00 + byte. */
export function decodeFileName(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.includes('\ufffd')) return text;
  let result = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      result += String.fromCharCode(0xdc00 + bytes[i]);
      i += 1;
    } else {
      result += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return result;
}

/** What to give the file system for a path: the string, or its exact bytes when it holds kept bytes. */
export function fileSystemPath(file: string): string | Buffer {
  if (!/[\udc80-\udcff]/.test(file)) return file;
  const parts: Buffer[] = [];
  for (const character of file) {
    const code = character.charCodeAt(0);
    if (character.length === 1 && code >= 0xdc80 && code <= 0xdcff) parts.push(Buffer.from([code - 0xdc00]));
    else parts.push(Buffer.from(character, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first < 0x80) return 1;
  const [length, min, max] =
    first >= 0xc2 && first <= 0xdf
      ? [2, 0x80, 0xbf]
      : first === 0xe0
        ? [3, 0xa0, 0xbf]
        : first === 0xed
          ? [3, 0x80, 0x9f] // no UTF-16 surrogates
          : first >= 0xe1 && first <= 0xef
            ? [3, 0x80, 0xbf]
            : first === 0xf0
              ? [4, 0x90, 0xbf]
              : first >= 0xf1 && first <= 0xf3
                ? [4, 0x80, 0xbf]
                : first === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  if (bytes[i + 1] < min || bytes[i + 1] > max) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}
