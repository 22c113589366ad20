/**
 * One index of all presets: the bundled system presets and every `*.preset.json` of every workspace
 * folder. Built by one search when first needed, then kept current from a file watcher (debounced per
 * file) and from the unsaved text of open preset editors. A broken file stays in the index as broken.
 * Kept apart from the tree: the tree, diagnostics, commands and the API all read from here.
 */
import vscode = require('vscode');
import { analyzePresetText, unreadableAnalysis } from '../core/analyze';
import { DiagnosticCodes } from '../core/model';
import { PresetCatalog, type CatalogEntry } from '../core/catalog';
import { INDEX_READ_CONCURRENCY, mapWithConcurrency } from '../core/concurrency';
import { workspaceExcludeMatcher } from '../core/glob';
import { formatCount } from '../core/grid';
import { isInSkippedFolder } from '../core/skippedFolders';
import type { Preset, PresetDiagnostic } from '../core/model';
import type { PresetRule } from '../core/presetRules';
import { modificationTime } from './fileStore';
import { log, logError } from './log';
import { Notify } from './notifications';
import {
  SlicedPresetReader,
  analyzeFileContent,
  isSamePath,
  readPresetFile,
  type AnalyzedPresetFile,
  type PresetFileContent,
  type ReadPresetOptions,
} from '../node/readPresetFile';
import { Settings } from './settings';

export const SYSTEM_SCHEME = 'parameter-presets-system';
export const PRESET_GLOB = '**/*.preset.json';

export interface IndexedPreset extends CatalogEntry {
  /** The file on disk (for system presets, inside the extension). */
  readonly uri: vscode.Uri;
  /** What opening the preset shows: the file, or a read-only view of a system preset. */
  readonly openUri: vscode.Uri;
  readonly folder?: vscode.WorkspaceFolder;
  /** Modification time of the content read from disk; undefined when it came from an unsaved editor. */
  readonly mtime?: number;
}

export type PresetStatus = 'ok' | 'warning' | 'error';

export interface PresetIndexChange {
  /** The entries whose content or diagnostics may have changed (removed ones included). */
  readonly ids: readonly string[];
}

const DEBOUNCE_MS = 120;

export class PresetIndex implements vscode.Disposable {
  private catalog = new PresetCatalog<IndexedPreset>();
  private readonly changeEmitter = new vscode.EventEmitter<PresetIndexChange>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per-file sequence numbers: a slower, older read never overwrites a newer one. */
  private readonly sequence = new Map<string, number>();
  private readonly excludeMatchers = new Map<string, (relativePath: string) => boolean>();
  private started: Promise<void> | undefined;
  private scanning: Promise<void> | undefined;
  private scanCancellation: vscode.CancellationTokenSource | undefined;
  /** Files that changed while a full scan ran; re-read when it ends. */
  private readonly changedDuringScan = new Set<string>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /**
   * Reads local preset files, for full scans and single changes alike: synchronously in short slices, for
   * good asynchronously once a read has been slow (a network file system). See SlicedPresetReader.
   */
  private readonly reader = new SlicedPresetReader();

  /** Fires when entries change. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires after each full scan. */
  readonly onDidFinishScan = this.readyEmitter.event;

