import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ParameterGrid } from '../../../../src/core/model';
import { applyWarnings } from '../../../../src/core/runtime/applyWarnings';
import { mergePresets } from '../../../../src/core/merge';
import type { ValueTokens } from '../../../../src/core/runtime/pythonStr';
import { failingRuns } from '../../../../src/core/runtime/runs';
import { countRuns } from '../../../../src/core/grid';

const runs = (n: number) => countRuns(BigInt(n));
import { shellCommand } from '../../../../src/core/shellQuote';
import { mergedValueTokens } from '../../../../src/core/runtime/valueTokens';
import { readTaskContext } from '../../../../src/core/runtime/taskRuns';
import { runsChecks as checksOf } from '../../../../src/extension/mergePreview/runsChecks';
import { buildRunsSection, MAX_LISTED_RUNS, RUNS_BATCH } from '../../../../src/extension/mergePreview/runsView';
import { chooseFlagKnowledge } from '../../../../src/node/flagKnowledge';
import type { TaskContext } from '../../../../src/core/runtime/taskRuns';
import type { Runtime } from '../../../../src/core/model';
import { openRuntimeCatalogs } from '../../../../src/node/runtimeCatalogs';
import { repoRoot } from '../../helpers/presets';

const catalogs = openRuntimeCatalogs(path.join(repoRoot, 'runtimes'));

/** The checks the extension makes: the flag knowledge chosen by the task, if any, for the presets' runtime. */
function runsChecks(_catalogs: unknown, runtime: Runtime | null, options: { task?: TaskContext } = {}) {
  const task = options.task && { runtime: options.task.runtime, imageTag: options.task.imageTag };
  return checksOf(chooseFlagKnowledge(catalogs, task ? { task } : {}), runtime, options.task);
}

/** 12 × 12 × 12 × 12 = 20,736 runs. */
function hugeGrid(): ParameterGrid {
  const twelve = (from: number) => Array.from({ length: 12 }, (_, i) => from + i);
  return {
    'tp-size': [1, 2, 4, ...twelve(5).slice(0, 9)],
    'max-running-requests': twelve(100),
    'chunked-prefill-size': twelve(1000),
    'cuda-graph-max-bs': twelve(8),
  };
}

