import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activatedExtension, lineOf, waitForDiagnostics, workspaceFile } from '../helpers';
import { eventually, extensionUnderTest, writeText } from '../hooks';

describe('single-folder workspace, real extension host', () => {
  it('has the extension installed, from this repository', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.name, 'parameter-presets');
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates without throwing', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
  });

  it('opens the single-folder fixture', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.equal(vscode.workspace.workspaceFile, undefined);
    const presets = await vscode.workspace.findFiles('**/*.preset.json');
    assert.deepEqual(presets.map((uri) => uri.path.split('/').pop()).sort(), [
      'broken.preset.json',
      'commented.preset.json',
      'fast-decode.preset.json',
    ]);
  });

  it("reports a number where a list is expected once: the extension's precise message, not the schema's", async () => {
    const valid = await vscode.workspace.openTextDocument(workspaceFile('presets/fast-decode.preset.json'));
    const commented = await vscode.workspace.openTextDocument(workspaceFile('presets/commented.preset.json'));
    const broken = await vscode.workspace.openTextDocument(workspaceFile('presets/broken.preset.json'));
    await vscode.window.showTextDocument(broken);
    await waitForDiagnostics(broken.uri, (found) => found.some((d) => d.source === 'Parameter Presets'));
    // VS Code's JSON language service checks open files against the contributed schema on its own: give it its turn.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const diagnostics = vscode.languages.getDiagnostics(broken.uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.source, d.message]),
      [['Parameter Presets', 'parameters.tp-size: expected a non-empty list of values, got a number']],
    );
    assert.match(lineOf(broken, diagnostics[0]), /"tp-size": 2/);
    // A valid preset has none, and one with comments and trailing commas no "Trailing comma" warning.
    assert.deepEqual(
      vscode.languages.getDiagnostics(valid.uri).map((d) => d.message),
      [],
    );
    assert.deepEqual(
      vscode.languages.getDiagnostics(commented.uri).map((d) => d.message),
      [],
    );
  });

  it("publishes a change's problems in a task after the index's change, which the tree hears first", async () => {
    // A scan's thousands of problems in the same task would reach VS Code before the tree's change and hold
    // back the view's rows (docs/PERFORMANCE.md); so no problem is published while the change is being told.
    const { hooks } = await extensionUnderTest();
    const uri = workspaceFile('presets/published-later.preset.json');
    let whileTold: string[] | undefined;
    const subscription = hooks.index.onDidChange((change) => {
      if (change.ids.includes(uri.toString())) whileTold ??= vscode.languages.getDiagnostics(uri).map((d) => d.message);
    });
    try {
      await writeText(uri, JSON.stringify({ name: 'Published Later', parameters: { 'tp-size': 2 } }, null, 2));
      const published = await waitForDiagnostics(uri, (found) => found.some((d) => d.source === 'Parameter Presets'));
      assert.deepEqual(whileTold, [], 'nothing published in the task that tells the change');
      assert.deepEqual(
        published.map((d) => d.message),
        ['parameters.tp-size: expected a non-empty list of values, got a number'],
      );
    } finally {
      subscription.dispose();
      await vscode.workspace.fs.delete(uri);
      await eventually(() => hooks.index.get(uri.toString()) === undefined, 'the index drops the file');
    }
  });
});
