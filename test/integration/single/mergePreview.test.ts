/**
 * The Merge Preview panel in a real host: opened by the merge commands, one panel reused, a strict
 * page policy, the serializer in place, and the host's side of the protocol (strategy, order, removal,
 * malformed messages, live updates from preset files, Copy JSON). The page itself is driven in test/e2e.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MergeResult } from '../../../src/core/model';
import { workspaceFile } from '../helpers';
import { eventually, exists, extensionUnderTest, writeText, type Hooks } from '../hooks';

const VIEW_TYPE = 'parameterPresets.mergePreview';
let hooks: Hooks;

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

function panel() {
  const current = hooks.mergePreview();
  assert.ok(current, 'no Merge Preview panel is open');
  return current;
}

function idOf(name: string): string {
  const [entry] = hooks.index.findByName(name);
  assert.ok(entry, `no preset named ${name}`);
  return entry.id;
}

/** The tab of the panel, found through the workbench's own tab model. */
function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

before(async () => {
  ({ hooks } = await extensionUnderTest());
});

after(() => hooks.mergePreview()?.dispose());

describe('Merge Preview panel', () => {
  it('opens from the merge command with options, titled "Merge Preview", showing that merge', async () => {
    const returned = await run<MergeResult>('parameterPresets.merge', {
      presets: ['High Throughput', 'Memory Efficient'],
      strategy: 'last_wins',
    });
    const shown = panel();
    assert.equal(shown.webviewPanel.title, 'Merge Preview');
    assert.equal(shown.webviewPanel.viewType, VIEW_TYPE);
    // The workbench's tab model catches up with the new panel asynchronously.
    await eventually(() => previewTabs().length === 1, 'the panel has a tab');
    assert.deepEqual(
      previewTabs().map((tab) => tab.label),
      ['Merge Preview'],
    );
    assert.deepEqual(shown.result, returned);
    assert.equal(shown.state.strategy, 'last_wins');
    assert.deepEqual(
      shown.state.chips.map((chip) => [chip.position, chip.name, chip.location]),
      [
        [1, 'High Throughput', 'system preset'],
        [2, 'Memory Efficient', 'system preset'],
      ],
    );
    assert.deepEqual(
      shown.state.conflicts.map((group) => [group.kind, group.items.flatMap((item) => item.parameters)]),
      [['overridden', ['tp-size', 'mem-fraction-static']]],
    );
  });

  it('reuses the one panel: a new merge request replaces its selection and strategy', async () => {
    const first = panel();
    await run('parameterPresets.merge', { presets: ['Fast Decode', 'Commented'], strategy: 'union' });
    assert.equal(panel(), first);
    await eventually(() => previewTabs().length === 1, 'one tab');
    assert.deepEqual(
      first.state.chips.map((chip) => chip.name),
      ['Fast Decode', 'Commented'],
    );
    assert.equal(first.state.strategy, 'union');
    assert.equal(first.state.grid?.label, '8 runs');
  });

  it('serves a strict page: nonce-only script, no inline code, no unsafe-*, resources only from dist/ and media/', () => {
    const shown = panel();
    const html = shown.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'the page declares a Content-Security-Policy');
    assert.equal(csp, shown.contentSecurityPolicy);
    assert.match(csp, /^default-src 'none'; /);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a script nonce');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
    assert.doesNotMatch(html, /Fast Decode|tp-size/, 'workspace data reaches the page only by message');
    const options = shown.webviewPanel.webview.options;
    assert.equal(options.enableScripts, true);
    assert.deepEqual(
      options.localResourceRoots?.map((uri) => uri.path.split('/').slice(-1)[0]),
      ['dist', 'media'],
    );
    assert.equal((shown.webviewPanel.options as vscode.WebviewPanelOptions).retainContextWhenHidden, undefined);
  });

  it('has its serializer registered, so the panel comes back after a reload', () => {
    // VS Code allows one serializer per view type: registering a second one must fail.
    let registered: vscode.Disposable | undefined;
    assert.throws(() => {
      registered = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async () => undefined,
      });
    }, /already registered/);
    registered?.dispose();
  });

  it('switches strategy, reorders and removes on validated messages', async () => {
    await run('parameterPresets.merge', {
      presets: ['High Throughput', 'Memory Efficient', 'Low Latency'],
      strategy: 'union',
    });
    const shown = panel();
    assert.deepEqual(shown.state.conflicts, []);

    assert.equal(await shown.receive({ type: 'setStrategy', strategy: 'last_wins' }), true);
    assert.equal(shown.result?.strategy, 'last_wins');
    const lastWinsTp = shown.result?.parameters['tp-size'];

    const reversed = [...shown.selectedIds].reverse();
    assert.equal(await shown.receive({ type: 'reorder', ids: reversed }), true);
    assert.deepEqual(shown.result?.applied_presets, ['Low Latency', 'Memory Efficient', 'High Throughput']);
    assert.notDeepEqual(shown.result?.parameters['tp-size'], lastWinsTp, 'the last preset now wins tp-size');
    assert.deepEqual(
      shown.state.chips.map((chip) => chip.position),
      [1, 2, 3],
    );

    assert.equal(await shown.receive({ type: 'remove', id: idOf('Memory Efficient') }), true);
    assert.deepEqual(shown.result?.applied_presets, ['Low Latency', 'High Throughput']);
  });

  it('ignores malformed and unknown messages without changing anything', async () => {
    const shown = panel();
    const before = JSON.stringify(shown.state);
    for (const message of [
      null,
      'setStrategy',
      { type: 'setStrategy', strategy: 'everything' },
      { type: 'reorder', ids: ['not-selected'] },
      { type: 'reorder', ids: 'a' },
      { type: 'remove', id: 'file:///nowhere.preset.json' },
      { type: 'open', id: 'file:///etc/passwd' },
      { type: 'evaluate', code: 'process.exit(1)' },
      { type: 'save', name: 'sneaky extra field' },
    ]) {
      await shown.receive(message);
    }
    assert.equal(JSON.stringify(shown.state), before);
    assert.equal(panel(), shown);
  });

  it('copies the MergeResult, or just its parameters, as JSON', async () => {
    const shown = panel();
    assert.equal(await shown.receive({ type: 'copyJson', what: 'result' }), true);
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), shown.result);
    assert.equal(await shown.receive({ type: 'copyJson', what: 'parameters' }), true);
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), shown.result?.parameters);
  });

  it('follows a selected preset file: edited, made invalid (flagged, left out), deleted, restored', async () => {
    const uri = workspaceFile('presets/live-in-host.preset.json');
    const write = async (body: unknown): Promise<void> => {
      await writeText(uri, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
      await hooks.index.reload(uri);
    };
    await write({ name: 'Live', parameters: { 'tp-size': [1] } });
    await run('parameterPresets.merge', { presets: ['Live', 'Fast Decode'], strategy: 'union' });
    const shown = panel();
    assert.deepEqual(shown.result?.parameters['tp-size'], [1, 2]);

    await write({ name: 'Live', parameters: { 'tp-size': [8] } });
    await eventually(() => JSON.stringify(shown.result?.parameters['tp-size']) === '[8,1,2]', 'the edit shows');

    await write('{ "name": "Live", "parameters": { "tp-size": 4 } }');
    await eventually(() => shown.state.chips[0].status === 'invalid', 'the chip is flagged');
    assert.match(
      shown.state.chips[0].problem!,
      /presets\/live-in-host\.preset\.json, line 1: parameters\.tp-size: expected a non-empty list of values, got a number/,
    );
    assert.deepEqual(shown.result?.applied_presets, ['Fast Decode']);
    assert.match(shown.state.notices[0], /^"Live" is left out of the merge: /);

    await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
    await eventually(() => shown.state.chips[0].status === 'missing', 'the chip says the file is gone');
    assert.match(shown.state.chips[0].problem!, /live-in-host\.preset\.json no longer exists/);

    await write({ name: 'Live', parameters: { 'tp-size': [16] } });
    await eventually(() => shown.state.chips[0].status === 'ok', 'the preset is back');
    assert.deepEqual(shown.result?.parameters['tp-size'], [16, 1, 2]);
    await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
    assert.equal(await exists(uri), false);
  });

  it('a merge saved through New Preset holds exactly the merged parameters', async () => {
    await run('parameterPresets.merge', { presets: ['High Throughput', 'Memory Efficient'], strategy: 'last_wins' });
    const shown = panel();
    const result = shown.result!;
    const uri = await run<vscode.Uri>('parameterPresets.newPreset', {
      name: 'Saved From Preview',
      fromPresets: shown.selectedIds,
      strategy: result.strategy,
      runtime: result.runtime,
    });
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.deepEqual(written.parameters, result.parameters);
    assert.equal(written.runtime, result.runtime ?? undefined);
    await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
  });

  it('closing the panel disposes it; the next merge opens a new one', async () => {
    const shown = panel();
    shown.webviewPanel.dispose();
    assert.equal(hooks.mergePreview(), undefined);
    await run('parameterPresets.merge', { presets: ['Balanced'] });
    assert.notEqual(panel(), shown);
    await eventually(() => previewTabs().length === 1, 'one tab, the new panel');
  });
});
