/**
 * The core's diagnostics in the Problems panel, at the exact ranges, updated as the user types
 * (through the index, which reads unsaved editors), with quick fixes where one is obvious.
 */
import vscode = require('vscode');
import { uniquePresetName } from '../core/exchange';
import { DiagnosticCodes, type PresetDiagnostic, type SourceRange } from '../core/model';
import type { FlagFix } from '../core/runtime/flagChecks';
import { fixTitle, flagFixEdits, flagFixTarget } from '../core/runtime/flagFixEdits';
import { SYSTEM_SCHEME, type PresetIndex } from './presetIndex';

export const DIAGNOSTIC_SOURCE = 'Parameter Presets';

export function toVsRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function toVsDiagnostic(diagnostic: PresetDiagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(
    toVsRange(diagnostic.range),
    diagnostic.message,
    diagnostic.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  result.source = DIAGNOSTIC_SOURCE;
  result.code = diagnostic.code;
  if (diagnostic.code === DiagnosticCodes.duplicateValue || diagnostic.code === DiagnosticCodes.ignoredKey) {
    result.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  return result;
}

/**
 * Keeps a DiagnosticCollection in step with the index. A system preset's problems (its flag checks) show
 * while its read-only view is open: they are facts about the shipped file, not work for the Problems panel.
 */
export function registerDiagnostics(index: PresetIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('parameter-presets');
  const isOpen = (uri: vscode.Uri): boolean =>
    vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === uri.toString());
  const update = (ids: readonly string[]): void => {
    // One batch for all the files (a scan changes thousands), each replacing the file's diagnostics; a file
    // without problems is sent only to clear old ones.
    const batch: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const id of ids) {
      const entry = index.get(id);
      const uri = entry?.openUri ?? vscode.Uri.parse(id);
      if (!entry) collection.delete(uri);
      else if (entry.origin === 'workspace' || (entry.origin === 'system' && isOpen(uri))) {
        const diagnostics = index.diagnosticsOf(id);
        if (diagnostics.length > 0) batch.push([uri, diagnostics.map(toVsDiagnostic)]);
        else if (collection.has(uri)) batch.push([uri, undefined]);
      } else if (collection.has(uri)) batch.push([uri, undefined]);
    }
    if (batch.length > 0) collection.set(batch);
  };
  const subscription = index.onDidChange((change) => update(change.ids));
  // A full scan has just sent every file it found (onDidChange); drop what belongs to files it no longer has.
  const rescans = index.onDidFinishScan(() => {
    const stale: vscode.Uri[] = [];
    collection.forEach((uri) => {
      if (!index.getByUri(uri)) stale.push(uri);
    });
    for (const uri of stale) collection.delete(uri);
  });
  const systemViews = (document: vscode.TextDocument): void => {
    if (document.uri.scheme !== SYSTEM_SCHEME || !index.isStarted) return;
    const entry = index.getByUri(document.uri);
    if (entry) update([entry.id]);
  };
  return vscode.Disposable.from(
    collection,
    subscription,
    rescans,
    vscode.workspace.onDidOpenTextDocument(systemViews),
    vscode.workspace.onDidCloseTextDocument(systemViews),
  );
}

/** Quick fixes: remove a repeated value, wrap a lone value in a list, give a clashing name a free one. */
export class PresetQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: PresetIndex) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    // A system preset's view is read-only: its problems are shown, the fixes are for its duplicate.
    if (document.uri.scheme === SYSTEM_SCHEME) return actions;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const action =
        typeof diagnostic.code === 'string' && diagnostic.code.startsWith('flag-')
          ? this.flagFixFor(document, diagnostic)
          : this.fixFor(document, diagnostic);
      if (action) {
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }

  private fixFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const text = document.getText(diagnostic.range);
    switch (diagnostic.code) {
      case DiagnosticCodes.duplicateValue: {
        // Remove the value together with the comma before it (a repeat is never the first element).
        const start = document.offsetAt(diagnostic.range.start);
        const before = document.getText().slice(0, start);
        const comma = /,\s*$/.exec(before);
        const from = comma ? document.positionAt(comma.index) : diagnostic.range.start;
        return this.edit(
          `Remove the repeated value ${text}`,
          document,
          new vscode.Range(from, diagnostic.range.end),
          '',
        );
      }
      case DiagnosticCodes.notAList:
        if (/^[[{]/.test(text)) return undefined;
        return this.edit(`Wrap ${text} in a list`, document, diagnostic.range, `[${text}]`);
      case DiagnosticCodes.duplicateName: {
        let current: unknown;
        try {
          current = JSON.parse(text);
        } catch {
          return undefined;
        }
        if (typeof current !== 'string') return undefined;
        const free = uniquePresetName(current, (name) => this.index.hasName(name));
        return this.edit(`Rename to ${JSON.stringify(free)}`, document, diagnostic.range, JSON.stringify(free));
      }
      default:
        return undefined;
    }
  }

  /**
   * A flag problem's fix, from the data the index's diagnostic carries (VS Code hands back only the
   * diagnostic's message, range and code), applied to the text as it is now.
   */
  private flagFixFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const entry = this.index.getByUri(document.uri);
    if (!entry) return undefined;
    const found = this.index
      .diagnosticsOf(entry.id)
      .find((d) => d.code === diagnostic.code && toVsRange(d.range).isEqual(diagnostic.range));
    const data = found?.data as { fix?: FlagFix; flag?: string } | undefined;
    if (!found || !data?.fix || typeof data.flag !== 'string') return undefined;
    const target = flagFixTarget(found.path, data.flag);
    const text = document.getText();
    const edits = flagFixEdits(text, data.fix, target);
    if (edits.length === 0) return undefined;
    const action = new vscode.CodeAction(fixTitle(data.fix, target), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of edits)
      action.edit.replace(
        document.uri,
        new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)),
        edit.text,
      );
    return action;
  }

  private edit(title: string, document: vscode.TextDocument, range: vscode.Range, newText: string): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, range, newText);
    return action;
  }
}
