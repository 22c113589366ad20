/** Messages to the user, in one place: shown as VS Code notifications. */
import vscode = require('vscode');

export const Notify = {
  info<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  },
  warning<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    return vscode.window.showWarningMessage(message, ...actions);
  },
  error<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  },
};
