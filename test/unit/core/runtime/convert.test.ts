import * as assert from 'node:assert/strict';
import { analyzePresetText } from '../../../../src/core/analyze';
import { serializePresetFile } from '../../../../src/core/exchange';
import type { Preset } from '../../../../src/core/model';
import { buildCounterpartIndex } from '../../../../src/core/runtime/catalog';
import { checkFlags } from '../../../../src/core/runtime/flagChecks';
import { CONVERSION_METADATA_KEY, convertPreset, describeConversion } from '../../../../src/core/runtime/convert';
import { counterparts, indexes } from './handCatalogs';

const table = buildCounterpartIndex(counterparts);

function preset(fields: Partial<Preset>): Preset {
  return {
    name: 'P',
    description: null,
    category: null,
    runtime: 'sglang',
    parameters: {},
    metadata: null,
    extra: {},
    ...fields,
  };
}

const toVllm = { counterparts: table, fromIndex: indexes.sglang052, toIndex: indexes.vllmMain };
const toSglang = { counterparts: table, fromIndex: indexes.vllmMain, toIndex: indexes.sglang052 };

describe('convert a preset to the other runtime', () => {
  it('maps flags by name and value, keeps same-named flags, lists the rest', () => {
    const source = preset({
      name: 'High Throughput',
      parameters: {
        'tp-size': [2, 4],
        'dp-size': [1],
        'schedule-policy': ['fcfs', 'lpm'],
        'kv-cache-dtype': ['auto', 'fp8_e4m3'],
        'mem-fraction-static': [0.9],
        quantization: ['fp8'],
        'enable-mixed-chunk': [true],
      },
      metadata: { author: 'system' },
    });
    const { preset: converted, report } = convertPreset(source, 'vllm', toVllm);
    assert.equal(converted.name, 'High Throughput (vLLM)');
    assert.equal(converted.runtime, 'vllm');
    assert.deepEqual(converted.parameters, {
      'tensor-parallel-size': [2, 4],
      'data-parallel-size': [1],
      'scheduling-policy': ['fcfs'],
      'kv-cache-dtype': ['auto', 'fp8'],
      'gpu-memory-utilization': [0.9],
      quantization: ['fp8'],
    });
    assert.deepEqual(report.unmappedFlags, { 'enable-mixed-chunk': [true] });
    assert.deepEqual(report.unmappedValues, { 'schedule-policy': ['lpm'] });
    assert.deepEqual(report.approximate, [{ from: 'mem-fraction-static', to: 'gpu-memory-utilization' }]);
    // A system preset's conversion is the user's own, as a duplicate is.
    assert.deepEqual(converted.metadata, {
      [CONVERSION_METADATA_KEY]: {
        from: { name: 'High Throughput', runtime: 'sglang' },
        unmapped_flags: { 'enable-mixed-chunk': [true] },
        unmapped_values: { 'schedule-policy': ['lpm'] },
        approximate: [{ from: 'mem-fraction-static', to: 'gpu-memory-utilization' }],
      },
    });
    assert.equal(
      describeConversion(report),
      'no counterpart for enable-mixed-chunk; no counterpart for the values schedule-policy ["lpm"]; approximate: mem-fraction-static → gpu-memory-utilization',
    );
    assert.deepEqual(checkFlags(converted.parameters, [{ runtime: 'vllm', index: indexes.vllmMain }]), []);
  });

  it('accounts for every flag and value: each is mapped or listed', () => {
    const source = preset({
      runtime: 'vllm',
      parameters: {
        'tensor-parallel-size': [1, 2],
        'max-num-seqs': [64, 128],
        'enable-prefix-caching': [true],
        'scheduling-policy': ['priority', 'fcfs'],
        'kv-cache-dtype': ['fp8'],
      },
    });
    const { preset: converted, report } = convertPreset(source, 'sglang', toSglang);
    assert.deepEqual(converted.parameters, {
      'tensor-parallel-size': [1, 2],
      'max-running-requests': [64, 128],
      'schedule-policy': ['fcfs'],
      'kv-cache-dtype': ['fp8_e4m3'],
    });
    assert.deepEqual(report.unmappedFlags, { 'enable-prefix-caching': [true] });
    assert.deepEqual(report.unmappedValues, { 'scheduling-policy': ['priority'] });
    assert.equal(converted.name, 'P (SGLang)');
  });

  it('lists a flag whose every value lacks a counterpart as a flag, and sets metadata.runtime when it was set', () => {
    const { preset: converted, report } = convertPreset(
      preset({ parameters: { 'schedule-policy': ['lpm'] }, metadata: { runtime: 'sglang' } }),
      'vllm',
      toVllm,
    );
    assert.deepEqual(converted.parameters, {});
    assert.deepEqual(report.unmappedFlags, { 'schedule-policy': ['lpm'] });
    assert.equal(converted.metadata!.runtime, 'vllm');
    // The key is part of the file format: a converted preset's file keeps it.
    assert.deepEqual((converted.metadata!.conversion as { unmapped_flags: unknown }).unmapped_flags, {
      'schedule-policy': ['lpm'],
    });
  });

  it('reads a preset for any runtime as the other runtime, and lists flags neither runtime has', () => {
    const { preset: converted, report } = convertPreset(
      preset({ runtime: null, parameters: { 'tp-size': [2], 'my-plugin-flag': [1], 'other-plugin-flag': ['a'] } }),
      'vllm',
      toVllm,
    );
    assert.deepEqual(report.from, { name: 'P', runtime: 'sglang' });
    assert.deepEqual(converted.parameters, { 'tensor-parallel-size': [2] });
    assert.deepEqual(report.unmappedFlags, { 'my-plugin-flag': [1], 'other-plugin-flag': ['a'] });
    assert.equal(describeConversion(report), 'no counterpart for my-plugin-flag, other-plugin-flag');
  });
});

