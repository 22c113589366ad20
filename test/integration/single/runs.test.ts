/**
 * Issue 16 in a real host (single-folder fixture): Apply to Task asks before writing a grid the task will
 * not run as is, Convert to vLLM writes a new preset that lists what had no counterpart, and the Merge
 * Preview's Runs section lists runs and the chosen task's cut. Every file created here is removed again:
 * later suites count the fixture's presets.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from '../helpers';
import { eventually, exists, extensionUnderTest, readText, writeText, type Hooks } from '../hooks';

let hooks: Hooks;

const run = <T>(command: string, ...args: unknown[]): Thenable<T> =>
  vscode.commands.executeCommand<T>(command, ...args);

before(async () => {
  ({ hooks } = await extensionUnderTest());
});

after(() => hooks.mergePreview()?.dispose());

type Asked = { message: string; detail: string; buttons: string[] };

/** Answers the extension's modal questions for the duration of `body`, recording what they said. */
async function answeringModals<T>(
  answer: string | undefined,
  body: () => Thenable<T>,
): Promise<{ result: T; asked: Asked[] }> {
  const window = vscode.window as unknown as { showWarningMessage: (...args: unknown[]) => unknown };
  const original = window.showWarningMessage;
  const asked: Asked[] = [];
  window.showWarningMessage = (message: unknown, ...rest: unknown[]) => {
    const options = rest[0] as vscode.MessageOptions | undefined;
    if (!options?.modal) return original.call(vscode.window, message, ...rest);
    asked.push({ message: String(message), detail: options.detail ?? '', buttons: rest.slice(1).map(String) });
    return Promise.resolve(answer);
  };
  try {
    return { result: await body(), asked };
  } finally {
    window.showWarningMessage = original;
  }
}

async function writeTask(name: string, task: Record<string, unknown>): Promise<vscode.Uri> {
  const uri = workspaceFile(`${name}.json`);
  await writeText(uri, JSON.stringify({ task_name: name, parameters: { 'tp-size': [1] }, ...task }, null, 2) + '\n');
  return uri;
}

async function remove(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    for (const editor of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      const input = editor.input as { uri?: vscode.Uri } | undefined;
      if (input?.uri?.toString() === uri.toString()) await vscode.window.tabGroups.close(editor);
    }
    if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await hooks.index.reload(uri);
  }
}

describe('Apply to Task warnings', () => {
  it('asks before writing a grid with more runs than max_iterations, and Cancel writes nothing', async () => {
    const task = await writeTask('short-task', {
      base_runtime: 'sglang',
      optimization: { strategy: 'grid_search', max_iterations: 2, timeout_per_iteration: 600 },
    });
    const before = await readText(task);
    const options = { presets: ['Fast Decode'], strategy: 'union', task, mode: 'replace' };
    const cancelled = await answeringModals(undefined, () => run('parameterPresets.applyToTask', options));
    assert.equal(cancelled.asked.length, 1, 'one question');
    assert.equal(cancelled.asked[0]!.message, 'Apply to "short-task"?');
    assert.deepEqual(cancelled.asked[0]!.buttons, ['Apply']);
    assert.match(
      cancelled.asked[0]!.detail,
      /The grid has 4 runs, but the task stops after 2 \(max_iterations\): the other 2 are never tried\./,
    );
    assert.match(cancelled.asked[0]!.detail, /Apply replaces the parameters of short-task\.json with the 4-run grid\./);
    assert.equal(await readText(task), before, 'nothing written on Cancel');

    const applied = await answeringModals('Apply', () => run('parameterPresets.applyToTask', options));
    assert.equal(applied.asked.length, 1);
    assert.deepEqual(JSON.parse(await readText(task)).parameters, {
      'tp-size': [1, 2],
      'schedule-policy': ['lpm', 'fcfs'],
    });
    await remove(task);
  });

  it("asks when the task's base_runtime is not the presets' runtime, checked with the task's image tag", async () => {
    const task = await writeTask('vllm-task', { base_runtime: 'vllm', runtime_image_tag: 'v0.10.0' });
    const { asked } = await answeringModals(undefined, () =>
      run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'union' }),
    );
    assert.equal(asked.length, 1);
    assert.match(asked[0]!.detail, /The task launches vLLM \(base_runtime\), but the presets are for SGLang/);
    assert.match(asked[0]!.detail, /runs would fail at launch with vLLM 0\.10\.0: parameters\./);
    assert.match(asked[0]!.detail, /Apply adds the grid's values to the parameters of vllm-task\.json\./);
    await remove(task);
  });

  it("counts the task's own values in union mode: they can push the grid past max_iterations", async () => {
    // The merge alone has 4 runs, which max_iterations 4 holds; with the task's own two chunk sizes, 8, and the
    // runs of its chunk size that SGLang refuses fail at launch.
    const task = await writeTask('union-task', {
      base_runtime: 'sglang',
      parameters: { 'tp-size': [1], 'chunked-prefill-size': [1024, 'big'] },
      optimization: { max_iterations: 4 },
    });
    const { asked } = await answeringModals('Apply', () =>
      run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'union' }),
    );
    assert.equal(asked.length, 1, 'one question');
    assert.match(
      asked[0]!.detail,
      /The grid has 8 runs, but the task stops after 4 \(max_iterations\): the other 4 are never tried\./,
    );
    assert.match(
      asked[0]!.detail,
      /4 of the 8 runs would fail at launch with SGLang 0\.5\.2: parameters\.chunked-prefill-size\[1\]: /,
    );
    assert.deepEqual(JSON.parse(await readText(task)).parameters['chunked-prefill-size'], [1024, 'big']);
    await remove(task);
  });

  it('writes without a question when the task runs the whole grid of its runtime', async () => {
    const task = await writeTask('fitting-task', { base_runtime: 'sglang', optimization: { max_iterations: 4 } });
    const { asked } = await answeringModals(undefined, () =>
      run('parameterPresets.applyToTask', { presets: ['Fast Decode'], strategy: 'union', task, mode: 'replace' }),
    );
    assert.deepEqual(asked, []);
    assert.deepEqual(JSON.parse(await readText(task)).parameters['schedule-policy'], ['lpm', 'fcfs']);
    await remove(task);
  });
});

