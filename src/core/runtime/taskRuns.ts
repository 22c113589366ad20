/**
 * What a task does with a grid's runs (SPEC §7): grid search tries them in order up to
 * `optimization.max_iterations`; other strategies run that many trials of the optimizer's choosing;
 * each run is given up after `optimization.timeout_per_iteration` seconds.
 */
import { countRuns, formatCount, formatRunCount, gridSize, plural, type RunCount } from '../grid';
import { RUNTIMES, type ParameterGrid, type Runtime, type Scalar } from '../model';
import { locatePath } from '../jsonText';
import { TaskApplyRefusal, taskAfterEdit, taskParametersEdit } from '../task';
import { isPlainObject } from '../values';
import type { GridRuns } from './runs';

/** The autotuner's `max_iterations` when a task does not set it. */
export const DEFAULT_MAX_ITERATIONS = 100;
export const DEFAULT_STRATEGY = 'grid_search';

/** The facts of a task that the runs depend on. */
export interface TaskContext {
  /** `model.id_or_path`. */
  readonly model: string | null;
  /** `base_runtime`, when it is one the project knows. */
  readonly runtime: Runtime | null;
  /** `runtime_image_tag`, which picks the catalog version. */
  readonly imageTag: string | null;
  readonly strategy: string;
  readonly maxIterations: number;
  /** Seconds; null when the task does not say. */
  readonly timeoutPerIteration: number | null;
  /** Set when the task sets a `max_iterations` that is no positive whole number. */
  readonly maxIterationsWarning?: string;
  /** Set when the task sets a `timeout_per_iteration` that is no positive number of seconds. */
  readonly timeoutWarning?: string;
}

/**
 * Reads a task's model, runtime, image tag and optimization settings, with the autotuner's defaults. With the
 * file's `text`, a `max_iterations` written as a float (`7.0`, which parses as 7) is told too.
 */
export function readTaskContext(task: unknown, text?: string): TaskContext {
  const root = isPlainObject(task) ? task : {};
  const model = isPlainObject(root.model) ? root.model : {};
  const optimization = isPlainObject(root.optimization) ? root.optimization : {};
  const runtime = RUNTIMES.find((r) => r === root.base_runtime) ?? null;
  const positive = (value: unknown): number | null =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
  const context: TaskContext = {
    model: typeof model.id_or_path === 'string' ? model.id_or_path : null,
    runtime,
    imageTag: typeof root.runtime_image_tag === 'string' ? root.runtime_image_tag : null,
    strategy: typeof optimization.strategy === 'string' ? optimization.strategy : DEFAULT_STRATEGY,
    maxIterations: Math.floor(positive(optimization.max_iterations) ?? DEFAULT_MAX_ITERATIONS),
    timeoutPerIteration: positive(optimization.timeout_per_iteration),
  };
  // How the file writes it, looked up only for a whole number, the one case where the writing matters.
  const writtenSource = (): string | undefined => {
    const written = text === undefined ? undefined : locatePath(text, ['optimization', 'max_iterations']);
    return written?.exact ? written.source : undefined;
  };
  const warning = Object.hasOwn(optimization, 'max_iterations')
    ? maxIterationsWarning(optimization.max_iterations, context.maxIterations, writtenSource)
    : undefined;
  const timeout = Object.hasOwn(optimization, 'timeout_per_iteration')
    ? timeoutWarning(optimization.timeout_per_iteration)
    : undefined;
  return {
    ...context,
    ...(warning !== undefined ? { maxIterationsWarning: warning } : {}),
    ...(timeout !== undefined ? { timeoutWarning: timeout } : {}),
  };
}

/**
 * Why a task's `timeout_per_iteration` bounds no run, or undefined when it is a positive number of seconds:
 * 0, a negative number or a string is no time the autotuner can give a run, and is counted here as none.
 */
function timeoutWarning(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return undefined;
  return `optimization.timeout_per_iteration is ${describeSetting(value)}, not a positive number of seconds; counted here as no time bound`;
}

/** A setting's value for a message, as JSON, shortened. */
function describeSetting(value: unknown): string {
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return shown.length <= 40 ? shown : `${shown.slice(0, 37)}...`;
}

/**
 * Why a task's `max_iterations` is unusable, or undefined when it is a positive whole number. The autotuner
 * cuts its list of runs with it (`runs[:max_iterations]`): a string or a fraction fails there, 0 runs
 * nothing and -3 drops the last three, so the user should know; `counted` is what the counts here take.
 */
