import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParameterGrid } from '../../../../src/core/model';
import { formatFieldPath } from '../../../../src/core/values';
import { buildCounterpartIndex, buildFlagIndex } from '../../../../src/core/runtime/catalog';
import {
  checkFlags,
  editDistance,
  formatRange,
  suggestFlag,
  type FlagCheckOptions,
  type FlagProblem,
  type RuntimeToCheck,
} from '../../../../src/core/runtime/flagChecks';
import { counterparts, indexes, vllmMain } from './handCatalogs';

const sglang: RuntimeToCheck = { runtime: 'sglang', index: indexes.sglang052, otherVersions: [indexes.sglangMain] };
const vllm: RuntimeToCheck = { runtime: 'vllm', index: indexes.vllmMain, otherVersions: [indexes.vllm0100] };
const counterpartIndex = buildCounterpartIndex(counterparts);
const enforceEager = buildFlagIndex({
  ...vllmMain,
  flags: [
    {
      ...vllmMain.flags[0]!,
      name: 'enforce-eager',
      aliases: [],
      type: 'bool',
      is_flag: true,
      default: false,
      negation: 'no-enforce-eager',
    },
  ],
});

function checkSglang(parameters: ParameterGrid, options: FlagCheckOptions = {}): FlagProblem[] {
  return checkFlags(parameters, [sglang], {
    otherRuntimes: [{ runtime: 'vllm', index: indexes.vllmMain }],
    counterparts: counterpartIndex,
    ...options,
  });
}

function checkVllm(parameters: ParameterGrid, options: FlagCheckOptions = {}): FlagProblem[] {
  return checkFlags(parameters, [vllm], {
    otherRuntimes: [{ runtime: 'sglang', index: indexes.sglang052 }],
    counterparts: counterpartIndex,
    ...options,
  });
}

/** The one problem found, asserting there is exactly one. */
function only(problems: FlagProblem[]): FlagProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0]!;
}

