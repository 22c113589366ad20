/**
 * What a newcomer met in the walkthrough (issue 14), in a real host on the single-folder fixture: the
 * pickers, the New Preset wizard, Save as Preset, Duplicate, and Import's Rename, Replace and errors,
 * answered as a user would (prompts through the shared `vscode` API, pickers through the test hooks).
 * Every file these tests create is removed again: later suites count the fixture's presets.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PresetNode } from '../../../src/extension/presetTreeModel';
import { workspaceFile } from '../helpers';
import {
  answerNameBox,
  answeringPrompts,
  eventually,
  exists,
  extensionUnderTest,
  lastMessage,
  nextPresetInput,
  plainLabel,
  readText,
  writeText,
  type Hooks,
} from '../hooks';

let hooks: Hooks;

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

function node(name: string): PresetNode {
  const entry = hooks.index.findByName(name)[0];
  assert.ok(entry, `no preset named ${name}`);
  const found = hooks.model.nodeFor(entry.id);
  assert.ok(found, `${name} is not in the tree`);
  return found;
}

async function remove(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
  }
}

/** The preset names the tree has selected now. */
const selectedNames = (): string[] =>
  hooks.treeView.selection.flatMap((row) => (row.kind === 'preset' ? [row.entry.analysis.name ?? ''] : []));

before(async () => {
  ({ hooks } = await extensionUnderTest());
});

after(() => hooks.mergePreview()?.dispose());

