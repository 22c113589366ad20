import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParameterGrid, Scalar } from '../../../../src/core/model';
import { checkFlags } from '../../../../src/core/runtime/flagChecks';
import type { FlagProblem } from '../../../../src/core/runtime/flagChecks';
import {
  failingRuns,
  failingRunsSentence,
  gpusOf,
  gridRuns,
  problemsToldBefore,
  runCommand,
} from '../../../../src/core/runtime/runs';
import { indexes } from './handCatalogs';

/** itertools.product over the non-empty lists, written plainly. */
function product(grid: ParameterGrid): Record<string, Scalar>[] {
  let combos: Record<string, Scalar>[] = [{}];
  for (const [name, values] of Object.entries(grid)) {
    if (values.length === 0) continue;
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos;
}

const sglangBase = [
  'python3',
  '-m',
  'sglang.launch_server',
  '--model-path',
  '{model}',
  '--host',
  '0.0.0.0',
  '--port',
  '{port}',
];

describe('runs of a grid', () => {
  it('lists runs in itertools.product order, the first parameter slowest, empty lists skipped', () => {
    const runs = gridRuns({ a: [1, 2], skipped: [], b: ['x', 'y', 'z'] }, { runtime: 'sglang' });
    assert.equal(runs.total, 6);
    assert.deepEqual(
      Array.from(runs.runs(), (r) => r.parameters),
      product({ a: [1, 2], b: ['x', 'y', 'z'] }),
    );
    assert.deepEqual(runs.runAt(1).parameters, { a: 1, b: 'y' });
    assert.deepEqual(
      runs.axes.map((a) => a.name),
      ['a', 'b'],
    );
  });

  it('agrees with a plain Cartesian product on any grid', () => {
    const grid = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }),
      fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string()), { maxLength: 3 }),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(grid, (parameters) => {
        const runs = gridRuns(parameters, { runtime: 'vllm' });
        const expected = product(parameters);
        assert.equal(runs.total, expected.length);
        assert.deepEqual(
          Array.from(runs.runs(), (r) => r.parameters),
          expected,
        );
      }),
    );
  });

  it('shows the first runs of a huge grid without building the rest', () => {
    const grid: Record<string, number[]> = {};
    for (let p = 0; p < 4; p++) grid[`p${p}`] = Array.from({ length: 12 }, (_, i) => i);
    const runs = gridRuns({ ...grid, q: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, { runtime: 'sglang' });
    assert.equal(runs.total, 248_832);
    assert.equal(Array.from(runs.runs(0, 50)).length, 50);
    assert.deepEqual(runs.runAt(runs.total - 1).parameters, { p0: 11, p1: 11, p2: 11, p3: 11, q: 12 });
    // Past 2^53 the count is exact as a bigint, and the first runs still come at once.
    const huge: Record<string, number[]> = {};
    for (let p = 0; p < 20; p++) huge[`p${p}`] = Array.from({ length: 10 }, (_, i) => i);
    const hugeRuns = gridRuns(huge, { runtime: 'sglang' });
    assert.equal(hugeRuns.exactTotal, 10n ** 20n);
    assert.equal(hugeRuns.total, 1e20);
    assert.equal(Array.from(hugeRuns.runs(0, 3)).length, 3);
    assert.deepEqual(Object.values(hugeRuns.runAt(2).parameters).slice(-2), [0, 2]);
    assert.throws(() => hugeRuns.runAt(2 ** 60), RangeError);
  });

  it('refuses a run outside the grid, and lists runs from any start', () => {
    const runs = gridRuns({ a: [1, 2], b: ['x', 'y'] }, { runtime: 'sglang' });
    for (const index of [-1, 4, 1.5]) {
      assert.throws(() => runs.runAt(index), {
        name: 'RangeError',
        message: `run ${index} is not in a grid of 4 runs`,
      });
    }
    assert.deepEqual(runs.runAt(3).parameters, { a: 2, b: 'y' });
    assert.deepEqual(
      Array.from(runs.runs(1, 2), (run) => run.index),
      [1, 2],
    );
    assert.deepEqual(
      Array.from(runs.runs(2), (run) => run.index),
      [2, 3],
    );
    assert.deepEqual(
      Array.from(runs.runs(3, 5), (run) => run.parameters),
      [{ a: 2, b: 'y' }],
    );
  });

  it('treats a grid with nothing to vary as one run with the base command', () => {
    const runs = gridRuns({ empty: [] }, { runtime: 'sglang' });
    assert.equal(runs.total, 1);
    assert.deepEqual(runs.runAt(0).command, sglangBase);
  });

  describe('commands', () => {
    it('builds the argv as the autotuner does: bare true, nothing for false, str() values, split', () => {
      const command = runCommand(
        'sglang',
        [
          ['tp-size', 2],
          ['mem-fraction-static', 0.85],
          ['enable-mixed-chunk', true],
          ['disable-radix-cache', false],
          ['quantization', null],
          ['schedule-conservativeness', 1, '1.0'],
          ['--already-dashed', 'fcfs'],
          ['eps', 1e-5],
          ['two words', 'a b'],
        ],
        'llama-3-2-1b-instruct',
      );
      assert.deepEqual(command, [
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
        '2',
        '--mem-fraction-static',
        '0.85',
        '--enable-mixed-chunk',
        '--quantization',
        'None',
        '--schedule-conservativeness',
        '1.0',
        '--already-dashed',
        'fcfs',
        '--eps',
        '1e-05',
        '--two',
        'words',
        'a',
        'b',
      ]);
    });

    it("starts vLLM's with its server, and uses tokens from the source for floats", () => {
      const runs = gridRuns(
        { 'gpu-memory-utilization': [1, 0.9] },
        { runtime: 'vllm', tokens: { 'gpu-memory-utilization': ['1.0', '0.9'] } },
      );
      assert.deepEqual(runs.runAt(0).command.slice(0, 5), [
        'python3',
        '-m',
        'vllm.entrypoints.openai.api_server',
        '--model',
        '{model}',
      ]);
      assert.deepEqual(runs.runAt(0).command.slice(-2), ['--gpu-memory-utilization', '1.0']);
    });
  });

  describe('GPUs', () => {
    it('multiplies tp × pp × max(dp, dcp, cp), from every spelling, 1 by default', () => {
      assert.equal(gpusOf({}), 1);
      for (const [tp, pp, dp] of [
        ['tensor-parallel-size', 'pipeline-parallel-size', 'data-parallel-size'],
        ['tp-size', 'pp-size', 'dp-size'],
        ['tp_size', 'pp_size', 'dp_size'],
      ] as const) {
        assert.equal(gpusOf({ [tp]: 2, [pp]: 3, [dp]: 4 }), 24, tp);
      }
      assert.equal(gpusOf({ 'tp-size': 2, 'dp-size': 2, 'dcp-size': 4, context_parallel_size: 8 }), 8);
      assert.equal(gpusOf({ 'tp-size': 2, cp_size: 3, 'decode-context-parallel-size': 2 }), 6);
      assert.equal(gpusOf({ 'tp-size': '4', 'pp-size': null }), 4);
    });

    it('counts a size that is no positive finite number as 1', () => {
      for (const value of [0, -2, Infinity, NaN, '', ' ', 'two', '0', true, false, null]) {
        assert.equal(gpusOf({ 'tp-size': value, 'pp-size': 3 }), 3, String(value));
      }
      assert.equal(gpusOf({ 'tp-size': ' 2 ', 'pp-size': 1.5 }), 3);
      // The first spelling present decides, even when its value counts as 1.
      assert.equal(gpusOf({ 'tensor-parallel-size': 'auto', 'tp-size': 4 }), 1);
    });

    it('finds the min and max over a grid from the parallelism values alone, as enumeration would', () => {
      const sizes = fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 });
      fc.assert(
        fc.property(sizes, sizes, sizes, sizes, (tp, pp, dp, dcp) => {
          const runs = gridRuns(
            { 'tp-size': tp, pp_size: pp, 'data-parallel-size': dp, 'dcp-size': dcp, x: [1, 2] },
            { runtime: 'sglang' },
          );
          const all = Array.from(runs.runs(), (r) => r.gpus);
          assert.deepEqual(runs.gpus, { min: Math.min(...all), max: Math.max(...all) });
        }),
      );
    });
  });

  it('gives each run the flag problems of its own values that would fail its launch', () => {
    const parameters = { 'tp-size': [1, 'two'], 'enable-mixed-chunk': [true, false], 'mem-fraction-static': [0.8] };
    const problems = checkFlags(parameters, [{ runtime: 'sglang', index: indexes.sglang052 }]);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['flag-type', 'flag-false'],
    );
    const runs = gridRuns(parameters, { runtime: 'sglang', problems });
    assert.deepEqual(
      Array.from(runs.runs(), (r) => r.problems.map((p) => p.code)),
      [[], [], ['flag-type'], ['flag-type']],
    );
    const unknown = { 'enable-mixed-chunking': [true] };
    const unknownRuns = gridRuns(unknown, {
      runtime: 'sglang',
      problems: checkFlags(unknown, [{ runtime: 'sglang', index: indexes.sglang052 }]),
    });
    assert.equal(unknownRuns.runAt(0).problems[0]!.code, 'flag-unknown');
  });

  it('counts the runs that would fail at launch, and the first, as enumerating them would', () => {
    const parameters = {
      'tp-size': [1, 'two'],
      'enable-mixed-chunk': [true, false],
      'schedule-policy': ['lpm', 'lifo'],
    };
    const problems = checkFlags(parameters, [{ runtime: 'sglang', index: indexes.sglang052 }]);
    const runs = gridRuns(parameters, { runtime: 'sglang', problems });
    const failed = Array.from(runs.runs())
      .filter((run) => run.problems.length > 0)
      .map((run) => run.index);
    assert.deepEqual(failed, [1, 3, 4, 5, 6, 7]);
    const failing = failingRuns(runs, problems);
    assert.deepEqual(failing, { count: 6n, first: 1n }, 'flag-false launches: it fails no run');
    assert.equal(failingRunsSentence(runs, failing), '6 of 8 runs would fail at launch (the first is run 2).');
    const none = failingRuns(runs, []);
    assert.deepEqual(none, { count: 0n, first: -1n });
    assert.equal(failingRunsSentence(runs, none), undefined);
    const everyRun = gridRuns({ 'enable-mixed-chunking': [true, false] }, { runtime: 'sglang' });
    const unknown: FlagProblem[] = checkFlags({ 'enable-mixed-chunking': [true] }, [
      { runtime: 'sglang', index: indexes.sglang052 },
    ]);
    assert.equal(
      failingRunsSentence(everyRun, failingRuns(everyRun, unknown)),
      'All 2 runs would fail at launch (the first is run 1).',
    );
  });

  it('tells which earlier run has the same launch problems as each run, for a display to point back to', () => {
    const parameters = { 'tp-size': [1, 2, 4], 'schedule-policy': ['lifo', 'fcfs'], 'enable-mixed-chunking': [true] };
    const problems = checkFlags(parameters, [{ runtime: 'sglang', index: indexes.sglang052 }]);
    const runs = gridRuns(parameters, { runtime: 'sglang', problems });
    assert.deepEqual(problemsToldBefore([...runs.runs()]), [undefined, undefined, 0, 1, 0, 1]);
    assert.deepEqual(problemsToldBefore([...runs.runs(3)]), [undefined, undefined, 3], 'by run index, from any start');
    const split = gridRuns({ p: [1, 2] }, { runtime: 'sglang' });
    const [first, second] = [...split.runs()];
    const told = problemsToldBefore([
      { ...first!, problems: [problemAt('p', 0, 'ab'), problemAt('p', 0, 'c')] },
      { ...second!, problems: [problemAt('p', 1, 'a'), problemAt('p', 1, 'bc')] },
    ]);
    assert.deepEqual(told, [undefined, undefined], 'the same text split otherwise is other problems');
    const clean = gridRuns({ 'tp-size': [1, 2] }, { runtime: 'sglang', problems: [] });
    assert.deepEqual(problemsToldBefore([...clean.runs()]), [undefined, undefined], 'no problems, nothing to point to');
  });

  it('counts failing runs exactly beyond 2^53, and names the first by its exact number', () => {
    const parameters = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}`, [1, 2]]));
    const runs = gridRuns(parameters, { runtime: 'sglang' });
    const failing = failingRuns(runs, [problemAt('p0', 1)]);
    assert.deepEqual(failing, { count: 2n ** 59n, first: 2n ** 59n });
    assert.equal(
      failingRunsSentence(runs, failing),
      'about 10^17 of about 10^18 runs would fail at launch (the first is run 576,460,752,303,423,489).',
    );
    const last = failingRuns(runs, [problemAt('p59', 1)]);
    assert.deepEqual(last, { count: 2n ** 59n, first: 1n }, 'the last parameter varies fastest');
  });

  it('finds the first failing run whichever parameter it comes from, and a key problem fails every value', () => {
    const runs = gridRuns({ a: [1, 2], b: [1, 2, 3] }, { runtime: 'sglang' });
    // b's bad value is met first (it varies fastest) but a's comes earlier in the run order.
    assert.deepEqual(failingRuns(runs, [problemAt('a', 0), problemAt('b', 2)]), { count: 4n, first: 0n });
    const keyProblem: FlagProblem = { ...problemAt('b', 0), valueIndex: undefined, target: 'key' };
    assert.deepEqual(failingRuns(runs, [keyProblem, problemAt('b', 1)]), { count: 6n, first: 0n });
    assert.deepEqual(failingRuns(runs, [problemAt('b', 1), keyProblem]), { count: 6n, first: 0n });
  });
});

/** A launch problem of one value, as the flag checks report it. */
function problemAt(flag: string, valueIndex: number, message = `parameters.${flag}[${valueIndex}]: bad`): FlagProblem {
  return { flag, valueIndex, code: 'flag-type', severity: 'warning', message, target: 'value' };
}
