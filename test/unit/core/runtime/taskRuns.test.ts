import * as assert from 'node:assert/strict';
import { checkFlags } from '../../../../src/core/runtime/flagChecks';
import { gridRuns } from '../../../../src/core/runtime/runs';
import { countRuns } from '../../../../src/core/grid';
import {
  formatDuration,
  readTaskContext,
  runsSummary,
  taskCut,
  unionRuns,
} from '../../../../src/core/runtime/taskRuns';
import { readFixture } from '../../helpers/presets';
import { indexes } from './handCatalogs';

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

  it('takes only a string model, a positive finite max_iterations (whole) and timeout, else the defaults', () => {
    const read = (model: unknown, optimization: unknown) =>
      readTaskContext({ model: { id_or_path: model }, base_runtime: 'tgi', optimization });
    assert.deepEqual(read('m', { max_iterations: 7.9, timeout_per_iteration: 0.5 }), {
      model: 'm',
      runtime: null,
      imageTag: null,
      strategy: 'grid_search',
      maxIterations: 7,
      timeoutPerIteration: 0.5,
      maxIterationsWarning:
        'optimization.max_iterations is 7.9, not a positive whole number: the autotuner may fail, run nothing or cut the grid otherwise; counted here as 7',
    });
    for (const bad of [0, -3, '50', Infinity, NaN, null, true]) {
      const context = read(42, { max_iterations: bad, timeout_per_iteration: bad });
      assert.deepEqual(
        [context.model, context.maxIterations, context.timeoutPerIteration],
        [null, 100, null],
        String(bad),
      );
    }
    assert.deepEqual(readTaskContext('not a task'), readTaskContext({}));
  });

  it('warns of a max_iterations that is set but no positive whole number, and of no other', () => {
    const warning = (value: unknown) =>
      readTaskContext({ optimization: { max_iterations: value } }).maxIterationsWarning;
    const unset =
      'not a positive whole number: the autotuner may fail, run nothing or cut the grid otherwise; counted here as unset (100)';
    assert.equal(warning('5'), `optimization.max_iterations is "5", ${unset}`);
    assert.equal(warning(0), `optimization.max_iterations is 0, ${unset}`);
    assert.equal(warning(-3), `optimization.max_iterations is -3, ${unset}`);
    assert.equal(warning(null), `optimization.max_iterations is null, ${unset}`);
    assert.equal(warning(true), `optimization.max_iterations is true, ${unset}`);
    assert.equal(warning(Infinity), `optimization.max_iterations is Infinity, ${unset}`);
    assert.equal(warning('x'.repeat(100)), `optimization.max_iterations is "${'x'.repeat(36)}..., ${unset}`);
    for (const fine of [1, 2, 100, 1e20]) assert.equal(warning(fine), undefined, String(fine));
    assert.equal(readTaskContext({ optimization: {} }).maxIterationsWarning, undefined);
    assert.equal(readTaskContext(exampleTask).maxIterationsWarning, undefined);
    assert.ok(!Object.hasOwn(readTaskContext({}), 'maxIterationsWarning'));
  });

  it('with the text, warns of a whole max_iterations written as a float, which Python slices with no more', () => {
    const context = (written: string) => {
      const text = `{"optimization": {"max_iterations": ${written}}}`;
      return readTaskContext(JSON.parse(text), text);
    };
    assert.equal(
      context('7.0').maxIterationsWarning,
      'optimization.max_iterations is 7.0, a float to Python, whose slice of the runs refuses it; write 7 (counted here as 7)',
    );
    assert.match(context('7e0').maxIterationsWarning!, /^optimization\.max_iterations is 7e0, a float/);
    assert.equal(context('7').maxIterationsWarning, undefined);
    assert.equal(context('7').maxIterations, 7);
    assert.match(context('7.5').maxIterationsWarning!, /is 7\.5, not a positive whole number/);
    assert.equal(readTaskContext({ optimization: { max_iterations: 7 } }).maxIterationsWarning, undefined, 'no text');
  });

  it('warns of a timeout_per_iteration that is set but no positive number of seconds', () => {
    const warning = (value: unknown) =>
      readTaskContext({ optimization: { timeout_per_iteration: value } }).timeoutWarning;
    const none = 'not a positive number of seconds; counted here as no time bound';
    assert.equal(warning(0), `optimization.timeout_per_iteration is 0, ${none}`);
    assert.equal(warning(-1), `optimization.timeout_per_iteration is -1, ${none}`);
    assert.equal(warning('600'), `optimization.timeout_per_iteration is "600", ${none}`);
    assert.equal(warning(Infinity), `optimization.timeout_per_iteration is Infinity, ${none}`);
    for (const fine of [0.5, 600]) assert.equal(warning(fine), undefined, String(fine));
    assert.ok(!Object.hasOwn(readTaskContext({ optimization: {} }), 'timeoutWarning'));
  });

  it('writes one run, or all of several, that a task tries', () => {
    const context = readTaskContext({});
    assert.equal(taskCut(1, context).sentence, '1 run; the task tries it');
    assert.equal(taskCut(100, context).sentence, '100 runs; the task tries all 100');
    assert.equal(taskCut(101, context).sentence, '101 runs; the task stops after 100 (max_iterations)');
  });

  it('writes counts with thousands separators, as the rest of the CLI and the Merge Preview do', () => {
    const context = { ...readTaskContext({}), maxIterations: 5000 };
    assert.equal(taskCut(20736, context).sentence, '20,736 runs; the task stops after 5,000 (max_iterations)');
    assert.equal(taskCut(1500, context).sentence, '1,500 runs; the task tries all 1,500');
    assert.match(
      taskCut(20736, { ...context, strategy: 'bayesian' }).sentence,
      /^20,736 runs in the grid; the bayesian optimizer picks 5,000 trials/,
    );
  });

  it('says a grid too large to count as every command does, and --json total_runs as grid_size', () => {
    const parameters = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}`, [1, 2]]));
    const runs = gridRuns(parameters, { runtime: 'sglang' });
    const context = readTaskContext({ task_name: 't', parameters: {} });
    assert.equal(taskCut(runs.count, context).sentence, 'about 10^18 runs; the task stops after 100 (max_iterations)');
    const summary = runsSummary(runs, { limit: 0, task: { path: 't.json', context } });
    assert.equal(summary.total_runs, Number.MAX_SAFE_INTEGER);
    assert.equal(summary.task!.runs_tried, 100);
  });

  it('never says a task tries "all" of a grid too large to count, and bounds it by max_iterations', () => {
    const parameters = Object.fromEntries(Array.from({ length: 53 }, (_, i) => [`p${i}`, [1, 2, 3]]));
    const count = gridRuns(parameters, { runtime: 'sglang' }).count;
    const within = { ...readTaskContext({}), maxIterations: Number.MAX_SAFE_INTEGER, timeoutPerIteration: 1 };
    assert.ok(
      taskCut(count, within).sentence.startsWith(
        'about 10^25 runs; the task stops after 9,007,199,254,740,991 (max_iterations), in at most ',
      ),
    );
    const beyond = { ...within, maxIterations: 1e30 };
    const cut = taskCut(count, beyond);
    assert.ok(
      cut.sentence.startsWith(
        `about 10^25 runs; the task tries at most ${(1e30).toLocaleString('en-US')} (max_iterations), in at most `,
      ),
      cut.sentence,
    );
    assert.equal(cut.runsTried, 1e30);
    assert.equal(cut.timeBoundSeconds, 1e30);
    assert.equal(taskCut(9, beyond).sentence.startsWith('9 runs; the task tries all 9'), true);
  });

  it('formats durations at each unit boundary', () => {
    assert.deepEqual([0.4, 59.4, 59.6, 60, 3599, 3600, 86399, 86400, 90000].map(formatDuration), [
      '0 s',
      '59 s',
      '1 min',
      '1 min',
      '1 h',
      '1 h',
      '1 d',
      '1 d',
      '1 d 1 h',
    ]);
    assert.deepEqual([3000, 5400, 86400 * 3, 82800].map(formatDuration), ['50 min', '1 h 30 min', '3 d', '23 h']);
  });

  it('formats a year and more in years, and a bound past the largest number, never "NaN h"', () => {
    const day = 86400;
    assert.deepEqual([364 * day + 23 * 3600, 365 * day, 800 * day, 1e12, 1e308, 3 * 1e308].map(formatDuration), [
      '364 d 23 h',
      'about 1 year',
      'about 2 years',
      'about 31,688 years',
      'about 10^300 years',
      'more than 10^300 years',
    ]);
    // No task gives these (the reader takes only positive finite timeouts); zero runs take no time.
    assert.deepEqual([0, -5, NaN].map(formatDuration), ['0 s', 'an unknown time', 'an unknown time']);
  });

  it("lists each run's launch problems by message in the JSON summary", () => {
    const parameters = { 'tp-size': ['two'] };
    const problems = checkFlags(parameters, [{ runtime: 'sglang', index: indexes.sglang052 }]);
    const summary = runsSummary(gridRuns(parameters, { runtime: 'sglang', problems }), { limit: 5 });
    assert.deepEqual(
      summary.runs.map((run) => run.problems),
      [problems.map((p) => p.message)],
    );
    assert.ok(summary.runs[0]!.problems[0]!.length > 0);
  });

  it('tries every run of a grid search smaller than max_iterations, and bounds the time by those', () => {
    const context = { ...readTaskContext({}), timeoutPerIteration: 60 };
    const cut = taskCut(3, context);
    assert.equal(cut.runsTried, 3);
    assert.equal(cut.cutsGrid, false);
    assert.equal(cut.timeBoundSeconds, 180);
    assert.equal(cut.sentence, '3 runs; the task tries all 3, in at most 3 min');
  });

  it('writes a task without a timeout as no time bound in the JSON summary, not as 0', () => {
    const runs = gridRuns({ 'tp-size': [1, 2] }, { runtime: 'sglang' });
    const context = readTaskContext({ task_name: 't', parameters: {} });
    const summary = runsSummary(runs, { limit: 0, task: { path: 't.json', context } });
    assert.equal(summary.task!.time_bound_seconds, null);
    assert.equal(summary.task!.timeout_per_iteration, null);
  });

  it('says a million years and more as a power of ten', () => {
    const year = 365.25 * 24 * 60 * 60;
    assert.equal(formatDuration(999_999 * year), 'about 999,999 years');
    assert.equal(formatDuration(1e6 * year), 'about 10^6 years');
  });

  it('quotes a max_iterations of up to 40 characters whole, and a longer one cut', () => {
    const warning = (value: string) =>
      readTaskContext({ optimization: { max_iterations: value } }).maxIterationsWarning ?? '';
    const forty = 'x'.repeat(38);
    assert.ok(warning(forty).startsWith(`optimization.max_iterations is "${forty}", not `), warning(forty));
    const longer = 'x'.repeat(39);
    assert.ok(
      warning(longer).startsWith(`optimization.max_iterations is "${'x'.repeat(36)}..., not `),
      warning(longer),
    );
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
        union: null,
      },
    });
    assert.equal(runsSummary(runs, { limit: 0 }).task, null);
  });

  describe('union mode: the task keeps its own values beside the grid', () => {
    const task = (parameters: string) => `{"task_name": "t", "parameters": ${parameters}}`;
    const context = { ...readTaskContext({ optimization: { max_iterations: 5 } }), timeoutPerIteration: 60 };
    const grid = { 'tp-size': [1, 2], 'schedule-policy': ['fcfs', 'lpm'] };

    it('counts the grid the task holds after the union, and says what it tries', () => {
      const union = unionRuns(task('{"tp-size": [8, 1]}'), grid, countRuns(4n), context);
      assert.equal(union?.kind, 'more');
      assert.equal(
        union?.sentence,
        "With the task's own values: 6 runs; the task stops after 5 (max_iterations), in at most 5 min",
      );
      const runs = gridRuns(grid, { runtime: 'sglang' });
      assert.deepEqual(runsSummary(runs, { limit: 0, task: { path: 't.json', context, union } }).task?.union, {
        total_runs: 6,
        runs_tried: 5,
        time_bound_seconds: 300,
      });
    });

    it("is silent when the count stays the grid's, and for a text that is no task", () => {
      assert.equal(unionRuns(task('{"tp-size": [2]}'), grid, countRuns(4n), context), undefined);
      // The same count by other values: the task's one-value flag adds no run.
      assert.equal(unionRuns(task('{"dtype": ["auto"]}'), grid, countRuns(4n), context), undefined);
      assert.equal(unionRuns('{"task_name": ', grid, countRuns(4n), context), undefined);
    });

    it('beyond exact counting, compares the counts as they read: their powers of ten', () => {
      // 10^16 runs, more than a double counts exactly.
      const huge = Object.fromEntries(
        Array.from({ length: 16 }, (_, k) => [`flag-${k}`, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]),
      );
      const hugeRuns = countRuns(10n ** 16n);
      const taskWith = (values: number[]) => task(JSON.stringify({ 'flag-0': values }));
      // One more value: 1.1 × 10^16 runs, still "about 10^16".
      assert.equal(unionRuns(taskWith([10]), huge, hugeRuns, context), undefined);
      // Ninety more: 10^17.
      const more = Array.from({ length: 90 }, (_, i) => 10 + i);
      assert.match(unionRuns(taskWith(more), huge, hugeRuns, context)!.sentence, /about 10\^17 runs/);
    });

    it('says why union mode is refused, as the JSON summary does', () => {
      const union = unionRuns(task('{"tp-size": 4}'), grid, countRuns(4n), context);
      assert.equal(union?.kind, 'refused');
      assert.match(union!.sentence, /^Refused: parameters\.tp-size is a number, not a list of values/);
      const runs = gridRuns(grid, { runtime: 'sglang' });
      const summary = runsSummary(runs, { limit: 0, task: { path: 't.json', context, union } });
      assert.deepEqual(summary.task?.union, {
        refused:
          "parameters.tp-size is a number, not a list of values, so the merge's values cannot be added to it; apply in replace mode, or make it a list first",
      });
    });
  });
});
