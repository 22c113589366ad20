/** Text plumbing: decoding bytes, offsets to line/column positions. */
import type { Position, SourceRange } from './model';

/** Offsets of line starts, so any offset maps to a line and column in O(log lines). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The usual case, \n alone: indexOf jumps from one line break to the next natively.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** The zero-based position of an offset, clamped to the document. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** A range from an offset and a length, clamped to the document. */
  rangeAt(offset: number, length: number): SourceRange {
    const start = Math.max(0, Math.min(offset, this.text.length));
    const end = Math.max(start, Math.min(start + Math.max(0, length), this.text.length));
    return { offset: start, length: end - start, start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/**
 * The same range as `new LineIndex(text).rangeAt(offset, length)`, counting lines only up to the range's
 * end: cheaper when a file needs one range near its start (the name) and no index of all its lines.
 */
export function rangeInText(text: string, offset: number, length: number): SourceRange {
  const start = Math.max(0, Math.min(offset, text.length));
  const end = Math.max(start, Math.min(start + Math.max(0, length), text.length));
  return { offset: start, length: end - start, start: positionInText(text, start), end: positionInText(text, end) };
}

/** The position of an offset (within the text), counting line breaks as {@link LineIndex} does. */
function positionInText(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  let i = 0;
  while (i < offset) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */ || ch === 13 /* \r */) {
      const next = ch === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      // The \n of a \r\n: the line starts after it, so an offset on it is still on the \r's line.
      if (next > offset) break;
      line++;
      lineStart = next;
      i = next;
    } else {
      i++;
    }
  }
  return { line, character: offset - lineStart };
}

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly byteOffset: number; readonly textBefore: string };

const BOM = '\uFEFF';

/** Removes a leading byte order mark: editors do not count it as a column. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * The strict decoder, one for every file: it holds no state from one call to the next (decode() without
 * `{ stream: true }`), and making one per file cost the index several percent.
 * ignoreBOM keeps the mark for stripBom to remove: exactly one, as editors do (TextDecoder and stripBom each took one).
 */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly. On invalid bytes, reports the offset of the first one and the text before
 * it, so the caller can point at the exact line and column.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: stripBom(STRICT_UTF8.decode(bytes)) };
  } catch {
    const byteOffset = firstInvalidUtf8Offset(bytes);
    const textBefore = stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, byteOffset)));
    return { ok: false, byteOffset, textBefore };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let codePoint = b & (0xff >> (extra + 2));
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += extra + 1;
  }
  return bytes.length;
}
