import * as assert from 'node:assert/strict';
import type { ParameterGrid } from '../../../../src/core/model';
import { checkFlags } from '../../../../src/core/runtime/flagChecks';
import { presetTemplates, startingValues } from '../../../../src/core/runtime/templates';
import {
  buildFlagIndex,
  type CatalogFlag,
  type IndexedFlag,
  type OverlayFlag,
  type RuntimeOverlay,
} from '../../../../src/core/runtime/catalog';
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

/** A catalog flag with the fields a test names; a plain text flag otherwise. */
function catalogFlag(name: string, fields: Partial<CatalogFlag> = {}): CatalogFlag {
  return { ...vllmMain.flags[0]!, name, aliases: [], type: 'str', default: null, ...fields };
}

/** A vLLM index of these flags, each commonly tuned in the area given. */
function commonIndex(flags: readonly [CatalogFlag, OverlayFlag['area']][]) {
  const overlay: RuntimeOverlay = {
    ...vllmOverlay,
    flags: Object.fromEntries(
      flags.map(([flag, area]) => [flag.name, { description: flag.name, area, common: true } satisfies OverlayFlag]),
    ),
  };
  return buildFlagIndex({ ...vllmMain, flags: flags.map(([flag]) => flag) }, overlay);
}

function starting(fields: Partial<CatalogFlag>, example?: number) {
  const flag: IndexedFlag = buildFlagIndex({ ...vllmMain, flags: [catalogFlag('x', fields)] }).flags[0]!;
  return startingValues(flag, example);
}

