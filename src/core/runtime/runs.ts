/**
 * The runs of a grid (SPEC §7), as the autotuner's grid search launches them: the Cartesian product
 * of the parameters' lists in order, the first parameter varying slowest, a parameter with an empty
 * list skipped. Runs are computed on demand from their index, so a grid of any size shows its first
 * runs without building the others.
 */
import { countRuns, formatCount, formatGridCount, formatRunCount, type RunCount } from '../grid';
import type { ParameterGrid, Runtime, Scalar } from '../model';
import type { FlagProblem, FlagProblemCode } from './flagChecks';
import { FlagProblemCodes } from './flagChecks';
import { pythonSplit, pythonStr, type ValueTokens } from './pythonStr';

/** One run: a value per parameter, the server command it launches and the GPUs it needs. */
export interface Run {
  readonly index: number;
  readonly parameters: Readonly<Record<string, Scalar>>;
  /** The argv, split on whitespace as the autotuner splits its command line. */
  readonly command: readonly string[];
  readonly gpus: number;
  /** The grid's flag problems that concern this run's flags and values and would make its launch fail. */
  readonly problems: readonly FlagProblem[];
}

export interface GridRuns {
  readonly runtime: Runtime | null;
  /** The parameters that vary, in order, with their values (empty lists left out). */
  readonly axes: readonly { readonly name: string; readonly values: readonly Scalar[] }[];
  /** The number of runs; past 2^53 a rounded number (and Infinity past the largest double): see `exactTotal`. */
  readonly total: number;
  readonly exactTotal: bigint;
  /** The number of runs as every command says it (exact, or capped with its power of ten): {@link countRuns}. */
  readonly count: RunCount;
  /** GPUs per run over the whole grid, found from the parallelism values alone. */
  readonly gpus: { readonly min: number; readonly max: number };
  /** The run at `index` (0 ≤ index < total, a safe integer). */
  runAt(index: number): Run;
  /** The runs from `start`, `count` of them at most, one at a time. */
  runs(start?: number, count?: number): IterableIterator<Run>;
}

export interface GridRunsOptions {
  /** The runtime whose server the runs launch; null: a placeholder stands for the server command. */
  readonly runtime: Runtime | null;
  /** The task's `model.id_or_path`; `{model}` without a task. */
  readonly model?: string;
  /** The values' source text, so `1.0` is written as the float Python reads. */
  readonly tokens?: ValueTokens;
  /** The grid's flag problems (`checkFlags` on the same parameters), to pick each run's. */
  readonly problems?: readonly FlagProblem[];
}

/** Problems that launch fine: `false` launches nothing, a deprecated flag still works. */
export const HARMLESS_AT_LAUNCH: ReadonlySet<FlagProblemCode> = new Set([
  FlagProblemCodes.false,
  FlagProblemCodes.deprecated,
]);

/** The placeholder the autotuner fills with the port it picks at launch. */
export const PORT_PLACEHOLDER = '{port}';
export const MODEL_PLACEHOLDER = '{model}';

/** The server command before the parameters, as the autotuner starts it (docker mode). */
export function baseCommand(runtime: Runtime | null, model: string = MODEL_PLACEHOLDER): string {
  switch (runtime) {
    case 'sglang':
      return `python3 -m sglang.launch_server --model-path ${model} --host 0.0.0.0 --port ${PORT_PLACEHOLDER}`;
    case 'vllm':
      return `python3 -m vllm.entrypoints.openai.api_server --model ${model} --host 0.0.0.0 --port ${PORT_PLACEHOLDER}`;
    default:
      // A preset for any runtime: the task's base_runtime decides which server; say so instead of guessing.
      return `{server} ${model} --host 0.0.0.0 --port ${PORT_PLACEHOLDER}`;
  }
}

/**
 * The argv of one run, built as the autotuner builds it: `--name value` per parameter (a name without
 * leading dashes gets `--`), `true` the bare flag, `false` nothing, other values Python's `str()`, and the
 * whole line split on whitespace.
 */
