/** Apply to Task…: writes a preset's grid, or a merge of several, into an autotuner task file. */
import vscode = require('vscode');
import { countRuns, formatGridCount, formatRunCount, gridSize } from '../../core/grid';
import type { MergeResult, MergeStrategy, Runtime } from '../../core/model';
import type { ValueTokens } from '../../core/runtime/pythonStr';
import type { ApplyMode, EditedTask } from '../../core/task';
import { Cancelled, UserFacingError, orCancel } from '../errors';
import { log } from '../log';
import { requireTrust } from '../fileStore';
import { runMerge, warnAboutGridSize } from '../mergeRequest';
import { Notify } from '../notifications';
import { pickStrategy } from '../pickers';
import { mergeTokens } from '../presetTokens';
import { Settings } from '../settings';
import { applyGridToTask, findTaskFiles, readTaskInfo, type TaskInfo } from '../taskFiles';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, PresetRef, Targets } from './targets';

export interface ApplyToTaskOptions {
  readonly presets?: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** A merge already computed (the Merge Preview passes its result), and how its presets write its numbers. */
  readonly result?: MergeResult;
  readonly tokens?: ValueTokens;
  readonly task?: vscode.Uri;
  readonly mode?: ApplyMode;
}

export function taskCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index } = deps;
  const { resolveRef, invokedOn, choosePresetsToMerge, rememberMerged } = targets;

  const applyToTask = async (...args: unknown[]): Promise<vscode.Uri | undefined> => {
    requireTrust('apply a merge to a task');
    const { target: first, selection: second, options } = commandArgs<ApplyToTaskOptions>(args);
    let result = options?.result;
    let tokens = options?.tokens;
    if (!result) {
      let entries = options?.presets?.map(resolveRef) ?? invokedOn(first, second);
      let strategy = options?.strategy ?? Settings.defaultStrategy();
      // As in Merge Presets: from the palette nothing starts picked (see the merge command).
      if (entries.length === 0) {
        entries = await choosePresetsToMerge([], 'Apply to Task: which presets?');
        // One preset needs no strategy: every strategy gives its own grid.
        if (entries.length > 1) strategy = orCancel(await pickStrategy(strategy));
      }
      const entryIds = entries.map((entry) => entry.id);
      result = runMerge(index, { entryIds, strategy });
      tokens = mergeTokens(index, entryIds, result);
    }
    await rememberMerged(result.applied_presets);
    const task =
      options?.task ??
      orCancel(
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Looking for autotuner task files' },
          async () => {
            const tasks = await findTaskFiles();
            if (tasks.length === 0)
              throw new UserFacingError(
                'No autotuner task file in the workspace: a task is a JSON file with "task_name" and "parameters".',
              );
            const picked = await vscode.window.showQuickPick(
              tasks.map((t) => ({
                label: t.taskName,
                description: vscode.workspace.asRelativePath(t.uri),
                uri: t.uri,
              })),
              { title: 'Apply to Task: which task?' },
            );
            return picked?.uri;
          },
        ),
      );
    const mode =
      options?.mode ??
      orCancel(
        (
          await vscode.window.showQuickPick(
            [
              {
                label: 'Replace',
                description: "the task's parameters become the merged grid",
                mode: 'replace' as const,
              },
              { label: 'Union', description: "add the merged values to the task's own", mode: 'union' as const },
            ],
            { title: `Apply ${formatGridCount(gridSize(result.parameters))}-run grid to the task` },
          )
        )?.mode,
      );
    const info = await readTaskInfo(task);
    const merged = result; // a const, for the callback
    const document = await applyGridToTask(task, result.parameters, mode, tokens, (after) =>
      confirmApply(merged, info, mode, after),
    );
    warnAboutGridSize(result);
    if (!options) {
      await vscode.window.showTextDocument(document);
      void Notify.info(
        `Applied ${result.applied_presets.length === 1 ? `"${result.applied_presets[0]}"` : 'the merge'} to ${vscode.workspace.asRelativePath(task)} (${mode}). Undo restores the previous parameters.`,
      );
    }
    return task;
  };

  /**
   * Asks before writing when the task will not do what the grid says: it stops before the grid's end, it
   * launches another runtime, or runs would fail at launch with the catalog its image tag picks. `after` is the
   * task as Apply will leave it: in union mode, its grid holds its own values too.
   */
  const confirmApply = async (
    result: MergeResult,
    task: TaskInfo,
    mode: 'replace' | 'union',
    after: EditedTask,
  ): Promise<void> => {
    // The runs of the grid the task will hold; in replace mode, the merge's own.
    const total = gridSize(after.parameters);
    // The runtime code is a bundle of its own, loaded on first need (see flagEngine.ts).
    const warnings = deps.mergePreview.runtimeKnowledge.engine().applyWarnings(total, result.runtime, task.context);
    const failing = launchFailures(result.runtime, after, task);
    if (failing) warnings.push(failing);
    if (warnings.length === 0) return;
    const where = vscode.workspace.asRelativePath(task.uri);
    const what =
      mode === 'replace'
        ? `Apply replaces the parameters of ${where} with the ${formatGridCount(total)}-run grid.`
        : `Apply adds the grid's values to the parameters of ${where}.`;
    const choice = await vscode.window.showWarningMessage(
      `Apply to "${task.taskName}"?`,
      { modal: true, detail: [...warnings, what].join('\n\n') },
      'Apply',
    );
    if (choice !== 'Apply') throw new Cancelled();
  };

  /**
   * "N of M runs would fail at launch with SGLang 0.5.2" for the grid the task will hold (its numbers as the
   * edited file writes them), checked with the task's catalog; undefined when none would.
   */
  const launchFailures = (presetsRuntime: Runtime | null, after: EditedTask, task: TaskInfo): string | undefined => {
    const { context } = task;
    const chosen = deps.mergePreview.runtimeKnowledge.knowledge({
      runtime: context.runtime,
      imageTag: context.imageTag,
    });
    if (!chosen) return undefined;
    const { runsChecks, checkFlags, gridRuns, failingRuns, HARMLESS_AT_LAUNCH } =
      deps.mergePreview.runtimeKnowledge.engine();
    try {
      const checks = runsChecks(chosen, presetsRuntime, context);
      const problems = checkFlags(after.parameters, checks.runtimes, { ...checks.options, tokens: after.tokens });
      const runs = gridRuns(after.parameters, { runtime: task.context.runtime ?? presetsRuntime, problems });
      const { count } = failingRuns(runs, problems);
      if (count === 0n) return undefined;
      const fatal = problems.filter((problem) => !HARMLESS_AT_LAUNCH.has(problem.code));
      return `${formatGridCount(countRuns(count))} of the ${formatRunCount(runs.count)} would fail at launch with ${checks.label}: ${fatal[0]!.message}${fatal.length > 1 ? ` (and ${fatal.length - 1} more)` : ''}.`;
    } catch (error) {
      log().warn(`Apply to Task: the runs are not checked: ${(error as Error).message}`);
      return undefined;
    }
  };

  return { 'parameterPresets.applyToTask': applyToTask };
}
