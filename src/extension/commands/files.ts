/** Preset file commands: New, Duplicate, Rename, Delete, Reveal in Explorer and Open. */
import vscode = require('vscode');
import { analyzePresetText } from '../../core/analyze';
import { serializePresetFile, uniquePresetName, withName, withoutSystemAuthor } from '../../core/exchange';
import { mergePresets } from '../../core/merge';
import type { ValueTokens } from '../../core/runtime/pythonStr';
import type { PresetTemplate } from '../../core/runtime/templates';
import type { MergeStrategy, Preset, Runtime, SourceRange } from '../../core/model';
import { Cancelled, UserFacingError, orCancel } from '../errors';
import { requireTrust, writeFileAtomic } from '../fileStore';
import { log } from '../log';
import { usablePresets } from '../mergeRequest';
import { inputDescription, inputPresetName, pickCategory } from '../pickers';
import type { IndexedPreset } from '../presetIndex';
import { displayName } from '../presetTreeModel';
import { mergeTokens } from '../presetTokens';
import { TrashSupport } from '../trash';
import { Settings } from '../settings';
import { commandArgs } from './args';
import { type CommandHandler } from './register';
import type { CommandDeps, PresetRef, Targets } from './targets';

export interface NewPresetOptions {
  readonly name: string;
  readonly description?: string | null;
  readonly category?: string | null;
  readonly runtime?: Runtime | null;
  readonly folder?: vscode.Uri;
  /** Start from the merge of these presets instead of an example parameter. */
  readonly fromPresets?: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** Start from a sweep of the runtime's commonly tuned flags (needs `runtime`). */
  readonly template?: PresetTemplate['id'];
}

