/**
 * Runtime flags in a real editor: completion, hover, warnings with quick fixes, and system presets' checks,
 * through VS Code's own commands (the ones the editor runs), as a user gets them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics, workspaceFile } from '../helpers';
import { exists, extensionUnderTest, writeText, type Hooks } from '../hooks';

let hooks: Hooks;
const created: vscode.Uri[] = [];

async function openPreset(file: string, body: string): Promise<vscode.TextDocument> {
  const uri = workspaceFile(`presets/${file}`);
  await writeText(uri, body);
  created.push(uri);
  await hooks.index.reload(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

function positionAfter(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `no ${needle} in the text`);
  return document.positionAt(offset + needle.length);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

describe('runtime flags in the editor', () => {
  before(async () => {
    ({ hooks } = await extensionUnderTest());
    await hooks.index.whenIdle();
  });

  // Each test's file goes once it ends: the other suites count the fixture's presets.
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.splice(0)) {
      if (await exists(uri)) await vscode.workspace.fs.delete(uri);
      await hooks.index.reload(uri);
    }
  });

  it('completes flag names inside parameters, commonly tuned first, with type, default and choices', async () => {
    const document = await openPreset(
      'flag-completion.preset.json',
      '{\n  "name": "Flag Completion",\n  "runtime": "sglang",\n  "parameters": {\n    "tp-size": [1],\n    \n  }\n}\n',
    );
    const position = new vscode.Position(5, 4);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
    );
    const flags = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Property && item.sortText);
    const byName = new Map(flags.map((item) => [labelOf(item), item]));
    const policy = byName.get('schedule-policy');
    assert.ok(policy, 'schedule-policy is offered');
    assert.match(String(policy.detail), /one of .*lpm.*default "?fcfs"?/);
    assert.match(String(byName.get('mem-fraction-static')?.detail), /float/);
    assert.ok(!byName.has('gpu-memory-utilization'), "vLLM's flags are not offered in an SGLang preset");
    // Commonly tuned flags sort before the rest.
    const sorted = [...flags].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    const firstRare = sorted.findIndex((item) => String(item.sortText).startsWith('1:'));
    assert.ok(firstRare > 10, 'a run of commonly tuned flags comes first');
    assert.ok(sorted.slice(0, firstRare).some((item) => labelOf(item) === 'mem-fraction-static'));
  });

  it("completes a flag's values: its choices, and true/false for an on/off flag", async () => {
    const document = await openPreset(
      'flag-values.preset.json',
      '{\n  "name": "Flag Values",\n  "runtime": "sglang",\n  "parameters": {\n    "schedule-policy": [],\n    "enable-mixed-chunk": []\n  }\n}\n',
    );
    const values = async (after: string): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        positionAfter(document, after),
      );
      return list.items.filter((item) => item.kind === vscode.CompletionItemKind.Value).map(labelOf);
    };
    const policies = await values('"schedule-policy": [');
    for (const choice of ['"lpm"', '"fcfs"']) assert.ok(policies.includes(choice), `${choice} in ${policies}`);
    const onOff = await values('"enable-mixed-chunk": [');
    assert.ok(onOff.includes('true') && onOff.includes('false'), onOff.join(', '));
  });

  it("shows a flag's facts on hover: type, default, choices, versions and the documentation link", async () => {
    const document = await openPreset(
      'flag-hover.preset.json',
      '{\n  "name": "Flag Hover",\n  "runtime": "sglang",\n  "parameters": {\n    "schedule-policy": ["lpm"],\n    "mem-fraction-static": [0.8]\n  }\n}\n',
    );
    const onKey = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionAfter(document, '"schedule-p'),
      ),
    );
    assert.match(onKey, /--schedule-policy/);
    assert.match(onKey, /SGLang 0\.5\.2/);
    assert.match(onKey, /choices.*`lpm`/);
    assert.match(onKey, /default/);
    assert.match(onKey, /\[SGLang server arguments\]\(https:/);
    const onValue = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionAfter(document, '[0.'),
      ),
    );
    assert.match(onValue, /--mem-fraction-static/);
    assert.match(onValue, /range: .*0.*1/);
  });

  it('warns about a misspelt flag at its key, and the quick fix corrects it', async () => {
    const document = await openPreset(
      'flag-typo.preset.json',
      '{\n  "name": "Flag Typo",\n  "runtime": "sglang",\n  "parameters": {\n    "mem-fracton-static": [0.8]\n  }\n}\n',
    );
    const [warning] = await waitForDiagnostics(document.uri, (all) => all.some((d) => d.code === 'flag-unknown'));
    assert.ok(warning);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(warning.range), '"mem-fracton-static"');
    assert.match(warning.message, /did you mean "mem-fraction-static"/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      warning.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((action) => action.title === 'Rename to "mem-fraction-static"');
    assert.ok(rename?.edit, `no rename among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.match(document.getText(), /"mem-fraction-static": \[0\.8\]/);
    // Saved, so the file can go cleanly when the test ends (an unsaved editor keeps a preset alive).
    assert.ok(await document.save());
    await waitForDiagnostics(document.uri, (all) => all.every((d) => !d.code?.toString().startsWith('flag-')));
  });

  it('shows flag problems at the severity of flagProblemSeverity, at once, and none when it is off', async () => {
    const document = await openPreset(
      'flag-severity.preset.json',
      '{\n  "name": "Flag Severity",\n  "runtime": "sglang",\n  "parameters": {\n    "mem-fracton-static": [0.8],\n    "tp-size": [1, 1]\n  }\n}\n',
    );
    const flagProblem = (all: readonly vscode.Diagnostic[]) => all.find((d) => d.code === 'flag-unknown');
    const duplicate = (all: readonly vscode.Diagnostic[]) => all.find((d) => d.code === 'duplicate-value');
    const initial = await waitForDiagnostics(document.uri, (all) => !!flagProblem(all) && !!duplicate(all));
    assert.equal(flagProblem(initial)?.severity, vscode.DiagnosticSeverity.Warning);
    const system = hooks.index.findByName('High Throughput')[0]!;
    const view = await vscode.workspace.openTextDocument(system.openUri);
    await waitForDiagnostics(view.uri, (all) => flagProblem(all)?.severity === vscode.DiagnosticSeverity.Warning);

    const settings = vscode.workspace.getConfiguration('parameterPresets');
    try {
      await settings.update('flagProblemSeverity', 'error', vscode.ConfigurationTarget.Workspace);
      const asErrors = await waitForDiagnostics(
        document.uri,
        (all) => flagProblem(all)?.severity === vscode.DiagnosticSeverity.Error,
      );
      assert.equal(duplicate(asErrors)?.severity, vscode.DiagnosticSeverity.Warning, 'other problems keep theirs');
      await waitForDiagnostics(view.uri, (all) => flagProblem(all)?.severity === vscode.DiagnosticSeverity.Error);

      await settings.update('flagProblemSeverity', 'hint', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, (all) => flagProblem(all)?.severity === vscode.DiagnosticSeverity.Hint);

      await settings.update('flagProblemSeverity', 'off', vscode.ConfigurationTarget.Workspace);
      const off = await waitForDiagnostics(document.uri, (all) => !flagProblem(all));
      assert.ok(duplicate(off), 'the duplicate value is still reported');
      assert.ok(!off.some((d) => String(d.code).startsWith('flag-')), 'no flag problem is shown');
      await waitForDiagnostics(view.uri, (all) => !all.some((d) => String(d.code).startsWith('flag-')));
      assert.ok(
        hooks.index.diagnosticsOf(hooks.index.getByUri(document.uri)!.id).some((d) => d.code === 'flag-unknown'),
        'the index still knows the problem: only the editor hides it',
      );
    } finally {
      await settings.update('flagProblemSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, (all) => flagProblem(all)?.severity === vscode.DiagnosticSeverity.Warning);
  });

  it("shows a system preset's flag warnings in its read-only view, its values as shipped", async () => {
    const entry = hooks.index.findByName('High Throughput')[0];
    assert.ok(entry);
    const document = await vscode.workspace.openTextDocument(entry.openUri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => d.code === 'flag-unknown'));
    const unknown = diagnostics.find((d) => d.code === 'flag-unknown')!;
    assert.equal(document.getText(unknown.range), '"enable-mixed-chunking"');
    assert.match(unknown.message, /did you mean "enable-mixed-chunk"/);
    assert.equal(hooks.index.status(entry.id), 'warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(!actions.some((action) => action.title.startsWith('Rename')), 'no fix edits a shipped preset');
  });

  it("lists a preset's flag problems in its tree tooltip", () => {
    const entry = hooks.index.findByName('Memory Efficient')[0]!;
    const node = hooks.model.nodeFor(entry.id)!;
    const item = hooks.provider.getTreeItem(node);
    const tooltip = hooks.provider.resolveTreeItem(item, node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\/g, ''), /enable-chunked-prefill.*vLLM flag/);
  });

  it('starts a new preset from a sweep of commonly tuned flags, each without a flag problem', async () => {
    for (const [runtime, template] of [
      ['sglang', 'memory'],
      ['vllm', 'batching'],
    ] as const) {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('parameterPresets.newPreset', {
        name: `Template ${runtime} ${template}`,
        runtime,
        template,
      });
      created.push(uri);
      const entry = hooks.index.getByUri(uri);
      assert.ok(entry?.analysis.preset);
      assert.ok(Object.keys(entry.analysis.preset.parameters).length > 0);
      for (const values of Object.values(entry.analysis.preset.parameters)) assert.equal(values.length, 2);
      assert.deepEqual(hooks.index.diagnosticsOf(entry.id), []);
    }
  });
});