export function runCommand(
  runtime: Runtime | null,
  parameters: readonly (readonly [name: string, value: Scalar, token?: string])[],
  model?: string,
): string[] {
  let line = baseCommand(runtime, model);
  for (const [name, value, token] of parameters) {
    if (value === false) continue;
    const flag = name.startsWith('-') ? name : `--${name}`;
    line += value === true ? ` ${flag}` : ` ${flag} ${pythonStr(value, token)}`;
  }
  return pythonSplit(line);
}

/** The spellings of each parallelism size the autotuner reads, in the order it tries them. */
const PARALLELISM = {
  tp: ['tensor-parallel-size', 'tp-size', 'tp_size'],
  pp: ['pipeline-parallel-size', 'pp-size', 'pp_size'],
  dp: ['data-parallel-size', 'dp-size', 'dp_size'],
  cp: ['context-parallel-size', 'cp-size', 'cp_size'],
  dcp: ['decode-context-parallel-size', 'dcp-size', 'dcp_size'],
} as const;

/** A parallelism size from a value: a positive number, or a string holding one; anything else counts as 1. */
function sizeOf(value: Scalar | undefined): number {
  // Number() also reads a blank string, null and the booleans, as 0 or 1, and undefined as NaN: all count as 1.
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** GPUs a run needs: tp × pp × max(dp, dcp, cp), each from its first spelling present, 1 by default. */
export function gpusOf(parameters: Readonly<Record<string, Scalar>>): number {
  const size = (spellings: readonly string[]): number => {
    const name = spellings.find((s) => Object.hasOwn(parameters, s));
    return name === undefined ? 1 : sizeOf(parameters[name]);
  };
  return (
    size(PARALLELISM.tp) *
    size(PARALLELISM.pp) *
    Math.max(size(PARALLELISM.dp), size(PARALLELISM.dcp), size(PARALLELISM.cp))
  );
}

/**
 * GPUs per run over a grid, without enumerating it: each size comes from one parameter whose values vary
 * independently of the others, and the count only grows with each size, so the extremes come from the
 * extremes of each list.
 */
function gpusRange(axes: readonly { name: string; values: readonly Scalar[] }[]): { min: number; max: number } {
  const present = new Map(axes.map((a) => [a.name, a.values] as const));
  const extremes = (spellings: readonly string[]): [number, number] => {
    const name = spellings.find((s) => present.has(s));
    if (name === undefined) return [1, 1];
    const sizes = present.get(name)!.map(sizeOf);
    return [Math.min(...sizes), Math.max(...sizes)];
  };
  const [tp, pp, dp, cp, dcp] = [PARALLELISM.tp, PARALLELISM.pp, PARALLELISM.dp, PARALLELISM.cp, PARALLELISM.dcp].map(
    extremes,
  ) as [number, number][];
  return {
    min: tp![0] * pp![0] * Math.max(dp![0], cp![0], dcp![0]),
    max: tp![1] * pp![1] * Math.max(dp![1], cp![1], dcp![1]),
  };
}

/** The runs of a grid, computed on demand. */
export function gridRuns(parameters: ParameterGrid, options: GridRunsOptions): GridRuns {
  const axes = Object.entries(parameters)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => ({ name, values, tokens: options.tokens?.[name] }));
  const exactTotal = axes.reduce((product, axis) => product * BigInt(axis.values.length), 1n);
  const total = Number(exactTotal);
  const problemsOf = new Map<string, FlagProblem[]>();
  for (const problem of options.problems ?? []) {
    if (HARMLESS_AT_LAUNCH.has(problem.code)) continue;
    const list = problemsOf.get(problem.flag) ?? [];
    list.push(problem);
    problemsOf.set(problem.flag, list);
  }

  const runAt = (index: number): Run => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= total) {
      throw new RangeError(`run ${index} is not in a grid of ${exactTotal} runs`);
    }
    // Mixed-radix digits from the last axis, which varies fastest (itertools.product's order).
    const chosen = new Array<number>(axes.length);
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      const size = axes[a]!.values.length;
      chosen[a] = rest % size;
      rest = Math.floor(rest / size);
    }
    const runParameters: Record<string, Scalar> = {};
    const entries: [string, Scalar, string | undefined][] = [];
    const problems: FlagProblem[] = [];
    axes.forEach((axis, a) => {
      const i = chosen[a]!;
      const value = axis.values[i]!;
      Object.defineProperty(runParameters, axis.name, { value, enumerable: true, writable: true, configurable: true });
      entries.push([axis.name, value, axis.tokens?.[i]]);
      for (const problem of problemsOf.get(axis.name) ?? []) {
        if (problem.valueIndex === undefined || problem.valueIndex === i) problems.push(problem);
      }
    });
    return {
      index,
      parameters: runParameters,
      command: runCommand(options.runtime, entries, options.model),
      gpus: gpusOf(runParameters),
      problems,
    };
  };

  return {
    runtime: options.runtime,
    axes: axes.map(({ name, values }) => ({ name, values })),
    total,
    exactTotal,
    count: countRuns(exactTotal),
    gpus: gpusRange(axes),
    runAt,
    *runs(start = 0, count = Infinity) {
      for (let i = start; i < total && i - start < count; i++) yield runAt(i);
    },
  };
}

