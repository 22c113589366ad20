/**
 * The core's diagnostics in the Problems panel, at the exact ranges, updated as the user types
 * (through the index, which reads unsaved editors), with quick fixes where one is obvious.
 */
import vscode = require('vscode');
import { DiagnosticCodes, type PresetDiagnostic, type SourceRange } from '../core/model';
import { shownSeverity, type FlagProblemSeverity, type ShownSeverity } from '../core/problemSeverity';
import type { PresetIndex } from './presetIndex';
import { Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'Parameter Presets';

export function toVsRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const VS_SEVERITIES: Record<ShownSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A problem as the editor shows it, at the given severity. */
export function toVsDiagnostic(diagnostic: PresetDiagnostic, severity: ShownSeverity): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toVsRange(diagnostic.range), diagnostic.message, VS_SEVERITIES[severity]);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = diagnostic.code;
  if (diagnostic.code === DiagnosticCodes.duplicateValue || diagnostic.code === DiagnosticCodes.ignoredKey) {
    result.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  return result;
}

/**
 * A file's problems as the editor shows them: flag problems at the severity of the setting
 * `flagProblemSeverity` (read once by the caller, for a whole batch), none of them when it is `off`.
 */
export function toVsDiagnostics(
  diagnostics: readonly PresetDiagnostic[],
  flagSeverity: FlagProblemSeverity,
): vscode.Diagnostic[] {
  const shown: vscode.Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const severity = shownSeverity(diagnostic, flagSeverity);
    if (severity) shown.push(toVsDiagnostic(diagnostic, severity));
  }
  return shown;
}

/** Keeps a DiagnosticCollection in step with the index. */
export function registerDiagnostics(index: PresetIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('parameter-presets');
  const update = (ids: readonly string[]): void => {
    const flagSeverity = Settings.flagProblemSeverity();
    // One batch for all the files (a scan changes thousands), each replacing the file's diagnostics; a file
    // without problems is sent only to clear old ones.
    const batch: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const id of ids) {
      const entry = index.get(id);
      const uri = vscode.Uri.parse(id);
      if (!entry) collection.delete(uri);
      else if (entry.origin === 'workspace') {
        const diagnostics = toVsDiagnostics(index.diagnosticsOf(id), flagSeverity);
        if (diagnostics.length > 0) batch.push([uri, diagnostics]);
        else if (collection.has(uri)) batch.push([uri, undefined]);
      }
    }
    if (batch.length > 0) collection.set(batch);
  };
  // Published in a task of its own, after the tree's change that the same index change fires: VS Code then
  // draws the view's rows before it takes in a scan's thousands of problems, which it would handle first
  // were they sent in the same task (docs/PERFORMANCE.md). One file's change waits no longer than that task.
  const scheduled = new Set<ReturnType<typeof setTimeout>>();
  const publishSoon = (ids: readonly string[]): void => {
    const timer = setTimeout(() => {
      scheduled.delete(timer);
      update(ids);
    }, 0);
    scheduled.add(timer);
  };
  const subscription = index.onDidChange((change) => publishSoon(change.ids));
  // A full scan has just sent every file it found (onDidChange); drop what belongs to files it no longer has.
  const rescans = index.onDidFinishScan(() => {
    const stale: vscode.Uri[] = [];
    collection.forEach((uri) => {
      if (!index.get(uri.toString())) stale.push(uri);
    });
    for (const uri of stale) collection.delete(uri);
  });
  // Only how problems are shown changes, not what they are: every file is redrawn from the index as it is.
  const severityChanges = vscode.workspace.onDidChangeConfiguration((event) => {
    if (Settings.affectsProblemSeverity(event)) update(Array.from(index.all(), (entry) => entry.id));
  });
  const cancelScheduled = { dispose: () => scheduled.forEach((timer) => clearTimeout(timer)) };
  return vscode.Disposable.from(cancelScheduled, collection, subscription, rescans, severityChanges);
}