describe('preset template contents', () => {
  it('names and describes each sweep by its runtime and area', () => {
    const templates = presetTemplates('vllm', indexes.vllmMain);
    assert.deepEqual(
      templates.map((t) => [t.name, t.description]),
      [
        [
          'vLLM parallelism sweep',
          'Tries how the model is split across GPUs: each flag at its default and one neighbouring value.',
        ],
        [
          'vLLM memory sweep',
          'Tries how much GPU memory the server takes: each flag at its default and one neighbouring value.',
        ],
        [
          'vLLM scheduling sweep',
          'Tries the order and pace in which requests are admitted: each flag at its default and one neighbouring value.',
        ],
        [
          'vLLM batching sweep',
          'Tries how many requests and tokens go into a batch: each flag at its default and one neighbouring value.',
        ],
      ],
    );
  });

  it('puts the GPU-count sizes first, in their own order, then the rest in catalog order, three at most', () => {
    const index = commonIndex([
      [catalogFlag('expert-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
      [catalogFlag('data-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
      [catalogFlag('pipeline-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
      [catalogFlag('tensor-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
      [catalogFlag('max-num-seqs', { type: 'int', default: 8 }), 'batching'],
      [catalogFlag('max-num-batched-tokens', { type: 'int', default: 512 }), 'batching'],
      [catalogFlag('max-num-partial-prefills', { type: 'int', default: 1 }), 'batching'],
      [catalogFlag('max-long-partial-prefills', { type: 'int', default: 1 }), 'batching'],
    ]);
    const [parallelism, batching] = presetTemplates('vllm', index);
    assert.deepEqual(Object.keys(parallelism!.parameters), [
      'tensor-parallel-size',
      'pipeline-parallel-size',
      'data-parallel-size',
    ]);
    const others = commonIndex([
      [catalogFlag('expert-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
      [catalogFlag('data-parallel-size', { type: 'int', default: 1 }), 'parallelism'],
    ]);
    assert.deepEqual(Object.keys(presetTemplates('vllm', others)[0]!.parameters), [
      'data-parallel-size',
      'expert-parallel-size',
    ]);
    assert.deepEqual(Object.keys(batching!.parameters), [
      'max-num-seqs',
      'max-num-batched-tokens',
      'max-num-partial-prefills',
    ]);
  });

  it('leaves out a flag whose starting values would draw a flag problem', () => {
    const index = commonIndex([
      [catalogFlag('max-num-seqs', { type: 'int', default: 1, range: { le: 1 } }), 'batching'],
      [catalogFlag('max-num-batched-tokens', { type: 'int', default: 512 }), 'batching'],
    ]);
    assert.deepEqual(presetTemplates('vllm', index)[0]!.parameters, { 'max-num-batched-tokens': [512, 1024] });
  });

  it("takes a flag's first numeric example, by any spelling, and ignores keys that are no flag", () => {
    const index = commonIndex([[catalogFlag('max-num-seqs', { type: 'int' }), 'batching']]);
    const examples: ParameterGrid[] = [
      { 'no-such-flag': [3], 'max-num-seqs': ['auto'] },
      { max_num_seqs: ['auto', 32] },
      { 'max-num-seqs': [64] },
    ];
    assert.deepEqual(presetTemplates('vllm', index, { examples })[0]!.parameters, { 'max-num-seqs': [32, 64] });
  });
});

describe('starting values of a flag', () => {
  it('gives an on/off flag none: its false launches nothing', () => {
    assert.equal(starting({ is_flag: true, type: 'bool', default: false }), undefined);
    assert.equal(starting({ is_flag: true, type: 'int', default: 1, choices: [1, 2] }), undefined);
  });

  it('starts at the default choice, else the first, and never at a None choice', () => {
    assert.deepEqual(starting({ choices: ['a', 'b', 'c'], default: 'b' }), ['b', 'a']);
    assert.deepEqual(starting({ choices: [null, 'a', 'b'] }), ['a', 'b']);
    assert.deepEqual(starting({ choices: [null, 'a', 'b'], default: null }), ['a', 'b']);
    assert.equal(starting({ choices: ['only'] }), undefined);
    assert.equal(starting({ choices: [null, 'only'] }), undefined);
    // vLLM's optional choices end with the text "None", which its converter reads as None.
    assert.deepEqual(starting({ choices: ['None', 'a', 'b'], accepts_none: true }), ['a', 'b']);
    assert.deepEqual(starting({ choices: ['a', 'None'], accepts_none: true }), undefined);
    assert.deepEqual(starting({ choices: ['None', 'a'] }), ['None', 'a']);
    assert.equal(starting({ choices: [] }), undefined);
  });

  it('doubles an integer, and starts a zero or negative one at 1', () => {
    assert.deepEqual(starting({ type: 'int', default: 4 }), [4, 8]);
    assert.deepEqual(starting({ type: 'int', default: 0 }), [0, 1]);
    assert.deepEqual(starting({ type: 'int', default: -1 }), [-1, 1]);
    assert.deepEqual(starting({ type: 'int' }, 16), [16, 32]);
    assert.equal(starting({ type: 'int' }), undefined);
    assert.equal(starting({ type: 'int', default: 2.5 }), undefined);
    assert.equal(starting({ type: 'str', default: 3 }), undefined);
  });

  it('moves a fraction by 0.05, down unless that leaves (0, 1]', () => {
    assert.deepEqual(starting({ type: 'float', default: 0.9, range: { gt: 0, le: 1 } }), [0.85, 0.9]);
    assert.deepEqual(starting({ type: 'float', default: 0.5, range: { lt: 1 } }), [0.45, 0.5]);
    assert.deepEqual(starting({ type: 'float', default: 0.05, range: { gt: 0, le: 1 } }), [0.05, 0.1]);
    assert.deepEqual(starting({ type: 'float', default: 0.03, range: { gt: 0, le: 1 } }), [0.03, 0.08]);
    assert.deepEqual(starting({ type: 'float', range: { gt: 0, le: 1 } }), [0.8, 0.9]);
  });

  it('doubles any other float, and starts a zero one at 1', () => {
    assert.deepEqual(starting({ type: 'float', default: 4, range: { ge: 0 } }), [4, 8]);
    assert.deepEqual(starting({ type: 'float', default: 1.5, range: { le: 2 } }), [1.5, 3]);
    assert.deepEqual(starting({ type: 'float', default: 0 }), [0, 1]);
    assert.deepEqual(starting({ type: 'float' }, 2), [2, 4]);
    assert.equal(starting({ type: 'float' }), undefined);
  });
});
