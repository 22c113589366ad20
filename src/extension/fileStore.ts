/**
 * Reading and writing preset files through `workspace.fs`, so remote and virtual workspaces work.
 * Every write is atomic (a temporary file in the same folder, then a rename), refused in Restricted
 * Mode, and refused when the file changed on disk since it was read.
 */
import vscode = require('vscode');
import { UserFacingError } from './errors';

/** Throws a readable error in an untrusted workspace: Parameter Presets never writes there. */
export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(
      `Cannot ${action}: this workspace is in Restricted Mode, where Parameter Presets writes no files. Trust the workspace to allow it.`,
    );
  }
}

/** Modification time of a file, or undefined when it does not exist. */
export async function modificationTime(uri: vscode.Uri): Promise<number | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).mtime;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

export interface WriteOptions {
  /** Refuse when the file already exists. */
  readonly exclusive?: boolean;
  /** Refuse when the file's modification time is no longer this (it changed since it was read). */
  readonly expectedMtime?: number;
  /** Words for messages: "import", "save the merge"… */
  readonly action: string;
}

/** Writes `content` to `uri` atomically, after the trust, existence and staleness checks. */
export async function writeFileAtomic(uri: vscode.Uri, content: string, options: WriteOptions): Promise<void> {
  requireTrust(options.action);
  const label = vscode.workspace.asRelativePath(uri);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) {
    throw new UserFacingError(
      `Cannot ${options.action}: ${label} has unsaved changes. Save or revert it, then try again.`,
    );
  }
  const mtime = await modificationTime(uri);
  if (options.exclusive && mtime !== undefined) {
    throw new UserFacingError(`Cannot ${options.action}: ${label} already exists and was left as it is.`);
  }
  if (options.expectedMtime !== undefined && mtime !== options.expectedMtime) {
    throw new UserFacingError(
      `Cannot ${options.action}: ${label} changed on disk after it was read, and was left as it is. Try again to use the new content.`,
    );
  }
  const folder = vscode.Uri.joinPath(uri, '..');
  await vscode.workspace.fs.createDirectory(folder);
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const temporary = vscode.Uri.joinPath(folder, `.${name}.${randomSuffix()}.tmp`);
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
  try {
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: !options.exclusive });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    if (error instanceof vscode.FileSystemError && error.code === 'FileExists') {
      throw new UserFacingError(`Cannot ${options.action}: ${label} already exists and was left as it is.`);
    }
    throw error;
  }
}

function randomSuffix(): string {
  return Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
}