describe('Convert to vLLM', () => {
  it('writes a new vLLM preset, listing in its metadata what had no counterpart', async () => {
    const uri = await run<vscode.Uri>('parameterPresets.convertToVllm', 'Fast Decode', {});
    try {
      assert.ok(uri.path.endsWith('/presets/fast-decode-vllm.preset.json'), uri.path);
      const written = JSON.parse(await readText(uri));
      assert.equal(written.name, 'Fast Decode (vLLM)');
      assert.equal(written.runtime, 'vllm');
      assert.deepEqual(written.parameters, { 'tensor-parallel-size': [1, 2], 'scheduling-policy': ['fcfs'] });
      assert.deepEqual(written.metadata.conversion.unmapped_values, { 'schedule-policy': ['lpm'] });
      assert.deepEqual(written.metadata.conversion.from, { name: 'Fast Decode', runtime: 'sglang' });
      await eventually(() => hooks.index.hasName('Fast Decode (vLLM)'), 'the new preset is indexed');
      const again = await answeringModals(undefined, () =>
        run<vscode.Uri | undefined>('parameterPresets.convertToSglang', 'Fast Decode', {}),
      );
      assert.equal(again.result, undefined, 'an SGLang preset is not converted to SGLang');
    } finally {
      await remove(uri);
    }
  });
});

describe('Merge Preview: the Runs section', () => {
  it("lists runs, adds a batch on Show more, and shows a chosen task's cut", async () => {
    await run('parameterPresets.merge', { presets: ['Fast Decode'], strategy: 'union' });
    const panel = hooks.mergePreview();
    assert.ok(panel);
    const runs = panel.state.runs;
    assert.ok(runs, 'the state has a Runs section');
    assert.equal(runs.total, '4 runs');
    assert.equal(runs.gpus, '1–2 GPUs per run');
    assert.equal(runs.checkedWith, 'SGLang 0.5.2');
    assert.equal(
      runs.runs[0]!.command,
      'python3 -m sglang.launch_server --model-path {model} --host 0.0.0.0 --port {port} --tp-size 1 --schedule-policy lpm',
    );
    assert.equal(runs.failingRuns, 0);

    const task = await writeTask('runs-task', {
      base_runtime: 'sglang',
      runtime_image_tag: 'v0.5.2-cu126',
      model: { id_or_path: 'Qwen/Qwen2.5-0.5B-Instruct' },
      optimization: { max_iterations: 2, timeout_per_iteration: 7200 },
    });
    try {
      await panel.chooseTask(task);
      const withTask = panel.state.runs!;
      assert.equal(withTask.task?.cut, '4 runs; the task stops after 2 (max_iterations), in at most 4 h');
      assert.equal(withTask.task?.model, 'Qwen/Qwen2.5-0.5B-Instruct');
      assert.equal(withTask.task?.imageTag, 'v0.5.2-cu126');
      assert.match(withTask.runs[0]!.command, /--model-path Qwen\/Qwen2\.5-0\.5B-Instruct /);
      assert.equal(await panel.receive({ type: 'copyCommand', index: 3 }), true);
      assert.match(await vscode.env.clipboard.readText(), /--tp-size 2 --schedule-policy fcfs$/);
      assert.equal(await panel.receive({ type: 'clearTask' }), true);
      assert.equal(panel.state.runs!.task, undefined);
      assert.equal(await panel.receive({ type: 'copyCommand', index: -1 }), false, 'a bad index is no message');
    } finally {
      await remove(task);
    }
  });

  it('writes a float the file writes as 1.0 as 1.0 in the command lines, as presets runs does', async () => {
    const uri = workspaceFile('presets/float-texts.preset.json');
    await writeText(
      uri,
      '{ "name": "Float Texts", "runtime": "sglang", "parameters": { "mem-fraction-static": [1.0, 0.85] } }\n',
    );
    try {
      await eventually(() => hooks.index.hasName('Float Texts'), 'the new preset is indexed');
      await run('parameterPresets.merge', { presets: ['Float Texts'], strategy: 'union' });
      const commands = hooks.mergePreview()!.state.runs!.runs.map((r) => r.command);
      assert.deepEqual(
        commands.map((command) => command.replace(/^.* --port \{port\} /, '')),
        ['--mem-fraction-static 1.0', '--mem-fraction-static 0.85'],
      );
    } finally {
      await remove(uri);
    }
  });
});
