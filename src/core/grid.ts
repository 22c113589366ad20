/** Grid size: how many runs the autotuner makes for a parameter grid. */
import type { ParameterGrid } from './model';
import { distinctScalars, hasRepeatedScalar } from './values';

/**
 * How many runs there are, as every command and view says it: the number where it is exact, else a power of
 * ten. Made only by {@link countRuns}, so a grid's size reads the same in a list, a merge and its runs.
 */
export interface RunCount {
  /** The number of runs, capped at Number.MAX_SAFE_INTEGER (see `exact`): what JSON outputs write. */
  readonly size: number;
  /** False when the true number is larger than can be counted exactly. */
  readonly exact: boolean;
  /** The true number in powers of ten, e.g. "about 10^903", when not exact. */
  readonly approximation?: string;
}

export interface GridSize extends RunCount {
  /** Each parameter with its number of distinct values, in grid order. */
  readonly factors: readonly (readonly [string, number])[];
}

/** The count of an exact number of runs: exact up to 2^53 - 1, beyond it capped, with its power of ten. */
export function countRuns(total: bigint): RunCount {
  if (total <= BigInt(Number.MAX_SAFE_INTEGER)) return { size: Number(total), exact: true };
  // The number of digits less one is the power of ten, exactly: no rounding of a logarithm.
  return { size: Number.MAX_SAFE_INTEGER, exact: false, approximation: `about 10^${total.toString().length - 1}` };
}

/** The product of the distinct-value counts of a grid; 1 for an empty grid. */
export function gridSize(parameters: ParameterGrid): GridSize {
  const factors = Object.entries(parameters).map(
    ([name, values]) => [name, hasRepeatedScalar(values) ? distinctScalars(values).length : values.length] as const,
  );
  const total = factors.reduce((product, [, count]) => product * BigInt(count), 1n);
  return { ...countRuns(total), factors };
}

/** "1 preset", "2,048 presets": a count with its noun, in English. */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * A count with thousands separators, "2,048": what toLocaleString('en-US') writes, without its first call
 * loading the locale data (5 ms, paid by every CLI run and by activation otherwise).
 */
export function formatCount(count: number | bigint): string {
  return typeof count === 'bigint' || (Number.isSafeInteger(count) && count >= 0)
    ? String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : count.toLocaleString('en-US');
}

/** "1,024" or "about 10^30": a number of runs without its noun, as a table column shows it. */
export function formatGridCount(count: RunCount): string {
  return count.exact ? formatCount(count.size) : count.approximation!;
}

/** "1 run", "1,024 runs", or "about 10^30 runs". */
export function formatRunCount(count: RunCount): string {
  return count.exact ? plural(count.size, 'run') : `${count.approximation} runs`;
}
