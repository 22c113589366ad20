/**
 * The one wrapper every command and every Merge Preview action runs in: a thrown UserFacingError becomes
 * a readable message, a dismissed prompt a quiet stop, and anything else a log line with its stack plus
 * a short message with a "Show Log" button.
 *
 * Argument convention, the same for every command: VS Code passes `(target, selection)` from menus (the
 * clicked tree row or file URI, then the selected rows), the palette passes nothing, and keybindings,
 * other extensions and tests may pass a target (a tree row, a URI, an entry id or a preset name) and an
 * options object. The options object is the one plain object among the arguments, in any position, so
 * `(options)`, `(target, options)` and `(target, selection, options)` all work; see {@link commandArgs}.
 */
import vscode = require('vscode');
import { Cancelled, UserFacingError } from '../errors';
import { log, logError } from '../log';
import { Notify } from '../notifications';

const SHOW_LOG = 'Show Log';

/** Runs a user action under the wrapper; resolves to its result, or undefined when it failed or was dismissed. */
export async function runUserAction<T>(title: string, action: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    if (error instanceof UserFacingError) {
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

/** A command's arguments, sorted by the convention above. */
export interface CommandArgs<O> {
  /** The first argument when it is not the options object: a tree row, a URI, an entry id or a name. */
  readonly target: unknown;
  /** The rows selected in the tree, as VS Code passes them from a context menu. */
  readonly selection: readonly unknown[] | undefined;
  readonly options: O | undefined;
}

export function commandArgs<O>(args: readonly unknown[]): CommandArgs<O> {
  const options = args.find(isOptions) as O | undefined;
  const rest = args.filter((arg) => !isOptions(arg));
  const selection = rest.find((arg, i) => i > 0 && Array.isArray(arg)) as unknown[] | undefined;
  return { target: Array.isArray(rest[0]) ? undefined : rest[0], selection, options };
}

/** An options object: a plain object, not a URI, a tree row (`kind`) or an index entry (`analysis`). */
export function isOptions(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof vscode.Uri) &&
    !('kind' in value) &&
    !('analysis' in value) &&
    !Array.isArray(value)
  );
}
