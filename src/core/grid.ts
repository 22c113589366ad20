/** Grid size: how many runs the autotuner makes for a parameter grid. */
import type { ParameterGrid } from './model';
import { distinctScalars, hasRepeatedScalar } from './values';

export interface GridSize {
  /** The number of runs, capped at Number.MAX_SAFE_INTEGER (see `exact`). */
  readonly size: number;
  /** False when the true product is larger than can be counted exactly. */
  readonly exact: boolean;
  /** The true product in powers of ten, e.g. "about 10^903", when not exact. */
  readonly approximation?: string;
  /** Each parameter with its number of distinct values, in grid order. */
  readonly factors: readonly (readonly [string, number])[];
}

/** The product of the distinct-value counts of a grid; 1 for an empty grid. */
export function gridSize(parameters: ParameterGrid): GridSize {
  const factors = Object.entries(parameters).map(
    ([name, values]) => [name, hasRepeatedScalar(values) ? distinctScalars(values).length : values.length] as const,
  );
  let size = 1;
  let log10 = 0;
  for (const [, count] of factors) {
    size *= count;
    log10 += Math.log10(count);
  }
  if (size <= Number.MAX_SAFE_INTEGER) return { size, exact: true, factors };
  return { size: Number.MAX_SAFE_INTEGER, exact: false, approximation: `about 10^${Math.floor(log10)}`, factors };
}

/** "1 preset", "2,048 presets": a count with its noun, in English. */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * A count with thousands separators, "2,048": what toLocaleString('en-US') writes, without its first call
 * loading the locale data (5 ms, paid by every CLI run and by activation otherwise).
 */
export function formatCount(count: number): string {
  return Number.isSafeInteger(count) && count >= 0
    ? String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : count.toLocaleString('en-US');
}

/** "1 run", "1,024 runs", or "about 10^30 runs". */
export function formatRunCount(grid: GridSize): string {
  if (!grid.exact) return `${grid.approximation} runs`;
  return plural(grid.size, 'run');
}
