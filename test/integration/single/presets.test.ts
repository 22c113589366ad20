/**
 * The extension in a real host, single-folder fixture (test/fixtures/workspaces/single): the index and
 * tree, diagnostics, and every command, with files checked on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { MergeResult } from '../../../src/core/model';
import type { PresetNode } from '../../../src/extension/presetTreeModel';
import { waitForDiagnostics, workspaceFile } from '../helpers';
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

const SOURCE = 'Parameter Presets';
const SYSTEM_ROWS = [
  'System/general/Balanced',
  'System/memory/Memory Efficient',
  'System/performance/High Throughput',
  'System/performance/Low Latency',
  'System/performance/SGLang Performance Tuning',
  'System/performance/vLLM Performance Tuning',
];

let hooks: Hooks;
let api: Awaited<ReturnType<typeof extensionUnderTest>>['api'];

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

function node(name: string): PresetNode {
  const entry = hooks.index.findByName(name)[0];
  assert.ok(entry, `no preset named ${name}`);
  const found = hooks.model.nodeFor(entry.id);
  assert.ok(found, `${name} is not in the tree`);
  return found;
}

async function createPreset(relativePath: string, body: unknown): Promise<vscode.Uri> {
  const uri = workspaceFile(relativePath);
  await writeText(uri, JSON.stringify(body, null, 2));
  await hooks.index.reload(uri);
  return uri;
}

async function removeFile(uri: vscode.Uri): Promise<void> {
  if (await exists(uri)) await vscode.workspace.fs.delete(uri);
  await hooks.index.reload(uri);
}

before(async () => {
  ({ api, hooks } = await extensionUnderTest());
});

describe('index and tree', () => {
  afterEach(() => run('parameterPresets.clearFilter'));

  it('lists the six system presets under System, by category then name', () => {
    assert.deepEqual(
      treePaths(hooks).filter((path) => path.startsWith('System/')),
      SYSTEM_ROWS,
    );
  });

  it('lists the workspace presets under Workspace, categories alphabetical and Uncategorized last', () => {
    assert.deepEqual(
      treePaths(hooks).filter((path) => path.startsWith('Workspace/')),
      ['Workspace/latency/Fast Decode', 'Workspace/Uncategorized/Broken', 'Workspace/Uncategorized/Commented'],
    );
  });

  it('shows a broken file as broken, and the other presets still merge', async () => {
    const broken = hooks.provider.getTreeItem(node('Broken'));
    assert.equal(broken.contextValue, 'preset.broken');
    assert.equal((broken.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(
      String(broken.description),
      /^invalid — parameters\.tp-size: expected a non-empty list of values, got a number/,
    );

    const result = await run<MergeResult>('parameterPresets.merge', {
      presets: ['Fast Decode', 'Commented', 'Balanced'],
      strategy: 'union',
      silent: true,
    });
    assert.deepEqual(result.applied_presets, ['Fast Decode', 'Commented', 'Balanced']);
    assert.deepEqual(result.parameters['tp-size'], [1, 2]);
  });

  it('describes a preset row with grid size first, parameter count and runtime, and a Markdown tooltip on hover', () => {
    const item = hooks.provider.getTreeItem(node('Fast Decode'));
    assert.equal(item.description, '4 runs · 2 params · sglang');
    assert.equal(item.contextValue, 'preset.workspace.sglang', 'the row carries its runtime for the menus');
    assert.equal(item.tooltip, undefined, 'built on hover (resolveTreeItem), not for every row up front');
    const tooltip = hooks.provider.resolveTreeItem(item, node('Fast Decode')).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /\*\*Fast(&nbsp;| )Decode\*\*/);
    assert.match(tooltip.value.replace(/&nbsp;/g, ' '), /4 runs from 2 parameters · Runtime: sglang/);
    assert.match(tooltip.value, /"schedule-policy": \["lpm", "fcfs"\]/);
    assert.equal(tooltip.isTrusted, false);
  });

  it('marks system presets with a lock and opens them read-only', async () => {
    const item = hooks.provider.getTreeItem(node('Balanced'));
    assert.equal(item.contextValue, 'preset.system.sglang');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'lock');
    const target = item.command!.arguments![0] as vscode.Uri;
    assert.equal(target.scheme, 'parameter-presets-system');
    assert.ok(target.path.endsWith('.preset.json'));
    const document = await vscode.workspace.openTextDocument(target);
    assert.match(document.getText(), /"name": "Balanced"/);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(target, new TextEncoder().encode('{}'))),
      /read-only|NoPermissions/i,
    );
  });

  it('filters by text over names, categories, tags and parameter names, and by runtime', async () => {
    await run('parameterPresets.filter', 'runtime:vllm');
    // Presets for any runtime (Commented) work with vLLM too.
    assert.deepEqual(treePaths(hooks), [
      'System/performance/vLLM Performance Tuning',
      'Workspace/Uncategorized/Commented',
    ]);
    assert.match(hooks.treeView.message ?? '', /Filter: runtime:vllm — 2 of \d+ presets/);

    await run('parameterPresets.filter', 'small-gpu'); // a tag of Memory Efficient
    assert.deepEqual(treePaths(hooks), ['System/memory/Memory Efficient']);

    // A parameter name, and "latency": Fast Decode's category, Low Latency's name.
    await run('parameterPresets.filter', 'schedule-policy latency');
    assert.deepEqual(treePaths(hooks), ['System/performance/Low Latency', 'Workspace/latency/Fast Decode']);

    await run('parameterPresets.clearFilter');
    assert.equal(hooks.treeView.message, undefined);
    assert.equal(treePaths(hooks).length, SYSTEM_ROWS.length + 3);
  });

  it('does not index a file matching parameterPresets.exclude, and indexes it again when the setting is cleared', async () => {
    const uri = await createPreset('drafts/excluded.preset.json', { name: 'Excluded Draft', parameters: { a: [1] } });
    const config = vscode.workspace.getConfiguration('parameterPresets', workspaceFile('.'));
    const settingsFolder = workspaceFile('.vscode');
    const hadSettings = await exists(settingsFolder);
    try {
      await eventually(() => hooks.index.findByName('Excluded Draft').length === 1, 'the draft is indexed first');
      await config.update('exclude', ['drafts/**'], vscode.ConfigurationTarget.Workspace);
      await eventually(
        () => hooks.index.findByName('Excluded Draft').length === 0,
        'the excluded draft leaves the index',
      );
      assert.ok(!treePaths(hooks).some((path) => path.endsWith('/Excluded Draft')));
      await hooks.index.reload(uri);
      assert.equal(
        hooks.index.findByName('Excluded Draft').length,
        0,
        'a change to an excluded file does not bring it back',
      );
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await eventually(() => hooks.index.findByName('Excluded Draft').length === 1, 'the draft is indexed again');
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await removeFile(uri);
      await vscode.workspace.fs.delete(workspaceFile('drafts'), { recursive: true }).then(undefined, () => undefined);
      // The fixture folder has no settings of its own: leave it so.
      if (!hadSettings)
        await vscode.workspace.fs.delete(settingsFolder, { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('follows files created, changed and deleted on disk', async () => {
    const uri = workspaceFile('presets/watched.preset.json');
    await writeText(uri, JSON.stringify({ name: 'Watched', category: 'live', parameters: { 'tp-size': [1] } }));
    await eventually(() => treePaths(hooks).includes('Workspace/live/Watched'), 'the new file shows in the tree');
    await writeText(uri, JSON.stringify({ name: 'Watched Again', category: 'live', parameters: { 'tp-size': [1] } }));
    await eventually(() => treePaths(hooks).includes('Workspace/live/Watched Again'), 'the changed name shows');
    await vscode.workspace.fs.delete(uri);
    await eventually(
      () => !treePaths(hooks).some((path) => path.startsWith('Workspace/live/')),
      'the deleted file leaves the tree',
    );
  });
});

describe('diagnostics', () => {
  it('reports a bad file in the Problems panel at the offending value, naming the field', async () => {
    const uri = workspaceFile('presets/broken.preset.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some((d) => d.source === SOURCE));
    const ours = diagnostics.filter((d) => d.source === SOURCE);
    assert.equal(ours.length, 1);
    assert.equal(ours[0].message, 'parameters.tp-size: expected a non-empty list of values, got a number');
    assert.equal(ours[0].severity, vscode.DiagnosticSeverity.Error);
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text.includes('"tp-size": 2'));
    assert.equal(ours[0].range.start.line, line);
    assert.equal(document.getText(ours[0].range), '2');
  });

  it('updates while the user types, before saving, and offers a quick fix', async () => {
    const uri = workspaceFile('presets/fast-decode.preset.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const listEnd = document.getText().indexOf('[1, 2]') + '[1, 2'.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, document.positionAt(listEnd), ', 1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await waitForDiagnostics(uri, (found) =>
      found.some((d) => d.source === SOURCE && d.code === 'duplicate-value'),
    );
    const duplicate = diagnostics.find((d) => d.code === 'duplicate-value')!;
    assert.equal(duplicate.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      duplicate.message,
      'parameters.tp-size[2]: 1 is already in this list (position 1); the repeat is ignored',
    );

    const actions = await run<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      duplicate.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === 'Remove the repeated value 1');
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"tp-size": \[1, 2\]/);
    await waitForDiagnostics(uri, (found) => !found.some((d) => d.source === SOURCE));
    await document.save();
  });

  it('wraps a lone value in a list with a quick fix', async () => {
    const uri = await createPreset('presets/lone.preset.json', { name: 'Lone', parameters: { 'tp-size': 4 } });
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some((d) => d.code === 'not-a-list'));
    const problem = diagnostics.find((d) => d.code === 'not-a-list')!;
    const actions = await run<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const wrap = actions.find((action) => action.title === 'Wrap 4 in a list');
    assert.ok(wrap?.edit);
    assert.ok(await vscode.workspace.applyEdit(wrap.edit));
    assert.match(document.getText(), /"tp-size": \[4\]/);
    await document.save();
    await removeFile(uri);
  });

  it('reports an exact duplicate name as an error on each workspace file, and a case-only twin as a warning', async () => {
    const a = await createPreset('presets/twin-a.preset.json', { name: 'Twin', parameters: { x: [1] } });
    const b = await createPreset('presets/twin-b.preset.json', { name: 'Twin', parameters: { x: [2] } });
    const c = await createPreset('presets/twin-c.preset.json', { name: 'twin', parameters: { x: [3] } });
    for (const uri of [a, b]) {
      const found = await waitForDiagnostics(uri, (all) => all.some((d) => d.code === 'duplicate-name'));
      assert.equal(found.find((d) => d.code === 'duplicate-name')!.severity, vscode.DiagnosticSeverity.Error);
    }
    const warning = (await waitForDiagnostics(c, (all) => all.some((d) => d.code === 'case-only-name'))).find(
      (d) => d.code === 'case-only-name',
    )!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 1, 'the warning points at the name');
    // The quick fix renames a clashing file to a free name.
    const document = await vscode.workspace.openTextDocument(b);
    const clash = (await waitForDiagnostics(b, (all) => all.some((d) => d.code === 'duplicate-name'))).find(
      (d) => d.code === 'duplicate-name',
    )!;
    const actions = await run<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      b,
      clash.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const renameFix = actions.find((action) => action.title === 'Rename to "Twin (2)"');
    assert.ok(renameFix?.edit, `quick fixes offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(renameFix.edit));
    await document.save();
    await waitForDiagnostics(a, (all) => !all.some((d) => d.code === 'duplicate-name'));
    for (const uri of [a, b, c]) await removeFile(uri);
  });

  it('a link to a preset file is that preset, once: no duplicate name, and it stays usable', async () => {
    const v2 = await createPreset('presets/linked-v2.preset.json', { name: 'Linked V2', parameters: { x: [1] } });
    const latest = workspaceFile('presets/linked-latest.preset.json');
    fs.symlinkSync('linked-v2.preset.json', latest.fsPath);
    try {
      await hooks.index.reload(latest);
      await hooks.index.reload(v2);
      assert.deepEqual(
        hooks.index.findByName('Linked V2').map((entry) => entry.id),
        [v2.toString()],
      );
      assert.ok(hooks.index.usablePreset(v2.toString()));
      await waitForDiagnostics(v2, (all) => !all.some((d) => d.code === 'duplicate-name'));
    } finally {
      fs.unlinkSync(latest.fsPath);
      await hooks.index.reload(latest);
      await removeFile(v2);
    }
  });

  it('a name that looks like another (NFC, zero-width characters) gets a look-alike warning', async () => {
    const a = await createPreset('presets/alike-a.preset.json', { name: 'Caf\u00e9 Mode', parameters: { x: [1] } });
    const b = await createPreset('presets/alike-b.preset.json', { name: 'Cafe\u0301 Mode', parameters: { x: [2] } });
    const found = await waitForDiagnostics(b, (all) => all.some((d) => d.code === 'look-alike-name'));
    assert.equal(found.find((d) => d.code === 'look-alike-name')!.severity, vscode.DiagnosticSeverity.Warning);
    for (const uri of [a, b]) await removeFile(uri);
  });

  it('puts Merge With… and Export above a valid preset, and a pointer to the problems above a broken one', async () => {
    const lenses = await run<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      workspaceFile('presets/fast-decode.preset.json'),
    );
    assert.deepEqual(
      lenses.map((lens) => lens.command?.command),
      ['parameterPresets.mergeWith', 'parameterPresets.export'],
    );
    const broken = await run<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      workspaceFile('presets/broken.preset.json'),
    );
    assert.match(broken[0].command!.title, /Fix the errors/);
  });

  it('gives a workspace file named like a system preset the error; the system preset stays usable', async () => {
    const uri = await createPreset('presets/shadow.preset.json', { name: 'Balanced', parameters: { x: [1] } });
    const found = await waitForDiagnostics(uri, (all) => all.some((d) => d.code === 'duplicate-name'));
    assert.match(found.find((d) => d.code === 'duplicate-name')!.message, /already the name of a system preset/);
    const merged = await api.mergePresets(['Balanced']);
    assert.deepEqual(merged.parameters['schedule-policy'], ['fcfs', 'lpm']);
    // The commands resolve the name by the same rule as the API.
    const fromCommand = await run<MergeResult>('parameterPresets.merge', { presets: ['Balanced'], silent: true });
    assert.deepEqual(fromCommand.parameters, merged.parameters);
    await removeFile(uri);
  });

  it('does not take a name that matches only in case, and suggests the preset it differs from', async () => {
    await assert.rejects(api.mergePresets(['balanced']), {
      message: 'There is no preset named "balanced"; did you mean "Balanced"?',
    });
  });
});

describe('commands', () => {
  it('merges by names in the given order, and refuses a broken preset naming its file and line', async () => {
    const result = await run<MergeResult>('parameterPresets.merge', {
      presets: ['High Throughput', 'Memory Efficient'],
      strategy: 'last_wins',
      silent: true,
    });
    assert.deepEqual(
      result.conflicts.map((c) => [c.kind, c.parameter]),
      [
        ['overridden', 'tp-size'],
        ['overridden', 'mem-fraction-static'],
      ],
    );
    const refused = await run<MergeResult | undefined>('parameterPresets.merge', {
      presets: ['Broken', 'Fast Decode'],
      silent: true,
    });
    assert.equal(refused, undefined);
    const message = lastMessage(hooks)!;
    assert.equal(message.severity, 'error');
    assert.match(
      message.message,
      /presets\/broken\.preset\.json \(line 5: parameters\.tp-size: expected a non-empty list of values, got a number\)/,
    );
  });

  it('creates a new preset in the presets folder, valid and indexed', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.newPreset', {
      name: 'Created In Test',
      category: 'tests',
      runtime: 'vllm',
    });
    assert.ok(uri.path.endsWith('/presets/created-in-test.preset.json'), uri.path);
    const written = JSON.parse(await readText(uri));
    assert.deepEqual(written, {
      name: 'Created In Test',
      category: 'tests',
      runtime: 'vllm',
      parameters: { 'tensor-parallel-size': [1] },
    });
    assert.ok((await api.listPresets()).some((p) => p.name === 'Created In Test' && p.valid));
    // The name is taken now.
    assert.equal(await run('parameterPresets.newPreset', { name: 'Created In Test' }), undefined);
    assert.match(lastMessage(hooks)!.message, /already exists/);
    await removeFile(uri);
  });

  it('creates a preset from a merge holding exactly the merged grid', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.newPreset', {
      name: 'From Merge',
      fromPresets: ['Low Latency', 'Balanced'],
      strategy: 'intersection',
    });
    const merged = await api.mergePresets(['Low Latency', 'Balanced'], 'intersection');
    assert.deepEqual(JSON.parse(await readText(uri)).parameters, merged.parameters);
    await removeFile(uri);
  });

  it('duplicates a system preset into the workspace under a new name, values as written', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.duplicate', 'SGLang Performance Tuning', {
      name: 'SGLang Copy',
    });
    assert.ok(uri.path.endsWith('/presets/sglang-copy.preset.json'));
    const text = await readText(uri);
    assert.match(text, /"name": "SGLang Copy"/);
    assert.match(text, /1\.0\b/, 'the number 1.0 is copied as written');
    // Asked for no fixes, the copy keeps the shipped values and so their flag warnings.
    assert.equal(hooks.index.status(hooks.index.getByUri(uri)!.id), 'warning');
    await removeFile(uri);
  });

  it('applies the flag fixes to a duplicate of a system preset when asked, and only to the copy', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.duplicate', 'SGLang Performance Tuning', {
      name: 'SGLang Fixed',
      applyFlagFixes: true,
    });
    const text = await readText(uri);
    assert.match(text, /1\.0\b/, 'values without a problem stay as written');
    assert.doesNotMatch(text, /"quantization"|"radix-eviction-policy"/);
    assert.deepEqual(hooks.index.diagnosticsOf(hooks.index.getByUri(uri)!.id), []);
    const shipped = hooks.index.findByName('SGLang Performance Tuning')[0]!;
    assert.ok(hooks.index.diagnosticsOf(shipped.id).some((d) => d.code === 'flag-null'));
    await removeFile(uri);
  });

  it('renames in place, keeping comments, as an edit that can be undone', async () => {
    const uri = workspaceFile('presets/commented.preset.json');
    await run('parameterPresets.rename', uri, { name: 'Commented Renamed' });
    const text = await readText(uri);
    assert.match(text, /"name": "Commented Renamed"/);
    assert.match(text, /\/\/ two candidates/);
    assert.ok(hooks.index.hasName('Commented Renamed'));

    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await run('undo');
    assert.match(document.getText(), /"name": "Commented"/);
    await document.save();
    await eventually(() => hooks.index.hasName('Commented'), 'the index sees the name restored by undo');
  });

  it('refuses to rename or delete a system preset, and leaves it as it is', async () => {
    const before = await readText(hooks.index.findByName('Balanced')[0].uri);
    await run('parameterPresets.delete', 'Balanced', { skipConfirmation: true });
    assert.match(lastMessage(hooks)!.message, /Cannot delete "Balanced": system presets are read-only/);
    await run('parameterPresets.rename', 'Balanced', { name: 'Not Balanced' });
    assert.match(lastMessage(hooks)!.message, /Cannot rename "Balanced": system presets are read-only/);
    assert.equal(await readText(hooks.index.findByName('Balanced')[0].uri), before);
  });

  it('deletes a workspace preset file', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.newPreset', { name: 'To Delete' });
    assert.ok(await exists(uri));
    await run('parameterPresets.delete', uri, { skipConfirmation: true });
    assert.equal(await exists(uri), false);
    assert.equal(hooks.index.hasName('To Delete'), false);
  });

  it("exports the autotuner's envelope", async () => {
    const target = workspaceFile('exported.json');
    await run('parameterPresets.export', 'Fast Decode', { uri: target });
    assert.deepEqual(JSON.parse(await readText(target)), {
      version: '1.0',
      preset: {
        name: 'Fast Decode',
        description: 'Fixture: a valid SGLang preset',
        category: 'latency',
        parameters: { 'tp-size': [1, 2], 'schedule-policy': ['lpm', 'fcfs'] },
        // For the autotuner, whose own import and export drop the runtime field.
        metadata: { runtime: 'sglang' },
        runtime: 'sglang',
      },
    });
    await vscode.workspace.fs.delete(target);
  });

  it('imports an envelope; on a name clash cancel, rename and replace do what they say', async () => {
    const source = workspaceFile('incoming.json');
    const envelope = (tp: number[]) => ({
      version: '1.0',
      preset: { name: 'Imported One', parameters: { 'tp-size': tp } },
    });
    await writeText(source, JSON.stringify(envelope([1])));
    const [first] = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source] });
    assert.ok(first.path.endsWith('/presets/imported-one.preset.json'));
    assert.equal(JSON.parse(await readText(first)).name, 'Imported One');

    const cancelled = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source], onConflict: 'cancel' });
    assert.deepEqual(cancelled, []);
    assert.equal(hooks.index.findByName('Imported One (2)').length, 0);

    const [renamed] = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source], onConflict: 'rename' });
    assert.ok(renamed.path.endsWith('/presets/imported-one-2.preset.json'), renamed.path);
    assert.equal(JSON.parse(await readText(renamed)).name, 'Imported One (2)');

    await hooks.index.reload(first);
    await writeText(source, JSON.stringify(envelope([8])));
    const [replaced] = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source], onConflict: 'replace' });
    assert.equal(replaced.toString(), first.toString());
    assert.deepEqual(JSON.parse(await readText(first)).parameters, { 'tp-size': [8] });

    await writeText(source, JSON.stringify({ version: '1.0', preset: { name: 'Balanced', parameters: { x: [1] } } }));
    await run('parameterPresets.import', { uris: [source], onConflict: 'replace' });
    assert.match(
      lastMessage(hooks)!.message,
      /^Cannot import .*: "Balanced" is a system preset, which cannot be replaced\. Choose Rename instead\.$/,
    );

    for (const uri of [first, renamed, source]) await removeFile(uri);
  });

  it('reports an import file with errors by file, line and column, and writes nothing', async () => {
    const source = workspaceFile('bad-import.json');
    await writeText(source, '{\n  "name": "Bad",\n  "parameters": {"tp-size": "one"}\n}\n');
    const written = await run<vscode.Uri[]>('parameterPresets.import', { uris: [source] });
    assert.deepEqual(written, []);
    assert.equal(lastMessage(hooks)!.message, 'Not imported: bad-import.json has an error at line 3, column 29.');
    await vscode.workspace.fs.delete(source);
  });

  it('compares two presets in the diff editor', async () => {
    await run('parameterPresets.compare', 'Low Latency', 'Balanced');
    await eventually(
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff,
      'a diff editor is active',
    );
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'parameter-presets-normalized');
    const original = await vscode.workspace.openTextDocument(input.original);
    assert.match(original.getText(), /"name": "Low Latency"/);
    await run('workbench.action.closeActiveEditor');
  });

  it('applies a merge to a task file (replace, then union), keeping the rest, undoable', async () => {
    const task = workspaceFile('tune.task.json');
    const original = await readText(task);
    await run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'replace' });
    const replaced = JSON.parse(await readText(task));
    assert.deepEqual(replaced.parameters, { 'tp-size': [1, 2], 'schedule-policy': ['lpm', 'fcfs'] });
    assert.equal(replaced.task_name, 'fixture-task');
    assert.equal(replaced.base_runtime, 'sglang');

    const document = await vscode.workspace.openTextDocument(task);
    await vscode.window.showTextDocument(document);
    await run('undo');
    assert.equal(document.getText(), original, 'undo restores the file exactly');
    await document.save();

    await run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'union' });
    assert.deepEqual(JSON.parse(await readText(task)).parameters, {
      'tp-size': [1, 2],
      'mem-fraction-static': [0.7, 0.8],
      'schedule-policy': ['lpm', 'fcfs'],
    });
  });

  it('offers its API to other extensions', async () => {
    const presets = await api.listPresets();
    assert.equal(presets.filter((p) => p.origin === 'system').length, 6);
    const broken = presets.find((p) => p.name === 'Broken')!;
    assert.equal(broken.valid, false);
    assert.equal(broken.errors, 1);
    const merged = await api.mergePresets(['Memory Efficient', 'High Throughput'], 'intersection');
    assert.deepEqual(merged.parameters, {});
    assert.deepEqual(
      merged.conflicts.map((c) => c.kind),
      ['empty_intersection', 'empty_intersection', 'missing', 'missing', 'missing'],
    );
  });
});
