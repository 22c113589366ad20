import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension, lineOf, waitForDiagnostics, workspaceFile } from '../helpers';

describe('multi-root workspace, real extension host', () => {
  it('opens both roots of the .code-workspace', () => {
    assert.ok(
      vscode.workspace.workspaceFile?.path.endsWith('multi-root.code-workspace'),
      `workspace file: ${vscode.workspace.workspaceFile?.toString()}`,
    );
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((folder) => folder.name),
      ['serving-a', 'serving-b'],
    );
  });

  it('activates without throwing in a multi-root window', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
  });

  it('sees preset files in every root', async () => {
    const byRoot = new Map<string, string[]>();
    for (const uri of await vscode.workspace.findFiles('**/*.preset.json')) {
      const root = vscode.workspace.getWorkspaceFolder(uri)?.name ?? '(none)';
      byRoot.set(root, [...(byRoot.get(root) ?? []), uri.path.split('/').pop()!].sort());
    }
    assert.deepEqual(Object.fromEntries(byRoot), {
      'serving-a': ['alpha.preset.json'],
      'serving-b': ['beta-broken.preset.json', 'beta.preset.json'],
    });
  });

  it("reports a problem of a preset in the second root once, at its place: the extension's message", async () => {
    const broken = await vscode.workspace.openTextDocument(
      workspaceFile('presets/beta-broken.preset.json', 'serving-b'),
    );
    await vscode.window.showTextDocument(broken);
    await waitForDiagnostics(broken.uri, (found) => found.some((d) => d.source === 'Parameter Presets'));
    // VS Code's JSON language service checks the open file against the contributed schema too: give it its turn.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const diagnostics = vscode.languages.getDiagnostics(broken.uri);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['parameters.gpu-memory-utilization: expected a non-empty list of values, got a number'],
    );
    assert.match(lineOf(broken, diagnostics[0]), /"gpu-memory-utilization": 0\.9/);
  });
});
