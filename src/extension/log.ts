/** The "Parameter Presets" output channel: internal failures go here with their stack, never to a toast. */
import vscode = require('vscode');

let channel: vscode.LogOutputChannel | undefined;

/** The extension's log channel, created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Parameter Presets', { log: true });
  return channel;
}

/** Logs an unexpected error with its stack. */
export function logError(context: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log().error(`${context}: ${detail}`);
}
