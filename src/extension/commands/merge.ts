/** Merge commands: Merge Presets…, Merge With… and Compare Two Presets. */
import vscode = require('vscode');
import { isMergeStrategy, mergePresets } from '../../core/merge';
import type { MergeResult, MergeStrategy } from '../../core/model';
import { UserFacingError, orCancel } from '../errors';
import { usablePresets } from '../mergeRequest';
import { NormalizedPresetContentProvider } from '../normalizedPresetContent';
import { pickPreset, pickStrategy } from '../pickers';
import type { IndexedPreset } from '../presetIndex';
import { displayName } from '../presetTreeModel';
import { Settings } from '../settings';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, PresetRef, Targets } from './targets';

export interface MergeOptions {
  readonly presets: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** Only compute and return the result; show nothing. */
  readonly silent?: boolean;
}

export function mergeCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index, treeView } = deps;
  const {
    resolveRef,
    invokedOn,
    selectedInTree,
    activeEditorPreset,
    usablePreset,
    onePreset,
    choosePresetsToMerge,
    rememberMerged,
  } = targets;

  const merge = async (...args: unknown[]): Promise<MergeResult | undefined> => {
    const { target: first, selection: second, options } = commandArgs<MergeOptions>(args);
    let entries: IndexedPreset[];
    let strategy: MergeStrategy = Settings.defaultStrategy();
    if (options) {
      entries = (options.presets ?? []).map(resolveRef);
      if (options.strategy !== undefined) {
        if (!isMergeStrategy(options.strategy))
          throw new UserFacingError(
            `Unknown merge strategy "${String(options.strategy)}"; use union, intersection or last_wins.`,
          );
        strategy = options.strategy;
      }
      if (entries.length === 0) throw new UserFacingError('Nothing to merge: choose at least one preset.');
      if (options.silent) return mergePresets(usablePresets(index, entries), strategy);
    } else {
      // From a tree menu VS Code passes the clicked row and the selection; from the palette or the view's
      // title button nothing, and then nothing starts picked: a selection the user cannot see from the
      // palette must not slip into the merge.
      entries = invokedOn(first, second);
      if (entries.length === 0) {
        entries = await choosePresetsToMerge([], 'Merge Presets');
        strategy = orCancel(await pickStrategy(strategy));
      }
    }
    const result = mergePresets(usablePresets(index, entries), strategy);
    await rememberMerged(result.applied_presets);
    deps.mergePreview.show({ entryIds: entries.map((entry) => entry.id), strategy });
    return result;
  };

  const mergeWith = async (...args: unknown[]): Promise<void> => {
    const { target: first } = commandArgs(args);
    const start =
      first instanceof vscode.Uri
        ? resolveRef(first)
        : (activeEditorPreset() ?? (await onePreset(first, 'Merge With: start from which preset?')));
    usablePreset(start);
    const entries = await choosePresetsToMerge([start], `Merge "${displayName(start)}" with…`);
    const strategy = orCancel(await pickStrategy(Settings.defaultStrategy()));
    await rememberMerged(entries.map(displayName));
    deps.mergePreview.show({ entryIds: entries.map((entry) => entry.id), strategy });
  };

  /** Two presets: `(left, right)` targets, a row with a two-row selection, the tree selection, or picks. */
  const compare = async (first?: unknown, second?: unknown): Promise<void> => {
    let pair = invokedOn(first, second);
    if (pair.length !== 2 && first !== undefined && second !== undefined && !Array.isArray(second))
      pair = [resolveRef(first as PresetRef), resolveRef(second as PresetRef)];
    if (pair.length !== 2) {
      const selected = treeView.visible ? selectedInTree() : [];
      pair = selected.length === 2 ? selected : [];
    }
    if (pair.length !== 2) {
      const candidates = index.usableEntries();
      const left = orCancel(await pickPreset(candidates, 'Compare: first preset'));
      const right = orCancel(
        await pickPreset(
          candidates.filter((entry) => entry.id !== left.id),
          `Compare "${displayName(left)}" with…`,
        ),
      );
      pair = [left, right];
    }
    const [left, right] = pair.map((entry) => {
      usablePreset(entry);
      return NormalizedPresetContentProvider.uriFor(entry.id, displayName(entry));
    });
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${displayName(pair[0])} ↔ ${displayName(pair[1])} (normalized)`,
    );
  };

  return {
    'parameterPresets.merge': merge,
    'parameterPresets.mergeWith': mergeWith,
    'parameterPresets.compare': compare,
  };
}