function maxIterationsWarning(
  value: unknown,
  counted: number,
  writtenSource: () => string | undefined,
): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    // Python reads `7.0` as a float, which the slice refuses as it refuses 7.5.
    const source = writtenSource();
    if (source === undefined || !/[.eE]/.test(source)) return undefined;
    return `optimization.max_iterations is ${source}, a float to Python, whose slice of the runs refuses it; write ${value} (counted here as ${counted})`;
  }
  const written = describeSetting(value);
  const fraction = typeof value === 'number' && Number.isFinite(value) && value > 0;
  return (
    `optimization.max_iterations is ${written}, not a positive whole number: the autotuner may fail, ` +
    `run nothing or cut the grid otherwise; counted here as ${fraction ? counted : `unset (${counted})`}`
  );
}

export interface TaskCut {
  readonly strategy: string;
  /** Grid search tries runs in order; any other strategy lets its optimizer pick them. */
  readonly optimizerPicks: boolean;
  readonly totalRuns: number;
  readonly runsTried: number;
  /** The task tries fewer runs than the grid has ({@link cutsTheGrid}). */
  readonly cutsGrid: boolean;
  readonly maxIterations: number;
  readonly timeoutPerIteration: number | null;
  /** runs tried × timeout per run; null without a timeout. */
  readonly timeBoundSeconds: number | null;
  /** e.g. "24 runs; the task stops after 2 (max_iterations)". */
  readonly sentence: string;
}

/**
 * Whether the task tries fewer runs than the grid has: max_iterations is below the grid's count, or the grid is
 * past counting. The one rule the Runs section, Apply's warnings and the CLI follow.
 */
export function cutsTheGrid(runs: RunCount, task: Pick<TaskContext, 'maxIterations'>): boolean {
  return !runs.exact || runs.size > task.maxIterations;
}

/**
 * How many of a grid's runs a task tries, and how long it can take at most. `runs` is the grid's count
 * (GridRuns' `count`, a gridSize), or an exact number of runs.
 */
export function taskCut(runs: RunCount | number, task: TaskContext): TaskCut {
  const count = typeof runs === 'number' ? countRuns(BigInt(runs)) : runs;
  const totalRuns = count.size;
  const optimizerPicks = task.strategy !== DEFAULT_STRATEGY;
  // Beyond the exact count, the grid has more runs than `totalRuns` says: a max_iterations within it cuts the
  // grid; a larger one is all that can be said of what the task tries.
  const uncountedTail = !count.exact && task.maxIterations > totalRuns;
  const runsTried = optimizerPicks || uncountedTail ? task.maxIterations : Math.min(totalRuns, task.maxIterations);
  const cutsGrid = cutsTheGrid(count, task);
  const timeBoundSeconds = task.timeoutPerIteration === null ? null : runsTried * task.timeoutPerIteration;
  // Counts read as everywhere else, in the CLI and the Merge Preview alike: "20,736 runs".
  const total = formatRunCount(count);
  const tried = formatCount(runsTried);
  let sentence: string;
  if (optimizerPicks) {
    sentence = `${total} in the grid; the ${task.strategy} optimizer picks ${tried} trials (max_iterations)`;
  } else if (uncountedTail) {
    sentence = `${total}; the task tries at most ${tried} (max_iterations)`;
  } else if (cutsGrid) {
    sentence = `${total}; the task stops after ${tried} (max_iterations)`;
  } else {
    sentence = `${total}; the task tries ${totalRuns === 1 ? 'it' : `all ${formatCount(totalRuns)}`}`;
  }
  if (timeBoundSeconds !== null) sentence += `, in at most ${formatDuration(timeBoundSeconds)}`;
  return {
    strategy: task.strategy,
    optimizerPicks,
    totalRuns,
    runsTried,
    cutsGrid,
    maxIterations: task.maxIterations,
    timeoutPerIteration: task.timeoutPerIteration,
    timeBoundSeconds,
    sentence,
  };
}

/**
 * What a task tries after Apply in union mode, which keeps the task's own values beside the grid's: `more`
 * when they change the grid's count (the grid Apply's question counts), `refused` when union mode cannot
 * write the grid into this task, undefined when the count stays the grid's or the text is no task.
 */
export type UnionRuns =
  | { readonly kind: 'more'; readonly cut: TaskCut; readonly sentence: string }
  | { readonly kind: 'refused'; readonly reason: string; readonly sentence: string };

/**
 * The {@link UnionRuns} of writing `grid` (of `runs` runs) into the task `text`. How the presets write its
 * numbers changes the text Apply writes, never its count: no tokens are needed.
 */
