/**
 * Which catalogs a grid's runs are checked against (SPEC §6): the task's `base_runtime` when a task is
 * chosen, else the presets' runtime, else both; the version from the task's `runtime_image_tag` when a task is chosen, else
 * from the `runtimeVersions` setting. No `vscode` import: tested in plain Node on the shipped catalogs.
 */
import { RUNTIMES, type Runtime } from '../../core/model';
import { otherRuntime, RUNTIME_LABELS } from '../../core/runtime/catalog';
import type { RuntimeToCheck } from '../../core/runtime/flagChecks';
import type { TaskContext } from '../../core/runtime/taskRuns';
import type { RuntimeCatalogs } from '../../node/runtimeCatalogs';
import type { RunsChecks } from './runsView';

export function runsChecks(
  catalogs: RuntimeCatalogs,
  presetsRuntime: Runtime | null,
  options: { readonly task?: TaskContext; readonly versions?: Partial<Record<Runtime, string>> } = {},
): RunsChecks {
  // The task's base_runtime is what the autotuner launches, whatever the presets were written for.
  const launched = options.task?.runtime ?? presetsRuntime;
  const chosen = (launched ? [launched] : [...RUNTIMES]).map((runtime) => {
    // The task's image tag is the version of the runtime the task launches, of no other.
    const imageTag = options.task?.runtime === runtime ? (options.task.imageTag ?? undefined) : undefined;
    const setting = options.versions?.[runtime];
    return {
      runtime,
      choice: catalogs.select(runtime, {
        ...(imageTag !== undefined ? { imageTag } : {}),
        ...(setting !== undefined ? { setting } : {}),
      }),
    };
  });
  const runtimes: RuntimeToCheck[] = chosen.map(({ runtime, choice }) => ({ runtime, index: choice.index }));
  const label = chosen
    .map(
      ({ runtime, choice }) => `${RUNTIME_LABELS[runtime]} ${choice.version}${choice.note ? ` (${choice.note})` : ''}`,
    )
    .join(' and ');
  if (!launched) return { runtimes, label };
  const other = otherRuntime(launched);
  return {
    runtimes,
    options: {
      otherRuntimes: [{ runtime: other, index: catalogs.select(other, {}).index }],
      counterparts: catalogs.counterparts(),
    },
    label,
  };
}
