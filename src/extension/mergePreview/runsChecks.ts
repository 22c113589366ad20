/**
 * Which catalogs a grid's runs are checked against (SPEC §6): those of the runtime the runs launch (the
 * task's `base_runtime` when a task is chosen, else the presets' runtime), or both for presets of any
 * runtime; each at the version the flag knowledge chose (the task's image tag, else the setting). No
 * `vscode` import: tested in plain Node on the shipped catalogs.
 */
import type { Runtime } from '../../core/model';
import { RUNTIME_LABELS } from '../../core/runtime/catalog';
import type { TaskContext } from '../../core/runtime/taskRuns';
import type { ChosenKnowledge } from '../../node/flagKnowledge';
import { launchedRuntime, type RunsChecks } from './runsView';

export function runsChecks(chosen: ChosenKnowledge, presetsRuntime: Runtime | null, task?: TaskContext): RunsChecks {
  const launched = launchedRuntime(presetsRuntime, task);
  const all = Object.values(chosen.knowledge.runtimes);
  const checked = launched ? [chosen.knowledge.runtimes[launched]] : all;
  const others = launched ? all.filter((r) => r.runtime !== launched) : [];
  const label = checked.map((r) => `${RUNTIME_LABELS[r.runtime]} ${chosen.versions[r.runtime]}`).join(' and ');
  const notes = chosen.notes.filter((note) => checked.some((r) => note.includes(RUNTIME_LABELS[r.runtime])));
  return {
    runtimes: checked,
    options: {
      otherRuntimes: others.map(({ runtime, index }) => ({ runtime, index })),
      ...(chosen.knowledge.counterparts ? { counterparts: chosen.knowledge.counterparts } : {}),
    },
    label: notes.length ? `${label} (${notes.join('; ')})` : label,
  };
}

/** The task facts the flag knowledge is chosen by. */
export function taskRuntimeOf(
  task: TaskContext | undefined,
): { runtime: Runtime | null; imageTag: string | null } | undefined {
  return task && { runtime: task.runtime, imageTag: task.imageTag };
}