export function unionRuns(text: string, grid: ParameterGrid, runs: RunCount, task: TaskContext): UnionRuns | undefined {
  let parameters: ParameterGrid;
  try {
    parameters = taskAfterEdit(text, taskParametersEdit(text, grid, 'union')).parameters;
  } catch (error) {
    if (!(error instanceof TaskApplyRefusal)) return undefined;
    return { kind: 'refused', reason: error.message, sentence: `Refused: ${error.message}` };
  }
  const count = gridSize(parameters);
  // The same count (a RunCount beyond exact counting is its power of ten): nothing to add.
  if (count.size === runs.size && count.approximation === runs.approximation) return undefined;
  const cut = taskCut(count, task);
  return { kind: 'more', cut, sentence: `With the task's own values: ${cut.sentence}` };
}

/** A Julian year, in seconds: what "years" of a time bound count. */
const YEAR_SECONDS = 365.25 * 24 * 60 * 60;

/**
 * A duration for people: `45 s`, `10 min`, `4 h`, `2 h 30 min`, `3 d 4 h`; from a year on, `about 3 years`,
 * and past a million years a power of ten, as grid sizes read: `about 10^300 years`. A bound past the
 * largest number (runs × a timeout like 1e308) is `more than 10^300 years`.
 */
export function formatDuration(seconds: number): string {
  // The task reader takes only positive finite timeouts, so these come from no task; still never "NaN h".
  if (Number.isNaN(seconds) || seconds < 0) return 'an unknown time';
  if (seconds === Infinity) return `more than 10^${Math.floor(Math.log10(Number.MAX_VALUE / YEAR_SECONDS))} years`;
  // Rounded first, so 59.6 s reads as a minute rather than "60 s".
  if (Math.round(seconds) < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  if (days < 365) return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
  const years = seconds / YEAR_SECONDS;
  if (years < 1e6) return `about ${plural(Math.max(1, Math.round(years)), 'year')}`;
  return `about 10^${Math.floor(Math.log10(years))} years`;
}

/** The object `presets runs --json` prints. */
export interface RunsSummary {
  readonly runtime: Runtime | null;
  readonly total_runs: number;
  readonly gpus: { readonly min: number; readonly max: number };
  readonly runs: readonly {
    readonly index: number;
    readonly parameters: Readonly<Record<string, Scalar>>;
    readonly command: readonly string[];
    readonly gpus: number;
    readonly problems: readonly string[];
  }[];
  readonly task: null | {
    readonly path: string;
    readonly max_iterations: number;
    readonly timeout_per_iteration: number | null;
    readonly runs_tried: number;
    readonly time_bound_seconds: number | null;
    /** What the task tries after `presets apply --mode union`, when its own values change that ({@link unionRuns}). */
    readonly union:
      | null
      | { readonly total_runs: number; readonly runs_tried: number; readonly time_bound_seconds: number | null }
      | { readonly refused: string };
  };
}

/** Builds the summary of a grid's first `limit` runs, with the task's cut when a task is given. */
export function runsSummary(
  runs: GridRuns,
  options: {
    readonly limit: number;
    readonly task?: { readonly path: string; readonly context: TaskContext; readonly union?: UnionRuns };
  },
): RunsSummary {
  const cut = options.task && { path: options.task.path, ...taskCut(runs.count, options.task.context) };
  const union = options.task?.union;
  return {
    runtime: runs.runtime,
    // As grid_size in list and merge --json: exact, or capped at Number.MAX_SAFE_INTEGER.
    total_runs: runs.count.size,
    gpus: runs.gpus,
    runs: Array.from(runs.runs(0, options.limit), (run) => ({
      index: run.index,
      parameters: run.parameters,
      command: run.command,
      gpus: run.gpus,
      problems: run.problems.map((p) => p.message),
    })),
    task: cut
      ? {
          path: cut.path,
          max_iterations: cut.maxIterations,
          timeout_per_iteration: cut.timeoutPerIteration,
          runs_tried: cut.runsTried,
          time_bound_seconds: jsonSeconds(cut.timeBoundSeconds),
          union:
            union === undefined
              ? null
              : union.kind === 'refused'
                ? { refused: union.reason }
                : {
                    total_runs: union.cut.totalRuns,
                    runs_tried: union.cut.runsTried,
                    time_bound_seconds: jsonSeconds(union.cut.timeBoundSeconds),
                  },
        }
      : null,
  };
}

/**
 * A time bound for JSON, which has no Infinity (it would print null, which means "no timeout"): a bound past
 * the largest number is written as the largest number.
 */
function jsonSeconds(seconds: number | null): number | null {
  return seconds === null ? null : Math.min(seconds, Number.MAX_VALUE);
}
