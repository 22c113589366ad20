/**
 * What applying a grid to a task will do that the user may not expect (issue 16 item 3): the task tries
 * fewer runs than the grid has, its max_iterations is unusable, or it launches another runtime than the
 * presets are for. Said the same way by the Merge Preview's Runs section and by Apply to Task's question
 * before it writes.
 */
import { formatCount, formatRunCount, type RunCount } from '../grid';
import type { Runtime } from '../model';
import { RUNTIME_LABELS } from './catalog';
import { cutsTheGrid, type TaskContext } from './taskRuns';

/** Set when the task tries fewer runs than the grid has (`runs` as {@link countRuns} gives it). */
export function cutWarning(runs: RunCount, task: TaskContext): string | undefined {
  if (!cutsTheGrid(runs, task)) return undefined;
  const total = formatRunCount(runs);
  const tried = formatCount(task.maxIterations);
  if (task.strategy !== 'grid_search')
    return `The grid has ${total}; the task's ${task.strategy} optimizer tries ${tried} of them (max_iterations), of its own choosing.`;
  // Past counting, the runs left are as many as the grid's, to the power of ten it is said in.
  const others = runs.exact ? formatCount(runs.size - task.maxIterations) : runs.approximation!;
  return `The grid has ${total}, but the task stops after ${tried} (max_iterations): the other ${others} are never tried.`;
}

/** Set when the task's `base_runtime` is not the presets' runtime. */
export function runtimeWarning(presetsRuntime: Runtime | null, task: TaskContext): string | undefined {
  if (presetsRuntime === null || task.runtime === null || task.runtime === presetsRuntime) return undefined;
  const [launched, meant] = [RUNTIME_LABELS[task.runtime], RUNTIME_LABELS[presetsRuntime]];
  return `The task launches ${launched} (base_runtime), but the presets are for ${meant}: the runs are checked against ${launched}, where their flags may not exist.`;
}

/** Set when the task's `max_iterations` is no limit the autotuner can use. */
export function maxIterationsWarning(task: TaskContext): string | undefined {
  return task.maxIterationsWarning === undefined ? undefined : `The task's ${task.maxIterationsWarning}.`;
}

/** Set when the task's `timeout_per_iteration` is no time the autotuner can give a run. */
export function timeoutWarning(task: TaskContext): string | undefined {
  return task.timeoutWarning === undefined ? undefined : `The task's ${task.timeoutWarning}.`;
}

/**
 * The warnings about what the task will make of the grid: it cuts it, or launches another runtime. `runs` are
 * the task's runs once the grid is applied (in union mode, with the task's own values).
 */
export function gridWarnings(runs: RunCount, presetsRuntime: Runtime | null, task: TaskContext): string[] {
  return [cutWarning(runs, task), runtimeWarning(presetsRuntime, task)].filter((w): w is string => w !== undefined);
}

/** Every warning for applying a grid of `runs` runs to the task: the task's own, then {@link gridWarnings}. */
export function applyWarnings(runs: RunCount, presetsRuntime: Runtime | null, task: TaskContext): string[] {
  return [
    ...[maxIterationsWarning(task), timeoutWarning(task)].filter((w): w is string => w !== undefined),
    ...gridWarnings(runs, presetsRuntime, task),
  ];
}
