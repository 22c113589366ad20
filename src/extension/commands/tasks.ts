/** Apply to Task…: writes a preset's grid, or a merge of several, into an autotuner task file. */
import vscode = require('vscode');
import type { MergeResult, MergeStrategy } from '../../core/model';
import type { ApplyMode } from '../../core/task';
import { UserFacingError, orCancel } from '../errors';
import { requireTrust } from '../fileStore';
import { runMerge, warnAboutGridSize } from '../mergeRequest';
import { Notify } from '../notifications';
import { pickStrategy } from '../pickers';
import { Settings } from '../settings';
import { applyGridToTask, findTaskFiles } from '../taskFiles';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, PresetRef, Targets } from './targets';

export interface ApplyToTaskOptions {
  readonly presets?: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** A merge already computed (the Merge Preview passes its result). */
  readonly result?: MergeResult;
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
    if (!result) {
      let entries = options?.presets?.map(resolveRef) ?? invokedOn(first, second);
      let strategy = options?.strategy ?? Settings.defaultStrategy();
      // As in Merge Presets: from the palette nothing starts picked (see the merge command).
      if (entries.length === 0) {
        entries = await choosePresetsToMerge([], 'Apply to Task: which presets?');
        // One preset needs no strategy: every strategy gives its own grid.
        if (entries.length > 1) strategy = orCancel(await pickStrategy(strategy));
      }
      result = runMerge(index, { entryIds: entries.map((entry) => entry.id), strategy });
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
            { title: `Apply ${result.grid_size.toLocaleString('en-US')}-run grid to the task` },
          )
        )?.mode,
      );
    const document = await applyGridToTask(task, result.parameters, mode);
    warnAboutGridSize(result);
    if (!options) {
      await vscode.window.showTextDocument(document);
      void Notify.info(
        `Applied ${result.applied_presets.length === 1 ? `"${result.applied_presets[0]}"` : 'the merge'} to ${vscode.workspace.asRelativePath(task)} (${mode}). Undo restores the previous parameters.`,
      );
    }
    return task;
  };

  return { 'parameterPresets.applyToTask': applyToTask };
}
