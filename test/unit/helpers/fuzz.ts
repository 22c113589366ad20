/**
 * How hard the fuzz suites (`*.fuzz.test.ts`) try. `npm test` runs a few hundred inputs per property, so
 * the whole fuzz stage takes seconds; `npm run fuzz` runs 50,000 (a few minutes); `FUZZ_RUNS=n` sets the runs
 * of a property that costs 1 (costlier properties take a fraction). `FUZZ_SEED=n` replays a failure.
 */
import type { Parameters as FastCheckParameters } from 'fast-check';

/** Inputs per property in `npm test`, and for `npm run fuzz` (npm names the running script in npm_lifecycle_event). */
export const FUZZ_RUNS_DEFAULT = 300;
export const FUZZ_RUNS_LONG = 50_000;

export function fuzzRuns(): number {
  const fromEnvironment = Number(process.env.FUZZ_RUNS);
  if (Number.isInteger(fromEnvironment) && fromEnvironment > 0) return fromEnvironment;
  return process.env.npm_lifecycle_event === 'fuzz' ? FUZZ_RUNS_LONG : FUZZ_RUNS_DEFAULT;
}

/** fast-check parameters for a property that costs `cost` times a plain one (bigger inputs run fewer times). */
export function fuzzParameters<T>(cost = 1): FastCheckParameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: Math.max(10, Math.round(fuzzRuns() / cost)),
    ...(Number.isInteger(seed) ? { seed } : {}),
  };
}

/**
 * A very generous time budget for one input: a hang shows up, a slow machine does not. 2 s plus 1 s per
 * 10,000 characters, far above what the code needs.
 */
export function timeBudgetMs(size: number): number {
  return 2000 + size / 10;
}