/** The runs of a grid that would fail at launch: how many, and the first of them (0-based), exact at any size. */
export interface FailingRuns {
  readonly count: bigint;
  /** -1 when no run fails. */
  readonly first: bigint;
}

/**
 * How many runs would fail at launch, without enumerating the grid: a run fails when any of its values has
 * a launch problem, so the runs that start are the product of each parameter's good values. The first failing
 * run is the smallest of "every other parameter at its first value, this one at its first bad value".
 */
export function failingRuns(runs: GridRuns, problems: readonly FlagProblem[]): FailingRuns {
  const bad = new Map<string, Set<number> | 'all'>();
  for (const problem of problems) {
    if (HARMLESS_AT_LAUNCH.has(problem.code)) continue;
    if (problem.valueIndex === undefined) bad.set(problem.flag, 'all');
    else {
      const set = bad.get(problem.flag) ?? new Set<number>();
      if (set !== 'all') bad.set(problem.flag, set.add(problem.valueIndex));
    }
  }
  let starting = 1n;
  let first: bigint | undefined;
  let stride = 1n;
  for (let a = runs.axes.length - 1; a >= 0; a--) {
    const axis = runs.axes[a]!;
    const badValues = bad.get(axis.name);
    const count = badValues === undefined ? 0 : badValues === 'all' ? axis.values.length : badValues.size;
    starting *= BigInt(axis.values.length - count);
    if (badValues !== undefined) {
      const candidate = BigInt(badValues === 'all' ? 0 : Math.min(...badValues)) * stride;
      if (first === undefined || candidate < first) first = candidate;
    }
    stride *= BigInt(axis.values.length);
  }
  const count = runs.exactTotal - starting;
  return { count, first: count > 0n ? first! : -1n };
}

/**
 * "All 48 runs would fail at launch (the first is run 1).", or "6 of 24 runs …": the sentence the CLI and the
 * Merge Preview both show; undefined when every run starts.
 */
export function failingRunsSentence(runs: GridRuns, failing: FailingRuns): string | undefined {
  if (failing.count === 0n) return undefined;
  const total = formatRunCount(runs.count);
  const which =
    failing.count === runs.exactTotal ? `All ${total}` : `${formatGridCount(countRuns(failing.count))} of ${total}`;
  return `${which} would fail at launch (the first is run ${formatCount(failing.first + 1n)}).`;
}

/**
 * For each run, in order, the earlier run whose launch problems it repeats (that run's index), or undefined
 * where its problems are new or it has none: a grid's problems repeat from run to run, and a display tells
 * each set once and points back to it.
 */
export function problemsToldBefore(runs: readonly Run[]): (number | undefined)[] {
  const toldAt = new Map<string, number>();
  return runs.map((run) => {
    if (run.problems.length === 0) return undefined;
    // As JSON, so that no two lists of messages make the same key.
    const problems = JSON.stringify(run.problems.map((problem) => problem.message));
    const told = toldAt.get(problems);
    if (told === undefined) toldAt.set(problems, run.index);
    return told;
  });
}
