/**
 * The quick fix of a flag problem, from the fix data the index's diagnostic carries (VS Code hands back only
 * a diagnostic's message, range and code), applied to the text as it is now. Part of the flag engine bundle.
 */
import vscode = require('vscode');
import type { PresetDiagnostic, SourceRange } from '../../core/model';
import type { FlagFix } from '../../core/runtime/flagChecks';
import { fixTitle, flagFixEdits, flagFixTarget } from '../../core/runtime/flagFixEdits';

function sameRange(range: SourceRange, other: vscode.Range): boolean {
  return (
    range.start.line === other.start.line &&
    range.start.character === other.start.character &&
    range.end.line === other.end.line &&
    range.end.character === other.end.character
  );
}

export function flagQuickFix(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  problems: readonly PresetDiagnostic[],
): vscode.CodeAction | undefined {
  const found = problems.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
  const data = found?.data as { fix?: FlagFix; flag?: string } | undefined;
  if (!found || !data?.fix || typeof data.flag !== 'string') return undefined;
  const target = flagFixTarget(found.path, data.flag);
  const edits = flagFixEdits(document.getText(), data.fix, target);
  if (edits.length === 0) return undefined;
  const action = new vscode.CodeAction(fixTitle(data.fix, target), vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of edits)
    action.edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)),
      edit.newText,
    );
  return action;
}
