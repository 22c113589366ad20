/**
 * No lost data, in a real host (single-folder fixture): an import never overwrites without an explicit
 * choice, a file changed on disk after it was read is never clobbered, apply-to-task is one edit that
 * keeps comments and undoes exactly, and new files stay inside the presets folder. Every file these tests
 * create is removed again: later suites count the fixture's presets.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from '../helpers';
import {
  eventually,
  exists,
  extensionUnderTest,
  lastMessage,
  readText,
  treePaths,
  writeText,
  type Hooks,
} from '../hooks';

let hooks: Hooks;

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

before(async () => {
  ({ hooks } = await extensionUnderTest());
});

type ShowWarning = (message: string, ...rest: unknown[]) => Thenable<string | undefined>;

/**
 * Answers the modal questions the extension asks (`showWarningMessage` with `modal: true`) as a user
 * would, for the duration of `body`; other messages go through. The test shares the extension's `vscode`
 * API object (both load from this repository), so the extension sees the stand-in.
 */
async function answeringModals<T>(
  answer: (message: string) => Promise<string | undefined> | string | undefined,
  body: () => Thenable<T>,
): Promise<{ result: T; asked: string[] }> {
  const window = vscode.window as unknown as { showWarningMessage: ShowWarning };
  const original = window.showWarningMessage;
  const asked: string[] = [];
  window.showWarningMessage = (message, ...rest) => {
    const options = rest[0];
    if (typeof options === 'object' && options !== null && (options as vscode.MessageOptions).modal) {
      asked.push(message);
      return Promise.resolve(answer(message));
    }
    return original.call(vscode.window, message, ...rest);
  };
  try {
    const result = await body();
    return { result, asked };
  } finally {
    window.showWarningMessage = original;
  }
}

async function createPreset(relativePath: string, body: unknown): Promise<vscode.Uri> {
  const uri = workspaceFile(relativePath);
  await writeText(uri, JSON.stringify(body, null, 2) + '\n');
  await hooks.index.reload(uri);
  return uri;
}

async function remove(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
  }
}

async function presetFolderListing(): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(workspaceFile('presets'))).map(([name]) => name).sort();
}

const envelope = (name: string, tpSize: number[]): string =>
  JSON.stringify({ version: '1.0', preset: { name, parameters: { 'tp-size': tpSize } } });

