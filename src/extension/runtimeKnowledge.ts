/**
 * The extension's access to the flag catalogs shipped in its `runtimes/` folder and to the code that uses
 * them (`dist/flagEngine.js`, see flagEngine.ts). Nothing is read or loaded at activation: both come on the
 * first check, completion or hover that needs them.
 */
import type * as vscode from 'vscode';
import type { PresetRule } from '../core/presetRules';
import type { ChosenKnowledge } from '../node/flagKnowledge';
import type { RuntimeCatalogs } from '../node/runtimeCatalogs';
import type { FlagEngine } from './flagEngine';
import type { FlagKnowledgeCache, TaskRuntime } from './flagKnowledgeCache';
import { requireBundle } from './lazyBundles';
import type { FlagLanguageFeatures } from './languageFeatures/flagFeatures';
import type { PresetQuickFixes } from './languageFeatures/presetQuickFixes';
import type { PresetIndex } from './presetIndex';
import { logError } from './log';
import { Settings } from './settings';

export type { TaskRuntime } from './flagKnowledgeCache';

export class RuntimeKnowledge
  implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.CodeActionProvider
{
  private loaded: FlagEngine | undefined;
  private views: vscode.Disposable | undefined;
  private cache: FlagKnowledgeCache | undefined;
  private languageFeatures: FlagLanguageFeatures | undefined;
  private fixes: PresetQuickFixes | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly index: PresetIndex,
  ) {}

  /** The flag code, loaded on first need (see lazyBundles.ts). */
  engine(): FlagEngine {
    if (!this.loaded) {
      this.loaded = requireBundle(this.extensionPath, 'flagEngine');
      this.views = this.loaded.showSystemPresetProblems(this.index);
    }
    return this.loaded;
  }

  dispose(): void {
    this.views?.dispose();
  }

  /** The quick fixes of preset diagnostics, built on first use: VS Code asks once a preset editor is open. */
  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return (this.fixes ??= new (this.engine().PresetQuickFixes)(this.index)).provideCodeActions(
      document,
      range,
      context,
    );
  }

  /** Completion and hover for flags, built on first use: the providers registered at activation. */
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return this.features().provideCompletionItems(document, position);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    return this.features().provideHover(document, position);
  }

  private features(): FlagLanguageFeatures {
    return (this.languageFeatures ??= new (this.engine().FlagLanguageFeatures)(this));
  }

  /** The catalogs and what is built from them, opened on first need. */
  private state(): FlagKnowledgeCache {
    this.cache ??= new (this.engine().FlagKnowledgeCache)(this.extensionPath, logError);
    return this.cache;
  }

  catalogs(): RuntimeCatalogs {
    return this.state().catalogs;
  }

  /**
   * The flag knowledge for the setting `parameterPresets.runtimeVersions`, or for a task's runtime and image
   * tag; undefined when the catalogs cannot be read (logged once).
   */
  knowledge(task?: TaskRuntime): ChosenKnowledge | undefined {
    return this.state().knowledge(Settings.runtimeVersions(), task);
  }

  /** The flag rule for the analysis, as a list to pass as `rules` (empty when the catalogs cannot be read). */
  presetRules(task?: TaskRuntime): PresetRule[] {
    return this.state().presetRules(Settings.runtimeVersions(), task);
  }
}
