/** Entry point of the extension: VS Code calls activate() on the first use (see activationEvents). */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // The extension's features register here as they land.
}

export function deactivate(): void {}