export function fileCommands(deps: CommandDeps, targets: Targets): Record<string, CommandHandler> {
  const { index, treeView } = deps;
  // Per registration: remembers file systems whose trash failed, so Delete stops promising it there.
  const trash = new TrashSupport();
  const {
    resolveRef,
    selectedInTree,
    mustBeWorkspacePreset,
    usablePreset,
    onePreset,
    folderFor,
    newPresetFileUri,
    openPreset,
    revealInTree,
    choosePresetsToMerge,
  } = targets;

  const newPreset = async (...args: unknown[]): Promise<vscode.Uri> => {
    requireTrust('create a preset');
    const { options } = commandArgs<NewPresetOptions>(args);
    const folder = await folderFor(options?.folder, 'New Preset');
    const name = options?.name?.trim() || orCancel(await inputPresetName(index, { title: 'New Preset (1/5): name' }));
    if (index.hasName(name)) throw new UserFacingError(`A preset named "${name}" already exists; choose another name.`);
    let description = options ? (options.description ?? null) : await inputDescription('New Preset (2/5): description');
    const category = options ? (options.category ?? null) : await pickCategory(index, 'New Preset (3/5): category');
    const runtime = options ? (options.runtime ?? null) : await pickRuntime();
    let parameters: Record<string, readonly (string | number | boolean | null)[]> = {
      [runtime === 'vllm' ? 'tensor-parallel-size' : 'tp-size']: [1],
    };
    const chosen = runtime && deps.runtimeKnowledge.knowledge();
    // Quick-pick items, each with its template as the value.
    const templates = chosen
      ? deps.runtimeKnowledge.engine().templateStarts(runtime, chosen, index.usableEntries())
      : [];
    const start: IndexedPreset[] | PresetTemplate = options?.fromPresets
      ? options.fromPresets.map(resolveRef)
      : options
        ? options.template
          ? (templates.find((item) => item.value.id === options.template)?.value ??
            fail(`Unknown template: ${options.template}.`))
          : []
        : await pickStart();
    const sources = Array.isArray(start) ? start : [];
    let tokens: ValueTokens | undefined;
    if (!Array.isArray(start)) {
      parameters = { ...start.parameters };
      description ??= start.description;
    }
    if (sources.length > 0) {
      const result = mergePresets(usablePresets(index, sources), options?.strategy ?? Settings.defaultStrategy());
      if (Object.keys(result.parameters).length === 0)
        throw new UserFacingError(
          'The merge of those presets has no parameters (nothing in common?); a preset needs at least one.',
        );
      parameters = { ...result.parameters };
      // Numbers as the presets' files write them (`2.0` stays a float for the autotuner's Python).
      tokens = mergeTokens(
        index,
        sources.map((entry) => entry.id),
        result,
      );
      description ??= `Merged from ${result.applied_presets.join(', ')} (${result.strategy})`;
    }
    const preset: Preset = { name, description, category, runtime, parameters, metadata: null, extra: {} };
    const uri = await newPresetFileUri(folder, name);
    await writeFileAtomic(uri, serializePresetFile(preset, tokens), { exclusive: true, action: `create "${name}"` });
    await index.reload(uri);
    await revealInTree(uri);
    if (!options) await openPreset(uri);
    return uri;

    async function pickRuntime(): Promise<Runtime | null> {
      const picked = orCancel(
        await vscode.window.showQuickPick(
          [
            { label: 'sglang', runtime: 'sglang' as const },
            { label: 'vllm', runtime: 'vllm' as const },
            { label: 'any', description: 'works with either runtime', runtime: null },
          ],
          { title: 'New Preset (4/5): runtime' },
        ),
      );
      return picked.runtime;
    }
    async function pickStart(): Promise<IndexedPreset[] | PresetTemplate> {
      const selected = treeView.visible ? selectedInTree().filter((entry) => index.usablePreset(entry.id)) : [];
      const items = [
        { label: '$(file) Start with an example parameter', value: 'empty' as const },
        ...(selected.length
          ? [
              {
                label: `$(git-merge) From the merge of the selected presets`,
                description: selected.map(displayName).join(', '),
                value: 'selected' as const,
              },
            ]
          : []),
        { label: '$(git-merge) From a merge of presets…', value: 'merge' as const },
        ...templates,
      ];
      const picked = orCancel(await vscode.window.showQuickPick(items, { title: 'New Preset (5/5): start from' }));
      if (typeof picked.value === 'object') return picked.value;
      if (picked.value === 'empty') return [];
      if (picked.value === 'selected') return selected;
      return choosePresetsToMerge([], 'New Preset: merge which presets?');
    }
  };

  const duplicate = async (...args: unknown[]): Promise<vscode.Uri> => {
    const { target: first, options } = commandArgs<{ name?: string; folder?: vscode.Uri; applyFlagFixes?: boolean }>(
      args,
    );
    requireTrust('duplicate a preset');
    const source = await onePreset(
      first,
      'Duplicate to Workspace: which preset?',
      (entry) => index.usablePreset(entry.id) !== undefined,
    );
    usablePreset(source);
    const suggested = uniquePresetName(`${displayName(source)} (copy)`, (name) => index.hasName(name));
    const name =
      options?.name?.trim() ||
      orCancel(
        await inputPresetName(index, {
          title: `Duplicate "${displayName(source)}": name of the copy`,
          value: suggested,
        }),
      );
    if (index.hasName(name)) throw new UserFacingError(`A preset named "${name}" already exists; choose another name.`);
    const folder = await folderFor(options?.folder ?? source.folder?.uri, 'Duplicate to Workspace');
    // Copy the text and change only the name, so comments and number formatting (1.0) survive. The copy
    // is the user's own: it no longer says it is the system's.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source.uri));
    const analysis = analyzePresetText(text, { origin: source.origin });
    const renamed = analysis.nameRange
      ? replaceRange(text, analysis.nameRange, JSON.stringify(name))
      : serializePresetFile(withName(usablePreset(source), name));
    // A system preset keeps its values as shipped, flag problems included; the copy is the user's to correct.
    // Asked only when run by hand; a command argument says whether, else not.
    const copy = orCancel(
      await deps.runtimeKnowledge
        .engine()
        .fixFlagsOfCopy(
          withoutSystemAuthor(renamed),
          source,
          deps.runtimeKnowledge.presetRules(),
          options && (options.applyFlagFixes ?? false),
        ),
    );
    const uri = await newPresetFileUri(folder, name);
    await writeFileAtomic(uri, copy, { exclusive: true, action: `duplicate "${displayName(source)}"` });
    await index.reload(uri);
    await revealInTree(uri);
    if (!options) await openPreset(uri);
    return uri;
  };

  const rename = async (...args: unknown[]): Promise<void> => {
    const { target: first, options } = commandArgs<{ name?: string }>(args);
    requireTrust('rename a preset');
    const entry = await onePreset(first, 'Rename Preset: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'rename');
    const current = entry.analysis.name;
    const name =
      options?.name?.trim() ||
      orCancel(
        await inputPresetName(index, { title: `Rename "${current ?? entry.label}"`, value: current, allowed: current }),
      );
    if (name === current) return;
    if (index.hasName(name)) throw new UserFacingError(`A preset named "${name}" already exists; choose another name.`);
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const wasDirty = document.isDirty;
    const nameRange = analyzePresetText(document.getText()).nameRange;
    if (!nameRange) throw new UserFacingError(`${entry.label} has no "name" string to rename; fix the file first.`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      entry.uri,
      new vscode.Range(document.positionAt(nameRange.offset), document.positionAt(nameRange.offset + nameRange.length)),
      JSON.stringify(name),
    );
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new UserFacingError(`VS Code refused to edit ${entry.label}; nothing was changed.`);
    if (!wasDirty) await document.save();
    await index.reload(entry.uri);
  };

  const remove = async (...args: unknown[]): Promise<void> => {
    const { target: first, options } = commandArgs<{ skipConfirmation?: boolean }>(args);
    requireTrust('delete a preset');
    const entry = await onePreset(first, 'Delete Preset: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'delete');
    const skipConfirmation = options?.skipConfirmation === true;
    const path = entry.label;
    // One question, saying what will happen: where there is no trash, it asks to delete for good.
    const useTrash = trash.isAvailable(entry.uri);
    if (!skipConfirmation) {
      const action = useTrash ? 'Move to Trash' : 'Delete Permanently';
      const choice = await vscode.window.showWarningMessage(
        `Delete preset "${displayName(entry)}"?`,
        {
          modal: true,
          detail: useTrash
            ? `The file ${path} will be moved to the trash.`
            : `The file ${path} will be deleted permanently: this file system has no trash. This cannot be undone.`,
        },
        action,
      );
      if (choice !== action) throw new Cancelled();
    }
    try {
      await vscode.workspace.fs.delete(entry.uri, { useTrash });
    } catch (error) {
      if (!useTrash) throw error;
      // The trash was promised and failed after all: say so, and delete only with a second yes.
      trash.markFailed(entry.uri);
      log().warn(`Moving ${path} to the trash failed: ${(error as Error).message}`);
      const choice = skipConfirmation
        ? 'Delete Permanently'
        : await vscode.window.showWarningMessage(
            `${path} cannot be moved to the trash here.`,
            { modal: true, detail: 'Delete it permanently instead? This cannot be undone.' },
            'Delete Permanently',
          );
      if (choice !== 'Delete Permanently') throw new Cancelled();
      await vscode.workspace.fs.delete(entry.uri, { useTrash: false });
    }
    await index.reload(entry.uri);
  };

  const reveal = async (...args: unknown[]): Promise<void> => {
    const { target } = commandArgs(args);
    const entry = await onePreset(target, 'Reveal in Explorer: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'reveal');
    await vscode.commands.executeCommand('revealInExplorer', entry.uri);
  };

  const open = async (...args: unknown[]): Promise<void> => {
    const { target } = commandArgs(args);
    const entry = await onePreset(target, 'Open Preset');
    await vscode.window.showTextDocument(entry.openUri, { preview: true });
  };

  return {
    'parameterPresets.newPreset': newPreset,
    'parameterPresets.duplicate': duplicate,
    'parameterPresets.rename': rename,
    'parameterPresets.delete': remove,
    'parameterPresets.revealInExplorer': reveal,
    'parameterPresets.open': open,
  };
}

function replaceRange(text: string, range: SourceRange, newText: string): string {
  return text.slice(0, range.offset) + newText + text.slice(range.offset + range.length);
}

function fail(message: string): never {
  throw new UserFacingError(message);
}
