/**
 * Entry point: VS Code calls activate() on first use (the view opens, a command runs, a JSONC file
 * such as a *.preset.json opens). Activation only wires things up; the workspace is indexed when
 * something first needs it.
 */
import vscode = require('vscode');
import { formatFilter, isFilterActive } from './core/presetFilter';
import { createApi, type ParameterPresetsApi } from './extension/api';
import { registerCommands, type CommandDeps } from './extension/commands/index';
import { ContextKeys } from './extension/contextValues';
import { registerDiagnostics } from './extension/diagnostics';
import { log } from './extension/log';
import { MergePreview } from './extension/mergePreview/mergePreview';
import type { MergePreviewPanel } from './extension/mergePreview/mergePreviewPanel';
import { NORMALIZED_SCHEME, NormalizedPresetContentProvider } from './extension/normalizedPresetContent';
import { onDidShowPresetInput } from './extension/pickers';
import { PresetCodeLensProvider } from './extension/presetCodeLens';
import { PresetIndex, SYSTEM_SCHEME } from './extension/presetIndex';
import { PresetTreeModel, type TreeNode } from './extension/presetTreeModel';
import { PresetTreeProvider } from './extension/presetTreeProvider';
import { RecentMerges } from './extension/recentMerges';
import { RuntimeKnowledge } from './extension/runtimeKnowledge';
import { SystemPresetFileSystem } from './extension/systemPresetFileSystem';

const PRESET_DOCUMENTS: vscode.DocumentSelector = [{ pattern: '**/*.preset.json' }];

export interface ExtensionExports extends ParameterPresetsApi {
  /** Internals for this extension's own in-host tests; not a stable API. */
  readonly testHooks?: {
    readonly index: PresetIndex;
    readonly model: PresetTreeModel;
    readonly provider: PresetTreeProvider;
    readonly treeView: vscode.TreeView<TreeNode>;
    readonly deps: CommandDeps;
    /** The open Merge Preview panel, if any. */
    readonly mergePreview: () => MergePreviewPanel | undefined;
    /** Fires with each preset picker and name box as it is shown. */
    readonly presetInputs: vscode.Event<vscode.QuickInput>;
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionExports {
  // Reads nothing yet: the catalogs open on the first analysis, completion or hover that needs them.
  const index: PresetIndex = new PresetIndex(context.extensionUri, () => runtimeKnowledge.presetRules());
  const runtimeKnowledge: RuntimeKnowledge = new RuntimeKnowledge(context.extensionPath, index);
  const model = new PresetTreeModel(index);
  const provider = new PresetTreeProvider(model, index);
  const treeView = vscode.window.createTreeView('parameterPresets.tree', {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const welcome = vscode.window.createTreeView('parameterPresets.welcome', {
    treeDataProvider: { getChildren: () => [], getTreeItem: (item: vscode.TreeItem) => item },
  });
  const mergePreview = new MergePreview(
    context.extensionPath,
    context.extensionUri,
    index,
    runtimeKnowledge,
    new RecentMerges(context.workspaceState),
  );
  const deps: CommandDeps = {
    context,
    index,
    model,
    treeView,
    runtimeKnowledge,
    mergePreview,
  };

  context.subscriptions.push(
    index,
    runtimeKnowledge,
    model,
    treeView,
    welcome,
    registerDiagnostics(index),
    // Registered during activation so a Merge Preview open before a reload comes back.
    mergePreview.registerSerializer(),
    vscode.workspace.registerFileSystemProvider(SYSTEM_SCHEME, new SystemPresetFileSystem(index), {
      isReadonly: true,
      isCaseSensitive: true,
    }),
    vscode.workspace.registerTextDocumentContentProvider(NORMALIZED_SCHEME, new NormalizedPresetContentProvider(index)),
    // The fixes load with the flag engine when VS Code first asks (a preset editor is open).
    vscode.languages.registerCodeActionsProvider(PRESET_DOCUMENTS, runtimeKnowledge, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.languages.registerCodeLensProvider(PRESET_DOCUMENTS, new PresetCodeLensProvider(index)),
    vscode.languages.registerCompletionItemProvider(PRESET_DOCUMENTS, runtimeKnowledge, '"'),
    vscode.languages.registerHoverProvider(PRESET_DOCUMENTS, runtimeKnowledge),
    model.onDidChange(() => updateViewState(treeView, model, index)),
    // Index as soon as the view is shown or a preset file is open; otherwise wait for a command.
    treeView.onDidChangeVisibility((event) => event.visible && void index.ensureStarted()),
    vscode.workspace.onDidOpenTextDocument(
      (document) => document.uri.path.endsWith('.preset.json') && void index.ensureStarted(),
    ),
  );
  registerCommands(deps);
  if (treeView.visible || vscode.workspace.textDocuments.some((document) => document.uri.path.endsWith('.preset.json')))
    void index.ensureStarted();
  log().info(`Activated (VS Code ${vscode.version})`);

  const api = createApi(index);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        ...api,
        testHooks: {
          index,
          model,
          provider,
          treeView,
          deps,
          mergePreview: () => mergePreview.currentPanel,
          presetInputs: onDidShowPresetInput,
        },
      }
    : api;
}

/** The view's message (filter and counts) and the context keys menus depend on. */
function updateViewState(treeView: vscode.TreeView<TreeNode>, model: PresetTreeModel, index: PresetIndex): void {
  const filtering = isFilterActive(model.filter);
  if (filtering) {
    const { shown, total } = model.counts();
    treeView.message = `Filter: ${formatFilter(model.filter)} — ${shown} of ${total} presets`;
  } else {
    treeView.message = undefined;
  }
  treeView.description = filtering ? 'filtered' : undefined;
  void vscode.commands.executeCommand('setContext', ContextKeys.filterActive, filtering);
  if (index.isStarted) {
    void vscode.commands.executeCommand(
      'setContext',
      ContextKeys.hasWorkspacePresets,
      index.entries().some((entry) => entry.origin === 'workspace'),
    );
    void vscode.commands.executeCommand('setContext', ContextKeys.indexReady, true);
  }
}

export function deactivate(): void {}
