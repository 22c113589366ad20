/**
 * Fuzzing the parser and validator: random bytes, random text, token soup, and valid presets broken in
 * every way the reliability issue lists (truncated, bytes flipped, keys duplicated, deep nesting, huge
 * numbers, lone surrogates, BOM, CRLF, NUL bytes, invalid UTF-8, UTF-16). Whatever arrives, analysis
 * never throws, ends within a generous budget, and every diagnostic range lies inside the document
 * with positions that agree with its offsets.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzePresetBytes, analyzePresetText, type PresetAnalysis } from '../../../src/core/analyze';
import { serializePresetFile } from '../../../src/core/exchange';
import type { Preset, Scalar } from '../../../src/core/model';
import { LineIndex, stripBom } from '../../../src/core/text';
import { fuzzParameters, timeBudgetMs } from '../helpers/fuzz';

/** The text an editor shows for these bytes: invalid bytes as U+FFFD, one byte order mark dropped (a second is text). */
const editorText = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** The invariants every analysis must satisfy, whatever the input. */
function assertSound(analysis: PresetAnalysis, text: string): void {
  const lines = new LineIndex(text);
  assert.ok(Array.isArray(analysis.diagnostics));
  for (const d of analysis.diagnostics) {
    const { offset, length, start, end } = d.range;
    assert.ok(Number.isInteger(offset) && Number.isInteger(length), `integer range: ${d.message}`);
    assert.ok(
      offset >= 0 && length >= 0 && offset + length <= text.length,
      `range [${offset}, ${offset + length}) inside ${text.length} characters: ${d.message}`,
    );
    assert.deepEqual(start, lines.positionAt(offset), `start agrees with the offset: ${d.message}`);
    assert.deepEqual(end, lines.positionAt(offset + length), `end agrees with the offset: ${d.message}`);
    assert.ok(d.severity === 'error' || d.severity === 'warning');
    assert.ok(typeof d.message === 'string' && d.message.length > 0);
  }
  assert.equal(
    analysis.preset === undefined,
    analysis.diagnostics.some((d) => d.severity === 'error'),
    'a preset exactly when there is no error',
  );
  if (analysis.nameRange)
    assert.ok(
      analysis.nameRange.offset + analysis.nameRange.length <= text.length,
      'the name range lies inside the text',
    );
  assert.ok(
    analysis.diagnostics.length <= 102,
    `at most the listed problems plus a count (${analysis.diagnostics.length})`,
  );
}

function analyzeBytesTimed(bytes: Uint8Array): PresetAnalysis {
  const started = performance.now();
  const analysis = analyzePresetBytes(bytes);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < timeBudgetMs(bytes.length), `${bytes.length} bytes took ${elapsed.toFixed(0)} ms`);
  assertSound(analysis, editorText(bytes));
  return analysis;
}

function analyzeTextTimed(text: string): PresetAnalysis {
  const started = performance.now();
  const analysis = analyzePresetText(text);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < timeBudgetMs(text.length), `${text.length} characters took ${elapsed.toFixed(0)} ms`);
  assertSound(analysis, stripBom(text));
  return analysis;
}

// ------------------------------------------------------------------ valid presets, to break

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer({ min: -1000, max: 1_000_000 }),
  // -0 is written as 0: JSON has no negative zero to read back.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const nameArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      'Balanced',
      'High Throughput',
      '__proto__',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      'CON',
      'x'.repeat(255),
    ),
  )
  .filter((name) => name.trim() !== '' && [...name.trim()].length <= 255);
const presetArb: fc.Arbitrary<Preset> = fc.record({
  name: nameArb.map((name) => name.trim()),
  description: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  category: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  runtime: fc.constantFrom(null, 'sglang' as const, 'vllm' as const),
  parameters: fc
    .uniqueArray(
      fc.tuple(
        fc.string({ minLength: 1, maxLength: 10 }),
        fc.uniqueArray(scalarArb, { minLength: 1, maxLength: 5, selector: (v) => JSON.stringify(v) }),
      ),
      { minLength: 1, maxLength: 6, selector: ([key]) => key },
    )
    .map((entries) => Object.fromEntries(entries)),
  metadata: fc.option(
    fc.record({ author: fc.string({ maxLength: 10 }), tags: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }) }),
    { nil: null },
  ),
  extra: fc.constant({}),
});

