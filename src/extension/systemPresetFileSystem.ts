/**
 * A read-only file system for the bundled system presets. Opening one shows
 * `parameter-presets-system:/<Name>.preset.json`: VS Code marks the editor read-only, and the name
 * still ends in `.preset.json`, so the schema gives hovers and completion as in a workspace file.
 */
import vscode = require('vscode');
import type { PresetIndex } from './presetIndex';

export class SystemPresetFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(private readonly index: PresetIndex) {}

  private async entryFor(uri: vscode.Uri) {
    await this.index.whenIdle();
    const entry = this.index.getByUri(uri);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const stat = await vscode.workspace.fs.stat((await this.entryFor(uri)).uri);
    return { ...stat, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile((await this.entryFor(uri)).uri);
  }

  async readDirectory(): Promise<[string, vscode.FileType][]> {
    await this.index.whenIdle();
    return this.index
      .entries()
      .filter((entry) => entry.origin === 'system')
      .map((entry) => [entry.openUri.path.slice(1), vscode.FileType.File]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private readOnly(): never {
    throw vscode.FileSystemError.NoPermissions(
      'System presets are read-only. Use "Duplicate to Workspace" to make an editable copy.',
    );
  }

  createDirectory(): void {
    this.readOnly();
  }
  writeFile(): void {
    this.readOnly();
  }
  delete(): void {
    this.readOnly();
  }
  rename(): void {
    this.readOnly();
  }
}
