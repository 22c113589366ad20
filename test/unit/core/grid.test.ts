/** How many runs a grid makes (src/core/grid.ts), and how counts read. */
import * as assert from 'node:assert/strict';
import { countRuns, formatCount, formatGridCount, formatRunCount, gridSize, plural } from '../../../src/core/grid';

/** A grid of `flags` parameters with `values` values each. */
const grid = (flags: number, values: number) =>
  Object.fromEntries(Array.from({ length: flags }, (_, i) => [`p${i}`, Array.from({ length: values }, (_, j) => j)]));

describe('grid size', () => {
  it('counts distinct values: 1, 1.0 are one; "1", true and null others', () => {
    assert.deepEqual(gridSize({ a: [1, 1.0, '1', true, null, null] }), { size: 4, exact: true, factors: [['a', 4]] });
    assert.deepEqual(gridSize({ a: [1, 2], b: [] }).size, 0);
  });

  it('is exact up to 2^53 - 1, and an approximation in powers of ten beyond', () => {
    assert.deepEqual(
      [gridSize(grid(33, 3)).size, gridSize(grid(33, 3)).exact, gridSize(grid(33, 3)).approximation],
      [3 ** 33, true, undefined],
    );
    const beyond = gridSize(grid(53, 2));
    assert.deepEqual(
      [beyond.size, beyond.exact, beyond.approximation],
      [Number.MAX_SAFE_INTEGER, false, 'about 10^15'],
    );
    assert.equal(formatRunCount(gridSize(grid(54, 2))), 'about 10^16 runs');
    assert.equal(formatRunCount(gridSize(grid(33, 3))), '5,559,060,566,555,523 runs');
  });

  it('counts any number of runs by one rule: exact up to 2^53 - 1, else capped with its power of ten', () => {
    assert.deepEqual(countRuns(2n ** 53n - 1n), { size: Number.MAX_SAFE_INTEGER, exact: true });
    assert.deepEqual(countRuns(2n ** 60n), {
      size: Number.MAX_SAFE_INTEGER,
      exact: false,
      approximation: 'about 10^18',
    });
    // 10^k as a product of 2s and 5s: its digits say the power, where a sum of logarithms can fall short.
    assert.equal(countRuns(10n ** 40n).approximation, 'about 10^40');
    assert.equal(formatRunCount(gridSize(grid(20, 10))), 'about 10^20 runs');
    assert.deepEqual(
      [formatGridCount(countRuns(2048n)), formatGridCount(countRuns(2n ** 60n)), formatRunCount(countRuns(1n))],
      ['2,048', 'about 10^18', '1 run'],
    );
  });

  it('counts read in English, with thousands separators for any number', () => {
    assert.deepEqual(
      [plural(0, 'run'), plural(1, 'preset'), plural(2048, 'preset')],
      ['0 runs', '1 preset', '2,048 presets'],
    );
    assert.deepEqual(
      [formatCount(-1234), formatCount(1234.5), formatCount(999), formatCount(1000)],
      ['-1,234', '1,234.5', '999', '1,000'],
    );
    // Beyond the integers a double holds exactly, and with decimals, the locale's rounding is kept.
    assert.equal(formatCount(2 ** 60), '1,152,921,504,606,847,000');
    assert.equal(formatCount(1234.5678), '1,234.568');
    // A bigint is exact at any size.
    assert.equal(formatCount(2n ** 60n), '1,152,921,504,606,846,976');
    assert.equal(formatCount(12n), '12');
  });
});
