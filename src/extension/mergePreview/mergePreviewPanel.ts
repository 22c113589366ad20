/**
 * The Merge Preview panel: one webview panel, reused, showing the merge of the selected presets with
 * where each value came from, the conflicts and the grid size, live as preset files change.
 *
 * Lifecycle as in VS Code's webview sample: `show` creates or reveals the one panel, `revive` rebuilds
 * it after a reload from the state the page kept, `dispose` tears it down. The page says `ready`
 * first; the host posts state only after that, and again whenever the selection, the strategy, a
 * selected preset file or a relevant setting changes. No retainContextWhenHidden: a hidden panel's page
 * is dropped and, when shown again, reloads and asks again with `ready`.
 *
 * This module is bundled apart (`dist/mergePreview.js`, see ./bundle.ts) and loaded on first need by
 * ./mergePreview.ts. The log, the user-action wrapper and the pickers come from the extension's bundle
 * through `MergePreviewServices.host`, never imported here: a copy of theirs would open a second output
 * channel and show pickers the extension's own event never reports.
 */
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { exportFileName, serializeExport, uniquePresetName } from '../../core/exchange';
import { formatCount } from '../../core/grid';
import type { MergeResult, MergeStrategy, Runtime } from '../../core/model';
import type { ValueTokens } from '../../core/runtime/pythonStr';
import { shellCommand } from '../../core/shellQuote';
import {
  MERGE_PREVIEW_TITLE,
  MERGE_PREVIEW_VIEW_TYPE,
  type CopyTarget,
  type HostMessage,
  type MergePreviewState,
} from '../../shared/mergePreviewProtocol';
import type { runUserAction } from '../commands/register';
import { UserFacingError, orCancel } from '../errors';
import { requireTrust, writeFileAtomic } from '../fileStore';
import type { log } from '../log';
import type { RuntimeKnowledge } from '../runtimeKnowledge';
import type { MergeRequest } from '../mergeRequest';
import { Notify } from '../notifications';
import type { inputPresetName, pickCategory, pickPresetsInOrder } from '../pickers';
import type { PresetIndex } from '../presetIndex';
import { mergeTokens } from '../presetTokens';
import type { RecentMerges } from '../recentMerges';
import { Settings } from '../settings';
import { findTaskFiles, readTaskInfo, taskInfoOf, type TaskInfo } from '../taskFiles';
import { contentSecurityPolicy, mergePreviewHtml } from './html';
import { dispatchPageMessage, parsePersistedState, type PageMessageHandlers } from './messages';
import {
  appendToSelection,
  createSelection,
  removeFromSelection,
  renameInSelection,
  reorderSelection,
  slotColor,
  type Selection,
} from './selection';
import { RUNS_BATCH } from './runsPaging';
import type { RunsChecks, RunsSection } from './runsView';
import {
  buildPreview,
  presetFromMerge,
  suggestedMergeName,
  type Preview,
  type PreviewInput,
  type SelectedPreset,
} from './viewModel';

/** What the panel needs from the extension. */
export interface MergePreviewServices {
  readonly extensionUri: vscode.Uri;
  readonly index: PresetIndex;
  /** Orders the Add picker most used first; without it, the index's order. */
  readonly recentMerges?: RecentMerges;
  /** The shipped flag catalogs: the Runs section checks the runs with them, and merged parameters are marked. */
  readonly runtimeKnowledge: RuntimeKnowledge;
  readonly host: MergePreviewHost;
}

/** The extension bundle's own stateful parts the panel uses (see the note at the top). */
export interface MergePreviewHost {
  readonly log: typeof log;
  readonly runUserAction: typeof runUserAction;
  readonly pickPresetsInOrder: typeof pickPresetsInOrder;
  readonly inputPresetName: typeof inputPresetName;
  readonly pickCategory: typeof pickCategory;
}

export class MergePreviewPanel implements vscode.Disposable {
  static readonly viewType = MERGE_PREVIEW_VIEW_TYPE;
  private static current: MergePreviewPanel | undefined;

  /** The open panel, if any. */
  static get currentPanel(): MergePreviewPanel | undefined {
    return MergePreviewPanel.current;
  }

