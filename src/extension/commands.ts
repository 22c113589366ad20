/**
 * Every command, registered in one place. Each runs inside a wrapper that turns a thrown
 * UserFacingError into a readable message, a dismissed prompt into a quiet stop, and anything else
 * into a log entry with its stack plus a short message pointing at the log.
 *
 * Commands take their target from a tree row (and the selection), a file URI (editor title, Explorer,
 * CodeLens), or nothing (palette: they ask). They also take an options object, so keybindings, other
 * extensions and tests can run them without prompts.
 */
import vscode = require('vscode');
import { analyzePresetText } from '../core/analyze';
import {
  exportFileName,
  serializeExport,
  serializePresetFile,
  uniquePresetFileName,
  uniquePresetName,
  withName,
} from '../core/exchange';
import { formatFilter, parseFilter } from '../core/presetFilter';
import { isMergeStrategy, mergePresets } from '../core/merge';
import type { MergeResult, MergeStrategy, Preset, Runtime, SourceRange } from '../core/model';
import type { ApplyMode } from '../core/task';
import { Cancelled, UserFacingError, orCancel } from './errors';
import { modificationTime, requireTrust, writeFileAtomic } from './fileStore';
import { log, logError } from './log';
import { runMerge, usablePresets, warnAboutGridSize, type MergePresenter } from './mergeRequest';
import { NormalizedPresetContentProvider } from './normalizedPresetContent';
import { Notify } from './notifications';
import {
  confirmMergeOrder,
  inputPresetName,
  pickPreset,
  pickPresetsInOrder,
  pickStrategy,
  pickWorkspaceFolder,
} from './pickers';
import { readPresetUri, type IndexedPreset, type PresetIndex } from './presetIndex';
import { UNCATEGORIZED, entryCategory } from '../core/catalog';
import { displayName, type PresetTreeModel, type TreeNode } from './presetTreeModel';
import { Settings } from './settings';
import { applyGridToTask, findTaskFiles } from './taskFiles';

export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly index: PresetIndex;
  readonly model: PresetTreeModel;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Shows a merge; replaced by the Merge Preview panel. */
  presentMerge: MergePresenter;
}

/** A preset named in a command argument: a tree row, a URI, an entry id or a preset name. */
type PresetRef = TreeNode | vscode.Uri | string | IndexedPreset;

export interface MergeOptions {
  readonly presets: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** Only compute and return the result; show nothing. */
  readonly silent?: boolean;
}

export interface NewPresetOptions {
  readonly name: string;
  readonly category?: string | null;
  readonly runtime?: Runtime | null;
  readonly folder?: vscode.Uri;
  /** Start from the merge of these presets instead of an example parameter. */
  readonly fromPresets?: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
}

export interface ImportOptions {
  readonly uris: readonly vscode.Uri[];
  readonly folder?: vscode.Uri;
  /** What to do when a name exists, instead of asking. */
  readonly onConflict?: 'rename' | 'replace' | 'cancel';
}

export interface ApplyToTaskOptions {
  readonly presets?: readonly PresetRef[];
  readonly strategy?: MergeStrategy;
  /** A merge already computed (the Merge Preview passes its result). */
  readonly result?: MergeResult;
  readonly task?: vscode.Uri;
  readonly mode?: ApplyMode;
}

const isOptions = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof vscode.Uri) &&
  !('kind' in value) &&
  !('analysis' in value) &&
  !Array.isArray(value);