describe('no lost data', () => {
  it('import never overwrites without an explicit choice: a dismissed question, or onConflict "cancel", writes nothing', async () => {
    const existing = await createPreset('presets/keep-me.preset.json', {
      name: 'Keep Me',
      parameters: { 'tp-size': [1] },
    });
    const before = await readText(existing);
    const listing = await presetFolderListing();
    const source = workspaceFile('keep-incoming.json');
    await writeText(source, envelope('Keep Me', [9]));

    // The user closes the question (Escape): that is no choice, so nothing happens.
    const { result, asked } = await answeringModals(
      () => undefined,
      () => run<vscode.Uri[]>('parameterPresets.import', { uris: [source] }),
    );
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^A preset named "Keep Me" already exists \(.*presets\/keep-me\.preset\.json\)\.$/);
    assert.deepEqual(result, []);
    assert.match(lastMessage(hooks)!.message, /^Not imported: keep-incoming\.json: "Keep Me" already exists; skipped$/);

    const cancelled = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source], onConflict: 'cancel' });
    assert.deepEqual(cancelled, []);

    assert.equal(await readText(existing), before, 'the existing preset is untouched');
    assert.deepEqual(await presetFolderListing(), listing, 'no file was added, not even a temporary one');
    assert.deepEqual(
      hooks.index.findByName('Keep Me').map((entry) => entry.uri.toString()),
      [existing.toString()],
    );
    await remove(existing, source);
  });

  it('refuses a stale write: a preset changed on disk while the user chose "Replace" is left as the colleague wrote it', async () => {
    const target = await createPreset('presets/stale-target.preset.json', {
      name: 'Stale Target',
      parameters: { 'tp-size': [1] },
    });
    const source = workspaceFile('stale-incoming.json');
    await writeText(source, envelope('Stale Target', [8]));
    const colleague =
      '{\n  // pulled from git while the question was open\n  "name": "Stale Target",\n  "parameters": {"tp-size": [2]}\n}\n';

    const { result, asked } = await answeringModals(
      async () => {
        // Modification times count in milliseconds: make sure this change gets a new one.
        await new Promise((resolve) => setTimeout(resolve, 50));
        await writeText(target, colleague);
        await eventually(
          () => hooks.index.getByUri(target)?.analysis.preset?.parameters['tp-size'][0] === 2,
          'the index has read the new content',
        );
        return 'Replace';
      },
      () => run<vscode.Uri[] | undefined>('parameterPresets.import', { uris: [source] }),
    );
    assert.equal(asked.length, 1);
    assert.equal(result, undefined, 'the import stopped');
    const message = lastMessage(hooks)!;
    assert.equal(message.severity, 'error');
    assert.equal(
      message.message,
      'Cannot import stale-incoming.json: presets/stale-target.preset.json changed on disk after it was read, and was left as it is. Try again to use the new content.',
    );
    assert.equal(await readText(target), colleague, 'the newer content on disk is kept');

    // Asked again, now about the content on disk, Replace goes through.
    const second = await answeringModals(
      () => 'Replace',
      () => run<vscode.Uri[]>('parameterPresets.import', { uris: [source] }),
    );
    assert.deepEqual(second.result.map(String), [target.toString()]);
    assert.deepEqual(JSON.parse(await readText(target)).parameters, { 'tp-size': [8] });
    await remove(target, source);
  });

  it('applies a merge to a task as one edit that keeps the comments elsewhere; undo restores the file byte for byte', async () => {
    const task = workspaceFile('commented.task.json');
    const original = [
      '{',
      '  // The model under test: keep this comment.',
      '  "task_name": "commented-task",',
      '  "parameters": {',
      '    "tp-size": [1]',
      '  },',
      '  /* tuned weekly */',
      '  "base_runtime": "sglang"',
      '}',
      '',
    ].join('\n');
    await writeText(task, original);
    await run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'replace' });

    const applied = await readText(task);
    assert.match(applied, /\/\/ The model under test: keep this comment\./);
    assert.match(applied, /\/\* tuned weekly \*\//);
    assert.match(applied, /"base_runtime": "sglang"/);
    assert.match(applied, /"schedule-policy": \["lpm", "fcfs"\]/);

    const document = await vscode.workspace.openTextDocument(task);
    await vscode.window.showTextDocument(document);
    await run('undo');
    assert.equal(document.getText(), original, 'undo restores the file exactly');
    await document.save();
    assert.equal(await readText(task), original);
    await run('workbench.action.closeActiveEditor');
    await remove(task);
  });

  it('keeps new files inside the presets folder: a path in the name is flattened, a presets folder leading out is refused', async () => {
    const escaped = await run<vscode.Uri>('parameterPresets.newPreset', { name: '../../outside/escape' });
    assert.ok(escaped.path.endsWith('/presets/outside-escape.preset.json'), escaped.path);
    assert.equal(
      JSON.parse(await readText(escaped)).name,
      '../../outside/escape',
      'the name itself is kept as written',
    );
    await remove(escaped);

    const settings = vscode.workspace.getConfiguration('parameterPresets');
    await settings.update('presetsFolder', '../outside', vscode.ConfigurationTarget.Workspace);
    try {
      const refused = await run<vscode.Uri | undefined>('parameterPresets.newPreset', { name: 'Outside' });
      assert.equal(refused, undefined);
      assert.match(
        lastMessage(hooks)!.message,
        /^The setting "parameterPresets\.presetsFolder" is "\.\.\/outside", which leads out of [^;]+; set it to a folder inside it/,
      );
      assert.equal(
        await exists(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '..', 'outside')),
        false,
      );
    } finally {
      await settings.update('presetsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reports a file over parameterPresets.maxFileSizeMB without reading it, and reads it again under a higher limit', async () => {
    const settings = vscode.workspace.getConfiguration('parameterPresets');
    const uri = workspaceFile('presets/too-big.preset.json');
    await writeText(
      uri,
      JSON.stringify({ name: 'Too Big', description: 'x'.repeat(1.5 * 1024 * 1024), parameters: { 'tp-size': [1] } }),
    );
    await settings.update('maxFileSizeMB', 1, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(
        () => hooks.index.getByUri(uri)?.analysis.diagnostics[0]?.code === 'too-large',
        'the index reports the file as too large',
      );
      const entry = hooks.index.getByUri(uri)!;
      assert.equal(
        entry.analysis.diagnostics[0].message,
        'the file is 1.5 MB, over the 1.0 MB limit for preset files; it was not read',
      );
      assert.equal(entry.analysis.name, undefined, 'not parsed: not even the name is known');
      assert.equal(hooks.index.hasName('Too Big'), false);
    } finally {
      await settings.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => hooks.index.hasName('Too Big'), 'under the default 5 MB limit the file is read');
    await remove(uri);
  });

  it('an internal failure shows a short message pointing at the log, never a stack, and writes nothing', async () => {
    const listing = await presetFolderListing();
    // fromPresets must be a list: a number makes the command fail inside, as a bug would.
    const result = await run<unknown>('parameterPresets.newPreset', { name: 'Internal Failure', fromPresets: 5 });
    assert.equal(result, undefined);
    const message = lastMessage(hooks)!;
    assert.equal(message.severity, 'error');
    assert.match(message.message, /^New Preset failed: .+\. Details are in the "Parameter Presets" log\.$/);
    assert.doesNotMatch(message.message, /\n\s*at /, 'no stack in the message');
    assert.deepEqual(await presetFolderListing(), listing);
  });

  it('reads an imported file as a preset file: invalid UTF-8 is refused with the file, line and column', async () => {
    const source = workspaceFile('latin1.json');
    const bytes = [
      ...new TextEncoder().encode('{"name": "Caf'),
      0xe9,
      ...new TextEncoder().encode('", "parameters": {"a": [1]}}'),
    ];
    await vscode.workspace.fs.writeFile(source, Uint8Array.from(bytes));
    const written = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source] });
    assert.deepEqual(written, []);
    assert.equal(lastMessage(hooks)!.message, 'Not imported: latin1.json has an error at line 1, column 14.');
    assert.equal(hooks.index.hasName('Caf\ufffd'), false);
    await remove(source);
  });
});