describe('Merge Preview: the Runs section', () => {
  const grid: ParameterGrid = { 'tp-size': [1, 2], 'schedule-policy': ['fcfs', 'bogus', 'lpm'] };

  it('lists the first runs in the autotuner order with their command lines and GPUs', () => {
    const { view } = buildRunsSection({
      parameters: grid,
      runtime: 'sglang',
      checks: runsChecks(catalogs, 'sglang'),
      listed: RUNS_BATCH,
    });
    assert.equal(view.total, '6 runs');
    assert.equal(view.gpus, '1–2 GPUs per run');
    assert.equal(view.checkedWith, 'SGLang 0.5.2');
    assert.deepEqual(
      view.runs.map((run) => [run.index, run.gpus]),
      [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 2],
        [4, 2],
        [5, 2],
      ],
    );
    assert.equal(
      view.runs[0]!.command,
      'python3 -m sglang.launch_server --model-path {model} --host 0.0.0.0 --port {port} --tp-size 1 --schedule-policy fcfs',
    );
    assert.equal(view.remaining, 0);
  });

  it('marks the runs that would fail at launch and counts them without listing the grid', () => {
    const { view } = buildRunsSection({
      parameters: grid,
      runtime: 'sglang',
      checks: runsChecks(catalogs, 'sglang'),
      listed: RUNS_BATCH,
    });
    assert.deepEqual(
      view.runs.filter((run) => run.problems.length > 0).map((run) => run.index),
      [1, 4],
    );
    assert.match(view.runs[1]!.problems[0]!, /^parameters\.schedule-policy\[1\]: .*bogus/);
    assert.equal(view.failingRuns, 2);
    assert.equal(view.failing, '2 of 6 runs would fail at launch (the first is run 2).');
  });

  it('finds the failing runs of a grid by counting, as enumeration would', () => {
    const parameters: ParameterGrid = {
      'schedule-policy': ['fcfs', 'nope'],
      'tp-size': [1, 2, 3],
      'kv-cache-dtype': ['auto', 'fp9', 'fp8_e5m2', 'fp7'],
    };
    const checks = runsChecks(catalogs, 'sglang');
    const { runs, view } = buildRunsSection({ parameters, runtime: 'sglang', checks, listed: 100 });
    const failed = [...runs.runs()].filter((run) => run.problems.length > 0).map((run) => run.index);
    assert.equal(view.failingRuns, failed.length);
    assert.equal(failingRuns(runs, []).count, 0n);
    assert.ok(view.failing?.endsWith(`(the first is run ${failed[0]! + 1}).`), view.failing);
    // The first run with each set of problems lists them; the others point back to it.
    const pointedTo = view.runs.filter((run) => run.problemsAsRun !== undefined);
    assert.ok(pointedTo.length > 0);
    for (const run of pointedTo) {
      const earlier = view.runs.find((other) => other.index === run.problemsAsRun)!;
      assert.ok(earlier.index < run.index && earlier.problemsAsRun === undefined);
      assert.deepEqual(earlier.problems, run.problems);
    }
  });

  it('says a grid too large to count as the CLI does, never a rounded number', () => {
    const parameters: ParameterGrid = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}`, [1, 2]]));
    const { view } = buildRunsSection({ parameters, runtime: null, listed: 1 });
    assert.equal(view.total, 'about 10^18 runs');
  });

  it('shows a 20,736-run grid by its first batch, and "show more" adds a batch', () => {
    const checks = runsChecks(catalogs, 'sglang');
    const started = Date.now();
    const first = buildRunsSection({ parameters: hugeGrid(), runtime: 'sglang', checks, listed: RUNS_BATCH });
    assert.ok(Date.now() - started < 1000, 'the section is built at once');
    assert.equal(first.view.total, '20,736 runs');
    assert.equal(first.view.runs.length, RUNS_BATCH);
    assert.equal(first.view.remaining, MAX_LISTED_RUNS - RUNS_BATCH);
    assert.equal(first.view.nextBatch, RUNS_BATCH);
    const more = buildRunsSection({ parameters: hugeGrid(), runtime: 'sglang', checks, listed: 2 * RUNS_BATCH });
    assert.deepEqual(
      more.view.runs.map((run) => run.index),
      Array.from({ length: 2 * RUNS_BATCH }, (_, i) => i),
    );
    const most = buildRunsSection({ parameters: hugeGrid(), runtime: 'sglang', checks, listed: 10 ** 9 });
    assert.equal(most.view.runs.length, MAX_LISTED_RUNS);
    assert.equal(most.view.remaining, 0);
    assert.equal(first.view.gpus, '1–13 GPUs per run');
  });

  it("adds the task's model, image tag, cut and time bound", () => {
    const context = readTaskContext({
      base_runtime: 'sglang',
      runtime_image_tag: 'v0.5.2-cu126',
      model: { id_or_path: 'meta-llama/Llama-3.2-1B-Instruct' },
      optimization: { strategy: 'grid_search', max_iterations: 2, timeout_per_iteration: 7200 },
    });
    const { view } = buildRunsSection({
      parameters: {
        'tp-size': [1, 2, 4, 8],
        'mem-fraction-static': [0.7, 0.8, 0.85],
        'schedule-policy': ['fcfs', 'lpm'],
      },
      runtime: 'sglang',
      checks: runsChecks(catalogs, 'sglang', { task: context }),
      listed: RUNS_BATCH,
      task: { location: 'tasks/tune.json', taskName: 'tune', context },
    });
    assert.deepEqual(view.task, {
      location: 'tasks/tune.json',
      taskName: 'tune',
      model: 'meta-llama/Llama-3.2-1B-Instruct',
      imageTag: 'v0.5.2-cu126',
      cut: '24 runs; the task stops after 2 (max_iterations), in at most 4 h',
      timeBound: '2 runs × 7,200 s (timeout_per_iteration) = 4 h at most.',
      cutShort: true,
      runsTried: 2,
    });
    assert.match(view.runs[0]!.command, /--model-path meta-llama\/Llama-3\.2-1B-Instruct /);
    assert.deepEqual(view.notices, []);
  });

  describe("the task's own values, which Apply's union mode keeps", () => {
    const context = readTaskContext({ base_runtime: 'sglang', optimization: { max_iterations: 3 } });
    const section = (taskParameters: string, parameters: ParameterGrid = { 'tp-size': [1, 2] }) =>
      buildRunsSection({
        parameters,
        runtime: 'sglang',
        checks: runsChecks(catalogs, 'sglang', { task: context }),
        listed: RUNS_BATCH,
        task: {
          location: 't.json',
          taskName: 't',
          context,
          text: `{"task_name": "t", "base_runtime": "sglang", "parameters": ${taskParameters}}`,
        },
      }).view;

    it('says what the task tries when they add runs, and keeps listing the merge', () => {
      const view = section('{"tp-size": [4], "schedule-policy": ["fcfs", "lpm"]}');
      assert.equal(view.task?.cut, '2 runs; the task tries all 2');
      assert.equal(view.task?.cutShort, false);
      assert.equal(view.task?.unionCut, "With the task's own values: 6 runs; the task stops after 3 (max_iterations)");
      assert.equal(view.total, '2 runs', "the runs listed are the merge's");
    });

    it('says nothing more when they change no count', () => {
      assert.equal(section('{"tp-size": [2, 1]}').task?.unionCut, undefined);
      assert.equal(section('{}').task?.unionCut, undefined);
      // A flag of one value of its own: the grid gains a flag, not a run.
      assert.equal(section('{"schedule-policy": ["lpm"]}').task?.unionCut, undefined);
    });

    it('says why union is refused, and nothing for a text that is no task', () => {
      assert.equal(
        section('{"tp-size": 4}').task?.unionCut,
        "Refused: parameters.tp-size is a number, not a list of values, so the merge's values cannot be added to it; apply in replace mode, or make it a list first",
      );
      const noTask = buildRunsSection({
        parameters: { 'tp-size': [1, 2] },
        runtime: 'sglang',
        listed: RUNS_BATCH,
        task: { location: 't.json', taskName: 't', context, text: '{"task_name": ' },
      }).view;
      assert.equal(noTask.task?.unionCut, undefined);
      assert.equal(noTask.task?.cut, '2 runs; the task tries all 2');
    });
  });

  it("uses the task's runtime and image tag for presets of any runtime, and says when runtimes differ", () => {
    const vllmTask = readTaskContext({ base_runtime: 'vllm', runtime_image_tag: 'v0.10.0' });
    const any = runsChecks(catalogs, null, { task: vllmTask });
    assert.equal(any.label, 'vLLM 0.10.0');
    const { view } = buildRunsSection({
      parameters: { 'tp-size': [1] },
      runtime: 'sglang',
      checks: runsChecks(catalogs, 'sglang', { task: vllmTask }),
      listed: RUNS_BATCH,
      task: { location: 't.json', taskName: 't', context: vllmTask },
    });
    assert.match(view.runs[0]!.command, /^python3 -m vllm\.entrypoints\.openai\.api_server /, 'the task launches vLLM');
    assert.equal(view.checkedWith, 'vLLM 0.10.0');
    assert.equal(view.failingRuns, 1, 'tp-size is no vLLM flag');
    assert.equal(view.notices.length, 1);
    assert.match(view.notices[0]!, /launches vLLM \(base_runtime\), but the presets are for SGLang/);
    assert.equal(view.task?.timeBound, 'No time bound: the task sets no timeout_per_iteration.');
    assert.equal(view.task?.cut, '1 run; the task tries it');
  });

  it('checks presets of any runtime against both runtimes without a task', () => {
    const checks = runsChecks(catalogs, null);
    assert.equal(checks.runtimes.length, 2);
    assert.match(checks.label, /^SGLang 0\.5\.2 and vLLM /);
    const { view } = buildRunsSection({ parameters: { 'tp-size': [2] }, runtime: null, checks, listed: 1 });
    assert.match(view.runs[0]!.command, /^\{server\} \{model\} /);
  });

  it("writes the numbers as the presets' files do, a float written 1.0 as 1.0, and checks them so", () => {
    const texts = [
      '{ "name": "A", "runtime": "sglang", "parameters": { "mem-fraction-static": [1.0, 0.85], "tp-size": [2.0] } }',
      '{ "name": "B", "runtime": "sglang", "parameters": { "mem-fraction-static": [0.85], "schedule-policy": ["lpm"] } }',
    ];
    const presets = texts.map((text) => JSON.parse(text) as { name: string; parameters: ParameterGrid });
    const result = mergePresets(presets, 'union');
    const sources = presets.map((preset, i) => ({ ...preset, text: texts[i]!, parametersPath: ['parameters'] }));
    const section = (tokens?: ValueTokens) =>
      buildRunsSection({
        parameters: result.parameters,
        tokens,
        runtime: 'sglang',
        checks: runsChecks(catalogs, 'sglang'),
        listed: RUNS_BATCH,
      }).view;

    const written = section(mergedValueTokens(result.parameters, result.sources, sources));
    assert.deepEqual(
      written.runs.map((run) => run.command.replace(/^.* --port \{port\} /, '')),
      [
        '--mem-fraction-static 1.0 --tp-size 2.0 --schedule-policy lpm',
        '--mem-fraction-static 0.85 --tp-size 2.0 --schedule-policy lpm',
      ],
    );
    assert.equal(written.failingRuns, 2, 'tp-size 2.0 is a float, which SGLang refuses for an int flag');
    assert.match(written.runs[0]!.problems.join('\n'), /tp-size/);

    const asValues = section(undefined);
    assert.match(asValues.runs[0]!.command, / --mem-fraction-static 1 --tp-size 2 /, 'without the texts: values');
    assert.equal(asValues.failingRuns, 0);
  });

  it('lists the runs unchecked when no catalog could be read', () => {
    const { view } = buildRunsSection({ parameters: grid, runtime: 'sglang', listed: 1 });
    assert.equal(view.failingRuns, 0);
    assert.match(view.checkedWith, /no runtime catalog/);
  });

  it('writes each command as the CLI does, quoted for a shell only where a shell would change it', () => {
    const parameters: ParameterGrid = { 'json-model-override-args': ['{"x":1}'], 'served-model-name': ['{a,b}'] };
    const { runs, view } = buildRunsSection({ parameters, runtime: 'sglang', listed: 1 });
    assert.equal(view.runs[0]!.command, shellCommand(runs.runAt(0).command));
    assert.match(view.runs[0]!.command, / --json-model-override-args '\{"x":1\}' --served-model-name '\{a,b\}'$/);
  });
});

describe('Apply to Task warnings', () => {
  it("say when the task stops before the grid's end, and when its runtime is not the presets'", () => {
    const task = readTaskContext({ base_runtime: 'vllm', optimization: { max_iterations: 2 } });
    assert.deepEqual(applyWarnings(runs(24), 'sglang', task), [
      'The grid has 24 runs, but the task stops after 2 (max_iterations): the other 22 are never tried.',
      'The task launches vLLM (base_runtime), but the presets are for SGLang: the runs are checked against vLLM, where their flags may not exist.',
    ]);
    assert.deepEqual(applyWarnings(runs(2), 'vllm', task), []);
    assert.deepEqual(applyWarnings(runs(24), null, task).length, 1);
  });

  it('use the default of 100 iterations and the optimizer wording for other strategies', () => {
    assert.deepEqual(applyWarnings(runs(100), 'sglang', readTaskContext({ base_runtime: 'sglang' })), []);
    assert.match(applyWarnings(runs(648), 'sglang', readTaskContext({}))[0]!, /stops after 100 \(max_iterations\)/);
    const bayesian = readTaskContext({ optimization: { strategy: 'bayesian', max_iterations: 30 } });
    assert.equal(
      applyWarnings(runs(648), null, bayesian)[0],
      "The grid has 648 runs; the task's bayesian optimizer tries 30 of them (max_iterations), of its own choosing.",
    );
  });
});
