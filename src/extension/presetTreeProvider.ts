/** Renders the tree model as VS Code tree items. No logic of its own beyond presentation. */
import vscode = require('vscode');
import { categoryLabel } from '../core/catalog';
import { plural } from '../core/grid';
import { formatJson } from '../core/format';
import { ContextValues } from './contextValues';
import { presetDescription, presetFacts } from './presetRowText';
import { displayName, type PresetTreeModel, type TreeNode } from './presetTreeModel';
import type { IndexedPreset, PresetIndex } from './presetIndex';

export class PresetTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(
    private readonly model: PresetTreeModel,
    private readonly index: PresetIndex,
  ) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      await this.index.ensureStarted();
      return this.model.getRoots();
    }
    return node.kind === 'group' || node.kind === 'category' ? node.children : [];
  }

  /**
   * The tooltip of a preset row, built when the row is hovered: with thousands of rows, building every
   * Markdown tooltip up front (and sending it to the workbench) cost more than the rows themselves.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'preset' && item.tooltip === undefined) {
      const entry = this.index.get(node.entry.id) ?? node.entry;
      item.tooltip = this.tooltip(
        entry,
        this.index.diagnosticsOf(entry.id).map((d) => `${d.severity}: ${d.message} (line ${d.range.start.line + 1})`),
      );
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.contextValue = node.origin === 'system' ? ContextValues.systemGroup : ContextValues.workspaceGroup;
        item.iconPath = new vscode.ThemeIcon(node.origin === 'system' ? 'library' : 'root-folder');
        item.description = plural(node.presetCount, 'preset');
        item.tooltip =
          node.origin === 'system'
            ? 'Presets bundled with the extension (read-only)'
            : node.folder
              ? `Presets in ${node.folder.uri.fsPath || node.folder.name}`
              : undefined;
        return item;
      }
      case 'category': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.contextValue = ContextValues.category;
        item.iconPath = new vscode.ThemeIcon('symbol-folder');
        item.description = String(node.children.length);
        return item;
      }
      case 'placeholder': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.contextValue = ContextValues.placeholder;
        item.iconPath = new vscode.ThemeIcon('info');
        item.command = { command: 'parameterPresets.newPreset', title: 'New Preset…' };
        item.tooltip = 'Create a preset in this folder';
        return item;
      }
      case 'preset':
        return this.presetItem(node.id, node.entry);
    }
  }

  private presetItem(id: string, entry: IndexedPreset): vscode.TreeItem {
    const item = new vscode.TreeItem(displayName(entry), vscode.TreeItemCollapsibleState.None);
    item.id = id;
    const status = this.index.status(entry.id);
    const preset = this.index.usablePreset(entry.id);
    const diagnostics = this.index.diagnosticsOf(entry.id);
    const system = entry.origin === 'system';
    if (system) item.contextValue = ContextValues.systemPreset;
    else item.contextValue = status === 'error' ? ContextValues.brokenPreset : ContextValues.workspacePreset;
    if (!system) item.resourceUri = entry.uri; // lets VS Code decorate the row with the file's problems
    item.iconPath =
      status === 'error'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : system
          ? new vscode.ThemeIcon('lock')
          : status === 'warning'
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
            : new vscode.ThemeIcon('beaker');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    let summary: string;
    if (preset) {
      summary = presetDescription(preset);
      item.description = summary;
    } else {
      summary = `invalid: ${plural(errors.length, 'error')}`;
      item.description = `invalid — ${errors[0]?.message ?? 'see Problems'}`;
    }
    // The tooltip is left to resolveTreeItem.
    item.accessibilityInformation = {
      label: `${displayName(entry)}, ${system ? 'system preset, read-only' : 'workspace preset'}, ${summary}`,
    };
    item.command = { command: 'vscode.open', title: 'Open Preset', arguments: [entry.openUri, { preview: true }] };
    return item;
  }

  /** Markdown tooltip. Preset text goes in with appendText or code blocks: never interpreted as markup. */
  private tooltip(entry: IndexedPreset, problems: string[]): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(undefined, false);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const preset = entry.analysis.preset;
    markdown.appendMarkdown('**').appendText(displayName(entry)).appendMarkdown('**');
    markdown.appendMarkdown(entry.origin === 'system' ? ' — system preset (read-only)\n\n' : '\n\n');
    if (preset?.description) markdown.appendText(preset.description).appendMarkdown('\n\n');
    if (preset) {
      markdown.appendText(presetFacts(preset)).appendMarkdown('\n\n');
      markdown.appendMarkdown('Category: ').appendText(categoryLabel(preset.category)).appendMarkdown('\n\n');
      const tags = preset.metadata?.tags;
      if (Array.isArray(tags) && tags.length)
        markdown.appendMarkdown('Tags: ').appendText(tags.join(', ')).appendMarkdown('\n\n');
      markdown.appendCodeblock(formatJson(preset.parameters), 'json');
    }
    if (problems.length) {
      markdown.appendMarkdown('\n\nProblems:\n\n');
      for (const problem of problems.slice(0, 10))
        markdown.appendMarkdown('- ').appendText(problem).appendMarkdown('\n');
    }
    if (entry.origin === 'workspace') markdown.appendMarkdown('\n\n').appendText(entry.label);
    return markdown;
  }
}