/** Captures each modal question with its detail and buttons, and answers it with `answer(buttons)`. */
async function capturingModals<T>(
  answer: (buttons: string[]) => string | undefined,
  body: () => Thenable<T>,
): Promise<{ message: string; detail?: string; buttons: string[] }[]> {
  const window = vscode.window as unknown as { showWarningMessage: ShowWarning };
  const original = window.showWarningMessage;
  const asked: { message: string; detail?: string; buttons: string[] }[] = [];
  window.showWarningMessage = (message, ...rest) => {
    const [options, ...buttons] = rest as [vscode.MessageOptions | undefined, ...string[]];
    if (options?.modal) {
      asked.push({ message, detail: options.detail, buttons });
      return Promise.resolve(answer(buttons));
    }
    return original.call(vscode.window, message, ...rest);
  };
  try {
    await body();
    return asked;
  } finally {
    window.showWarningMessage = original;
  }
}

const workspaceGroupCount = (): number =>
  hooks.model.getRoots().find((group) => group.origin === 'workspace')?.presetCount ?? 0;

describe('deleting a preset', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a preset open in an editor leaves the tree, the count, the pickers and the Merge Preview when deleted', async () => {
    const uri = await createPreset('presets/open-then-delete.preset.json', {
      name: 'Open Then Delete',
      parameters: { 'tp-size': [3] },
    });
    await vscode.window.showTextDocument(uri);
    await hooks.index.reload(uri);
    const countBefore = workspaceGroupCount();
    await run('parameterPresets.merge', { presets: ['Open Then Delete', 'Fast Decode'], strategy: 'union' });
    const preview = hooks.mergePreview()!;
    assert.ok(preview, 'the Merge Preview is open');

    await run('parameterPresets.delete', uri, { skipConfirmation: true });

    assert.equal(await exists(uri), false);
    assert.equal(hooks.index.hasName('Open Then Delete'), false, 'the index dropped it');
    assert.ok(!treePaths(hooks).some((row) => row.endsWith('/Open Then Delete')), 'its row is gone');
    assert.equal(workspaceGroupCount(), countBefore - 1, 'the Workspace count went down');
    assert.ok(!hooks.index.usableEntries().some((entry) => entry.analysis.name === 'Open Then Delete'), 'pickers');
    await eventually(() => preview.state.chips[0].status === 'missing', 'the chip says the file is gone');
    preview.webviewPanel.dispose();
  });

  it('a deleted file with unsaved edits in an editor stays, as a stale preset, until the editor closes', async () => {
    const uri = await createPreset('presets/dirty-then-delete.preset.json', {
      name: 'Dirty Then Delete',
      parameters: { 'tp-size': [3] },
    });
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), ' '));
    assert.ok(editor.document.isDirty);
    await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
    assert.equal(hooks.index.hasName('Dirty Then Delete'), true, 'the unsaved text is still shown');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await hooks.index.reload(uri);
    await eventually(() => !hooks.index.hasName('Dirty Then Delete'), 'closing the editor drops it');
  });

  it('where there is no trash, Delete asks once, and says the file is deleted permanently', async () => {
    // This host (code-server, in a browser) has no trash; the desktop app would promise the trash instead.
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const uri = await createPreset('presets/no-trash.preset.json', {
      name: 'No Trash',
      parameters: { 'tp-size': [1] },
    });
    const asked = await capturingModals(
      (buttons) => buttons[0],
      () => run('parameterPresets.delete', uri),
    );
    assert.equal(asked.length, 1, JSON.stringify(asked));
    assert.equal(asked[0].message, 'Delete preset "No Trash"?');
    assert.deepEqual(asked[0].buttons, ['Delete Permanently']);
    assert.match(asked[0].detail!, /will be deleted permanently: this file system has no trash/);
    assert.doesNotMatch(asked[0].detail!, /moved to the trash/);
    assert.equal(await exists(uri), false);
    assert.equal(hooks.index.hasName('No Trash'), false);
  });

  it('declining the one question deletes nothing', async () => {
    const uri = await createPreset('presets/keep-on-no.preset.json', { name: 'Keep On No', parameters: { a: [1] } });
    const asked = await capturingModals(
      () => undefined,
      () => run('parameterPresets.delete', uri),
    );
    assert.equal(asked.length, 1);
    assert.equal(await exists(uri), true);
    await remove(uri);
  });
});
