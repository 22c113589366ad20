import * as assert from 'node:assert/strict';
import { gridRuns } from '../../../../src/core/runtime/runs';
import { formatDuration, readTaskContext, runsSummary, taskCut } from '../../../../src/core/runtime/taskRuns';
import { readFixture } from '../../helpers/presets';

const exampleTask = JSON.parse(readFixture('autotuner-example-task.json')) as unknown;

describe('task runs', () => {
  it("reads the example task's model, runtime and optimization", () => {
    assert.deepEqual(readTaskContext(exampleTask), {
      model: 'llama-3-2-1b-instruct',
      runtime: 'sglang',
      imageTag: null,
      strategy: 'grid_search',
      maxIterations: 2,
      timeoutPerIteration: 600,
    });
  });

  it("uses the autotuner's defaults: grid search, 100 iterations", () => {
    const context = readTaskContext({ task_name: 't', parameters: {} });
    assert.equal(context.strategy, 'grid_search');
    assert.equal(context.maxIterations, 100);
    assert.equal(context.timeoutPerIteration, null);
    const cut = taskCut(648, context);
    assert.equal(cut.runsTried, 100);
    assert.equal(cut.timeBoundSeconds, null);
    assert.equal(cut.sentence, '648 runs; the task stops after 100 (max_iterations)');
  });

  it('cuts a grid search at max_iterations, and bounds the time by runs tried × timeout', () => {
    const context = { ...readTaskContext(exampleTask), timeoutPerIteration: 7200 };
    const cut = taskCut(24, context);
    assert.equal(cut.runsTried, 2);
    assert.equal(cut.timeBoundSeconds, 14400);
    assert.equal(cut.sentence, '24 runs; the task stops after 2 (max_iterations), in at most 4 h');
    assert.equal(taskCut(2, context).sentence, '2 runs; the task tries all 2, in at most 4 h');
  });

  it('says the optimizer picks the trials for other strategies', () => {
    const cut = taskCut(24, { ...readTaskContext(exampleTask), strategy: 'bayesian', maxIterations: 50 });
    assert.equal(cut.optimizerPicks, true);
    assert.equal(cut.runsTried, 50);
    assert.match(cut.sentence, /^24 runs in the grid; the bayesian optimizer picks 50 trials/);
  });

  it('formats durations for people', () => {
    assert.deepEqual([30, 600, 14400, 9000, 86400 + 3600 * 4].map(formatDuration), [
      '30 s',
      '10 min',
      '4 h',
      '2 h 30 min',
      '1 d 4 h',
    ]);
  });

  it('builds the JSON summary the CLI prints', () => {
    const context = readTaskContext(exampleTask);
    const runs = gridRuns(
      { 'tp-size': [1, 2], 'mem-fraction-static': [0.7, 0.8] },
      { runtime: 'sglang', model: context.model! },
    );
    const summary = runsSummary(runs, { limit: 1, task: { path: 'tasks/simple.json', context } });
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), {
      runtime: 'sglang',
      total_runs: 4,
      gpus: { min: 1, max: 2 },
      runs: [
        {
          index: 0,
          parameters: { 'tp-size': 1, 'mem-fraction-static': 0.7 },
          command: [
            'python3',
            '-m',
            'sglang.launch_server',
            '--model-path',
            'llama-3-2-1b-instruct',
            '--host',
            '0.0.0.0',
            '--port',
            '{port}',
            '--tp-size',
            '1',
            '--mem-fraction-static',
            '0.7',
          ],
          gpus: 1,
          problems: [],
        },
      ],
      task: {
        path: 'tasks/simple.json',
        max_iterations: 2,
        timeout_per_iteration: 600,
        runs_tried: 2,
        time_bound_seconds: 1200,
      },
    });
    assert.equal(runsSummary(runs, { limit: 0 }).task, null);
  });
});