  /**
   * `rules`: the rules beyond the built-in ones (the runtime flag checks), asked for once per full scan and on
   * every other analysis, so a change of `parameterPresets.runtimeVersions` applies at the next rescan, and the
   * catalogs load on the first analysis, not at activation.
   */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly rules: () => readonly PresetRule[] = () => [],
  ) {
    this.disposables.push(this.readyEmitter);
  }

  /** Starts indexing on first use (the view opened, a command ran, a preset file opened); later calls wait for it. */
  ensureStarted(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  get isStarted(): boolean {
    return this.started !== undefined;
  }

  /** Waits until the current full scan, if any, has ended. */
  async whenIdle(): Promise<void> {
    await this.ensureStarted();
    while (this.scanning) await this.scanning;
  }

  private async start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(PRESET_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      watcher.onDidChange((uri) => this.schedule(uri)),
      watcher.onDidDelete((uri) => this.schedule(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.isWorkspacePresetDocument(event.document))
          this.schedule(event.document.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.isWorkspacePresetDocument(document)) this.schedule(document.uri);
      }),
      // Closing an editor with unsaved changes reverts to what is on disk.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.isWorkspacePresetDocument(document)) this.schedule(document.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (Settings.affectsIndex(event)) void this.rescan();
      }),
    );
    await this.rescan();
  }

  /** Rebuilds the whole index: system presets, then one search over the workspace. */
  rescan(): Promise<void> {
    this.scanCancellation?.cancel();
    const cancellation = (this.scanCancellation = new vscode.CancellationTokenSource());
    const scan = this.scan(cancellation.token).finally(() => {
      if (this.scanning === scan) this.scanning = undefined;
      cancellation.dispose();
    });
    this.scanning = scan;
    return scan;
  }

  private async scan(token: vscode.CancellationToken): Promise<void> {
    const started = Date.now();
    this.excludeMatchers.clear();
    const catalog = new PresetCatalog<IndexedPreset>();
    // Asked for once per scan, not per file: each ask reads the setting and looks the rule up again.
    const rules = this.rules();
    for (const entry of await this.loadSystemPresets(rules)) catalog.set(entry);

    let uris: vscode.Uri[] = [];
    if (vscode.workspace.workspaceFolders?.length) {
      const cap = Settings.maxPresetFiles();
      try {
        // No exclude argument: VS Code then applies files.exclude itself; node_modules and .git are filtered below.
        uris = await vscode.workspace.findFiles(PRESET_GLOB, undefined, cap + 1, token);
      } catch (error) {
        logError('Searching the workspace for preset files failed', error);
      }
      if (uris.length > cap) {
        uris = uris.slice(0, cap);
        void Notify.warning(
          `Parameter Presets indexes at most ${formatCount(cap)} preset files; the rest are not shown. Raise the setting "parameterPresets.maxPresetFiles" or exclude folders with "parameterPresets.exclude".`,
        );
      }
    }
    const wanted = uris.filter((uri) => !this.isExcluded(uri));
    const entries = await mapWithConcurrency(wanted, INDEX_READ_CONCURRENCY, (uri) =>
      this.readWorkspaceEntry(uri, rules),
    );
    if (token.isCancellationRequested) return;
    for (const entry of entries) if (entry) catalog.set(entry);
    this.catalog = catalog;
    log().info(
      `Indexed ${wanted.length} preset files and ${this.systemCount()} system presets in ${Date.now() - started} ms`,
    );
    this.changeEmitter.fire({ ids: [...catalog.all()].map((entry) => entry.id) });
    this.readyEmitter.fire();
    const pending = [...this.changedDuringScan];
    this.changedDuringScan.clear();
    for (const id of pending) this.schedule(vscode.Uri.parse(id));
  }

  private systemCount(): number {
    return [...this.catalog.all()].filter((entry) => entry.origin === 'system').length;
  }

  private async loadSystemPresets(rules: readonly PresetRule[]): Promise<IndexedPreset[]> {
    const folder = vscode.Uri.joinPath(this.extensionUri, 'presets');
    let files: [string, vscode.FileType][] = [];
    try {
      files = await vscode.workspace.fs.readDirectory(folder);
    } catch (error) {
      logError('Reading the bundled system presets failed', error);
    }
    const result: IndexedPreset[] = [];
    for (const [file] of files
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.json'))
      .sort()) {
      const uri = vscode.Uri.joinPath(folder, file);
      // System presets get the same checks as workspace ones; their text stays as shipped.
      const read = await readPresetUri(uri, { origin: 'system', rules });
      if (!read) continue;
      const analysis = read.analysis;
      const name = analysis.name ?? file;
      result.push({
        id: uri.toString(),
        uri,
        openUri: vscode.Uri.from({ scheme: SYSTEM_SCHEME, path: `/${name}.preset.json` }),
        label: `system preset "${name}"`,
        origin: 'system',
        analysis,
      });
    }
    return result;
  }

  /**
   * Reads one workspace file (or its open editor's text) into an entry; undefined when it no longer exists.
   * `rules`: a full scan's, asked for once; a single file asks for them.
   */
  private async readWorkspaceEntry(
    uri: vscode.Uri,
    rules: readonly PresetRule[] = this.rules(),
  ): Promise<IndexedPreset | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const base = {
      id: uri.toString(),
      uri,
      openUri: uri,
      folder,
      origin: 'workspace' as const,
      label: vscode.workspace.asRelativePath(uri),
    }; // the folder name is prepended only in a multi-root window
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === base.id);
    if (document && !document.isClosed) {
      // An editor's text stands for the file only while the file exists: once it is deleted, a clean editor
      // keeps nothing alive (its tab just shows the file as gone). Unsaved edits still show, as a preset
      // that is stale until saved or closed.
      let mtime: number | undefined;
      let gone = false;
      try {
        mtime = await modificationTime(uri);
        gone = mtime === undefined;
      } catch {
        // Unknown (a file system hiccup): the editor's text is the best knowledge there is.
      }
      if (gone && !document.isDirty) return undefined;
      return {
        ...base,
        analysis: analyzePresetText(document.getText(), { origin: 'workspace', rules }),
        mtime: document.isDirty ? undefined : mtime,
      };
    }
    if (await this.isLinkToIndexedFile(uri)) {
      log().info(`${base.label} is a link to a preset file the index holds; it is that preset, listed once`);
      return undefined;
    }
    const read = await readPresetUri(
      uri,
      { origin: 'workspace', maxBytes: Settings.maxFileBytes(), rules },
      this.reader,
    );
    const unreadable = read?.analysis.diagnostics.find((d) => d.code === DiagnosticCodes.unreadable);
    if (unreadable) log().warn(`${base.label}: ${unreadable.message}`);
    return read && { ...base, ...read };
  }

  /**
   * True for a file: link (or a file under a linked folder) whose real file is a preset file the index holds
   * on its own: `latest.preset.json → v2.preset.json` is one preset, not two with the same name.
   */
  private async isLinkToIndexedFile(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') return false;
    let real: string;
    try {
      real = await this.reader.realPath(uri.fsPath);
    } catch {
      return false;
    }
    if (isSamePath(real, uri.fsPath) || !real.endsWith('.preset.json')) return false;
    return !this.isExcluded(vscode.Uri.file(real));
  }

  /** Re-reads one file soon; bursts of events for the same file collapse into one read. */
  private schedule(uri: vscode.Uri): void {
    const id = uri.toString();
    if (this.scanning) this.changedDuringScan.add(id);
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.reload(uri).catch((error) => logError(`Re-reading ${uri.toString(true)} failed`, error));
      }, DEBOUNCE_MS),
    );
  }

  /** Re-reads one file now and updates the index. Returns when the change has been applied. */
  async reload(uri: vscode.Uri): Promise<void> {
    const id = uri.toString();
    const ticket = (this.sequence.get(id) ?? 0) + 1;
    this.sequence.set(id, ticket);
    const entry = this.isExcluded(uri) ? undefined : await this.readWorkspaceEntry(uri);
    if (this.sequence.get(id) !== ticket) return;
    const ids = entry ? this.catalog.set(entry) : this.catalog.delete(id);
    if (ids.length > 0) this.changeEmitter.fire({ ids });
  }

  private isWorkspacePresetDocument(document: vscode.TextDocument): boolean {
    return (
      document.uri.path.endsWith('.preset.json') && vscode.workspace.getWorkspaceFolder(document.uri) !== undefined
    );
  }

  /** True for files the index skips: outside the workspace, in node_modules or .git, or excluded by settings. */
  isExcluded(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return true;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    if (isInSkippedFolder(relative)) return true;
    const key = folder.uri.toString();
    let matcher = this.excludeMatchers.get(key);
    if (!matcher) {
      matcher = workspaceExcludeMatcher({
        filesExclude: Settings.filesExclude(folder),
        exclude: Settings.exclude(folder),
      });
      this.excludeMatchers.set(key, matcher);
    }
    return matcher(relative);
  }

  // ------------------------------------------------------------ queries

  entries(): IndexedPreset[] {
    return [...this.catalog.all()];
  }

  all(): IterableIterator<IndexedPreset> {
    return this.catalog.all();
  }

  get(id: string): IndexedPreset | undefined {
    return this.catalog.get(id);
  }

  /** The entry for a URI: a workspace file, or the read-only view of a system preset. */
  getByUri(uri: vscode.Uri): IndexedPreset | undefined {
    if (uri.scheme === SYSTEM_SCHEME)
      return this.entries().find((entry) => entry.openUri.toString() === uri.toString());
    return this.catalog.get(uri.toString());
  }

  diagnosticsOf(id: string): PresetDiagnostic[] {
    return this.catalog.diagnosticsOf(id);
  }

  /** The preset when it can be merged or exported: valid, with a unique name. */
  usablePreset(id: string): Preset | undefined {
    return this.catalog.usablePreset(id);
  }

  status(id: string): PresetStatus {
    const diagnostics = this.catalog.diagnosticsOf(id);
    if (diagnostics.some((d) => d.severity === 'error')) return 'error';
    return diagnostics.length > 0 ? 'warning' : 'ok';
  }

  findByName(name: string): IndexedPreset[] {
    return this.catalog.findByName(name);
  }

  hasName(name: string): boolean {
    return this.catalog.hasName(name);
  }

  /** Usable presets, system ones first, each group by name. */
  usableEntries(): IndexedPreset[] {
    return this.entries()
      .filter((entry) => this.usablePreset(entry.id))
      .sort((a, b) =>
        a.origin === b.origin ? a.analysis.name!.localeCompare(b.analysis.name!) : a.origin === 'system' ? -1 : 1,
      );
  }

  dispose(): void {
    this.scanCancellation?.cancel();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * Reads and analyzes a preset file at any URI. The extension host runs where file: URIs live: Node reads such
 * a file with one open, type and size checked on it (a stat and a read through workspace.fs took five times as
 * long for 10,000 files in code-server, see docs/PERFORMANCE.md); other schemes (virtual workspaces) go through
 * workspace.fs. Undefined for a folder or a file that no longer exists; any other failure is in the analysis.
 */
export async function readPresetUri(
  uri: vscode.Uri,
  options: ReadPresetOptions,
  reader?: SlicedPresetReader,
): Promise<AnalyzedPresetFile | undefined> {
  const maxBytes = options.maxBytes ?? Settings.maxFileBytes();
  try {
    if (uri.scheme === 'file')
      return analyzeFileContent(
        await (reader ? reader.read(uri.fsPath, maxBytes) : readPresetFile(uri.fsPath, maxBytes)),
        options,
      );
    const stat = await vscode.workspace.fs.stat(uri);
    // A FIFO or device would make readFile wait forever.
    const content: PresetFileContent =
      stat.type & vscode.FileType.Directory
        ? { kind: 'directory' }
        : !(stat.type & vscode.FileType.File)
          ? { kind: 'special' }
          : stat.size > maxBytes
            ? { kind: 'oversize', size: stat.size, mtime: stat.mtime }
            : { kind: 'bytes', bytes: await vscode.workspace.fs.readFile(uri), mtime: stat.mtime };
    return analyzeFileContent(content, { ...options, maxBytes });
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { analysis: unreadableAnalysis(error instanceof Error ? error.message : String(error)) };
  }
}
