/**
 * The argument convention every command follows (see ./register.ts): an optional target, the tree selection
 * as VS Code passes it from a context menu, and an options object in any position.
 */

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

/**
 * An options object: a plain object, not a URI, a tree row (`kind`) or an index entry (`analysis`). A URI is
 * told by its `with` method, which no options object has: this module stays free of the `vscode` import, so
 * the convention is unit-tested in plain Node.
 */
export function isOptions(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !('kind' in value) &&
    !('analysis' in value) &&
    typeof (value as { with?: unknown }).with !== 'function'
  );
}
