/**
 * What commands act on: presets named in their arguments, the tree selection, the active editor or a
 * pick, and the folder new files go to. Shared by every area of commands.
 */
import vscode = require('vscode');
import type { RuntimeKnowledge } from '../runtimeKnowledge';
import { uniquePresetFileName } from '../../core/exchange';
import { presetsFolderSegments } from '../../core/importPlan';
import type { Preset } from '../../core/model';
import { missingPresetMessage, resolvePresetName } from '../../core/resolve';
import { UserFacingError, orCancel } from '../errors';
import { usablePresets } from '../mergeRequest';
import { log } from '../log';
import { confirmMergeOrder, pickPreset, pickPresetsInOrder, pickWorkspaceFolder } from '../pickers';
import type { IndexedPreset, PresetIndex } from '../presetIndex';
import { displayName, type PresetTreeModel, type TreeNode } from '../presetTreeModel';
import { Settings } from '../settings';
import type { MergePreview } from '../mergePreview/mergePreview';
import { RecentMerges } from '../recentMerges';

export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly index: PresetIndex;
  readonly model: PresetTreeModel;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The runtime flag catalogs (read on first need). */
  readonly runtimeKnowledge: RuntimeKnowledge;
  /** The Merge Preview panel, which shows every merge (loaded on first show). */
  readonly mergePreview: MergePreview;
}

/** A preset named in a command argument: a tree row, a URI, an entry id or a preset name. */
export type PresetRef = TreeNode | vscode.Uri | string | IndexedPreset;

/** The entry a preset name names, by the core's rule (see src/core/resolve.ts). */
export function entryNamed(index: PresetIndex, name: string): IndexedPreset {
  const resolution = resolvePresetName(index, name);
  if (resolution.kind === 'missing') {
    const message = missingPresetMessage(name, resolution.suggestions);
    // A suggestion ends the sentence with its question mark.
    throw new UserFacingError(`There is ${message}${message.endsWith('?') ? '' : '.'}`);
  }
  return resolution.entry;
}

export type Targets = ReturnType<typeof createTargets>;

export function createTargets(deps: CommandDeps) {
  const { index, treeView } = deps;

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
      return entryNamed(index, ref);
    }
    if (ref.kind === 'preset') return ref.entry;
    throw new UserFacingError(`"${(ref as { label?: string }).label ?? 'That row'}" is not a preset.`);
  };

  /** Presets a command was invoked on: the clicked row with the tree selection, or URIs, or nothing. */
  const invokedOn = (first: unknown, second: unknown): IndexedPreset[] => {
    // VS Code gives a row it no longer knows (the tree changed while the menu was open) as undefined: skip it.
    const selected = Array.isArray(second) ? second.filter((ref) => ref !== undefined && ref !== null) : [];
    if (selected.length > 0) return selected.map((ref) => resolveRef(ref as PresetRef));
    // Every row was stale: the command still came from the tree's menu (the palette passes no selection),
    // and the tree's current selection is what the user sees selected.
    if (Array.isArray(second) && second.length > 0 && first === undefined) return selectedInTree();
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
    const target = presetsFolderSegments(Settings.presetsFolder(folder), folder.name);
    if (!target.ok) throw new UserFacingError(target.message);
    return vscode.Uri.joinPath(folder.uri, ...target.segments);
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

  /** Shows a preset just written in the tree, selected, so the user sees where it went. */
  const revealInTree = async (uri: vscode.Uri): Promise<void> => {
    const entry = index.getByUri(uri);
    const node = entry && deps.model.nodeFor(entry.id);
    if (!node) return; // hidden by the filter, or not indexed (excluded): nothing to show
    try {
      await treeView.reveal(node, { select: true, focus: false, expand: true });
    } catch (error) {
      // The file is written either way; not showing it in the tree is no reason to report a failure.
      log().debug(`Revealing ${entry.label} in the tree failed: ${(error as Error).message}`);
    }
  };

  // The one record of recent merges, shared with the Merge Preview's Add picker.
  const recentMerges = deps.mergePreview.recentMerges ?? new RecentMerges(deps.context.workspaceState);

  /** Remembers the presets of a merge the user asked for, for the pickers' "most used first". */
  const rememberMerged = (names: readonly string[]): Promise<void> => recentMerges.remember(names);

  /**
   * Presets to merge, in order: picked (`initial` starts picked), then ordered. The ones merged most
   * recently come first unless the `recentFirst` setting is off.
   */
  const choosePresetsToMerge = async (initial: IndexedPreset[], title: string): Promise<IndexedPreset[]> => {
    const { entries, recent } = recentMerges.forPicker(index.usableEntries());
    const picked = orCancel(await pickPresetsInOrder(entries, { title, initial, recent }));
    return orCancel(await confirmMergeOrder(picked));
  };

  return {
    resolveRef,
    invokedOn,
    selectedInTree,
    activeEditorPreset,
    mustBeWorkspacePreset,
    usablePreset,
    onePreset,
    folderFor,
    newPresetFileUri,
    openPreset,
    revealInTree,
    choosePresetsToMerge,
    rememberMerged,
  };
}

export const byName = (a: IndexedPreset, b: IndexedPreset): number => displayName(a).localeCompare(displayName(b));
