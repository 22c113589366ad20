/** Timing and summary helpers shared by the benchmarks. */

export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every run in milliseconds, in the order measured. */
  readonly samples: readonly number[];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: samples.length, median, min: sorted[0], max: sorted[sorted.length - 1], samples: samples.map(round) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Milliseconds since `start` (from {@link now}). */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const now = (): bigint => process.hrtime.bigint();

/**
 * Collects garbage left by earlier runs (node --expose-gc), so no run pays for another's. With `quietMs`, then
 * waits that long, idle: the collector goes on sweeping on background threads after gc() returns, and a
 * measure of the process's CPU time started at once would count that work as the run's.
 */
export function settle(quietMs = 0): void {
  (globalThis as { gc?: () => void }).gc?.();
  if (quietMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, quietMs);
}

/**
 * Times several contenders in the same process, interleaved: each round runs all of them, and the order
 * rotates every round, so drift (thermal, other load) spreads evenly. Warm-up rounds are discarded.
 */
export async function interleave(
  contenders: Record<string, () => unknown | Promise<unknown>>,
  options: { warmup: number; runs: number },
): Promise<Record<string, Summary>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      settle();
      const start = now();
      await contenders[name]();
      const ms = since(start);
      if (round >= options.warmup) samples[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}
