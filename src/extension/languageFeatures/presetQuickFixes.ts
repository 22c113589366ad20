/**
 * Quick fixes for the problems the diagnostics show, in the flag engine bundle: VS Code asks for them only
 * once a preset editor is open, so they load then (see RuntimeKnowledge.engine), not at activation.
 */
import vscode = require('vscode');
import { uniquePresetName } from '../../core/exchange';
import { memberRemoval } from '../../core/jsonText';
import { DiagnosticCodes } from '../../core/model';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { SYSTEM_SCHEME, type PresetIndex } from '../presetIndex';
import { flagQuickFix } from './flagQuickFix';

/** Quick fixes: remove a repeated value, wrap a lone value in a list, give a clashing name a free one. */
export class PresetQuickFixes implements vscode.CodeActionProvider {
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
        // The value goes with a comma next to it; a comment beside it stays (the flag fixes remove alike).
        const start = document.offsetAt(diagnostic.range.start);
        const removal = memberRemoval(document.getText(), start, document.offsetAt(diagnostic.range.end));
        const action = new vscode.CodeAction(`Remove the repeated value ${text}`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const { offset, length } of removal)
          action.edit.delete(
            document.uri,
            new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)),
          );
        return action;
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

  private flagFixFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const entry = this.index.getByUri(document.uri);
    return entry && flagQuickFix(document, diagnostic, this.index.diagnosticsOf(entry.id));
  }

  private edit(title: string, document: vscode.TextDocument, range: vscode.Range, newText: string): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, range, newText);
    return action;
  }
}
