import * as assert from 'node:assert/strict';
import { checkFlags } from '../../../../src/core/runtime/flagChecks';
import { presetTemplates, startingValues } from '../../../../src/core/runtime/templates';
import { buildFlagIndex } from '../../../../src/core/runtime/catalog';
import { indexes, sglang052, sglangOverlay, vllmMain, vllmOverlay } from './handCatalogs';

describe('preset templates', () => {
  it('leaves out a sweep whose area has no usable flag', () => {
    const bare = buildFlagIndex(
      { ...sglang052, flags: sglang052.flags.filter((f) => f.name !== 'max-prefill-tokens') },
      sglangOverlay,
    );
    assert.deepEqual(
      presetTemplates('sglang', bare).map((t) => t.id),
      ['parallelism', 'memory', 'scheduling'],
    );
  });

  for (const [runtime, index] of [
    ['sglang', indexes.sglang052],
    ['vllm', indexes.vllmMain],
  ] as const) {
    it(`builds four ${runtime} sweeps from commonly tuned flags, none with a flag problem`, () => {
      const templates = presetTemplates(runtime, index);
      assert.deepEqual(
        templates.map((t) => t.id),
        ['parallelism', 'memory', 'scheduling', 'batching'],
      );
      for (const template of templates) {
        assert.equal(template.runtime, runtime);
        assert.ok(Object.keys(template.parameters).length > 0, template.id);
        for (const [name, values] of Object.entries(template.parameters)) {
          assert.equal(values.length, 2, name);
          assert.ok(index.find(name)!.flag.common, name);
        }
        assert.deepEqual(checkFlags(template.parameters, [{ runtime, index }]), [], template.id);
      }
    });
  }

  it('starts a flag whose default is computed at start-up from an example preset', () => {
    const bare = buildFlagIndex(
      { ...vllmMain, flags: vllmMain.flags.filter((f) => f.name !== 'max-num-partial-prefills') },
      vllmOverlay,
    );
    assert.deepEqual(
      presetTemplates('vllm', bare).map((t) => t.id),
      ['parallelism', 'memory', 'scheduling'],
    );
    const batching = presetTemplates('vllm', bare, {
      examples: [{ 'tp-size': [2] }, { max_num_seqs: [64, 128], 'max-num-batched-tokens': ['auto', 2048] }],
    })[3]!;
    assert.deepEqual(batching.parameters, { 'max-num-seqs': [64, 128], 'max-num-batched-tokens': [2048, 4096] });
  });

  it('starts each flag at its default plus a neighbour', () => {
    const [parallelism, memory, scheduling] = presetTemplates('sglang', indexes.sglang052);
    assert.deepEqual(parallelism!.parameters, { 'tensor-parallel-size': [1, 2], 'data-parallel-size': [1, 2] });
    // No default, a range of (0, 1]: two fractions inside it; kv-cache-dtype from its choices.
    assert.deepEqual(memory!.parameters, { 'mem-fraction-static': [0.8, 0.9], 'kv-cache-dtype': ['auto', 'fp8_e5m2'] });
    // The on/off flag is left out: its false would launch nothing.
    assert.deepEqual(scheduling!.parameters, {
      'schedule-policy': ['fcfs', 'lpm'],
      'schedule-conservativeness': [1, 2],
    });
    // Batching flags without a default (computed at start-up) are left out.
    assert.deepEqual(presetTemplates('sglang', indexes.sglang052)[3]!.parameters, {
      'max-prefill-tokens': [16384, 32768],
    });
    const vllmMemory = presetTemplates('vllm', indexes.vllmMain)[1]!;
    assert.deepEqual(vllmMemory.parameters, { 'gpu-memory-utilization': [0.87, 0.92] });
  });

  it("starts a choice without a default at the example's value, next to the choice beside it", () => {
    // vLLM's block sizes: the smallest ones fail on common attention backends, so an example's 16 wins.
    const blockSize = indexes.vllmMain.find('block-size')!.flag;
    assert.deepEqual(startingValues(blockSize, 16), [16, 32]);
    assert.deepEqual(startingValues(blockSize, 32), [32, 16]);
    assert.deepEqual(startingValues(blockSize, 12), [8, 16]);
    assert.deepEqual(startingValues(blockSize), [8, 16]);
    // Named choices have no order: the default, then the first other one.
    assert.deepEqual(startingValues(indexes.sglang052.find('schedule-policy')!.flag), ['fcfs', 'lpm']);
  });
});
