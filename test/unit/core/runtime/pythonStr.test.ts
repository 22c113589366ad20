import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { pythonFloatRepr, pythonSplit, pythonStr } from '../../../../src/core/runtime/pythonStr';

/** [repr(value), what Python 3 prints for str(value)], taken from `python3 -c 'print(str(x))'`. */
const pythonFloats: [string, string][] = [
  ['0.85', '0.85'],
  ['1e-5', '1e-05'],
  ['1e16', '1e+16'],
  ['0.0001', '0.0001'],
  ['100000.0', '100000.0'],
  ['1.0', '1.0'],
  ['0.1', '0.1'],
  ['0.3', '0.3'],
  ['0.3333333333333333', '0.3333333333333333'],
  ['2.5e-7', '2.5e-07'],
  ['1.2345678901234568e17', '1.2345678901234568e+17'],
  ['1000000000000000.0', '1000000000000000.0'],
  ['9999999999999998.0', '9999999999999998.0'],
  ['1e22', '1e+22'],
  ['5e-324', '5e-324'],
  ['1.7976931348623157e308', '1.7976931348623157e+308'],
  ['0.00012345', '0.00012345'],
  ['12345.678', '12345.678'],
  ['-0.5', '-0.5'],
  ['-1e-5', '-1e-05'],
  ['0.9', '0.9'],
  ['0.92', '0.92'],
  ['3e-5', '3e-05'],
  ['65536.0', '65536.0'],
  ['0.0001', '0.0001'],
  ['9.999e-5', '9.999e-05'],
  ['-0.00035233447033367526', '-0.00035233447033367526'],
  ['-2.1035300715365303e-10', '-2.1035300715365303e-10'],
  ['-8.551274266649144e-7', '-8.551274266649144e-07'],
  ['-2.6862216617482893e-10', '-2.6862216617482893e-10'],
  ['8.194081262862046', '8.194081262862046'],
  ['-925008683116030.2', '-925008683116030.2'],
  ['-163.65569725848107', '-163.65569725848107'],
  ['-818573973312269.9', '-818573973312269.9'],
  ['-8.817789878420218e-6', '-8.817789878420218e-06'],
  ['8.948994014149749e-10', '8.948994014149749e-10'],
  ['1542058972349.9734', '1542058972349.9734'],
  ['-90.08213732204571', '-90.08213732204571'],
  ['-9.068346387644875e-5', '-9.068346387644875e-05'],
  ['-0.00042078142733664747', '-0.00042078142733664747'],
  ['813717.7106428494', '813717.7106428494'],
  ['0.01205145540256254', '0.01205145540256254'],
  ['-0.7938885751128173', '-0.7938885751128173'],
  ['-2.5520491454853754e-9', '-2.5520491454853754e-09'],
  ['1.2873658626677331', '1.2873658626677331'],
  ['-7171009773016.435', '-7171009773016.435'],
  ['5.54457549961614e16', '5.54457549961614e+16'],
  ['1.7112372701527744e16', '1.7112372701527744e+16'],
  ['-276.83528811086734', '-276.83528811086734'],
  ['588.7589630449824', '588.7589630449824'],
  ['-8362899.784084603', '-8362899.784084603'],
  ['50393007.622902885', '50393007.622902885'],
  ['458890.5788784352', '458890.5788784352'],
  ['2.179180380728072e-9', '2.179180380728072e-09'],
  ['-76386844349007.58', '-76386844349007.58'],
  ['-670075792.7128536', '-670075792.7128536'],
  ['-6.960309306789904e18', '-6.960309306789904e+18'],
  ['-1.5660329104651139e-9', '-1.5660329104651139e-09'],
  ['52914173.24256262', '52914173.24256262'],
  ['-3197552756.17609', '-3197552756.17609'],
  ['1.8873975421003684e16', '1.8873975421003684e+16'],
  ['-8.624741011862789e-8', '-8.624741011862789e-08'],
  ['8.893621902158748e17', '8.893621902158748e+17'],
  ['3.940841356538565e-9', '3.940841356538565e-09'],
  ['-8786611.448055606', '-8786611.448055606'],
  ['2942577090553375.5', '2942577090553375.5'],
];

describe('pythonStr', () => {
  it('writes floats exactly as Python 3 does', () => {
    for (const [repr, expected] of pythonFloats) assert.equal(pythonFloatRepr(Number(repr)), expected, repr);
  });

  it('tells ints from floats by the source token', () => {
    assert.equal(pythonStr(1, '1.0'), '1.0');
    assert.equal(pythonStr(100000, '1e5'), '100000.0');
    assert.equal(pythonStr(1, '1'), '1');
    assert.equal(pythonStr(1), '1');
    assert.equal(pythonStr(0.5), '0.5');
    assert.equal(pythonStr(-0, '-0'), '0');
    assert.equal(pythonStr(-0, '-0.0'), '-0.0');
  });

  it('keeps big ints exact from their source text, as Python does', () => {
    assert.equal(pythonStr(Number('12345678901234567890'), '12345678901234567890'), '12345678901234567890');
    assert.equal(pythonStr(1e21), '1000000000000000000000');
  });

  it("falls back to the value when a token is not an integer's text", () => {
    for (const token of ['six', 'x7', '7x', '-', '']) assert.equal(pythonStr(7, token), '7', token);
    assert.equal(pythonStr(-12, '-12'), '-12');
  });

  it('writes the special floats as Python does', () => {
    assert.deepEqual([NaN, Infinity, -Infinity, 0, -0].map(pythonFloatRepr), ['nan', 'inf', '-inf', '0.0', '-0.0']);
    assert.equal(pythonStr(Infinity, '1e999'), 'inf');
  });

  it('splits a command line on runs of whitespace, with no empty pieces at either end', () => {
    assert.deepEqual(pythonSplit('  a \t\n b\u00a0c\x1f d  '), ['a', 'b', 'c', 'd']);
    assert.deepEqual(pythonSplit(' '), []);
    assert.deepEqual(pythonSplit('a\ufeffb'), ['a\ufeffb']);
  });

  it('writes null and booleans as Python names them, strings as they are', () => {
    assert.equal(pythonStr(null), 'None');
    assert.equal(pythonStr(true), 'True');
    assert.equal(pythonStr(false), 'False');
    assert.equal(pythonStr('fcfs'), 'fcfs');
  });

  it('round-trips every float and picks the form by the exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = pythonFloatRepr(value);
        assert.ok(Object.is(Number(text), value) || (value === 0 && Number(text) === 0), text);
        const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
        // log10 can be off by one at exact powers of ten; only check away from the boundaries.
        if (exponent < -5 || exponent > 16) assert.match(text, /e[+-]\d{2,}$/);
        if (exponent > -4 && exponent < 15) assert.match(text, /^-?\d+\.\d+$/);
      }),
    );
  });
});
