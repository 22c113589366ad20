/** The extension in a multi-root window: one tree group per folder, writes into the chosen folder. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics, workspaceFile } from '../helpers';
import { extensionUnderTest, readText, treePaths, type Hooks } from '../hooks';

let hooks: Hooks;

before(async () => {
  ({ hooks } = await extensionUnderTest());
});

describe('presets in a multi-root workspace', () => {
  it('shows one group per workspace folder, after System', () => {
    assert.deepEqual(
      hooks.model.getRoots().map((group) => group.label),
      ['System', 'serving-a', 'serving-b'],
    );
    assert.deepEqual(
      treePaths(hooks).filter((path) => !path.startsWith('System/')),
      ['serving-a/Uncategorized/Alpha', 'serving-b/Uncategorized/Beta', 'serving-b/Uncategorized/Beta Broken'],
    );
  });

  it('reports the broken file of the second root with our diagnostics, and merges presets across roots', async () => {
    const uri = workspaceFile('presets/beta-broken.preset.json', 'serving-b');
    const found = await waitForDiagnostics(uri, (all) => all.some((d) => d.source === 'Parameter Presets'));
    assert.equal(
      found.find((d) => d.source === 'Parameter Presets')!.message,
      'parameters.gpu-memory-utilization: expected a non-empty list of values, got a number',
    );
    const result = await vscode.commands.executeCommand<{ parameters: Record<string, unknown[]> }>(
      'parameterPresets.merge',
      { presets: ['Alpha', 'Beta'], strategy: 'union', silent: true },
    );
    assert.deepEqual(result.parameters, {
      'tensor-parallel-size': [1, 2, 4],
      'max-num-seqs': [128],
      'gpu-memory-utilization': [0.9],
    });
  });

  it('writes a new preset into the presets folder of the folder it is asked for', async () => {
    const folder = vscode.workspace.workspaceFolders!.find((f) => f.name === 'serving-b')!;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('parameterPresets.newPreset', {
      name: 'Gamma',
      folder: folder.uri,
      runtime: 'vllm',
    });
    assert.equal(uri.toString(), workspaceFile('presets/gamma.preset.json', 'serving-b').toString());
    assert.equal(JSON.parse(await readText(uri)).name, 'Gamma');
    assert.ok(treePaths(hooks).includes('serving-b/Uncategorized/Gamma'));
  });
});
