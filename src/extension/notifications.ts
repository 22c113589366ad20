/**
 * Messages to the user, in one place: shown as VS Code notifications and remembered (the last few),
 * so in-host tests can assert what a user was told.
 */
import vscode = require('vscode');

const recent: { severity: 'info' | 'warning' | 'error'; message: string }[] = [];
const KEEP = 50;

function remember(severity: 'info' | 'warning' | 'error', message: string): void {
  recent.push({ severity, message });
  if (recent.length > KEEP) recent.shift();
}

export const Notify = {
  info<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    remember('info', message);
    return vscode.window.showInformationMessage(message, ...actions);
  },
  warning<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    remember('warning', message);
    return vscode.window.showWarningMessage(message, ...actions);
  },
  error<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    remember('error', message);
    return vscode.window.showErrorMessage(message, ...actions);
  },
  /** The messages shown most recently, oldest first. */
  recent(): readonly { severity: 'info' | 'warning' | 'error'; message: string }[] {
    return recent;
  },
};
