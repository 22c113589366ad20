import * as assert from 'node:assert/strict';
import { isOptionLike, pythonFloat, pythonInt } from '../../../../src/core/runtime/pythonNumber';

/** [text, str(int(text)), repr(float(text))], null where Python 3.11 raises; taken from `python3 -c`. */
const pythonNumbers: [string, string | null, string | null][] = [
  ['7', '7', '7.0'],
  ['007', '7', '7.0'],
  ['+1', '1', '1.0'],
  ['-1', '-1', '-1.0'],
  ['1_0', '10', '10.0'],
  ['1_000_000', '1000000', '1000000.0'],
  ['_1', null, null],
  ['1_', null, null],
  ['1__0', null, null],
  ['٣', '3', '3.0'],
  ['１２', '12', '12.0'],
  ['𝟗𝟘', '90', '90.0'],
  ['1.0', null, '1.0'],
  ['1e5', null, '100000.0'],
  ['', null, null],
  ['two', null, null],
  ['0x10', null, null],
  ['1_0.5', null, '10.5'],
  ['1_0e1_0', null, '100000000000.0'],
  ['1._5', null, null],
  ['1_.5', null, null],
  ['.5', null, '0.5'],
  ['5.', null, '5.0'],
  ['.', null, null],
  ['inf', null, 'inf'],
  ['-Infinity', null, '-inf'],
  ['+nan', null, 'nan'],
  ['NaN', null, 'nan'],
  ['in', null, null],
  ['infinit', null, null],
  ['1e', null, null],
  ['1e+5', null, '100000.0'],
  ['1E5', null, '100000.0'],
  ['-.5', null, '-0.5'],
  ['1e-05', null, '1e-05'],
];

describe('Python numbers', () => {
  it("reads text as Python's int() and float() do", () => {
    for (const [text, int, float] of pythonNumbers) {
      assert.equal(pythonInt(text)?.toString() ?? null, int, `int(${JSON.stringify(text)})`);
      // Python's repr() of these floats is JavaScript's number syntax, but for inf and nan.
      const expected = float === null ? undefined : Number(float.replace('inf', 'Infinity'));
      assert.ok(Object.is(pythonFloat(text), expected), `float(${JSON.stringify(text)}) is ${pythonFloat(text)}`);
    }
  });

  it('tells an option from a negative number as argparse before Python 3.14 does', () => {
    const options = ['-foo', '--', '-1e-05', '-1_0', '-inf', '-1.', '-x=1'];
    const values = ['-1', '-.5', '-1.5', '-0.0', '-٣', '-', 'foo', '1', ''];
    assert.deepEqual(
      options.filter((text) => !isOptionLike(text)),
      [],
    );
    assert.deepEqual(
      values.filter((text) => isOptionLike(text)),
      [],
    );
  });
});