describe('flag checks', () => {
  describe("the bundled system presets' four problems", () => {
    it('High Throughput: enable-mixed-chunking, did you mean enable-mixed-chunk', () => {
      const problem = only(
        checkSglang({ 'tp-size': [2, 4], 'mem-fraction-static': [0.9], 'enable-mixed-chunking': [true] }),
      );
      assert.equal(problem.code, 'flag-unknown');
      assert.equal(problem.target, 'key');
      assert.deepEqual(problem.fix, { kind: 'rename-key', to: 'enable-mixed-chunk' });
      assert.match(
        problem.message,
        /^parameters\.enable-mixed-chunking: .*"enable-mixed-chunking".*"enable-mixed-chunk"/,
      );
    });

    it('Memory Efficient: enable-chunked-prefill is a vLLM flag', () => {
      const problem = only(checkSglang({ 'tp-size': [1], 'enable-chunked-prefill': [true] }));
      assert.equal(problem.code, 'flag-other-runtime');
      assert.match(problem.message, /^parameters\.enable-chunked-prefill: .*vLLM flag.*SGLang has no counterpart/);
    });

    it('SGLang Performance Tuning: quantization null is launched as None, not an SGLang choice', () => {
      const problem = only(checkSglang({ quantization: [null] }));
      assert.equal(problem.code, 'flag-null');
      assert.equal(problem.valueIndex, 0);
      assert.equal(problem.target, 'value');
      assert.match(problem.message, /^parameters\.quantization\[0\]: null is launched as "--quantization None"/);
      // vLLM lists None among its choices.
      assert.deepEqual(checkVllm({ quantization: [null] }), []);
    });

    it('vLLM Performance Tuning: swap-space is removed in vLLM main, and its false launches nothing', () => {
      const problems = checkVllm({ 'swap-space': [4], 'enable-prefix-caching': [true, false] });
      assert.deepEqual(
        problems.map((p) => [p.code, p.flag, p.valueIndex]),
        [
          ['flag-removed', 'swap-space', undefined],
          ['flag-false', 'enable-prefix-caching', 1],
        ],
      );
      assert.match(problems[0]!.message, /^parameters\.swap-space: .*main-2026-05-29.*0\.10\.0/);
      assert.deepEqual(problems[1]!.fix, { kind: 'use-negation', flag: 'no-enable-prefix-caching' });
      assert.match(problems[1]!.message, /"no-enable-prefix-caching": \[true\]/);
      // In 0.10.0 it is a flag like any other.
      assert.deepEqual(checkFlags({ 'swap-space': [4] }, [{ runtime: 'vllm', index: indexes.vllm0100 }]), []);
    });
  });

  describe('flag names', () => {
    it('knows primary names, aliases and, in vLLM only, underscores', () => {
      assert.deepEqual(checkSglang({ 'tensor-parallel-size': [1], 'tp-size': [2], '--tp-size': [1] }), []);
      assert.deepEqual(checkVllm({ '-tp': [2], tensor_parallel_size: [1], 'no-enable-prefix-caching': [true] }), []);
      const problem = only(checkSglang({ mem_fraction_static: [0.8] }));
      assert.deepEqual(problem.fix, { kind: 'rename-key', to: 'mem-fraction-static' });
    });

    it('suggests by edit distance, abbreviation and alias', () => {
      assert.equal(suggestFlag('mem-fracton-static', [indexes.sglang052]), 'mem-fraction-static');
      assert.equal(suggestFlag('schedule-pol', [indexes.sglang052]), 'schedule-policy');
      assert.equal(suggestFlag('tp-sise', [indexes.sglang052]), 'tp-size');
      assert.equal(suggestFlag('completely-different-thing', [indexes.sglang052]), undefined);
    });

    it('reports a prefix of one long option, which argparse accepts for it, with the full name as its fix', () => {
      const problem = only(checkSglang({ tp: [2] }));
      assert.equal(problem.code, 'flag-abbreviation');
      assert.equal(problem.target, 'key');
      assert.equal(
        problem.message,
        'parameters.tp: "tp" is an abbreviation argparse accepts for "tp-size"; write the full name',
      );
      assert.deepEqual(problem.fix, { kind: 'rename-key', to: 'tp-size' });
      assert.deepEqual(only(checkSglang({ '--schedule-pol': ['lpm'] })).fix, {
        kind: 'rename-key',
        to: 'schedule-policy',
      });
      // vLLM's parser turns underscores into dashes before argparse matches the prefix.
      assert.deepEqual(only(checkVllm({ max_num_s: [64] })).fix, { kind: 'rename-key', to: 'max-num-seqs' });
      // In a preset for any runtime, a prefix one of them accepts.
      assert.equal(only(checkFlags({ 'mem-frac': [0.8] }, [sglang, vllm])).code, 'flag-abbreviation');
    });

    it('keeps an ambiguous prefix unknown, naming the flags it could be; a one-dash key is no prefix', () => {
      const problem = only(checkSglang({ max: [8] }));
      assert.equal(problem.code, 'flag-unknown');
      assert.equal(problem.fix, undefined);
      assert.match(
        problem.message,
        /^parameters\.max: unknown flag "max" in SGLang 0\.5\.2: argparse refuses it as an abbreviation of several flags \("max-running-requests", "max-prefill-tokens", "max-total-tokens"\); write the full name$/,
      );
      assert.match(only(checkSglang({ m: [8] })).message, /several flags \(("[a-z-]+", ){4}"[a-z-]+"\)/);
      assert.notEqual(only(checkSglang({ '-t': [2] })).code, 'flag-abbreviation');
      assert.notEqual(only(checkSglang({ 'tp=2': [2] })).code, 'flag-abbreviation');
    });

    it("names the counterpart of the other runtime's flag", () => {
      const problem = only(checkVllm({ 'tp-size': [2] }));
      assert.equal(problem.code, 'flag-other-runtime');
      assert.deepEqual(problem.fix, { kind: 'rename-key', to: 'tensor-parallel-size' });
      assert.match(problem.message, /is an SGLang flag.*counterpart is "tensor-parallel-size"/);
      const approximate = only(checkVllm({ 'mem-fraction-static': [0.8] }));
      assert.match(approximate.message, /counterpart \(approximately\) is "gpu-memory-utilization"/);
    });

    it('tells a flag only newer versions have from a removed one', () => {
      const problem = only(checkSglang({ 'schedule-low-priority-values-first': [true] }));
      assert.equal(problem.code, 'flag-not-yet');
      assert.match(problem.message, /not in SGLang 0\.5\.2; only the newer main-2026-06-09 has it/);
    });

    it('reports a deprecated flag with its replacement', () => {
      const problem = only(checkSglang({ 'max-total-tokens': [4096] }));
      assert.equal(problem.code, 'flag-deprecated');
      assert.deepEqual(problem.fix, { kind: 'rename-key', to: 'max-running-requests' });
    });

    it('checks a preset for any runtime against both: only a flag neither knows is a warning', () => {
      const both = [sglang, vllm];
      assert.deepEqual(checkFlags({ 'mem-fraction-static': [0.8], 'gpu-memory-utilization': [0.9] }, both), []);
      const problem = only(checkFlags({ 'enable-mixed-chunking': [true] }, both));
      assert.equal(problem.code, 'flag-unknown');
      assert.match(problem.message, /SGLang 0\.5\.2 or vLLM main-2026-05-29/);
      // Values are checked by the runtime that knows the flag: null is fine in vLLM, not in SGLang.
      assert.deepEqual(
        checkFlags({ quantization: [null], 'mem-fraction-static': [1.5] }, both).map((p) => p.code),
        ['flag-null', 'flag-range'],
      );
    });
  });

  describe('values', () => {
    it('takes number-looking strings for numbers, as argparse reads str(value); not booleans or words', () => {
      assert.deepEqual(checkSglang({ 'tp-size': [1, '2', 4], 'schedule-conservativeness': ['0.5', 1, 2.5] }), []);
      const problems = checkSglang({ 'tp-size': ['two', true, 2.5], 'schedule-conservativeness': [false] });
      assert.deepEqual(
        problems.map((p) => [p.code, p.flag, p.valueIndex]),
        [
          ['flag-type', 'tp-size', 0],
          ['flag-type', 'tp-size', 1],
          ['flag-type', 'tp-size', 2],
          ['flag-type', 'schedule-conservativeness', 0],
        ],
      );
      assert.match(
        problems[0]!.message,
        /^parameters\.tp-size\[0\]: "two" is not an integer for "tensor-parallel-size", which takes an int/,
      );
    });

    it('checks numbers against the range and the choices, and numbers or words against an on/off flag', () => {
      assert.deepEqual(
        checkSglang({
          'tp-size': [-1, 1],
          'mem-fraction-static': [2, 0.5, 1],
          'schedule-policy': [3],
          'schedule-conservativeness': [-0.5, 2],
          'enable-mixed-chunk': [1, 'on'],
        }).map((p) => [p.code, p.flag, p.valueIndex]),
        [
          ['flag-range', 'mem-fraction-static', 0],
          ['flag-choice', 'schedule-policy', 0],
          ['flag-type', 'enable-mixed-chunk', 0],
          ['flag-type', 'enable-mixed-chunk', 1],
        ],
      );
      assert.equal(only(checkVllm({ 'gpu-memory-utilization': [0.5, -1] })).valueIndex, 1);
    });

    it('reads a float written 2.0 for an int flag from its source token', () => {
      const problem = only(checkSglang({ 'tp-size': [2] }, { tokens: { 'tp-size': ['2.0'] } }));
      assert.equal(problem.code, 'flag-type');
      assert.deepEqual(problem.fix, { kind: 'replace-value', with: 2 });
    });

    it('reports values outside enforced choices, with the nearest choice', () => {
      const problem = only(checkSglang({ 'schedule-policy': ['fcfs', 'lifo', 'LPM'] }).slice(0, 1));
      assert.equal(problem.code, 'flag-choice');
      assert.equal(problem.valueIndex, 1);
      const upper = checkSglang({ 'schedule-policy': ['LPM'] })[0]!;
      assert.deepEqual(upper.fix, { kind: 'replace-value', with: 'lpm' });
      // Int choices compare as argparse does, after str(): "16" is 16.
      assert.deepEqual(checkVllm({ 'block-size': [16, '32'] }), []);
      assert.equal(only(checkVllm({ 'block-size': [12] })).code, 'flag-choice');
    });

    it('reports values out of range, naming where the range comes from', () => {
      const implied = only(checkSglang({ 'mem-fraction-static': [0.5, 1, 1.5] }));
      assert.equal(implied.code, 'flag-range');
      assert.equal(implied.valueIndex, 2);
      assert.match(implied.message, /outside \(0, 1\].*a fraction of GPU memory/);
      const declared = only(checkVllm({ 'gpu-memory-utilization': [0] }));
      assert.match(declared.message, /declared by vLLM main-2026-05-29/);
    });

    it('reports whitespace, which the command splitting breaks, except for flags taking several values', () => {
      const problem = only(checkSglang({ 'schedule-policy': [' fcfs'] }));
      assert.equal(problem.code, 'flag-whitespace');
      assert.deepEqual(problem.fix, { kind: 'replace-value', with: 'fcfs' });
      assert.deepEqual(checkSglang({ 'cuda-graph-bs': ['1 2 4'] }), []);
      assert.equal(only(checkSglang({ 'cuda-graph-bs': ['1 two'] })).code, 'flag-type');
    });

    it('reports false for an on/off flag: it launches nothing, the default', () => {
      const problem = only(checkSglang({ 'enable-mixed-chunk': [true, false] }));
      assert.equal(problem.code, 'flag-false');
      assert.deepEqual(problem.fix, { kind: 'remove-value' });
      assert.match(problem.message, /^parameters\.enable-mixed-chunk\[1\]: false launches nothing.*default \(off\)/);
      assert.equal(only(checkSglang({ 'enable-mixed-chunk': ['yes'] })).code, 'flag-type');
      // A vLLM flag that is off by default: its no- form would say nothing new.
      const off = only(checkFlags({ 'enforce-eager': [false] }, [{ runtime: 'vllm', index: enforceEager }]));
      assert.deepEqual(off.fix, { kind: 'remove-value' });
    });

    it('accepts null where None is a choice, and leaves unknown types unchecked', () => {
      assert.deepEqual(checkSglang({ 'json-model-override-args': ['{"a":1}'] }), []);
      assert.equal(only(checkSglang({ 'model-path': [null] })).code, 'flag-null');
    });
  });

  it('places every problem: its path starts the message, its index is a value of its flag', () => {
    const names = [
      ...indexes.sglang052.spellings.keys(),
      ...indexes.vllmMain.spellings.keys(),
      'swap-space',
      'tp_size',
      'x y',
    ];
    const value = fc.oneof(
      fc.integer({ min: -3, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('fcfs', 'lifo', ' 2', 'two', '1 2', 'None', 'auto'),
    );
    const grid = fc.dictionary(
      fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })),
      fc.array(value, { maxLength: 3 }),
      {
        maxKeys: 5,
      },
    );
    const checks = [[sglang], [vllm], [sglang, vllm]];
    fc.assert(
      fc.property(grid, fc.constantFrom(...checks), (parameters, runtimes) => {
        for (const problem of checkFlags(parameters, runtimes, { counterparts: counterpartIndex })) {
          assert.ok(Object.hasOwn(parameters, problem.flag));
          const path =
            problem.target === 'key'
              ? formatFieldPath(['parameters', problem.flag])
              : formatFieldPath(['parameters', problem.flag, problem.valueIndex!]);
          assert.ok(problem.message.startsWith(path + ': '), problem.message);
          if (problem.target === 'value') assert.ok(problem.valueIndex! < parameters[problem.flag]!.length);
          assert.equal(problem.severity, 'warning');
          // A rename's target is a flag the checked runtimes know.
          const fix = problem.fix;
          if (fix?.kind === 'rename-key')
            assert.ok(
              runtimes.some((r) => r.index.find(fix.to)),
              fix.to,
            );
        }
      }),
    );
  });

  describe('helpers', () => {
    it('computes edit distances, capped at the limit', () => {
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('', 'abc'), 3);
      assert.equal(editDistance('same', 'same'), 0);
      assert.equal(editDistance('abcdef', 'uvwxyz', 2), 2);
    });

    it('writes ranges in interval notation', () => {
      assert.equal(formatRange({ gt: 0, le: 1 }), '(0, 1]');
      assert.equal(formatRange({ ge: 0 }), '[0, ∞)');
    });
  });
});
