import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activatedExtension, lineOf, waitForDiagnostics, workspaceFile } from '../helpers';

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

  it('validates a *.preset.json against the contributed schema: a number where a list is expected', async () => {
    const valid = await vscode.workspace.openTextDocument(workspaceFile('presets/fast-decode.preset.json'));
    const broken = await vscode.workspace.openTextDocument(workspaceFile('presets/broken.preset.json'));
    await vscode.window.showTextDocument(broken);
    const diagnostics = await waitForDiagnostics(broken.uri, (found) => found.some((d) => /array/i.test(d.message)));
    const typeError = diagnostics.find((d) => /array/i.test(d.message))!;
    assert.equal(
      typeError.severity,
      vscode.DiagnosticSeverity.Warning,
      'VS Code reports schema violations as warnings',
    );
    assert.match(lineOf(broken, typeError), /"tp-size": 2/);
    // The valid preset was opened first, so the language service has had its turn on it too.
    const onValid = vscode.languages.getDiagnostics(valid.uri).filter((d) => /array|required|type/i.test(d.message));
    assert.deepEqual(
      onValid.map((d) => d.message),
      [],
    );
  });
});
