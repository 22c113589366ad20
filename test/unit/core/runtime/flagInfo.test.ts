import * as assert from 'node:assert/strict';
import { describeFlag, flagCompletions, valueCompletions } from '../../../../src/core/runtime/flagInfo';
import { buildFlagIndex } from '../../../../src/core/runtime/catalog';
import { indexes, sglang052 } from './handCatalogs';

describe('flag completion and hover data', () => {
  it('offers the catalog flags, commonly tuned first, deprecated last, with type, default and choices', () => {
    const items = flagCompletions(indexes.sglang052);
    const names = items.map((i) => i.name);
    const firstOther = items.findIndex((i) => !i.common);
    assert.ok(items.slice(0, firstOther).every((i) => i.common));
    assert.ok(items.slice(firstOther).every((i) => !i.common));
    assert.equal(names.at(-1), 'max-total-tokens');
    assert.ok(!names.includes('gpu-memory-utilization'), 'no vLLM flag in SGLang');
    const policy = items.find((i) => i.name === 'schedule-policy')!;
    assert.equal(policy.detail, 'one of lpm, random, fcfs, dfs-weight, lof · default "fcfs"');
    assert.equal(items.find((i) => i.name === 'tensor-parallel-size')!.detail, 'int · default 1');
    assert.equal(items.find((i) => i.name === 'enable-mixed-chunk')!.detail, 'on/off · default off');
    const many = buildFlagIndex({
      ...sglang052,
      flags: [{ ...sglang052.flags[3]!, choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], default: null }],
    });
    assert.equal(flagCompletions(many)[0]!.detail, 'one of a, b, c, d, e, f, … (8) · no default (set at start-up)');
  });

  it("offers both runtimes' flags once each for a preset for any runtime", () => {
    const items = flagCompletions([indexes.sglang052, indexes.vllmMain]);
    const tp = items.filter((i) => i.name === 'tensor-parallel-size');
    assert.equal(tp.length, 1);
    assert.deepEqual(tp[0]!.runtimes, ['sglang', 'vllm']);
    assert.deepEqual(items.find((i) => i.name === 'gpu-memory-utilization')!.runtimes, ['vllm']);
  });

  it('offers values: choices, true/false for on/off flags, the default', () => {
    const policy = valueCompletions(indexes.sglang052.find('schedule-policy')!.flag);
    assert.deepEqual(
      policy.map((v) => v.label),
      ['"lpm"', '"random"', '"fcfs"', '"dfs-weight"', '"lof"'],
    );
    assert.equal(policy[2]!.detail, 'choice, the default');
    assert.deepEqual(
      valueCompletions(indexes.sglang052.find('enable-mixed-chunk')!.flag).map((v) => v.value),
      [true, false],
    );
    assert.deepEqual(valueCompletions(indexes.sglang052.find('tp-size')!.flag), [
      { value: 1, label: '1', detail: 'the default' },
    ]);
    assert.deepEqual(valueCompletions(indexes.sglang052.find('mem-fraction-static')!.flag), []);
  });

  it("describes a flag's facts, which shipped versions have it, and links the docs", () => {
    const versions = [indexes.vllm0100, indexes.vllmMain];
    const facts = describeFlag(indexes.vllmMain.find('gpu-memory-utilization')!.flag, { versions });
    assert.equal(facts.type, 'float');
    assert.equal(facts.default, 0.92);
    assert.deepEqual(facts.range, { range: { gt: 0, le: 1 }, text: '(0, 1]', source: 'declared by vLLM' });
    assert.deepEqual(facts.inVersions, ['0.10.0', 'main-2026-05-29']);
    assert.match(facts.markdown, /\*\*`--gpu-memory-utilization`\*\* \(vLLM main-2026-05-29\)/);
    assert.match(facts.markdown, /Share of GPU memory to use\./);
    assert.match(facts.markdown, /\[vLLM server arguments\]\(https:\/\/docs\.vllm\.ai/);
    const swap = describeFlag(indexes.vllm0100.find('swap-space')!.flag, { versions });
    assert.deepEqual([swap.inVersions, swap.notInVersions], [['0.10.0'], ['main-2026-05-29']]);
    assert.match(swap.markdown, /not in main-2026-05-29/);
    const tp = describeFlag(indexes.vllmMain.find('-tp')!.flag, { versions });
    assert.deepEqual(tp.aliases, ['-tp']);
    assert.match(tp.markdown, /aliases: `-tp`/);
    const prefix = describeFlag(indexes.vllmMain.find('enable-prefix-caching')!.flag, { versions });
    assert.match(prefix.markdown, /turned off with `--no-enable-prefix-caching`/);
    const deprecated = describeFlag(indexes.sglang052.find('max-total-tokens')!.flag, {
      versions: [indexes.sglang052],
    });
    assert.match(deprecated.markdown, /\*\*Deprecated\*\*: use `max-running-requests`/);
  });
});