/** Ways to write a preset a person (or a tool) might: strict JSON, JSONC with comments and trailing commas, an envelope. */
const writtenArb = fc
  .tuple(presetArb, fc.constantFrom('file', 'compact', 'jsonc', 'envelope'))
  .map(([preset, style]) => {
    const file = serializePresetFile(preset);
    switch (style) {
      case 'compact':
        return JSON.stringify(JSON.parse(file));
      case 'jsonc':
        return '// written by hand\n' + file.replace(/\n(\s*)"/g, '\n$1/* field */ "').replace(/\]\n/g, '],\n');
      case 'envelope':
        return JSON.stringify({ version: '1.0', preset: JSON.parse(file) }, null, 2);
      default:
        return file;
    }
  });

const encoder = new TextEncoder();

/** One way of breaking a file, applied to its bytes. Positions are fractions of the length. */
type Mutation = (bytes: Uint8Array) => Uint8Array;
const at = (bytes: Uint8Array, fraction: number): number => Math.floor(fraction * bytes.length);
const splice = (
  bytes: Uint8Array,
  index: number,
  remove: number,
  insert: Uint8Array | readonly number[] = [],
): Uint8Array => Uint8Array.from([...bytes.subarray(0, index), ...insert, ...bytes.subarray(index + remove)]);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((f) => (b: Uint8Array) => b.subarray(0, at(b, f))), // truncated
  fc.tuple(fraction, fc.integer({ min: 0, max: 7 })).map(
    ([f, bit]) =>
      (b: Uint8Array) =>
        b.length ? splice(b, at(b, f), 1, [b[at(b, f)] ^ (1 << bit)]) : b,
  ), // a bit flipped
  fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(
    ([f, byte]) =>
      (b: Uint8Array) =>
        b.length ? splice(b, at(b, f), 1, [byte]) : b,
  ), // a byte replaced
  fc.tuple(fraction, fc.integer({ min: 1, max: 40 })).map(
    ([f, n]) =>
      (b: Uint8Array) =>
        splice(b, at(b, f), n),
  ), // a range deleted
  fc.tuple(fraction, fraction, fc.integer({ min: 1, max: 60 })).map(
    ([f, g, n]) =>
      (b: Uint8Array) =>
        splice(b, at(b, g), 0, b.subarray(at(b, f), at(b, f) + n)),
  ), // a range copied elsewhere
  fc
    .tuple(
      fraction,
      fc.constantFrom(
        '"name": "Twin", ',
        '"parameters": {"a": [1]}, ',
        '"tp-size": [1], ',
        '"__proto__": {"polluted": 1}, ',
        '"constructor": [1], ',
      ),
    )
    .map(
      ([f, key]) =>
        (b: Uint8Array) =>
          splice(b, at(b, f), 0, encoder.encode(key)), // a key duplicated
    ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{"a":', '[{"b":')).map(
    ([f, depth, open]) =>
      (b: Uint8Array) =>
        splice(b, at(b, f), 0, encoder.encode(open.repeat(depth))), // deep nesting
  ),
  fc
    .tuple(
      fraction,
      fc.constantFrom(
        '1e400',
        '-1e999',
        '9007199254740993',
        '123456789012345678901234567890',
        '0.' + '1'.repeat(400),
        '-0',
        '1e-400',
      ),
    )
    .map(
      ([f, number]) =>
        (b: Uint8Array) =>
          splice(b, at(b, f), 0, encoder.encode(number)), // huge numbers
    ),
  fc
    .tuple(
      fraction,
      fc.constantFrom('"\\ud800"', '"\\udfff x"', '"\\ud83d\\ude00"', '\\ud800', '"\\u0000"', '"\\uZZZZ"'),
    )
    .map(
      ([f, escape]) =>
        (b: Uint8Array) =>
          splice(b, at(b, f), 0, encoder.encode(escape)), // lone surrogates and odd escapes
    ),
  fc.constant((b: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b])), // a BOM
  fc.constant((b: Uint8Array) => encoder.encode(text(b).replace(/\n/g, '\r\n'))), // CRLF
  fc.constant((b: Uint8Array) => encoder.encode(text(b).replace(/\n/g, '\r'))), // old Mac line ends
  fraction.map((f) => (b: Uint8Array) => splice(b, at(b, f), 0, [0])), // a NUL byte
  fc
    .tuple(
      fraction,
      fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80]),
    )
    .map(
      ([f, invalid]) =>
        (b: Uint8Array) =>
          splice(b, at(b, f), 0, invalid), // invalid UTF-8
    ),
  fc.constantFrom('utf-16le', 'utf-16be').map((endian) => (b: Uint8Array) => {
    const units = Buffer.from('\ufeff' + text(b), 'utf16le');
    return Uint8Array.from(endian === 'utf-16be' ? units.swap16() : units);
  }),
);

