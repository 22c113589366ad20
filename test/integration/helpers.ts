/** Helpers for in-host tests. They reach the extension only through VS Code's API, never through src/. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'inference-autotuner.parameter-presets';

/** The extension under test, activated. */
export async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  return extension;
}

/** The workspace file at `relativePath` below the root folder named `folderName` (the first root when omitted). */
export function workspaceFile(relativePath: string, folderName?: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folderName ? folders.find((candidate) => candidate.name === folderName) : folders[0];
  if (!folder)
    throw new Error(
      `no workspace folder ${folderName ?? ''} (have: ${folders.map((f) => f.name).join(', ') || 'none'})`,
    );
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Resolves with `uri`'s diagnostics once `accept` holds for them; rejects after `timeoutMs`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages
        .getDiagnostics(uri)
        .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      reject(
        new Error(`diagnostics of ${uri.path} did not match within ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Text of the line a diagnostic starts on, to assert where it points without hard-coding columns. */
export function lineOf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  return document.lineAt(diagnostic.range.start.line).text;
}
