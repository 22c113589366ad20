/** Decoding bytes strictly (src/core/text.ts), held to the platform's own strict UTF-8 decoder. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeUtf8, stripBom } from '../../../src/core/text';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The longest prefix that decodes: the first invalid byte is where it ends (a cut-off sequence included). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let n = bytes.length; n > 0; n--) {
    try {
      strict.decode(bytes.subarray(0, n));
      return n;
    } catch {
      // shorter
    }
  }
  return 0;
}

// Bytes around every boundary of UTF-8: ASCII, continuations, overlong leads, surrogates, beyond U+10FFFF.
const byte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(
    0x7f,
    0x80,
    0xbf,
    0xc0,
    0xc1,
    0xc2,
    0xdf,
    0xe0,
    0xed,
    0xef,
    0xf0,
    0xf4,
    0xf5,
    0xff,
    0x9f,
    0xa0,
    0x8f,
    0x90,
  ),
);
const sequence = fc.oneof(
  fc.array(byte, { maxLength: 4 }),
  fc.constantFrom(
    [0xe0, 0x80, 0x80],
    [0xe0, 0xa0, 0x80],
    [0xed, 0x9f, 0xbf],
    [0xed, 0xa0, 0x80],
    [0xf0, 0x8f, 0xbf, 0xbf],
  ),
  fc.constantFrom(
    [0xf0, 0x90, 0x80, 0x80],
    [0xf4, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xc1, 0xbf],
    [0xc2, 0x80],
  ),
  fc.string({ unit: 'grapheme', maxLength: 3 }).map((text) => [...new TextEncoder().encode(text)]),
);

describe('decodeUtf8', () => {
  it('property: decodes what the strict decoder decodes; otherwise stops at the first byte it cannot take', () => {
    fc.assert(
      fc.property(fc.array(sequence, { maxLength: 6 }), (parts) => {
        const bytes = Uint8Array.from(parts.flat());
        const result = decodeUtf8(bytes);
        let expected: string | undefined;
        try {
          expected = strict.decode(bytes);
        } catch {
          expected = undefined;
        }
        if (expected !== undefined) assert.deepEqual(result, { ok: true, text: stripBom(expected) });
        else {
          const at = firstInvalidByte(bytes);
          assert.deepEqual(result, {
            ok: false,
            byteOffset: at,
            textBefore: stripBom(strict.decode(bytes.subarray(0, at))),
          });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a second byte order mark in the text before an invalid byte, as in a valid file', () => {
    assert.deepEqual(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61, 0xff])), {
      ok: false,
      byteOffset: 7,
      textBefore: '\ufeffa',
    });
  });

  it('refuses overlong forms, surrogates and code points beyond U+10FFFF at their first byte', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xc1, 0xbf],
      [0xe0, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80],
      [0xed, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x80],
      [0xe2, 0x28, 0xa1],
    ])
      assert.deepEqual(
        decodeUtf8(Uint8Array.from([0x61, ...bad])),
        { ok: false, byteOffset: 1, textBefore: 'a' },
        String(bad),
      );
    for (const good of [
      [0xc2, 0x80],
      [0xdf, 0xbf],
      [0xe0, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xee, 0x80, 0x80],
      [0xef, 0xbf, 0xbf],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
    ])
      assert.deepEqual(
        decodeUtf8(Uint8Array.from([...good, 0xff])),
        { ok: false, byteOffset: good.length, textBefore: strict.decode(Uint8Array.from(good)) },
        String(good),
      );
  });
});
