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

  it('validates a preset in the second root against the contributed schema', async () => {
    const broken = await vscode.workspace.openTextDocument(
      workspaceFile('presets/beta-broken.preset.json', 'serving-b'),
    );
    await vscode.window.showTextDocument(broken);
    const diagnostics = await waitForDiagnostics(broken.uri, (found) => found.some((d) => /array/i.test(d.message)));
    assert.match(
      lineOf(
        broken,
        diagnostics.find((d) => /array/i.test(d.message))!,
      ),
      /"gpu-memory-utilization": 0\.9/,
    );
  });
});