export function registerCommands(deps: CommandDeps): void {
  const { context, index, model, treeView } = deps;

  const register = (id: string, title: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await index.ensureStarted();
          return await handler(...args);
        } catch (error) {
          if (error instanceof Cancelled) return undefined;
          if (error instanceof UserFacingError) {
            void Notify.error(error.message);
            return undefined;
          }
          logError(`${title} failed`, error);
          void Notify.error(
            `${title} failed: ${(error as Error)?.message ?? String(error)}. Details are in the "Parameter Presets" log.`,
            'Open Log',
          ).then((choice) => {
            if (choice) log().show();
          });
          return undefined;
        }
      }),
    );
  };

  // ------------------------------------------------------------ resolving targets

  const resolveRef = (ref: PresetRef): IndexedPreset => {
    if (typeof ref === 'object' && 'analysis' in ref && 'openUri' in ref) return ref;
    if (ref instanceof vscode.Uri) {
      const entry = index.getByUri(ref);
      if (!entry)
        throw new UserFacingError(
          `${vscode.workspace.asRelativePath(ref)} is not an indexed preset file (is it excluded, or outside the workspace?).`,
        );
      return entry;
    }
    if (typeof ref === 'string') {
      const byId = index.get(ref);
      if (byId) return byId;
      const byName = index.findByName(ref);
      const usable = byName.filter((entry) => index.usablePreset(entry.id));
      if (usable.length === 1) return usable[0];
      if (byName.length > 0) return byName[0];
      throw new UserFacingError(`There is no preset named "${ref}".`);
    }
    if (ref.kind === 'preset') return ref.entry;
    throw new UserFacingError(`"${(ref as { label?: string }).label ?? 'That row'}" is not a preset.`);
  };

  /** Presets a command was invoked on: the clicked row with the tree selection, or URIs, or nothing. */
  const invokedOn = (first: unknown, second: unknown): IndexedPreset[] => {
    if (Array.isArray(second) && second.length > 0) return second.map((ref) => resolveRef(ref as PresetRef));
    if (first instanceof vscode.Uri || (typeof first === 'object' && first !== null && 'kind' in first)) {
      const node = first as TreeNode | vscode.Uri;
      if (!(node instanceof vscode.Uri) && node.kind !== 'preset') return [];
      return [resolveRef(node)];
    }
    return [];
  };

  const selectedInTree = (): IndexedPreset[] =>
    treeView.selection
      .filter((node) => node.kind === 'preset')
      .map((node) => (node as Extract<TreeNode, { kind: 'preset' }>).entry);

  const activeEditorPreset = (): IndexedPreset | undefined => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.path.endsWith('.preset.json') ? index.getByUri(uri) : undefined;
  };

  const mustBeWorkspacePreset = (entry: IndexedPreset, action: string): void => {
    if (entry.origin === 'system') {
      throw new UserFacingError(
        `Cannot ${action} "${displayName(entry)}": system presets are read-only. Use "Duplicate to Workspace" to make an editable copy.`,
      );
    }
  };

  /** The entry's preset, or a readable error naming the file's first error. */
  const usablePreset = (entry: IndexedPreset): Preset => usablePresets(index, [entry])[0];

  /** One preset: from the invocation, the active editor, or a pick. */
  const onePreset = async (
    first: unknown,
    title: string,
    filter: (entry: IndexedPreset) => boolean = () => true,
  ): Promise<IndexedPreset> => {
    const invoked = invokedOn(first, undefined)[0] ?? (typeof first === 'string' ? resolveRef(first) : undefined);
    if (invoked) return invoked;
    const fromTree = treeView.visible ? selectedInTree().filter(filter) : [];
    if (fromTree.length === 1) return fromTree[0];
    const editor = activeEditorPreset();
    if (editor && filter(editor)) return editor;
    return orCancel(await pickPreset(index.entries().filter(filter).sort(byName), title));
  };

  const folderFor = async (uri: vscode.Uri | undefined, title: string): Promise<vscode.WorkspaceFolder> => {
    if (uri) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) throw new UserFacingError(`${uri.toString(true)} is not a folder of this workspace.`);
      return folder;
    }
    if (!vscode.workspace.workspaceFolders?.length)
      throw new UserFacingError(`${title}: open a folder first; presets are written into it.`);
    return orCancel(await pickWorkspaceFolder(title));
  };

  const presetsFolderUri = (folder: vscode.WorkspaceFolder): vscode.Uri => {
    const relative = Settings.presetsFolder(folder);
    // New files go inside the workspace folder: ".." in the setting would send them anywhere on disk.
    if (relative.split('/').includes('..')) {
      throw new UserFacingError(
        `The setting "parameterPresets.presetsFolder" is "${relative}", which leads out of ${folder.name}; set it to a folder inside it, such as "presets".`,
      );
    }
    return vscode.Uri.joinPath(folder.uri, ...relative.split('/').filter(Boolean));
  };

  /** A new file in the presets folder: `<slug>.preset.json`, or `<slug>-2.preset.json` when taken. */
  const newPresetFileUri = async (folder: vscode.WorkspaceFolder, name: string): Promise<vscode.Uri> => {
    const target = presetsFolderUri(folder);
    const taken = new Set<string>();
    try {
      for (const [file] of await vscode.workspace.fs.readDirectory(target)) taken.add(file.toLowerCase());
    } catch {
      // The folder does not exist yet: every name is free.
    }
    return vscode.Uri.joinPath(
      target,
      uniquePresetFileName(name, (file) => taken.has(file.toLowerCase())),
    );
  };

  const openPreset = async (uri: vscode.Uri, selection?: vscode.Range): Promise<void> => {
    await vscode.window.showTextDocument(uri, { preview: false, selection });
  };

  // ------------------------------------------------------------ merge

  /** Presets to merge, in order: given, or picked (the tree selection starts picked), then ordered. */
  const choosePresetsToMerge = async (initial: IndexedPreset[], title: string): Promise<IndexedPreset[]> => {
    const picked = orCancel(await pickPresetsInOrder(index.usableEntries(), { title, initial }));
    return orCancel(await confirmMergeOrder(picked));
  };

  const merge = async (first?: unknown, second?: unknown): Promise<MergeResult | undefined> => {
    let entries: IndexedPreset[];
    let strategy: MergeStrategy = Settings.defaultStrategy();
    if (isOptions(first)) {
      const options = first as unknown as MergeOptions;
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
      entries = invokedOn(first, second);
      if (entries.length === 0) {
        entries = await choosePresetsToMerge(treeView.visible ? selectedInTree() : [], 'Merge Presets');
        strategy = orCancel(await pickStrategy(strategy));
      }
    }
    const result = mergePresets(usablePresets(index, entries), strategy);
    await deps.presentMerge({ entryIds: entries.map((entry) => entry.id), strategy });
    return result;
  };

  const mergeWith = async (first?: unknown): Promise<void> => {
    const start =
      first instanceof vscode.Uri
        ? resolveRef(first)
        : (activeEditorPreset() ?? (await onePreset(first, 'Merge With: start from which preset?')));
    usablePreset(start);
    const entries = await choosePresetsToMerge([start], `Merge "${displayName(start)}" with…`);
    const strategy = orCancel(await pickStrategy(Settings.defaultStrategy()));
    await deps.presentMerge({ entryIds: entries.map((entry) => entry.id), strategy });
  };

  // ------------------------------------------------------------ create, duplicate, rename, delete

  const newPreset = async (first?: unknown): Promise<vscode.Uri> => {
    requireTrust('create a preset');
    const options = isOptions(first) ? (first as unknown as NewPresetOptions) : undefined;
    const folder = await folderFor(options?.folder, 'New Preset');
    const name = options?.name?.trim() || orCancel(await inputPresetName(index, { title: 'New Preset (1/4): name' }));
    if (index.hasName(name)) throw new UserFacingError(`A preset named "${name}" already exists; choose another name.`);
    const category = options ? (options.category ?? null) : await pickCategory();
    const runtime = options ? (options.runtime ?? null) : await pickRuntime();
    let parameters: Record<string, readonly (string | number | boolean | null)[]> = {
      [runtime === 'vllm' ? 'tensor-parallel-size' : 'tp-size']: [1],
    };
    let description: string | null = null;
    const sources = options?.fromPresets ? options.fromPresets.map(resolveRef) : options ? [] : await pickStart();
    if (sources.length > 0) {
      const result = mergePresets(usablePresets(index, sources), options?.strategy ?? Settings.defaultStrategy());
      if (Object.keys(result.parameters).length === 0)
        throw new UserFacingError(
          'The merge of those presets has no parameters (nothing in common?); a preset needs at least one.',
        );
      parameters = { ...result.parameters };
      description = `Merged from ${result.applied_presets.join(', ')} (${result.strategy})`;
    }
    const preset: Preset = { name, description, category, runtime, parameters, metadata: null, extra: {} };
    const uri = await newPresetFileUri(folder, name);
    await writeFileAtomic(uri, serializePresetFile(preset), { exclusive: true, action: `create "${name}"` });
    await index.reload(uri);
    if (!options) await openPreset(uri);
    return uri;

    async function pickCategory(): Promise<string | null> {
      const existing = [...new Set(index.entries().map(entryCategory))]
        .filter((c) => c !== UNCATEGORIZED)
        .sort((a, b) => a.localeCompare(b));
      const NEW = '$(add) New category…';
      const picked = orCancel(
        await vscode.window.showQuickPick([...existing, UNCATEGORIZED, NEW], {
          title: 'New Preset (2/4): category',
          placeHolder: 'Group shown in the sidebar',
        }),
      );
      if (picked === UNCATEGORIZED) return null;
      if (picked !== NEW) return picked;
      const typed = orCancel(
        await vscode.window.showInputBox({
          title: 'New Preset: new category',
          validateInput: (v) =>
            v.trim() === '' ? 'Enter a category.' : v.trim().length > 100 ? 'At most 100 characters.' : undefined,
        }),
      );
      return typed.trim();
    }
    async function pickRuntime(): Promise<Runtime | null> {
      const picked = orCancel(
        await vscode.window.showQuickPick(
          [
            { label: 'sglang', runtime: 'sglang' as const },
            { label: 'vllm', runtime: 'vllm' as const },
            { label: 'any', description: 'works with either runtime', runtime: null },
          ],
          { title: 'New Preset (3/4): runtime' },
        ),
      );
      return picked.runtime;
    }
    async function pickStart(): Promise<IndexedPreset[]> {
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
      ];
      const picked = orCancel(await vscode.window.showQuickPick(items, { title: 'New Preset (4/4): start from' }));
      if (picked.value === 'empty') return [];
      if (picked.value === 'selected') return selected;
      return choosePresetsToMerge([], 'New Preset: merge which presets?');
    }
  };

  const duplicate = async (first?: unknown, second?: unknown): Promise<vscode.Uri> => {
    requireTrust('duplicate a preset');
    const source = await onePreset(
      first,
      'Duplicate to Workspace: which preset?',
      (entry) => index.usablePreset(entry.id) !== undefined,
    );
    usablePreset(source);
    const options = isOptions(second) ? (second as { name?: string; folder?: vscode.Uri }) : undefined;
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
    // Copy the text and change only the name, so comments and number formatting (1.0) survive.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source.uri));
    const analysis = analyzePresetText(text, { origin: source.origin });
    const copy = analysis.nameRange
      ? replaceRange(text, analysis.nameRange, JSON.stringify(name))
      : serializePresetFile(withName(usablePreset(source), name));
    const uri = await newPresetFileUri(folder, name);
    await writeFileAtomic(uri, copy, { exclusive: true, action: `duplicate "${displayName(source)}"` });
    await index.reload(uri);
    if (!options) await openPreset(uri);
    return uri;
  };

  const rename = async (first?: unknown, second?: unknown): Promise<void> => {
    requireTrust('rename a preset');
    const entry = await onePreset(first, 'Rename Preset: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'rename');
    const options = isOptions(second) ? (second as { name?: string }) : undefined;
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

  const remove = async (first?: unknown, second?: unknown): Promise<void> => {
    requireTrust('delete a preset');
    const entry = await onePreset(first, 'Delete Preset: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'delete');
    const skipConfirmation = isOptions(second) && second.skipConfirmation === true;
    const path = entry.label;
    if (!skipConfirmation) {
      const choice = await vscode.window.showWarningMessage(
        `Delete preset "${displayName(entry)}"?`,
        { modal: true, detail: `The file ${path} will be moved to the trash.` },
        'Move to Trash',
      );
      if (choice !== 'Move to Trash') throw new Cancelled();
    }
    try {
      await vscode.workspace.fs.delete(entry.uri, { useTrash: true });
    } catch (error) {
      // Remote and web file systems may have no trash: say so, and delete only with a second yes.
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

  // ------------------------------------------------------------ export, import, compare, apply

  const exportPreset = async (first?: unknown, second?: unknown): Promise<vscode.Uri> => {
    const entry = await onePreset(first, 'Export Preset: which preset?', (e) => index.usablePreset(e.id) !== undefined);
    const preset = usablePreset(entry);
    requireTrust('export a preset');
    const options = isOptions(second) ? (second as { uri?: vscode.Uri }) : undefined;
    const folder = entry.folder ?? vscode.workspace.workspaceFolders?.[0];
    const target =
      options?.uri ??
      orCancel(
        await vscode.window.showSaveDialog({
          title: `Export "${preset.name}" for the autotuner`,
          defaultUri: folder ? vscode.Uri.joinPath(folder.uri, exportFileName(preset.name)) : undefined,
          filters: { JSON: ['json'] },
          saveLabel: 'Export',
        }),
      );
    // The save dialog has already asked before replacing an existing file.
    await writeFileAtomic(target, serializeExport(preset), { action: `export "${preset.name}"` });
    if (!options) {
      void Notify.info(`Exported "${preset.name}" to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then(
        (choice) => {
          if (choice) void openPreset(target);
        },
      );
    }
    return target;
  };

  const importPresets = async (first?: unknown): Promise<vscode.Uri[]> => {
    requireTrust('import presets');
    const options = isOptions(first) ? (first as unknown as ImportOptions) : undefined;
    const sources =
      options?.uris ??
      orCancel(
        await vscode.window.showOpenDialog({
          title: 'Import Presets',
          canSelectMany: true,
          filters: { JSON: ['json'] },
          openLabel: 'Import',
        }),
      );
    const folder = await folderFor(options?.folder, 'Import Presets');
    const written: vscode.Uri[] = [];
    const skipped: string[] = [];
    for (const source of sources) {
      const label = source.path.slice(source.path.lastIndexOf('/') + 1);
      // Read like a preset file: strict UTF-8, and a file over the size limit is reported, not parsed.
      const read = await readPresetUri(source, { origin: 'import' });
      if (!read) {
        skipped.push(`${label}: cannot be read (not a file)`);
        continue;
      }
      const analysis = read.analysis;
      if (!analysis.preset) {
        const error = analysis.diagnostics.find((d) => d.severity === 'error')!;
        skipped.push(
          `${label}: line ${error.range.start.line + 1}, column ${error.range.start.character + 1}: ${error.message}`,
        );
        continue;
      }
      let preset = analysis.preset;
      const existing = index.findByName(preset.name);
      let target: vscode.Uri | undefined;
      let expectedMtime: number | undefined;
      if (existing.length > 0) {
        const replaceable = existing.length === 1 && existing[0].origin === 'workspace' ? existing[0] : undefined;
        const choice =
          options?.onConflict ?? (await askImportConflict(preset.name, existing, replaceable !== undefined));
        if (choice === 'cancel') {
          skipped.push(`${label}: "${preset.name}" already exists; skipped`);
          continue;
        }
        if (choice === 'replace') {
          if (!replaceable)
            throw new UserFacingError(
              `Cannot replace "${preset.name}": ${existing.some((e) => e.origin === 'system') ? 'it is a read-only system preset' : 'several files have that name'}. Choose Rename instead.`,
            );
          target = replaceable.uri;
          expectedMtime = replaceable.mtime ?? (await modificationTime(replaceable.uri));
        } else {
          preset = withName(
            preset,
            uniquePresetName(preset.name, (name) => index.hasName(name)),
          );
        }
      }
      target ??= await newPresetFileUri(folder, preset.name);
      await writeFileAtomic(target, serializePresetFile(preset), {
        exclusive: expectedMtime === undefined,
        expectedMtime,
        action: `import ${label}`,
      });
      await index.reload(target);
      written.push(target);
    }
    if (skipped.length) {
      log().warn(`Import skipped:\n${skipped.join('\n')}`);
      void Notify.warning(`Not imported: ${skipped.join('; ')}`);
    }
    if (written.length && !options) {
      const names = written.map((uri) => vscode.workspace.asRelativePath(uri)).join(', ');
      void Notify.info(
        `Imported ${written.length === 1 ? 'a preset' : `${written.length} presets`}: ${names}.`,
        'Open',
      ).then((choice) => {
        if (choice) void openPreset(written[0]);
      });
    }
    return written;
  };

  const askImportConflict = async (
    name: string,
    existing: readonly IndexedPreset[],
    canReplace: boolean,
  ): Promise<'rename' | 'replace' | 'cancel'> => {
    const where = existing.map((entry) => (entry.origin === 'system' ? 'a system preset' : entry.label)).join(', ');
    const actions = canReplace ? ['Rename', 'Replace'] : ['Rename'];
    const choice = await vscode.window.showWarningMessage(
      `A preset named "${name}" already exists (${where}).`,
      {
        modal: true,
        detail: canReplace
          ? 'Rename imports it under a new name; Replace overwrites that file.'
          : 'Rename imports it under a new name.',
      },
      ...actions,
    );
    return choice === 'Rename' ? 'rename' : choice === 'Replace' ? 'replace' : 'cancel';
  };

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

  const applyToTask = async (first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> => {
    requireTrust('apply a merge to a task');
    const options = isOptions(first) ? (first as unknown as ApplyToTaskOptions) : undefined;
    let result = options?.result;
    if (!result) {
      let entries = options?.presets?.map(resolveRef) ?? invokedOn(first, second);
      let strategy = options?.strategy ?? Settings.defaultStrategy();
      if (entries.length === 0) {
        entries = await choosePresetsToMerge(
          treeView.visible ? selectedInTree() : [],
          'Apply Merge to Task: which presets?',
        );
        strategy = orCancel(await pickStrategy(strategy));
      }
      result = runMerge(index, { entryIds: entries.map((entry) => entry.id), strategy });
    }
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
              { title: 'Apply Merge to Task: which task?' },
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
        `Applied the merge to ${vscode.workspace.asRelativePath(task)} (${mode}). Undo restores the previous parameters.`,
      );
    }
    return task;
  };

  // ------------------------------------------------------------ filter

  const filter = async (first?: unknown): Promise<void> => {
    if (typeof first === 'string') {
      model.setFilter(parseFilter(first));
      return;
    }
    const previous = model.filter;
    const input = vscode.window.createInputBox();
    input.title = 'Filter Presets';
    input.placeholder = 'Words in name, category, tags or parameter names; runtime:sglang or runtime:vllm';
    input.value = formatFilter(previous);
    let accepted = false;
    input.onDidChangeValue((value) => model.setFilter(parseFilter(value)));
    input.onDidAccept(() => {
      accepted = true;
      input.hide();
    });
    const hidden = new Promise<void>((resolve) =>
      input.onDidHide(() => {
        if (!accepted) model.setFilter(previous); // Escape restores the filter as it was
        input.dispose();
        resolve();
      }),
    );
    input.show();
    await hidden;
  };

  register('parameterPresets.merge', 'Merge Presets', merge);
  register('parameterPresets.mergeWith', 'Merge With', mergeWith);
  register('parameterPresets.newPreset', 'New Preset', newPreset);
  register('parameterPresets.duplicate', 'Duplicate to Workspace', duplicate);
  register('parameterPresets.rename', 'Rename Preset', rename);
  register('parameterPresets.delete', 'Delete Preset', remove);
  register('parameterPresets.revealInExplorer', 'Reveal in Explorer', async (first) => {
    const entry = await onePreset(first, 'Reveal in Explorer: which preset?', (e) => e.origin === 'workspace');
    mustBeWorkspacePreset(entry, 'reveal');
    await vscode.commands.executeCommand('revealInExplorer', entry.uri);
  });
  register('parameterPresets.refresh', 'Refresh', () => index.rescan());
  register('parameterPresets.export', 'Export Preset', exportPreset);
  register('parameterPresets.import', 'Import Presets', importPresets);
  register('parameterPresets.compare', 'Compare Two Presets', compare);
  register('parameterPresets.applyToTask', 'Apply Merge to Task', applyToTask);
  register('parameterPresets.filter', 'Filter Presets', filter);
  register('parameterPresets.clearFilter', 'Clear Filter', () => model.setFilter(parseFilter('')));
  register('parameterPresets.showLog', 'Show Log', () => log().show());
  register('parameterPresets.open', 'Open Preset', async (first) => {
    const entry = await onePreset(first, 'Open Preset');
    await vscode.window.showTextDocument(entry.openUri, { preview: true });
  });
}

const byName = (a: IndexedPreset, b: IndexedPreset): number => displayName(a).localeCompare(displayName(b));

function replaceRange(text: string, range: SourceRange, newText: string): string {
  return text.slice(0, range.offset) + newText + text.slice(range.offset + range.length);
}
