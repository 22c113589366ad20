/**
 * The core's diagnostics in the Problems panel, at the exact ranges, updated as the user types
 * (through the index, which reads unsaved editors), with quick fixes where one is obvious.
 */
import vscode = require('vscode');
import { DiagnosticCodes, type PresetDiagnostic, type SourceRange } from '../core/model';
import type { PresetIndex } from './presetIndex';

export const DIAGNOSTIC_SOURCE = 'Parameter Presets';

export function toVsRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toVsDiagnostic(diagnostic: PresetDiagnostic): vscode.Diagnostic {
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

/** Keeps a DiagnosticCollection in step with the index. */
export function registerDiagnostics(index: PresetIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('parameter-presets');
  const update = (ids: readonly string[]): void => {
    // One batch for all the files (a scan changes thousands), each replacing the file's diagnostics; a file
    // without problems is sent only to clear old ones.
    const batch: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const id of ids) {
      const entry = index.get(id);
      const uri = vscode.Uri.parse(id);
      if (!entry) collection.delete(uri);
      else if (entry.origin === 'workspace') {
        const diagnostics = index.diagnosticsOf(id);
        if (diagnostics.length > 0) batch.push([uri, diagnostics.map(toVsDiagnostic)]);
        else if (collection.has(uri)) batch.push([uri, undefined]);
      }
    }
    if (batch.length > 0) collection.set(batch);
  };
  const subscription = index.onDidChange((change) => update(change.ids));
  // A full scan has just sent every file it found (onDidChange); drop what belongs to files it no longer has.
  const rescans = index.onDidFinishScan(() => {
    const stale: vscode.Uri[] = [];
    collection.forEach((uri) => {
      if (!index.get(uri.toString())) stale.push(uri);
    });
    for (const uri of stale) collection.delete(uri);
  });
  return vscode.Disposable.from(collection, subscription, rescans);
}
