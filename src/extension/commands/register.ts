/**
 * The one wrapper every command and every Merge Preview action runs in: a thrown UserFacingError becomes
 * a readable message, a dismissed prompt a quiet stop, and anything else a log line with its stack plus
 * a short message with a "Show Log" button.
 *
 * Argument convention, the same for every command: VS Code passes `(target, selection)` from menus (the
 * clicked tree row or file URI, then the selected rows), the palette passes nothing, and keybindings,
 * other extensions and tests may pass a target (a tree row, a URI, an entry id or a preset name) and an
 * options object. The options object is the one plain object among the arguments, in any position, so
 * `(options)`, `(target, options)` and `(target, selection, options)` all work; see ./args.ts.
 */
import vscode = require('vscode');
import type { Cancelled, UserFacingError } from '../errors';
import { log, logError } from '../log';
import { Notify } from '../notifications';

const SHOW_LOG = 'Show Log';

/** Runs a user action under the wrapper; resolves to its result, or undefined when it failed or was dismissed. */
export async function runUserAction<T>(title: string, action: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    // By name, not instanceof: the Merge Preview's bundle (see ../lazyBundles.ts) has its own copy of these classes.
    if (isError(error, 'Cancelled')) return undefined;
    if (isError(error, 'UserFacingError')) {
      void Notify.error(error.message);
      return undefined;
    }
    logError(`${title} failed`, error);
    void Notify.error(
      `${title} failed: ${(error as Error)?.message ?? String(error)}. Details are in the "Parameter Presets" log.`,
      SHOW_LOG,
    ).then((choice) => {
      if (choice === SHOW_LOG) log().show();
    });
    return undefined;
  }
}

function isError(error: unknown, name: Cancelled['name'] | UserFacingError['name']): error is Error {
  return error instanceof Error && error.name === name;
}

export type CommandHandler = (...args: unknown[]) => unknown;

/** Registers commands under the wrapper; `before` runs first each time (the index must have started). */
export function commandRegistrar(
  context: vscode.ExtensionContext,
  before: () => Promise<void>,
): (id: string, title: string, handler: CommandHandler) => void {
  return (id, title, handler) => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) =>
        runUserAction(title, async () => {
          await before();
          return await handler(...args);
        }),
      ),
    );
  };
}