describe('merge and apply pickers', () => {
  it('Merge Presets… from the palette starts with nothing picked, even with a row selected in the tree', async () => {
    await hooks.treeView.reveal(node('Fast Decode'), { select: true, focus: false });
    await eventually(() => selectedNames().includes('Fast Decode'), 'the tree has Fast Decode selected');
    const shown = nextPresetInput(hooks);
    const running = run('parameterPresets.merge');
    const picker = await shown;
    assert.deepEqual(picker.selectedItems, [], 'no preset starts picked');
    assert.doesNotMatch(picker.title ?? '', /merge order/);
    picker.hide();
    assert.equal(await running, undefined);
  });

  it('lists the presets merged most recently first, marked, unless parameterPresets.recentFirst is off', async () => {
    await run('parameterPresets.merge', { presets: ['Memory Efficient', 'Fast Decode'], strategy: 'union' });
    await run('parameterPresets.applyToTask', {
      presets: ['Low Latency'],
      task: workspaceFile('tune.task.json'),
      mode: 'union',
    });
    const task = await vscode.workspace.openTextDocument(workspaceFile('tune.task.json'));
    await vscode.window.showTextDocument(task);
    await run('undo');
    await task.save();

    const labels = async (command: string): Promise<vscode.QuickPickItem[]> => {
      const shown = nextPresetInput(hooks);
      const running = run(command);
      const picker = await shown;
      const items = [...picker.items];
      picker.hide();
      await running;
      return items;
    };
    for (const command of ['parameterPresets.merge', 'parameterPresets.applyToTask']) {
      const items = await labels(command);
      assert.deepEqual(items.slice(0, 3).map(plainLabel), ['Low Latency', 'Memory Efficient', 'Fast Decode'], command);
      // Earlier tests merged other presets too: the marked ones are a prefix, and the rest are not marked.
      const marked = items.map((item) => /merged recently/.test(item.description ?? ''));
      assert.ok(marked.slice(0, 3).every(Boolean), command);
      assert.ok(marked.includes(false), 'some presets were never merged');
      assert.equal(marked.indexOf(false), marked.lastIndexOf(true) + 1, 'no marked preset after an unmarked one');
    }

    // The Merge Preview's Add picker too, without the presets already in the merge.
    await run('parameterPresets.merge', { presets: ['Balanced'] });
    const shown = nextPresetInput(hooks);
    const adding = hooks.mergePreview()!.receive({ type: 'add' });
    const addPicker = await shown;
    assert.deepEqual(addPicker.items.slice(0, 3).map(plainLabel), ['Low Latency', 'Memory Efficient', 'Fast Decode']);
    addPicker.hide();
    await adding;

    const settings = vscode.workspace.getConfiguration('parameterPresets');
    await settings.update('recentFirst', false, vscode.ConfigurationTarget.Workspace);
    try {
      const items = await labels('parameterPresets.merge');
      assert.deepEqual(
        items.map(plainLabel),
        hooks.index.usableEntries().map((entry) => entry.analysis.name),
        'system presets, then workspace presets, each by name',
      );
      assert.ok(items.every((item) => !/merged recently/.test(item.description ?? '')));
    } finally {
      await settings.update('recentFirst', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('names Apply to Task for what it does with one preset', () => {
    const command = (
      vscode.extensions.getExtension('inference-autotuner.parameter-presets')!.packageJSON as {
        contributes: { commands: { command: string; title: string }[] };
      }
    ).contributes.commands.find((c) => c.command === 'parameterPresets.applyToTask');
    assert.equal(command?.title, 'Apply to Task…');
  });
});

describe('creating presets', () => {
  it('the New Preset wizard asks for a description, then reveals and selects the new preset', async () => {
    const shown = nextPresetInput<vscode.InputBox>(hooks);
    const { result: uri, asked } = await answeringPrompts(
      {
        inputBox: () => 'Offline batch runs on two GPUs',
        quickPick: (items, options) =>
          /category/.test(options.title ?? '')
            ? 'latency'
            : items.find((item) => typeof item !== 'string' && /^(sglang|\$\(file\))/.test(item.label)),
      },
      async () => {
        const running = run<vscode.Uri>('parameterPresets.newPreset');
        await answerNameBox(await shown, 'Wizard Made');
        return running;
      },
    );
    assert.deepEqual(asked, [
      'New Preset (2/5): description',
      'New Preset (3/5): category',
      'New Preset (4/5): runtime',
      'New Preset (5/5): start from',
    ]);
    assert.deepEqual(JSON.parse(await readText(uri)), {
      name: 'Wizard Made',
      description: 'Offline batch runs on two GPUs',
      category: 'latency',
      runtime: 'sglang',
      parameters: { 'tp-size': [1] },
    });
    await eventually(() => selectedNames().join() === 'Wizard Made', 'the new preset is selected in the tree');
    await run('workbench.action.closeActiveEditor');
    await remove(uri);
  });

  it('an empty description is no description', async () => {
    const shown = nextPresetInput<vscode.InputBox>(hooks);
    const { result: uri } = await answeringPrompts(
      {
        inputBox: () => '  ',
        quickPick: (items) =>
          items.find((item) => typeof item !== 'string' && /^(any|\$\(file\))/.test(item.label)) ?? items[0],
      },
      async () => {
        const running = run<vscode.Uri>('parameterPresets.newPreset');
        await answerNameBox(await shown, 'No Description');
        return running;
      },
    );
    assert.equal('description' in JSON.parse(await readText(uri)), false);
    await run('workbench.action.closeActiveEditor');
    await remove(uri);
  });

  it('Save as Preset from the Merge Preview asks for a category and reveals the preset', async () => {
    await run('parameterPresets.merge', { presets: ['Fast Decode', 'Low Latency'], strategy: 'union' });
    const panel = hooks.mergePreview()!;
    const shown = nextPresetInput<vscode.InputBox>(hooks);
    const { asked } = await answeringPrompts(
      {
        quickPick: (items) => {
          assert.ok(items.includes('latency'), 'existing categories are offered');
          assert.ok(
            items.some((item) => typeof item === 'string' && /New category/.test(item)),
            'and a new one',
          );
          return 'latency';
        },
      },
      async () => {
        const saving = panel.receive({ type: 'save' });
        const nameBox = await shown;
        assert.match(nameBox.value, /^Fast Decode \+ Low Latency \(union\)$/);
        await answerNameBox(nameBox, 'Saved With Category');
        return saving;
      },
    );
    assert.deepEqual(asked, ['Save Merge as Preset (2/2): category']);
    const entry = hooks.index.findByName('Saved With Category')[0];
    assert.ok(entry, 'the preset was written');
    assert.equal(JSON.parse(await readText(entry.uri)).category, 'latency');
    await eventually(() => selectedNames().join() === 'Saved With Category', 'it is selected in the tree');
    await remove(entry.uri);
  });

  it('duplicating a system preset drops "author": "system" and reveals the copy', async () => {
    const original = JSON.parse(await readText(hooks.index.findByName('Balanced')[0].uri));
    assert.equal(original.metadata.author, 'system');
    const uri = await run<vscode.Uri>('parameterPresets.duplicate', 'Balanced', { name: 'My Balanced' });
    const copy = JSON.parse(await readText(uri));
    assert.equal('author' in copy.metadata, false);
    assert.deepEqual(copy.metadata.tags, original.metadata.tags, 'the rest of the metadata stays');
    assert.deepEqual(copy.parameters, original.parameters);
    await eventually(() => selectedNames().join() === 'My Balanced', 'the copy is selected in the tree');
    await remove(uri);
  });

  it('duplicating a system preset with flag problems by hand offers the fixes, and applies them to the copy', async () => {
    const shown = nextPresetInput<vscode.InputBox>(hooks);
    let offered: string[] = [];
    const { result: uri, asked } = await answeringPrompts(
      {
        quickPick: (items) => {
          offered = items.map((item) => (typeof item === 'string' ? item : plainLabel(item)));
          return items.find((item) => typeof item !== 'string' && /Apply the available flag fixes/.test(item.label));
        },
      },
      async () => {
        const duplicating = run<vscode.Uri>('parameterPresets.duplicate', 'High Throughput');
        await answerNameBox(await shown, 'Throughput Fixed');
        return duplicating;
      },
    );
    assert.deepEqual(asked, ['Duplicate "High Throughput": 1 flag problem']);
    assert.deepEqual(offered, ['Apply the available flag fixes', 'Copy the values as they are']);
    const copy = JSON.parse(await readText(uri));
    assert.ok('enable-mixed-chunk' in copy.parameters && !('enable-mixed-chunking' in copy.parameters));
    await eventually(
      () => hooks.index.diagnosticsOf(hooks.index.getByUri(uri)!.id).length === 0,
      'the copy has no flag problem left',
    );
    await run('workbench.action.closeActiveEditor');
    await remove(uri);
  });
});

describe('import', () => {
  const envelope = (name: string, tp: number[]): string =>
    JSON.stringify({ version: '1.0', preset: { name, parameters: { 'tp-size': tp } } });

  it('Rename lets the user edit the proposed name, and writes a file name without punctuation', async () => {
    const source = workspaceFile('rename-incoming.json');
    await writeText(source, envelope('Fast Decode', [4]));
    const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => unknown };
    const original = window.showWarningMessage;
    window.showWarningMessage = (message: unknown, ...rest: unknown[]) =>
      (rest[0] as vscode.MessageOptions | undefined)?.modal
        ? Promise.resolve('Rename')
        : original.call(vscode.window, message, ...rest);
    try {
      const shown = nextPresetInput<vscode.InputBox>(hooks);
      const importing = run<vscode.Uri[]>('parameterPresets.import', { uris: [source] });
      const nameBox = await shown;
      assert.equal(nameBox.value, 'Fast Decode (2)', 'the proposal is the free name');
      await answerNameBox(nameBox, 'Fast Decode');
      const message = (): string => {
        const shown = nameBox.validationMessage;
        return typeof shown === 'string' ? shown : (shown?.message ?? '');
      };
      await eventually(() => /already exists/.test(message()), 'a taken name is refused in the box');
      await answerNameBox(nameBox, 'Fast Decode (4 GPUs)');
      const [written] = await importing;
      assert.ok(written.path.endsWith('/presets/fast-decode-4-gpus.preset.json'), written.path);
      assert.equal(JSON.parse(await readText(written)).name, 'Fast Decode (4 GPUs)');
      await remove(written, source);
    } finally {
      window.showWarningMessage = original;
    }
  });

  it('Replace is one edit of the file: Undo restores what it held', async () => {
    const target = workspaceFile('presets/replace-me.preset.json');
    const before = '{\n  // kept by undo\n  "name": "Replace Me",\n  "parameters": {"tp-size": [1]}\n}\n';
    await writeText(target, before);
    await hooks.index.reload(target);
    const source = workspaceFile('replace-incoming.json');
    await writeText(source, envelope('Replace Me', [8]));
    const [replaced] = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source], onConflict: 'replace' });
    assert.equal(replaced.toString(), target.toString());
    assert.deepEqual(JSON.parse(await readText(target)).parameters, { 'tp-size': [8] });

    const document = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(document);
    await run('undo');
    assert.equal(document.getText(), before, 'undo restores the file as it was');
    await document.save();
    await run('workbench.action.closeActiveEditor');
    await remove(target, source);
  });

  it('an invalid file gets a toast short enough to read, the whole reason one click away', async () => {
    const source = workspaceFile('bad-walkthrough.json');
    await writeText(source, '{\n  "name": "Bad",\n  "parameters": {"tp-size": "one"}\n}\n');
    const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => unknown };
    const original = window.showWarningMessage;
    let detail: string | undefined;
    window.showWarningMessage = (message: unknown, ...rest: unknown[]) => {
      const options = rest[0] as vscode.MessageOptions | undefined;
      if (options?.modal) {
        detail = options.detail;
        return Promise.resolve(undefined);
      }
      original.call(vscode.window, message, ...rest);
      return Promise.resolve(rest.includes('Show Details') ? 'Show Details' : undefined);
    };
    try {
      assert.deepEqual(await run('parameterPresets.import', { uris: [source] }), []);
      assert.equal(
        lastMessage(hooks)!.message,
        'Not imported: bad-walkthrough.json has an error at line 3, column 29.',
      );
      await eventually(() => detail !== undefined, 'Show Details shows the whole reason');
      assert.match(
        detail!,
        /^bad-walkthrough\.json: line 3, column 29: parameters\.tp-size: expected a non-empty list of values, got a string$/,
      );
    } finally {
      window.showWarningMessage = original;
      await remove(source);
    }
  });
});
