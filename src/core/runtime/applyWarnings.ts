/**
 * What applying a grid to a task will do that the user may not expect (issue 16 item 3): the task tries
 * fewer runs than the grid has, its max_iterations is unusable, or it launches another runtime than the
 * presets are for. Said the same way by the Merge Preview's Runs section and by Apply to Task's question
 * before it writes.
 */
import type { Runtime } from '../model';
import { RUNTIME_LABELS } from './catalog';
import type { TaskContext } from './taskRuns';

const en = (n: number): string => n.toLocaleString('en-US');

/** Set when the task tries fewer runs than the grid has. */
export function cutWarning(totalRuns: number, task: TaskContext): string | undefined {
  if (totalRuns <= task.maxIterations) return undefined;
  const runs = `${en(totalRuns)} ${totalRuns === 1 ? 'run' : 'runs'}`;
  if (task.strategy !== 'grid_search')
    return `The grid has ${runs}; the task's ${task.strategy} optimizer tries ${en(task.maxIterations)} of them (max_iterations), of its own choosing.`;
  return `The grid has ${runs}, but the task stops after ${en(task.maxIterations)} (max_iterations): the other ${en(totalRuns - task.maxIterations)} are never tried.`;
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

/** Every warning for applying a grid of `totalRuns` runs to the task; empty when none applies. */
export function applyWarnings(totalRuns: number, presetsRuntime: Runtime | null, task: TaskContext): string[] {
  return [maxIterationsWarning(task), cutWarning(totalRuns, task), runtimeWarning(presetsRuntime, task)].filter(
    (w): w is string => w !== undefined,
  );
}