describe('analysis under fuzzing', () => {
  it('valid presets as people write them are read back as they were (the generator makes valid files)', () => {
    fc.assert(
      fc.property(presetArb, (preset) => {
        const analysis = analyzeTextTimed(serializePresetFile(preset));
        assert.deepEqual(
          analysis.diagnostics.filter((d) => d.severity === 'error'),
          [],
        );
        // Through JSON: fast-check's records have no prototype, JSON.parse's do. A generated integer beyond
        // 2^53 is written as the double's shortest text, which is not that integer: it is kept as written.
        const { writtenNumbers: _written, ...read } = analysis.preset!;
        assert.deepEqual(read, JSON.parse(JSON.stringify(preset)));
      }),
      fuzzParameters(),
    );
  });

  it('valid files broken by one to four mutations never throw, end in time, and keep every range inside', () => {
    fc.assert(
      fc.property(writtenArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (written, mutations) => {
        const bytes = mutations.reduce<Uint8Array>((current, mutate) => mutate(current), encoder.encode(written));
        analyzeBytesTimed(bytes);
      }),
      fuzzParameters(),
    );
  });

  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        analyzeBytesTimed(bytes);
      }),
      fuzzParameters(),
    );
  });

  it('random text, lone surrogates included, never throws (editors hand over text, not bytes)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (input) => {
        analyzeTextTimed(input);
      }),
      fuzzParameters(),
    );
  });

  it("token soup (the parser's every state) never throws", () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '\n',
      '\r\n',
      '"name"',
      '"parameters"',
      '"preset"',
      '"version"',
      '"metadata"',
      '"runtime"',
      '"tags"',
      '"tp-size"',
      '"x"',
      '"\\ud800"',
      '"\\',
      '"',
      '1',
      '-0',
      '1e400',
      'true',
      'null',
      'NaN',
      "'",
      '//c\n',
      '/*',
      '*/',
      '\u0000',
      '\ufeff',
      '\u2028',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 200 }), (tokens) => {
        analyzeTextTimed(tokens.join(''));
      }),
      fuzzParameters(),
    );
  });

  it('deep, wide and long inputs end in time', () => {
    const shape = fc.oneof(
      fc.integer({ min: 1, max: 200_000 }).map((depth) => '['.repeat(depth)),
      fc
        .integer({ min: 1, max: 100_000 })
        .map((depth) => '{"name": "D", "parameters": {"a": [1]}, "x": ' + '{"a":'.repeat(depth)),
      fc.integer({ min: 1, max: 20_000 }).map((count) =>
        JSON.stringify({
          name: 'W',
          parameters: Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, [i, i]])),
        }),
      ),
      fc
        .integer({ min: 1, max: 30_000 })
        .map(
          (count) =>
            `{"name": "K", "parameters": {"a": [1]}, "o": {${Array.from({ length: count }, () => '"k": 1').join(', ')}}}`,
        ),
      fc
        .integer({ min: 1, max: 200_000 })
        .map((count) => '{"name": "S", "parameters": {"a": [1' + ', 1'.repeat(count) + ']}}'),
    );
    fc.assert(
      fc.property(shape, (input) => {
        analyzeTextTimed(input);
      }),
      fuzzParameters(100),
    );
  });
});
