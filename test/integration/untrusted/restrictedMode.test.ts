/**
 * The single-folder fixture opened untrusted (Restricted Mode): presets are listed, validated and
 * merged, but every command that would write refuses with a message saying why and what to do, and no
 * file of the workspace changes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MergeResult } from '../../../src/core/model';
import type { PageMessage } from '../../../src/shared/mergePreviewProtocol';
import { EXTENSION_ID, waitForDiagnostics, workspaceFile } from '../helpers';
import { exists, extensionUnderTest, lastMessage, readText, treePaths, type Hooks } from '../hooks';

let hooks: Hooks;
let api: Awaited<ReturnType<typeof extensionUnderTest>>['api'];

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

/** Every file under the workspace folder with its content, to prove nothing was written. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (folder: vscode.Uri, prefix: string): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) await walk(uri, `${prefix}${name}/`);
      else files[prefix + name] = await readText(uri);
    }
  };
  await walk(vscode.workspace.workspaceFolders![0].uri, '');
  return files;
}

const RESTRICTED =
  'this workspace is in Restricted Mode, where Parameter Presets writes no files. Trust the workspace to allow it.';

before(async () => {
  ({ api, hooks } = await extensionUnderTest());
});

describe('an untrusted workspace (Restricted Mode)', () => {
  let outside: string;
  before(() => {
    // Files the test needs that must not live in the workspace: an import source and an export target.
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-untrusted-'));
    fs.writeFileSync(
      path.join(outside, 'incoming.json'),
      JSON.stringify({ version: '1.0', preset: { name: 'Incoming', parameters: { 'tp-size': [4] } } }),
    );
  });
  after(() => fs.rmSync(outside, { recursive: true, force: true }));

  it('is untrusted, and the manifest declares limited support for it', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown } };
    };
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, [
      'parameterPresets.presetsFolder',
    ]);
  });

  it('still lists, validates and merges presets', async () => {
    assert.deepEqual(
      treePaths(hooks).filter((row) => row.startsWith('Workspace/')),
      ['Workspace/latency/Fast Decode', 'Workspace/Uncategorized/Broken', 'Workspace/Uncategorized/Commented'],
    );
    const broken = workspaceFile('presets/broken.preset.json');
    const diagnostics = await waitForDiagnostics(broken, (found) =>
      found.some((d) => d.source === 'Parameter Presets'),
    );
    assert.equal(
      diagnostics.find((d) => d.source === 'Parameter Presets')!.message,
      'parameters.tp-size: expected a non-empty list of values, got a number',
    );
    const merged = await run<MergeResult>('parameterPresets.merge', {
      presets: ['Fast Decode', 'Balanced'],
      strategy: 'union',
      silent: true,
    });
    assert.deepEqual(merged.applied_presets, ['Fast Decode', 'Balanced']);
    assert.deepEqual((await api.mergePresets(['Fast Decode'])).parameters, {
      'tp-size': [1, 2],
      'schedule-policy': ['lpm', 'fcfs'],
    });
  });

  it('refuses every write, saying why, and no file of the workspace changes', async () => {
    const before = await snapshot();
    const preset = workspaceFile('presets/fast-decode.preset.json');
    const task = workspaceFile('tune.task.json');
    const exportTarget = vscode.Uri.file(path.join(outside, 'exported.json'));
    const attempts: [string, string, unknown[]][] = [
      ['create a preset', 'parameterPresets.newPreset', [{ name: 'Not Allowed' }]],
      ['duplicate a preset', 'parameterPresets.duplicate', ['Balanced', { name: 'Balanced Copy' }]],
      [
        'import presets',
        'parameterPresets.import',
        [{ uris: [vscode.Uri.file(path.join(outside, 'incoming.json'))], onConflict: 'rename' }],
      ],
      ['export a preset', 'parameterPresets.export', ['Fast Decode', { uri: exportTarget }]],
      ['rename a preset', 'parameterPresets.rename', [preset, { name: 'Renamed' }]],
      ['delete a preset', 'parameterPresets.delete', [preset, { skipConfirmation: true }]],
      [
        'apply a merge to a task',
        'parameterPresets.applyToTask',
        [{ presets: ['Fast Decode'], strategy: 'union', task, mode: 'replace' }],
      ],
    ];
    for (const [action, command, args] of attempts) {
      const result = await run<unknown>(command, ...args);
      assert.equal(result, undefined, `${command} did nothing`);
      const message = lastMessage(hooks)!;
      assert.equal(message.severity, 'error', command);
      assert.equal(message.message, `Cannot ${action}: ${RESTRICTED}`, command);
    }
    assert.deepEqual(await snapshot(), before);
    assert.equal(await exists(exportTarget), false, 'nothing was exported either');
    assert.ok(
      hooks.index.hasName('Fast Decode') && !hooks.index.hasName('Renamed') && !hooks.index.hasName('Incoming'),
    );
  });

  it('shows the Merge Preview, says why it cannot write, and refuses its Save, Apply and Export', async () => {
    const before = await snapshot();
    await run('parameterPresets.merge', { presets: ['Fast Decode', 'Balanced'], strategy: 'union' });
    const panel = hooks.mergePreview();
    assert.ok(panel, 'the Merge Preview opened');
    try {
      assert.deepEqual(
        panel.state.chips.map((chip) => chip.name),
        ['Fast Decode', 'Balanced'],
      );
      assert.equal(panel.state.canWrite, false);
      assert.equal(
        panel.state.writeBlockedReason,
        'This workspace is in Restricted Mode, where Parameter Presets writes no files.',
      );
      const attempts: [PageMessage, string][] = [
        [{ type: 'save' }, 'save the merge as a preset'],
        [{ type: 'applyToTask' }, 'apply a merge to a task'],
        [{ type: 'export' }, 'export the merge'],
      ];
      for (const [message, action] of attempts) {
        await panel.receive(message);
        assert.equal(lastMessage(hooks)!.message, `Cannot ${action}: ${RESTRICTED}`, message.type);
      }
    } finally {
      panel.dispose();
    }
    assert.deepEqual(await snapshot(), before);
  });
});
