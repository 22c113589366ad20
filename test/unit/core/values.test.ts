import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { formatCount, formatRunCount, gridSize } from '../../../src/core/grid';
import type { Scalar } from '../../../src/core/model';
import { LineIndex, decodeUtf8, rangeInText } from '../../../src/core/text';
import {
  describeJsonValue,
  distinctScalars,
  formatFieldPath,
  formatScalar,
  formatScalarList,
  hasRepeatedScalar,
  jsonNodeValue,
  sameScalar,
  sameScalarList,
  scalarKey,
  withoutRepeats,
} from '../../../src/core/values';
import { anyScalarArb } from '../helpers/scalars';
import { positionOf } from '../helpers/presets';

describe('values', () => {
  it('scalarKey: equal exactly when the JSON values are equal', () => {
    const values: Scalar[] = [1, 1.0, -0, 0, true, false, '1', 'true', '', null, 'null', 0.1 + 0.2, 0.3];
    for (const a of values)
      for (const b of values)
        assert.equal(
          scalarKey(a) === scalarKey(b),
          JSON.stringify(a) === JSON.stringify(b),
          `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
        );
  });

  it('distinctScalars keeps first occurrences in order; sameScalarList compares in order', () => {
    assert.deepEqual(distinctScalars([2, 1, 2, '2', null, 1, null]), [2, 1, '2', null]);
    assert.equal(sameScalarList([1, 'a'], [1.0, 'a']), true);
    assert.equal(sameScalarList([1, 'a'], ['a', 1]), false);
    assert.equal(sameScalarList([1], [1, 1]), false);
  });

  it('formatFieldPath writes paths as people read them', () => {
    assert.equal(formatFieldPath(['parameters', 'tp-size', 2]), 'parameters.tp-size[2]');
    assert.equal(formatFieldPath(['parameters', 'a.b', 0]), 'parameters["a.b"][0]');
    assert.equal(formatFieldPath(['preset', 'metadata', 'tags', 1]), 'preset.metadata.tags[1]');
    assert.equal(formatFieldPath([]), '');
  });

  it('describeJsonValue names types for messages', () => {
    assert.deepEqual([undefined, null, [], [1], '', 's', 1, Infinity, true, {}, { a: 1 }].map(describeJsonValue), [
      'nothing',
      'null',
      'an empty list',
      'a list',
      'an empty string',
      'a string',
      'a number',
      'a number too large to represent',
      'a boolean',
      'an empty object',
      'an object',
    ]);
    assert.equal(formatScalarList([1, 'a', null, false]), '[1, "a", null, false]');
  });

  it('jsonNodeValue builds what JSON.parse builds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        assert.deepEqual(jsonNodeValue(parseTree(text)!), JSON.parse(text));
      }),
      { numRuns: 150 },
    );
    const proto = jsonNodeValue(parseTree('{"__proto__": {"x": 1}, "a": 1, "a": 2}')!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(proto), ['__proto__', 'a']);
    assert.equal(proto.a, 2, 'the last repeated key wins');
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  });
});

describe('grid', () => {
  it('gridSize multiplies distinct-value counts; 1 for an empty grid', () => {
    assert.deepEqual(gridSize({}), { size: 1, exact: true, factors: [] });
    assert.deepEqual(gridSize({ a: [1, 2, 2], b: ['x', 'y', 'z'] }), {
      size: 6,
      exact: true,
      factors: [
        ['a', 2],
        ['b', 3],
      ],
    });
  });

  it('formatRunCount reads well', () => {
    assert.equal(formatRunCount(gridSize({ a: [1] })), '1 run');
    assert.equal(formatRunCount(gridSize({ a: Array.from({ length: 1024 }, (_, i) => i) })), '1,024 runs');
    const huge = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]));
    assert.equal(formatRunCount(gridSize(huge)), 'about 10^30 runs');
  });
});

describe('text', () => {
  it('LineIndex agrees with counting lines by hand, for any line endings', () => {
    const pieces = fc.array(fc.constantFrom('a', 'é', '\u{1F680}', ' ', '\n', '\r\n', '\r', '"x"'), { maxLength: 40 });
    fc.assert(
      fc.property(pieces, fc.nat(), (parts, seed) => {
        const text = parts.join('') + 'END';
        const index = new LineIndex(text);
        assert.deepEqual(index.positionAt(text.indexOf('END')), positionOf(text, 'END'));
        const offset = seed % (text.length + 1);
        const position = index.positionAt(offset);
        const before = text.slice(0, offset).split(/\r\n|\r|\n/);
        // An offset between \r and \n belongs to the line the \r ends.
        if (!(text[offset - 1] === '\r' && text[offset] === '\n'))
          assert.deepEqual(position, { line: before.length - 1, character: before[before.length - 1].length });
      }),
      { numRuns: 200 },
    );
  });

  it('rangeAt clamps to the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.rangeAt(4, 10), {
      offset: 4,
      length: 1,
      start: { line: 1, character: 1 },
      end: { line: 1, character: 2 },
    });
    assert.deepEqual(index.rangeAt(-5, 1).start, { line: 0, character: 0 });
  });

  it('decodeUtf8 strips a BOM and locates the first invalid byte', () => {
    assert.deepEqual(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), { ok: true, text: 'a' });
    assert.deepEqual(
      decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61])),
      { ok: true, text: '\ufeffa' },
      'one mark only: a second is text, as in an editor',
    );
    assert.deepEqual(decodeUtf8(new Uint8Array([0x61, 0xc3, 0xa9, 0x62, 0xc0, 0x80])), {
      ok: false,
      byteOffset: 4,
      textBefore: 'aéb',
    });
    assert.deepEqual(
      decodeUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80])),
      { ok: false, byteOffset: 1, textBefore: 'a' },
      'a UTF-16 surrogate is not UTF-8',
    );
    assert.deepEqual(
      decodeUtf8(new Uint8Array([0x61, 0xe2, 0x82])),
      { ok: false, byteOffset: 1, textBefore: 'a' },
      'a cut-off sequence',
    );
  });
});

describe('values (properties)', () => {
  describe('scalars (properties)', () => {
    it('sameScalar is scalarKey equality; formatScalar is JSON.stringify', () => {
      fc.assert(
        fc.property(anyScalarArb, anyScalarArb, (a, b) => {
          assert.equal(sameScalar(a, b), scalarKey(a) === scalarKey(b));
          assert.equal(formatScalar(a), JSON.stringify(a));
        }),
        { numRuns: 500 },
      );
      assert.equal(sameScalar(NaN, NaN), scalarKey(NaN) === scalarKey(NaN));
      assert.equal(
        formatScalarList([1, 'a', null, false, -0, Infinity]),
        JSON.stringify([1, 'a', null, false, -0, Infinity]).replaceAll(',', ', '),
      );
    });

    it('distinctScalars, withoutRepeats and hasRepeatedScalar match a scalarKey set, for short and long lists', () => {
      const reference = (values: readonly Scalar[]): Scalar[] => {
        const seen = new Set<string>();
        return values.filter((value) => !seen.has(scalarKey(value)) && seen.add(scalarKey(value)));
      };
      fc.assert(
        fc.property(fc.array(anyScalarArb, { maxLength: 60 }), (values) => {
          const expected = reference(values);
          assert.deepEqual(distinctScalars(values), expected);
          assert.equal(hasRepeatedScalar(values), expected.length !== values.length);
          assert.notEqual(distinctScalars(values), values, 'a fresh array, never the input');
          assert.deepEqual(withoutRepeats(values), expected);
          // The input itself when it repeats nothing, a copy when it does.
          assert.equal(withoutRepeats(values) === values, expected.length === values.length);
        }),
        { numRuns: 300 },
      );
    });

    it('hasRepeatedScalar finds repeats in long lists of long values, of values built alike, of zeros and NaNs', () => {
      const longValue = fc.oneof(
        fc.string({ minLength: 20, maxLength: 80, unit: 'binary' }),
        fc.stringMatching(/^\/models\/[a-z]{3,12}-[0-9]{1,3}b\/[a-z0-9-]{5,30}$/),
        fc.double({ noNaN: true }),
        fc.integer(),
      );
      fc.assert(
        fc.property(
          fc.uniqueArray(longValue, { minLength: 17, maxLength: 200, comparator: (a, b) => sameScalar(a, b) }),
          fc.nat(),
          fc.nat(),
          (list, from, to) => {
            assert.equal(hasRepeatedScalar(list), false);
            const repeated = [...list];
            repeated.splice(to % (list.length + 1), 0, list[from % list.length]);
            assert.equal(hasRepeatedScalar(repeated), true, JSON.stringify(repeated));
          },
        ),
        { numRuns: 300 },
      );
      // Strings alike in length and in most characters, as model paths are.
      const alike = Array.from({ length: 500 }, (_, i) => {
        const digits = String(i).padStart(3, '0');
        return `a${digits[0]}${digits[1]}a${digits[2]}${'x'.repeat(14)}`;
      });
      assert.equal(hasRepeatedScalar(alike), false);
      assert.equal(hasRepeatedScalar([...alike, alike[250]]), true);
      const numbers = Array.from({ length: 40 }, (_, i) => i + 1);
      assert.equal(hasRepeatedScalar([...numbers, -0, 0]), true);
      assert.equal(hasRepeatedScalar([...numbers, NaN, NaN]), true);
      assert.equal(hasRepeatedScalar([...numbers, 0, NaN, true, false, null, '']), false);
    });
  });

  it('formatCount writes what toLocaleString("en-US") writes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 999, 1000, 10_000, 1_000_000)), (count) => {
        assert.equal(formatCount(count), count.toLocaleString('en-US'));
      }),
      { numRuns: 500 },
    );
  });

  it('rangeInText is LineIndex.rangeAt', () => {
    const textArb = fc
      .array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '😀', ' '), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        textArb,
        fc.integer({ min: -2, max: 40 }),
        fc.integer({ min: -2, max: 10 }),
        (text, offset, length) => {
          assert.deepEqual(rangeInText(text, offset, length), new LineIndex(text).rangeAt(offset, length));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