describe('describe a conversion', () => {
  const none = {
    from: { name: 'P', runtime: 'sglang' as const },
    unmappedFlags: {},
    unmappedValues: {},
    approximate: [],
  };

  it('says nothing when everything carried over exactly', () => {
    assert.equal(describeConversion(none), '');
  });

  it('lists each kind of loss alone, several of a kind joined by commas', () => {
    assert.equal(
      describeConversion({ ...none, unmappedValues: { a: [1, 'x'], b: [null] } }),
      'no counterpart for the values a [1,"x"], b [null]',
    );
    assert.equal(
      describeConversion({
        ...none,
        approximate: [
          { from: 'a', to: 'b' },
          { from: 'c', to: 'd' },
        ],
      }),
      'approximate: a → b, c → d',
    );
  });

  it("keeps an author other than the system's, with the rest of the metadata", () => {
    const { preset: converted } = convertPreset(
      preset({ parameters: { 'tp-size': [2] }, metadata: { author: 'alice', tags: ['a'] } }),
      'vllm',
      toVllm,
    );
    assert.equal(converted.metadata!.author, 'alice');
    assert.deepEqual(converted.metadata!.tags, ['a']);
  });

  it('keeps an integer beyond 2^53 of a same-named flag as written, after a repeated value too', () => {
    for (const written of ['[1, 9007199254740993]', '[1, 1, 9007199254740993]']) {
      const source = analyzePresetText(
        `{"name": "P", "runtime": "sglang", "parameters": {"data-parallel-size": ${written}}}`,
      ).preset!;
      const { preset: converted } = convertPreset(source, 'vllm', toVllm);
      assert.equal(converted.textPositions, undefined, 'the new lists have no text yet');
      assert.match(serializePresetFile(converted), /"data-parallel-size": \[1, 9007199254740993\]/, written);
    }
  });

  it('keeps an integer beyond 2^53 as written when its flag is renamed', () => {
    const source = analyzePresetText(
      '{"name": "P", "runtime": "sglang", "parameters": {"tp-size": [1, 9007199254740993], "dp-size": [9007199254740995]},' +
        ' "metadata": {"seed": 9007199254740997}}',
    ).preset!;
    const { preset: converted } = convertPreset(source, 'vllm', toVllm);
    const text = serializePresetFile(converted);
    assert.match(text, /"tensor-parallel-size": \[1, 9007199254740993\]/);
    assert.match(text, /"seed": 9007199254740997/, 'a number outside the parameters keeps its place');
    assert.deepEqual(
      converted.writtenNumbers?.map((number) => number.path),
      [
        ['parameters', 'tensor-parallel-size', 1],
        ['parameters', 'data-parallel-size', 0],
        ['metadata', 'seed'],
      ],
    );
    // A flag the target lacks goes to the conversion's metadata: its numbers have no place in the parameters.
    const unmapped = analyzePresetText(
      '{"name": "P", "runtime": "sglang", "parameters": {"no-such-flag": [9007199254740993]}}',
    ).preset!;
    assert.equal(convertPreset(unmapped, 'vllm', toVllm).preset.writtenNumbers, undefined);
  });
});
