/** The value helpers at their edges (src/core/values.ts): what messages say of unusual values, and broken trees. */
import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import {
  describeJsonValue,
  formatFieldPath,
  distinctScalars,
  formatScalar,
  hasRepeatedScalar,
  isPlainObject,
  isScalar,
  jsonNodeValue,
  sameScalar,
  scalarKey,
  withoutRepeats,
} from '../../../src/core/values';

describe('values at their edges', () => {
  it('describeJsonValue: blank strings are empty, any non-finite number too large, other types by name', () => {
    assert.deepEqual([' \t', -Infinity, NaN, 10n, () => 1].map(describeJsonValue), [
      'an empty string',
      'a number too large to represent',
      'a number too large to represent',
      'a bigint',
      'a function',
    ]);
  });

  it('isScalar takes JSON scalars only; isPlainObject takes objects that are not lists', () => {
    assert.deepEqual([Infinity, NaN, undefined, {}, [], 1, 'a', null, false].map(isScalar), [
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    assert.deepEqual([[], null, {}, 'a', 1].map(isPlainObject), [false, false, true, false, false]);
  });

  it('formatFieldPath brackets every key that is not a plain name', () => {
    assert.equal(
      formatFieldPath(['$a', '_b', 'a-b', '1a', '-a', '', 'a b', 0, 'é']),
      '$a._b.a-b["1a"]["-a"][""]["a b"][0]["é"]',
    );
    assert.equal(formatFieldPath([0, 'a']), '[0].a', 'no dot before the first key');
  });

  it('scalarKey makes -0 and 0 one number; formatScalar writes what JSON.stringify writes for odd values', () => {
    assert.equal(scalarKey(-0), scalarKey(0));
    assert.notEqual(scalarKey(0), scalarKey('0'));
    assert.notEqual(scalarKey(true), scalarKey(false));
    // A string never meets the number, boolean or null it spells like their keys.
    for (const [text, other] of [
      ['n1', 1],
      ['T', true],
      ['F', false],
      ['N', null],
      ['', null],
    ] as const)
      assert.notEqual(scalarKey(text), scalarKey(other), text);
    assert.equal(sameScalar(NaN, 1), false);
    assert.equal(sameScalar(1, NaN), false);
    assert.equal(sameScalar(NaN, NaN), true);
    for (const value of [Infinity, NaN, '\ud800', 'a\u2028', 'tab\t', 'q"', 'b\\'])
      assert.equal(formatScalar(value), JSON.stringify(value), String(value));
  });

  it('jsonNodeValue skips what a broken file leaves out: a property without a value, a missing item', () => {
    assert.deepEqual(jsonNodeValue(parseTree('{"a": , "b": 1}')!), { b: 1 });
    assert.deepEqual(jsonNodeValue(parseTree('[1, , 2]')!), [1, 2]);
    // Nodes without children (a caller's own tree, or a node jsonc-parser left unfinished) are empty.
    assert.deepEqual(jsonNodeValue({ type: 'object', offset: 0, length: 2 }), {});
    assert.deepEqual(jsonNodeValue({ type: 'array', offset: 0, length: 2 }), []);
    const keyOnly = { type: 'property', offset: 1, length: 3 } as const;
    assert.deepEqual(jsonNodeValue({ type: 'object', offset: 0, length: 5, children: [keyOnly] }), {});
  });

  it('jsonNodeValue makes objects a caller can change, as JSON.parse does', () => {
    const value = jsonNodeValue(parseTree('{"a": 1, "__proto__": {"b": 2}}')!) as Record<string, unknown>;
    value.a = 2;
    value['__proto__'] = 3;
    delete value.a;
    assert.deepEqual(Object.entries(value), [['__proto__', 3]]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it('finds a repeated NaN, and does not take a single NaN for a repeat, in short lists', () => {
    assert.equal(hasRepeatedScalar([1, NaN]), false);
    assert.equal(hasRepeatedScalar(['a', 2, NaN, null]), false);
    assert.equal(hasRepeatedScalar([NaN, 1, NaN]), true);
    assert.deepEqual(distinctScalars([1, NaN, 2]), [1, NaN, 2]);
    assert.deepEqual(distinctScalars([NaN, 1, NaN]), [NaN, 1]);
    const once = [true, NaN];
    assert.equal(withoutRepeats(once), once, 'a list without repeats is returned as it is');
  });
});
