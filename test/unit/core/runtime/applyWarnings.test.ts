import * as assert from 'node:assert/strict';
import {
  applyWarnings,
  cutWarning,
  gridWarnings,
  maxIterationsWarning,
  runtimeWarning,
} from '../../../../src/core/runtime/applyWarnings';
import { readTaskContext, taskCut, type TaskContext } from '../../../../src/core/runtime/taskRuns';
import { countRuns } from '../../../../src/core/grid';

const runs = (n: number | bigint) => countRuns(BigInt(n));

function task(fields: Partial<TaskContext> = {}): TaskContext {
  return {
    model: null,
    runtime: null,
    imageTag: null,
    strategy: 'grid_search',
    maxIterations: 100,
    timeoutPerIteration: null,
    ...fields,
  };
}

describe('Apply to Task warnings, one by one', () => {
  it('says nothing when the task tries every run, the last one included', () => {
    assert.equal(cutWarning(runs(100), task()), undefined);
    assert.equal(cutWarning(runs(1), task({ maxIterations: 1 })), undefined);
  });

  it('counts the runs a grid search never tries, with thousands separated', () => {
    assert.equal(
      cutWarning(runs(12345), task({ maxIterations: 1000 })),
      'The grid has 12,345 runs, but the task stops after 1,000 (max_iterations): the other 11,345 are never tried.',
    );
    assert.equal(
      cutWarning(runs(101), task()),
      'The grid has 101 runs, but the task stops after 100 (max_iterations): the other 1 are never tried.',
    );
    // One run, said so.
    assert.match(cutWarning(runs(1), task({ maxIterations: 0 }))!, /^The grid has 1 run, but/);
  });

  it('says a grid too large to count as the other commands do', () => {
    assert.equal(
      cutWarning(runs(2n ** 60n), task({ maxIterations: 2 })),
      'The grid has about 10^18 runs, but the task stops after 2 (max_iterations): the other about 10^18 are never tried.',
    );
    assert.equal(
      cutWarning(runs(2n ** 53n - 1n), task()),
      'The grid has 9,007,199,254,740,991 runs, but the task stops after 100 (max_iterations): the other 9,007,199,254,740,891 are never tried.',
    );
  });

  it("leaves the choice of runs to another strategy's optimizer", () => {
    assert.equal(
      cutWarning(runs(2000), task({ strategy: 'random', maxIterations: 1500 })),
      "The grid has 2,000 runs; the task's random optimizer tries 1,500 of them (max_iterations), of its own choosing.",
    );
    assert.equal(cutWarning(runs(1500), task({ strategy: 'random', maxIterations: 1500 })), undefined);
  });

  it('warns of another runtime only when both the task and the presets name one', () => {
    assert.equal(runtimeWarning(null, task({ runtime: 'vllm' })), undefined);
    assert.equal(runtimeWarning('sglang', task()), undefined);
    assert.equal(runtimeWarning('vllm', task({ runtime: 'vllm' })), undefined);
    assert.equal(
      runtimeWarning('vllm', task({ runtime: 'sglang' })),
      'The task launches SGLang (base_runtime), but the presets are for vLLM: the runs are checked against SGLang, where their flags may not exist.',
    );
  });

  it('warns of an unusable max_iterations first, as a sentence', () => {
    const zero = readTaskContext({ optimization: { max_iterations: 0 } });
    assert.equal(
      maxIterationsWarning(zero),
      "The task's optimization.max_iterations is 0, not a positive whole number: the autotuner may fail, run nothing or cut the grid otherwise; counted here as unset (100).",
    );
    assert.deepEqual(applyWarnings(runs(101), 'vllm', { ...zero, runtime: 'sglang' }), [
      maxIterationsWarning(zero),
      cutWarning(runs(101), zero),
      runtimeWarning('vllm', task({ runtime: 'sglang' })),
    ]);
    assert.deepEqual(
      applyWarnings(runs(1), null, { ...task(), timeoutWarning: 'optimization.timeout_per_iteration is 0' }),
      ["The task's optimization.timeout_per_iteration is 0."],
    );
    assert.equal(maxIterationsWarning(task()), undefined);
  });

  it('gives every warning that applies, the cut first', () => {
    const both = applyWarnings(runs(5), 'vllm', task({ runtime: 'sglang', maxIterations: 2 }));
    assert.deepEqual(both, [
      cutWarning(runs(5), task({ maxIterations: 2 })),
      runtimeWarning('vllm', task({ runtime: 'sglang' })),
    ]);
    assert.deepEqual(applyWarnings(runs(5), 'vllm', task({ runtime: 'sglang' })), [
      runtimeWarning('vllm', task({ runtime: 'sglang' })),
    ]);
    assert.deepEqual(applyWarnings(runs(5), 'vllm', task()), []);
  });

  it("gives the grid's warnings apart from the task's own, which the CLI told when it read the task", () => {
    const bad = task({
      runtime: 'sglang',
      maxIterations: 2,
      maxIterationsWarning: 'optimization.max_iterations is "2"',
    });
    assert.deepEqual(gridWarnings(runs(5), 'vllm', bad), [cutWarning(runs(5), bad), runtimeWarning('vllm', bad)]);
    assert.deepEqual(applyWarnings(runs(5), 'vllm', bad), [
      maxIterationsWarning(bad),
      ...gridWarnings(runs(5), 'vllm', bad),
    ]);
    assert.deepEqual(gridWarnings(runs(2), null, bad), []);
  });

  it('warns of a cut exactly when the Runs section says the task cuts the grid', () => {
    const sizes = [runs(1), runs(99), runs(100), runs(101), runs(10n ** 30n)];
    for (const strategy of ['grid_search', 'bayesian'])
      for (const maxIterations of [1, 100, 2 ** 60])
        for (const size of sizes) {
          const context = task({ strategy, maxIterations });
          const what = `${strategy}, ${maxIterations}, ${size.exact ? size.size : size.approximation}`;
          assert.equal(cutWarning(size, context) !== undefined, taskCut(size, context).cutsGrid, what);
        }
    assert.equal(taskCut(runs(100), task()).cutsGrid, false, 'max_iterations equal to the runs tries them all');
    assert.equal(taskCut(runs(101), task()).cutsGrid, true);
    assert.equal(taskCut(runs(10n ** 30n), task({ maxIterations: 2 ** 60 })).cutsGrid, true, 'past counting');
  });
});