  /** Shows a merge: in the open panel (its selection replaced) or in a new one. */
  static show(services: MergePreviewServices, request: MergeRequest): MergePreviewPanel {
    const selection = createSelection(
      request.entryIds.map((id) => ({ id, name: services.index.get(id)?.analysis.name ?? id })),
    );
    const existing = MergePreviewPanel.current;
    if (existing) {
      existing.selection = selection;
      existing.strategy = request.strategy;
      existing.runsListed = RUNS_BATCH;
      existing.update();
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      MERGE_PREVIEW_VIEW_TYPE,
      MERGE_PREVIEW_TITLE,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(services.extensionUri),
    );
    return new MergePreviewPanel(panel, services, selection, request.strategy);
  }

  /** Restores the panel VS Code kept across a reload, from the state its page saved. */
  static revive(panel: vscode.WebviewPanel, services: MergePreviewServices, saved: unknown): MergePreviewPanel {
    const state = parsePersistedState(saved);
    if (saved !== undefined && !state)
      services.host.log().warn('Merge Preview: the saved panel state is not valid; starting with an empty selection.');
    MergePreviewPanel.current?.dispose();
    panel.webview.options = webviewOptions(services.extensionUri);
    return new MergePreviewPanel(
      panel,
      services,
      createSelection(state?.entries ?? []),
      state?.strategy ?? Settings.defaultStrategy(),
    );
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly postedEmitter = new vscode.EventEmitter<MergePreviewState>();
  private ready = false;
  private disposed = false;
  private preview: Preview | undefined;
  private runsSection: RunsSection | undefined;
  /** How many runs the Runs section lists; "Show more" adds a batch, a new merge starts over. */
  private runsListed = RUNS_BATCH;
  /** The task the Runs section measures the grid against: picked in the section, or the one applied to. */
  private task: TaskInfo | undefined;
  private nonce = '';

  /** Fires after each state the host posts to the page (for tests). */
  readonly onDidPostState = this.postedEmitter.event;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: MergePreviewServices,
    private selection: Selection,
    private strategy: MergeStrategy,
  ) {
    MergePreviewPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'presets.svg');
    this.disposables.push(
      this.postedEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      services.index.onDidChange(({ ids }) => {
        if (ids.some((id) => this.selection.some((entry) => entry.id === id))) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('parameterPresets.gridSizeWarningThreshold')) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('parameterPresets.runtimeVersions')) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (this.task && document.uri.toString() === this.task.uri.toString()) this.rereadTask(document.getText());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()),
    );
    this.render();
  }

  // ------------------------------------------------------------ for tests and the composition root

  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  /** The page's HTML as last set. */
  get html(): string {
    return this.panel.webview.html;
  }

  get contentSecurityPolicy(): string {
    return contentSecurityPolicy({ cspSource: this.panel.webview.cspSource, nonce: this.nonce });
  }

  get selectedIds(): readonly string[] {
    return this.selection.map((entry) => entry.id);
  }

  get currentStrategy(): MergeStrategy {
    return this.strategy;
  }

  /** The merge shown now; undefined when nothing can be merged. */
  get result(): MergeResult | undefined {
    return this.compute().result;
  }

  /** The task the Runs section is measured against, if any. */
  get chosenTask(): vscode.Uri | undefined {
    return this.task?.uri;
  }

  /** Measures the grid against a task in the Runs section (undefined: none). */
  async chooseTask(uri: vscode.Uri | undefined): Promise<void> {
    this.task = uri ? await readTaskInfo(uri) : undefined;
    this.update();
  }

  /** The state as the page gets it. */
  get state(): MergePreviewState {
    return this.compute().state;
  }

  /** Handles one message as if the page had sent it: validated, dispatched, never throwing. */
  receive(raw: unknown): Promise<boolean> {
    return dispatchPageMessage(raw, this.handlers, (problem) => this.services.host.log().warn(problem));
  }

  // ------------------------------------------------------------ page

  private render(): void {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.services.extensionUri, 'dist');
    this.nonce = createNonce();
    this.ready = false;
    webview.html = mergePreviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      nonce: this.nonce,
    });
  }

  /** Recomputes the merge and posts it, once the page has said it is ready. */
  private update(): void {
    this.preview = undefined;
    if (this.ready) void this.post({ type: 'state', state: this.compute().state });
  }

  private async post(message: HostMessage): Promise<void> {
    try {
      await this.panel.webview.postMessage(message);
      if (message.type === 'state') this.postedEmitter.fire(message.state);
    } catch (error) {
      // The panel was closed while a message was on its way.
      this.services.host.log().debug(`Merge Preview: posting "${message.type}" failed: ${(error as Error).message}`);
    }
  }

  private compute(): Preview {
    if (this.preview) return this.preview;
    const { index } = this.services;
    this.selection = renameInSelection(this.selection, (id) => index.get(id)?.analysis.name);
    const selection = this.selection.map((entry): SelectedPreset => {
      const color = slotColor(entry.slot);
      const indexed = index.get(entry.id);
      if (!indexed) {
        const location = relativeLocation(entry.id);
        return {
          id: entry.id,
          name: entry.name,
          color,
          origin: 'unknown',
          location,
          status: 'missing',
          problem: `${location} no longer exists`,
        };
      }
      const base = {
        id: entry.id,
        color,
        origin: indexed.origin,
        location: indexed.origin === 'system' ? 'system preset' : indexed.label,
      };
      const preset = index.usablePreset(entry.id);
      if (!preset) {
        const error = index.diagnosticsOf(entry.id).find((d) => d.severity === 'error');
        const problem = error
          ? `${indexed.label}, line ${error.range.start.line + 1}: ${error.message}`
          : `${indexed.label} cannot be merged`;
        return { ...base, name: entry.name, status: 'invalid', problem };
      }
      return { ...base, name: preset.name, status: index.status(entry.id) === 'warning' ? 'warning' : 'ok', preset };
    });
    const writeBlockedReason = !vscode.workspace.isTrusted
      ? 'This workspace is in Restricted Mode, where Parameter Presets writes no files.'
      : !vscode.workspace.workspaceFolders?.length
        ? 'Open a folder to save or apply a merge.'
        : undefined;
    // How the presets' files write the merge's numbers, read once for the flag marks and the runs.
    let tokens: ValueTokens | undefined;
    const tokensOf = (merged: MergeResult): ValueTokens =>
      (tokens ??= mergeTokens(
        index,
        selection.filter((selected) => selected.preset).map((selected) => selected.id),
        merged,
      ));
    const preview = buildPreview({
      selection,
      strategy: this.strategy,
      threshold: Settings.gridSizeWarningThreshold(),
      canWrite: writeBlockedReason === undefined,
      writeBlockedReason,
      flagProblems: this.flagChecks(tokensOf),
    });
    this.runsSection = undefined;
    const result = preview.result;
    if (result && Object.keys(result.parameters).length > 0) {
      this.runsSection = this.services.runtimeKnowledge.engine().buildRunsSection({
        parameters: result.parameters,
        tokens: tokensOf(result),
        runtime: result.runtime,
        checks: this.checksFor(result.runtime),
        listed: this.runsListed,
        ...(this.task
          ? {
              task: {
                location: vscode.workspace.asRelativePath(this.task.uri),
                taskName: this.task.taskName,
                context: this.task.context,
                text: this.task.text,
              },
            }
          : {}),
      });
    }
    this.preview = this.runsSection
      ? { ...preview, state: { ...preview.state, runs: this.runsSection.view } }
      : preview;
    return this.preview;
  }

  /** The catalogs the runs are checked against; undefined when the shipped catalogs cannot be read (logged). */
  private checksFor(runtime: Runtime | null): RunsChecks | undefined {
    const task = this.task?.context;
    const chosen = this.services.runtimeKnowledge.knowledge(task && { runtime: task.runtime, imageTag: task.imageTag });
    return chosen && this.services.runtimeKnowledge.engine().runsChecks(chosen, runtime, task);
  }

  private rereadTask(text: string): void {
    if (!this.task) return;
    try {
      this.task = taskInfoOf(this.task.uri, text);
    } catch {
      // Mid-edit the file may not be a task for a moment: keep what it last said.
      return;
    }
    this.update();
  }

  /** The flag checks of a merge, for the catalogs that apply now; undefined without them. */
  private flagChecks(tokensOf: (merged: MergeResult) => ValueTokens): PreviewInput['flagProblems'] {
    const knowledge = this.services.runtimeKnowledge;
    const chosen = knowledge?.knowledge();
    return chosen && ((merged) => knowledge!.engine().mergedFlagProblems(merged, chosen.knowledge, tokensOf(merged)));
  }

  // ------------------------------------------------------------ messages

  private readonly handlers: PageMessageHandlers = {
    ready: async () => {
      this.ready = true;
      await this.services.index.ensureStarted();
      this.update();
    },
    setStrategy: ({ strategy }) => {
      if (strategy === this.strategy) return;
      this.strategy = strategy;
      this.runsListed = RUNS_BATCH;
      this.update();
    },
    reorder: ({ ids }) => {
      const reordered = reorderSelection(this.selection, ids);
      if (!reordered)
        this.services.host
          .log()
          .warn(
            `Merge Preview: ignored a reorder that does not match the selection: ${JSON.stringify(ids).slice(0, 200)}`,
          );
      else {
        this.selection = reordered;
        this.runsListed = RUNS_BATCH;
      }
      // Posted either way, so a page that moved a chip ahead of the host shows the real order again.
      this.update();
    },
    remove: ({ id }) => {
      const remaining = removeFromSelection(this.selection, id);
      if (!remaining) return;
      this.selection = remaining;
      this.runsListed = RUNS_BATCH;
      this.update();
    },
    add: () =>
      this.action('Add Presets', async () => {
        const selected = new Set(this.selectedIds);
        const candidates = this.services.index.usableEntries().filter((entry) => !selected.has(entry.id));
        if (candidates.length === 0)
          throw new UserFacingError('Every preset that can be merged is in this merge already.');
        const { entries, recent } = this.services.recentMerges?.forPicker(candidates) ?? {
          entries: candidates,
          recent: undefined,
        };
        const picked = orCancel(
          await this.services.host.pickPresetsInOrder(entries, {
            title: 'Add to the merge (picked ones go to the end, in the order picked)',
            recent,
          }),
        );
        this.selection = appendToSelection(
          this.selection,
          picked.map((entry) => ({ id: entry.id, name: entry.analysis.name ?? entry.label })),
        );
        this.runsListed = RUNS_BATCH;
        this.update();
      }),
    open: ({ id }) =>
      this.action('Open Preset', async () => {
        if (!this.selection.some((entry) => entry.id === id)) return;
        const entry = this.services.index.get(id);
        if (!entry) throw new UserFacingError(`${relativeLocation(id)} no longer exists.`);
        await vscode.window.showTextDocument(entry.openUri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      }),
    save: () => this.action('Save Merge as Preset', () => this.saveAsPreset()),
    applyToTask: () => this.action('Apply to Task', () => this.applyToTask()),
    copyJson: ({ what }) => this.action('Copy JSON', () => this.copyJson(what)),
    export: () => this.action('Export Merge', () => this.exportMerge()),
    moreRuns: () => {
      this.runsListed += RUNS_BATCH;
      this.update();
    },
    copyCommand: ({ index }) => this.action('Copy Command', () => this.copyCommand(index)),
    chooseTask: () => this.action('Choose a Task', () => this.pickTask()),
    clearTask: () => {
      this.task = undefined;
      this.update();
    },
  };

  private async copyCommand(index: number): Promise<void> {
    this.compute();
    const runs = this.runsSection?.runs;
    if (!runs || index >= runs.total) throw new UserFacingError(`There is no run ${index + 1} in this grid any more.`);
    await vscode.env.clipboard.writeText(shellCommand(runs.runAt(index).command));
    const text = `Copied the command line of run ${formatCount(index + 1)}.`;
    void this.post({ type: 'status', text });
    vscode.window.setStatusBarMessage(text, 4000);
  }

  private async pickTask(): Promise<void> {
    const tasks = await findTaskFiles();
    if (tasks.length === 0)
      throw new UserFacingError(
        'No autotuner task file in the workspace: a task is a JSON file with "task_name" and "parameters".',
      );
    const picked = orCancel(
      await vscode.window.showQuickPick(
        tasks.map((t) => ({ label: t.taskName, description: vscode.workspace.asRelativePath(t.uri), uri: t.uri })),
        { title: 'Runs: measure the grid against which task?' },
      ),
    );
    await this.chooseTask(picked.uri);
  }

  /** Runs a user action under the commands' wrapper: the same messages, log line and Show Log button. */
  private async action(title: string, run: () => Promise<void>): Promise<void> {
    await this.services.host.runUserAction(title, run);
  }

  private requireResult(action: string): { result: MergeResult; mergedIds: readonly string[] } {
    const { result, mergedIds } = this.compute();
    if (!result) throw new UserFacingError(`Nothing to ${action}: none of the selected presets can be merged.`);
    return { result, mergedIds };
  }

  private async askName(title: string, result: MergeResult): Promise<string> {
    const index = this.services.index;
    const value = uniquePresetName(suggestedMergeName(result), (name) => index.hasName(name));
    return orCancel(await this.services.host.inputPresetName(index, { title, value })).trim();
  }

  /** Writes the merged grid as a new preset file, through the New Preset command. */
  private async saveAsPreset(): Promise<void> {
    requireTrust('save the merge as a preset');
    const { result, mergedIds } = this.requireResult('save');
    const name = await this.askName('Save Merge as Preset (1/2): name', result);
    // Without a category the preset would land in Uncategorized, far from the presets it came from.
    const category = await this.services.host.pickCategory(this.services.index, 'Save Merge as Preset (2/2): category');
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('parameterPresets.newPreset', {
      name,
      category,
      fromPresets: mergedIds,
      strategy: result.strategy,
      runtime: result.runtime,
    });
    if (!uri) return; // the command has said why
    void this.post({ type: 'status', text: `Saved the merge as "${name}".` });
    void Notify.info(`Saved the merge as "${name}" in ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then(
      (choice) => {
        if (choice) void vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
      },
    );
  }

  private async applyToTask(): Promise<void> {
    requireTrust('apply a merge to a task');
    const { result, mergedIds } = this.requireResult('apply');
    const task = await vscode.commands.executeCommand<vscode.Uri | undefined>('parameterPresets.applyToTask', {
      result,
      tokens: mergeTokens(this.services.index, mergedIds, result),
    });
    if (!task) return;
    // The Runs section now measures the grid against the task it was applied to.
    await this.chooseTask(task).catch((error: unknown) =>
      this.services.host.log().warn(`Merge Preview: ${(error as Error).message}`),
    );
    await vscode.window.showTextDocument(task, { viewColumn: vscode.ViewColumn.Beside });
    void Notify.info(
      `Applied the merge to ${vscode.workspace.asRelativePath(task)}. Undo restores the previous parameters.`,
    );
  }

  private async copyJson(what: CopyTarget): Promise<void> {
    const { result } = this.requireResult('copy');
    await vscode.env.clipboard.writeText(
      JSON.stringify(what === 'result' ? result : result.parameters, null, 2) + '\n',
    );
    const text = what === 'result' ? 'Copied the merge result as JSON.' : 'Copied the merged parameters as JSON.';
    void this.post({ type: 'status', text });
    vscode.window.setStatusBarMessage(text, 4000);
  }

  /** Writes the merged grid as the autotuner's export envelope. */
  private async exportMerge(): Promise<void> {
    requireTrust('export the merge');
    const { result, mergedIds } = this.requireResult('export');
    const name = await this.askName('Export Merge: preset name', result);
    const preset = presetFromMerge(name, result);
    const folder =
      mergedIds.map((id) => this.services.index.get(id)?.folder).find((f) => f !== undefined) ??
      vscode.workspace.workspaceFolders?.[0];
    const target = orCancel(
      await vscode.window.showSaveDialog({
        title: `Export the merge as "${name}" for the autotuner`,
        defaultUri: folder ? vscode.Uri.joinPath(folder.uri, exportFileName(name)) : undefined,
        filters: { JSON: ['json'] },
        saveLabel: 'Export',
      }),
    );
    // The save dialog has already asked before replacing an existing file.
    // Numbers as the presets' files write them (`2.0` stays a float for the autotuner's Python).
    const tokens = mergeTokens(this.services.index, mergedIds, result);
    await writeFileAtomic(target, serializeExport(preset, tokens), { action: `export "${name}"` });
    void this.post({ type: 'status', text: `Exported the merge as "${name}".` });
    void Notify.info(`Exported the merge as "${name}" to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then(
      (choice) => {
        if (choice) void vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
      },
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (MergePreviewPanel.current === this) MergePreviewPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** Scripts on, and only the built page and the media folder readable. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** 128 random bits from node's crypto, base64: a script nonce no page can guess. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function relativeLocation(id: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(id, true));
  } catch {
    return id;
  }
}
