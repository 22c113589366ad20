/**
 * A system preset's problems (its flag checks) in its read-only view, while the view is open: facts about
 * the shipped file, not work for the Problems panel. In the flag engine bundle, started when it loads,
 * which is when system presets are first checked against the catalogs.
 */
import vscode = require('vscode');
import { toVsDiagnostics } from './diagnostics';
import { SYSTEM_SCHEME, type PresetIndex } from './presetIndex';
import { Settings } from './settings';

export function showSystemPresetProblems(index: PresetIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('parameter-presets-system');
  // Few views are ever open: each change redraws them all.
  const show = (): void => {
    collection.clear();
    const flagSeverity = Settings.flagProblemSeverity();
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== SYSTEM_SCHEME || document.isClosed) continue;
      const entry = index.getByUri(document.uri);
      if (entry) collection.set(document.uri, toVsDiagnostics(index.diagnosticsOf(entry.id), flagSeverity));
    }
  };
  show();
  return vscode.Disposable.from(
    collection,
    index.onDidChange(show),
    vscode.workspace.onDidOpenTextDocument(show),
    vscode.workspace.onDidCloseTextDocument(show),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Settings.affectsProblemSeverity(event)) show();
    }),
  );
}
