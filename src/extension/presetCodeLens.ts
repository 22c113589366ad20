/** "Merge With…" and "Export" above every preset file. */
import vscode = require('vscode');
import type { PresetIndex } from './presetIndex';

export class PresetCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly index: PresetIndex) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) =>
      index.onDidChange(() => listener.call(thisArgs), undefined, disposables);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.uri.path.endsWith('.preset.json')) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const entry = this.index.getByUri(document.uri);
    if (entry && !this.index.usablePreset(entry.id)) {
      return [
        new vscode.CodeLens(top, {
          title: '$(error) Fix the errors to merge or export this preset',
          command: 'workbench.actions.view.problems',
        }),
      ];
    }
    return [
      new vscode.CodeLens(top, {
        title: '$(git-merge) Merge With…',
        command: 'parameterPresets.mergeWith',
        arguments: [document.uri],
      }),
      new vscode.CodeLens(top, {
        title: '$(export) Export',
        command: 'parameterPresets.export',
        arguments: [document.uri],
      }),
    ];
  }
}
