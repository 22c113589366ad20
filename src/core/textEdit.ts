/** One way to say and to apply a change to a text, for every edit the core computes (task files, flag fixes). */

/** Replace `length` code units at `offset` with `newText`: VS Code's TextEdit, in offsets. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** The text with the edits applied; they must not overlap, and may come in any order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  // From the end backwards, so that each edit's offset still points where it was computed.
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset))
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return result;
}
