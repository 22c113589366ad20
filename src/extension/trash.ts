/**
 * Whether a delete can go to the trash, known before the user is asked, so the question promises only what
 * will happen. VS Code's API does not expose a file system's trash capability: the trash exists for local
 * files in the desktop app; a remote host (SSH, containers, WSL) and the browser (code-server, vscode.dev)
 * delete for good. A trash that failed once for a file system is not promised again.
 */
import vscode = require('vscode');

export class TrashSupport {
  private readonly failed = new Set<string>();

  /** True when moving `uri` to the trash is expected to work. */
  isAvailable(uri: vscode.Uri): boolean {
    if (this.failed.has(fileSystemKey(uri))) return false;
    return uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
  }

  /** Records that the trash failed for `uri`'s file system: later questions say "permanently". */
  markFailed(uri: vscode.Uri): void {
    this.failed.add(fileSystemKey(uri));
  }
}

function fileSystemKey(uri: vscode.Uri): string {
  return `${uri.scheme}://${uri.authority}`;
}
