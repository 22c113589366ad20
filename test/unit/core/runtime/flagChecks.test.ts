import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParameterGrid } from '../../../../src/core/model';
import { formatFieldPath } from '../../../../src/core/values';
import {
  buildCounterpartIndex,
  buildFlagIndex,
  type CatalogFlag,
  type FlagIndex,
  type OverlayFlag,
} from '../../../../src/core/runtime/catalog';
import {
  checkFlags,
  editDistance,
  formatRange,
  plainlyAccepted,
  suggestFlag,
  valueProblem,
  type FlagCheckOptions,
  type FlagProblem,
  type RuntimeToCheck,
} from '../../../../src/core/runtime/flagChecks';
import { gridRuns } from '../../../../src/core/runtime/runs';
import { counterparts, indexes, sglang052, vllmMain } from './handCatalogs';

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

function catalogFlag(name: string, fields: Partial<CatalogFlag> = {}): CatalogFlag {
  return { ...sglang052.flags.find((f) => f.name === 'model-path')!, name, ...fields };
}

/** An SGLang index of the given flags, at `version`, with overlay facts by flag name. */
function sglangIndex(
  flags: CatalogFlag[],
  version = '0.5.2',
  overlay: Record<string, Partial<OverlayFlag>> = {},
): FlagIndex {
  const overlayFlags: Record<string, OverlayFlag> = {};
  for (const [name, extra] of Object.entries(overlay))
    overlayFlags[name] = { description: name, area: 'other', common: false, ...extra };
  return buildFlagIndex(
    { ...sglang052, version, flags },
    { runtime: 'sglang', docs_url: 'https://example.org', flags: overlayFlags },
  );
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
      // The code too: a "did you mean" of the same flag has the same fix.
      const dashed = only(checkSglang({ '--schedule-pol': ['lpm'] }));
      assert.deepEqual([dashed.code, dashed.fix], ['flag-abbreviation', { kind: 'rename-key', to: 'schedule-policy' }]);
      // vLLM's parser turns underscores into dashes before argparse matches the prefix.
      const underscored = only(checkVllm({ max_num_s: [64] }));
      assert.deepEqual(
        [underscored.code, underscored.fix],
        ['flag-abbreviation', { kind: 'rename-key', to: 'max-num-seqs' }],
      );
      // A prefix may end in a dash.
      assert.equal(only(checkSglang({ 'tp-': [2] })).code, 'flag-abbreviation');
      // SGLang's parser keeps underscores: there, such a key is a prefix of nothing.
      assert.notEqual(only(checkSglang({ max_running: [64] })).code, 'flag-abbreviation');
      // In a preset for any runtime, a prefix one of them accepts.
      assert.equal(only(checkFlags({ 'mem-frac': [0.8] }, [sglang, vllm])).code, 'flag-abbreviation');
    });

    it('keeps an ambiguous prefix unknown, naming the flags it could be in order; a one-dash key is no prefix', () => {
      const problem = only(checkSglang({ max: [8] }));
      assert.equal(problem.code, 'flag-unknown');
      assert.equal(problem.fix, undefined);
      assert.match(
        problem.message,
        /^parameters\.max: unknown flag "max" in SGLang 0\.5\.2: argparse refuses it as an abbreviation of several flags \("max-prefill-tokens", "max-running-requests", "max-total-tokens"\); write the full name$/,
      );
      assert.match(only(checkSglang({ m: [8] })).message, /several flags \(("[a-z-]+", ){4}"[a-z-]+"\)/);
      assert.notEqual(only(checkSglang({ '-t': [2] })).code, 'flag-abbreviation');
      assert.notEqual(only(checkSglang({ 'tp=2': [2] })).code, 'flag-abbreviation');
      // Beyond five, the rest are counted.
      const seven = buildFlagIndex({
        ...sglang052,
        flags: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ ...sglang052.flags[0]!, name: `max-${n}`, aliases: [] })),
      });
      assert.match(
        only(checkFlags({ max: [1] }, [{ runtime: 'sglang', index: seven }])).message,
        /\("max-1", "max-2", "max-3", "max-4", "max-5" and 2 more\); write the full name$/,
      );
      // "--" alone abbreviates nothing (argparse reads it as the end of the options), though every name starts with "".
      const bare = only(checkSglang({ '--': [2] }));
      assert.equal(bare.code, 'flag-unknown');
      assert.doesNotMatch(bare.message, /abbreviation/);
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
    it('takes number-looking strings for numbers, as argparse reads str(value); not true or words', () => {
      assert.deepEqual(checkSglang({ 'tp-size': [1, '2', 4], 'schedule-conservativeness': ['0.5', 1, 2.5] }), []);
      const problems = checkSglang({ 'tp-size': ['two', true, 2.5], 'schedule-conservativeness': [false] });
      assert.deepEqual(
        problems.map((p) => [p.code, p.flag, p.valueIndex]),
        [
          ['flag-type', 'tp-size', 0],
          ['flag-type', 'tp-size', 1],
          ['flag-type', 'tp-size', 2],
          ['flag-false', 'schedule-conservativeness', 0],
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
      const problem = only(checkSglang({ 'schedule-policy': ['fcfs lpm'] }));
      assert.equal(problem.code, 'flag-whitespace');
      assert.equal(problem.fix, undefined);
      assert.deepEqual(checkSglang({ 'cuda-graph-bs': ['1 2 4'] }), []);
      assert.equal(only(checkSglang({ 'cuda-graph-bs': ['1 two'] })).code, 'flag-type');
      // Numbers too, one value each.
      assert.deepEqual(
        checkSglang({ 'cuda-graph-bs': [4, 2.5] }).map((p) => [p.code, p.valueIndex]),
        [['flag-type', 1]],
      );
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

  describe('what each key problem says and offers', () => {
    it('skips keys the parameters inherit', () => {
      const parameters = Object.assign(Object.create({ 'no-such-flag': [1] }) as ParameterGrid, { 'tp-size': [1] });
      assert.deepEqual(checkSglang(parameters), []);
    });

    it("reuses a key's problem already found, and records the new ones", () => {
      const known: FlagProblem = {
        flag: 'typo',
        target: 'key',
        severity: 'warning',
        code: 'flag-unknown',
        message: 'parameters.typo: found before',
      };
      const unknownKeys = new Map([['typo', known]]);
      const problems = checkSglang({ typo: [1], 'other-typo': [2], 'tp-size': [1] }, { unknownKeys });
      assert.equal(problems[0], known);
      assert.deepEqual([...unknownKeys.keys()], ['typo', 'other-typo']);
      assert.equal(unknownKeys.get('other-typo'), problems[1]);
    });

    it('reports a value problem both runtimes find once per value', () => {
      const problems = checkFlags({ 'tensor-parallel-size': ['two', 'three', 4] }, [sglang, vllm]);
      assert.deepEqual(
        problems.map((p) => [p.code, p.valueIndex]),
        [
          ['flag-type', 0],
          ['flag-type', 1],
        ],
      );
    });

    it('in a preset for any runtime, reports what only the second runtime finds, and a deprecation both find once', () => {
      const shared = (choices: string[]) =>
        catalogFlag('kv-layout', { choices, choices_enforced: true, deprecated: { replacement: null } });
      const first: RuntimeToCheck = { runtime: 'sglang', index: sglangIndex([shared(['a', 'b'])]) };
      const second: RuntimeToCheck = {
        runtime: 'vllm',
        index: buildFlagIndex({ ...vllmMain, flags: [shared(['a'])] }),
      };
      const problems = checkFlags({ 'kv-layout': ['a', 'b'] }, [first, second]);
      assert.deepEqual(
        problems.map((p) => [p.code, p.valueIndex]),
        [
          ['flag-deprecated', undefined],
          ['flag-choice', 1],
        ],
      );
    });

    it('reads a flag removed and added back as not yet there, from the newest version that has it', () => {
      const withIt = [catalogFlag('model-path'), catalogFlag('comeback')];
      const checked: RuntimeToCheck = {
        runtime: 'sglang',
        index: sglangIndex([catalogFlag('model-path')], '0.5.2'),
        otherVersions: [sglangIndex(withIt, '0.4.0'), sglangIndex(withIt, '0.6.0'), sglangIndex(withIt, '0.3.0')],
      };
      const problem = only(checkFlags({ comeback: [1] }, [checked]));
      assert.equal(problem.code, 'flag-not-yet');
      assert.equal(
        problem.message,
        'parameters.comeback: "comeback" is not in SGLang 0.5.2; only the newer 0.6.0 has it',
      );
      assert.deepEqual(problem.fix, { kind: 'remove-key' });
    });

    it('names the replacement of a removed flag when the version checked has it', () => {
      const old = sglangIndex([catalogFlag('old-name', { deprecated: { replacement: 'new-name' } })], '0.4.0');
      const gone = sglangIndex([catalogFlag('gone', { deprecated: { replacement: 'also-gone' } })], '0.4.1');
      const current = sglangIndex([catalogFlag('new-name')], '0.5.2');
      const runtime: RuntimeToCheck = { runtime: 'sglang', index: current, otherVersions: [old, gone] };
      const [renamed, removed] = checkFlags({ 'old-name': [1], gone: [1] }, [runtime]);
      assert.equal(
        renamed!.message,
        'parameters.old-name: "old-name" was removed: SGLang 0.5.2 has no such flag (0.4.0 has); use "new-name"',
      );
      assert.deepEqual(renamed!.fix, { kind: 'rename-key', to: 'new-name' });
      assert.equal(removed!.message, 'parameters.gone: "gone" was removed: SGLang 0.5.2 has no such flag (0.4.1 has)');
      assert.deepEqual(removed!.fix, { kind: 'remove-key' });
      // Without a replacement at all.
      const swap = only(checkVllm({ 'swap-space': [4] }));
      assert.equal(
        swap.message,
        'parameters.swap-space: "swap-space" was removed: vLLM main-2026-05-29 has no such flag (0.10.0 has)',
      );
      assert.deepEqual(swap.fix, { kind: 'remove-key' });
    });

    it("names the other runtime's flag only when one runtime is checked", () => {
      const runtimes: RuntimeToCheck[] = [
        { runtime: 'sglang', index: indexes.sglang052 },
        { runtime: 'vllm', index: indexes.vllmMain },
      ];
      const problem = only(
        checkFlags({ 'swap-space': [4] }, runtimes, { otherRuntimes: [{ runtime: 'vllm', index: indexes.vllm0100 }] }),
      );
      assert.equal(problem.code, 'flag-unknown');
    });

    it("says when the other runtime's flag has no counterpart here", () => {
      // Without a counterpart table.
      const alone = only(
        checkFlags({ 'max-num-seqs': [8] }, [{ runtime: 'sglang', index: indexes.sglang052 }], {
          otherRuntimes: [{ runtime: 'vllm', index: indexes.vllmMain }],
        }),
      );
      assert.equal(
        alone.message,
        'parameters.max-num-seqs: "max-num-seqs" is a vLLM flag, not one of SGLang 0.5.2; SGLang has no counterpart',
      );
      assert.deepEqual(alone.fix, { kind: 'remove-key' });
      // A counterpart the version checked does not have.
      const table = buildCounterpartIndex({
        flags: [{ sglang: 'not-in-0.5.2', vllm: 'max-num-seqs', exactness: 'exact', values: null }],
      });
      const missing = only(checkSglang({ 'max-num-seqs': [8] }, { counterparts: table }));
      assert.match(missing.message, /SGLang has no counterpart$/);
      assert.deepEqual(missing.fix, { kind: 'remove-key' });
      // From vLLM: "an SGLang flag".
      assert.equal(
        only(checkVllm({ 'schedule-conservativeness': [1] })).message,
        'parameters.schedule-conservativeness: "schedule-conservativeness" is an SGLang flag, not one of vLLM main-2026-05-29; vLLM has no counterpart',
      );
    });

    it('says an unknown flag has no suggestion, with no fix', () => {
      const problem = only(checkSglang({ 'completely-different-thing': [1] }));
      assert.equal(
        problem.message,
        'parameters.completely-different-thing: unknown flag "completely-different-thing" in SGLang 0.5.2',
      );
      assert.equal(problem.fix, undefined);
    });

    it('says what a deprecated flag is deprecated in, and its replacement if any', () => {
      const problem = only(checkSglang({ 'max-total-tokens': [4096] }));
      assert.equal(
        problem.message,
        'parameters.max-total-tokens: "max-total-tokens" is deprecated in SGLang 0.5.2; use "max-running-requests"',
      );
      const index = sglangIndex([catalogFlag('old', { deprecated: { replacement: null } })]);
      const bare = only(checkFlags({ old: ['x'] }, [{ runtime: 'sglang', index }]));
      assert.equal(bare.message, 'parameters.old: "old" is deprecated in SGLang 0.5.2');
      assert.equal(bare.fix, undefined);
    });
  });

  describe('what argparse makes of the launched arguments', () => {
    // As SGLang 0.5.2 declares them.
    const flags = sglangIndex([
      catalogFlag('hybrid-kvcache-ratio', { type: 'float', nargs: '?' }),
      catalogFlag('lora-paths', { nargs: '*' }),
      catalogFlag('served-model-name'),
      catalogFlag('cuda-graph-bs', { type: 'int', nargs: '+' }),
      catalogFlag('one', { nargs: 1 }),
      catalogFlag('pair', { type: 'int', nargs: 2 }),
      catalogFlag('log-requests-level', { type: 'int', choices: [0, 1, 2, 3], choices_enforced: true, default: 2 }),
      catalogFlag('ratio', { type: 'float', choices: [0.5, 1], choices_enforced: true }),
      catalogFlag('count', { type: 'int', range: { ge: 1, lt: 10 } }),
    ]);
    const check = (parameters: ParameterGrid): FlagProblem[] =>
      checkFlags(parameters, [{ runtime: 'sglang', index: flags }]);
    const messages = (parameters: ParameterGrid): string[] => check(parameters).map((p) => p.message);

    it('accepts true, the bare flag, where argparse lets the value out (nargs ? or *)', () => {
      assert.deepEqual(check({ 'hybrid-kvcache-ratio': [true, 0.5, ''], 'lora-paths': [true, '', 'a b'] }), []);
    });

    it('reports true where the flag needs a value, with what argparse says', () => {
      assert.deepEqual(
        messages({ 'served-model-name': [true, ''], 'cuda-graph-bs': [true], one: [true], pair: [true, 4] }),
        [
          'parameters.served-model-name[0]: true launches "--served-model-name" without a value, but "served-model-name" takes a str: argparse stops with "expected one argument"',
          'parameters.served-model-name[1]: "" launches "--served-model-name" without a value, but "served-model-name" takes a str: argparse stops with "expected one argument"',
          'parameters.cuda-graph-bs[0]: true launches "--cuda-graph-bs" without a value, but "cuda-graph-bs" takes an int: argparse stops with "expected at least one argument"',
          'parameters.one[0]: true launches "--one" without a value, but "one" takes a str: argparse stops with "expected 1 argument"',
          'parameters.pair[0]: true launches "--pair" without a value, but "pair" takes an int: argparse stops with "expected 2 arguments"',
          'parameters.pair[1]: 4 is one argument, but "pair" takes 2: argparse stops with "expected 2 arguments"',
        ],
      );
      assert.deepEqual(
        check({ 'served-model-name': [true] }).map((p) => [p.code, p.fix]),
        [['flag-type', undefined]],
      );
      assert.deepEqual(check({ pair: ['4 8'] }), []);
    });

    it('reports false for a flag taking a value as it does for an on/off flag: it launches nothing, the default', () => {
      const problems = checkSglang({ 'tp-size': [false, 2], 'schedule-policy': [false] });
      assert.deepEqual(
        problems.map((p) => [p.code, p.message, p.fix]),
        [
          [
            'flag-false',
            'parameters.tp-size[0]: false launches nothing, which leaves "tensor-parallel-size" at its default (default 1)',
            { kind: 'remove-value' },
          ],
          [
            'flag-false',
            'parameters.schedule-policy[0]: false launches nothing, which leaves "schedule-policy" at its default (default "fcfs")',
            { kind: 'remove-value' },
          ],
        ],
      );
      assert.equal(only(check({ 'hybrid-kvcache-ratio': [false] })).code, 'flag-false');
      // The Runs view launches that run without the flag, and counts it as launching fine.
      const runs = gridRuns({ 'tp-size': [false, 2] }, { runtime: 'sglang', problems });
      assert.deepEqual(
        [...runs.runs()].map((run) => [run.command.slice(9), run.problems]),
        [
          [[], []],
          [['--tp-size', '2'], []],
        ],
      );
    });

    it("compares choices after the flag's type has converted the argument, as argparse does", () => {
      assert.deepEqual(check({ 'log-requests-level': ['02', '+1', 3, '٣', '0_3'], ratio: ['.5', '1e0', 1] }), []);
      assert.deepEqual(checkVllm({ 'block-size': ['08', '+16'] }), []);
      const problem = only(check({ 'log-requests-level': ['04'] }));
      assert.equal(problem.code, 'flag-choice');
      assert.equal(only(check({ ratio: ['0.25'] })).code, 'flag-choice');
    });

    it('takes a value with whitespace only around it as the one argument it launches', () => {
      assert.deepEqual(checkSglang({ 'tp-size': [' 2', '2 ', '\t2\n'], 'schedule-policy': [' lpm '] }), []);
      assert.equal(only(check({ count: [' 12'] })).code, 'flag-range');
    });

    it("reads numbers as Python's int() and float() do: underscores, signs, Unicode digits, inf and nan", () => {
      assert.deepEqual(
        checkSglang({
          'tp-size': ['1_0', '+2', '٢'],
          'schedule-conservativeness': ['1_0.5', '5.', 'inf', 'NaN', '1_0e1'],
        }),
        [],
      );
      assert.deepEqual(
        checkSglang({ 'tp-size': ['1__0', '_1', '0x10', '1.0'], 'schedule-conservativeness': ['1_.5', 'in'] }).map(
          (p) => [p.code, p.valueIndex],
        ),
        [
          ['flag-type', 0],
          ['flag-type', 1],
          ['flag-type', 2],
          ['flag-type', 3],
          ['flag-type', 0],
          ['flag-type', 1],
        ],
      );
      // The range reads the number the same way.
      assert.equal(only(check({ count: ['1_0', '9'] })).code, 'flag-range');
    });

    it('reports a value argparse takes for an option: a leading dash, not a negative number', () => {
      assert.deepEqual(
        messages({ 'served-model-name': ['-foo', '-', '-1', 'a-b'], 'hybrid-kvcache-ratio': ['-inf'] }),
        [
          'parameters.served-model-name[0]: "-foo" starts with "-", which argparse takes for an option, not a value of "served-model-name"',
          'parameters.hybrid-kvcache-ratio[0]: "-inf" starts with "-", which argparse takes for an option, not a value of "hybrid-kvcache-ratio"',
        ],
      );
      // A number written in a form argparse (before Python 3.14) does not read as negative, and a word of several.
      assert.deepEqual(messages({ 'hybrid-kvcache-ratio': [-0.00001, -0.5], 'lora-paths': ['a -b'] }), [
        'parameters.hybrid-kvcache-ratio[0]: -0.00001 is launched as "-1e-05", which argparse takes for an option, not a value of "hybrid-kvcache-ratio"',
        'parameters.lora-paths[0]: "a -b" is launched as "-b", which argparse takes for an option, not a value of "lora-paths"',
      ]);
      assert.equal(only(checkSglang({ 'tp-size': ['-x'] })).code, 'flag-type');
    });

    it('accepts plainly only values the full check accepts', () => {
      const all = [flags, indexes.sglang052, indexes.vllmMain, indexes.vllm0100];
      const match = fc.constantFrom(
        ...all.flatMap((index) => index.flags.map((flag) => ({ flag, via: 'name' as const }))),
      );
      const value = fc.oneof(
        fc.integer({ min: -20, max: 20 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('', ' ', '-', '-x', '-1', '2', ' 2', '1_0', '02', 'fcfs', 'a b', 'None', 'true'),
        fc.string({ maxLength: 4 }),
      );
      // A number's source text, as the reader gives it: none, as JavaScript writes it, or as a float.
      const written = fc.constantFrom('none', 'plain', 'float');
      const token = (v: unknown, how: string): string | undefined =>
        typeof v !== 'number' || how === 'none'
          ? undefined
          : how === 'float' && Number.isInteger(v) && Math.abs(v) < 1e21
            ? `${v}.0`
            : String(v);
      fc.assert(
        fc.property(match, value, written, (m, v, how) => {
          const t = token(v, how);
          if (plainlyAccepted(m.flag, v, t)) assert.equal(valueProblem(m, v, t), undefined);
        }),
        { numRuns: 5000 },
      );
    });
  });

  describe('what each value problem says and offers', () => {
    const flags = sglangIndex(
      [
        catalogFlag('text'),
        catalogFlag('maybe', { nargs: '?' }),
        catalogFlag('one', { nargs: 1 }),
        catalogFlag('words', { nargs: '+', choices: ['a', 'b'], choices_enforced: true }),
        catalogFlag('loose', { choices: ['a', 'b'], choices_enforced: false }),
        catalogFlag('loose-words', { nargs: '+', choices: ['a', 'b'], choices_enforced: false }),
        catalogFlag('none-choice', { choices: ['None', 'a'], choices_enforced: true }),
        catalogFlag('count', { type: 'int', range: { ge: 1, lt: 10 } }),
        catalogFlag('ratio', { type: 'float' }),
        catalogFlag('ranged-text', { range: { ge: 1 } }),
        catalogFlag('on-by-default', { type: 'bool', is_flag: true, default: true }),
        catalogFlag('named-default', { type: 'bool', is_flag: true, default: 'auto' }),
        catalogFlag('no-default', { type: 'bool', is_flag: true, default: undefined }),
      ],
      '0.5.2',
    );
    const check = (parameters: ParameterGrid): FlagProblem[] =>
      checkFlags(parameters, [{ runtime: 'sglang', index: flags }]);

    it('names the negation a key used, and offers no no- form for it', () => {
      const typed = only(checkVllm({ 'no-enable-prefix-caching': ['yes'] }));
      assert.equal(
        typed.message,
        'parameters.no-enable-prefix-caching[0]: "no-enable-prefix-caching" is an on/off flag and takes no value; "yes" would be launched after it (write true)',
      );
      const off = only(checkVllm({ 'no-enable-prefix-caching': [false] }));
      assert.equal(
        off.message,
        'parameters.no-enable-prefix-caching[0]: false launches nothing, which leaves "enable-prefix-caching" at its default (unset)',
      );
      assert.deepEqual(off.fix, { kind: 'remove-value' });
    });

    it("says what an on/off flag's default is", () => {
      assert.match(only(check({ 'on-by-default': [false] })).message, /at its default \(on\)$/);
      assert.match(only(check({ 'named-default': [false] })).message, /at its default \(default "auto"\)$/);
      // A catalog that leaves the default out.
      assert.match(only(check({ 'no-default': [false] })).message, /at its default \(unset\)$/);
      assert.match(only(checkSglang({ 'enable-mixed-chunk': [false] })).message, /at its default \(off\)$/);
      assert.match(
        only(checkVllm({ 'enable-prefix-caching': [false] })).message,
        /at its default \(unset\); to turn it off, write "no-enable-prefix-caching": \[true\]$/,
      );
    });

    it('offers true for an on/off flag given "true" or 1, and nothing for other values', () => {
      const fixes = checkSglang({ 'enable-mixed-chunk': ['true', 1, 'yes', 2, 0, 'True'] }).map((p) => p.fix);
      assert.deepEqual(fixes, [
        { kind: 'replace-value', with: true },
        { kind: 'replace-value', with: true },
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    });

    it('says how null is launched, and accepts it where "None" is a choice', () => {
      assert.deepEqual(check({ 'none-choice': [null] }), []);
      assert.equal(
        only(checkSglang({ quantization: [null] })).message,
        'parameters.quantization[0]: null is launched as "--quantization None", not one of the choices of "quantization" in SGLang 0.5.2; leave the value out to keep the default',
      );
      assert.equal(
        only(check({ loose: [null] })).message,
        'parameters.loose[0]: null is launched as "--loose None", the text None, as "loose"\'s value; leave the value out to keep the default',
      );
      assert.match(only(check({ text: [null] })).message, /the text None, as "text"'s value/);
    });

    it('reports whitespace that splits a single value into several arguments, or none', () => {
      const problems = check({ text: ['my model', ' a ', '  '], maybe: ['a b'], one: ['a b'] });
      assert.deepEqual(
        problems.map((p) => [p.code, p.flag, p.valueIndex, p.fix]),
        [
          ['flag-whitespace', 'text', 0, undefined],
          ['flag-whitespace', 'text', 2, undefined],
          ['flag-whitespace', 'maybe', 0, undefined],
          ['flag-whitespace', 'one', 0, undefined],
        ],
      );
      assert.equal(
        problems[0]!.message,
        'parameters.text[0]: "my model" holds whitespace, where the autotuner splits the command: "text" would get 2 arguments',
      );
      assert.match(problems[1]!.message, /would get 0 arguments$/);
    });

    it('checks each word of a flag taking several values against its choices', () => {
      assert.deepEqual(check({ words: ['a b', 'b'] }), []);
      const problem = only(check({ words: ['a zz'] }));
      assert.equal(problem.code, 'flag-choice');
    });

    it('leaves choices that are not enforced unchecked', () => {
      assert.deepEqual(check({ loose: ['c', 'anything'], 'loose-words': ['a c'] }), []);
    });

    it('says which choices there are, and the nearest one when it is near', () => {
      const far = only(checkSglang({ 'schedule-policy': ['zzzzzz'] }));
      assert.equal(
        far.message,
        'parameters.schedule-policy[0]: "zzzzzz" is not a choice of "schedule-policy" in SGLang 0.5.2 (lpm, random, fcfs, dfs-weight, lof)',
      );
      assert.equal(far.fix, undefined);
      const near = only(checkSglang({ 'schedule-policy': ['randon'] }));
      assert.match(near.message, /\(lpm, random, fcfs, dfs-weight, lof\); did you mean "random"\?$/);
      assert.deepEqual(near.fix, { kind: 'replace-value', with: 'random' });
      // A short value may miss by one letter.
      assert.deepEqual(only(checkSglang({ 'schedule-policy': ['lo'] })).fix, { kind: 'replace-value', with: 'lof' });
      // A longer one by a third of its length, no more.
      assert.deepEqual(only(checkSglang({ 'schedule-policy': ['dfs-wxxgt'] })).fix, {
        kind: 'replace-value',
        with: 'dfs-weight',
      });
      assert.equal(only(checkSglang({ 'schedule-policy': ['dfs-xxxxxt'] })).fix, undefined);
      // null, a choice of vLLM's, is never suggested for a misspelt None.
      assert.equal(only(checkVllm({ quantization: ['Nonee'] })).fix, undefined);
    });

    it('says what type a value is not, with the right article', () => {
      const problems = checkSglang({ 'tp-size': [2.5, true], 'schedule-conservativeness': [true, 'much'] });
      assert.deepEqual(
        problems.map((p) => p.message),
        [
          'parameters.tp-size[0]: 2.5 is a float for "tensor-parallel-size", which takes an int',
          'parameters.tp-size[1]: true launches "--tensor-parallel-size" without a value, but "tensor-parallel-size" takes an int: argparse stops with "expected one argument"',
          'parameters.schedule-conservativeness[0]: true launches "--schedule-conservativeness" without a value, but "schedule-conservativeness" takes a float: argparse stops with "expected one argument"',
          'parameters.schedule-conservativeness[1]: "much" is not a number for "schedule-conservativeness", which takes a float',
        ],
      );
      // Only a whole number written as a float has a fix: the same number as an int.
      assert.deepEqual(
        [...problems, ...checkSglang({ 'tp-size': ['two', ''] })].map((p) => p.fix),
        [undefined, undefined, undefined, undefined, undefined, undefined],
      );
      // An empty string launches the flag without a value.
      assert.equal(only(checkSglang({ 'tp-size': [''] })).code, 'flag-type');
    });

    it('checks every side of a range, for numbers only', () => {
      assert.deepEqual(check({ count: [1, 9, '5'] }), []);
      assert.deepEqual(
        check({ count: [0, 10, 10.5] }).map((p) => [p.code, p.valueIndex]),
        [
          ['flag-range', 0],
          ['flag-range', 1],
          ['flag-type', 2],
        ],
      );
      assert.equal(
        check({ count: [10] })[0]!.message,
        'parameters.count[0]: 10 is outside [1, 10), the range of "count" (declared by SGLang 0.5.2)',
      );
      // A range on a text flag is not a number's.
      assert.deepEqual(check({ 'ranged-text': ['0'] }), []);
      assert.deepEqual(check({ ratio: [0.5, '1e3', 'inf'] }), []);
    });
  });

  describe('suggestions', () => {
    it('reads a key with dashes and underscores as the flag it spells', () => {
      assert.equal(suggestFlag('--tp_size', [indexes.sglang052]), 'tensor-parallel-size');
      assert.equal(suggestFlag('--no_enable_prefix_caching', [indexes.vllmMain]), 'no-enable-prefix-caching');
    });

    it('suggests the one flag a key abbreviates, and none when several start so', () => {
      assert.equal(suggestFlag('max-prefill', [indexes.sglang052]), 'max-prefill-tokens');
      assert.equal(suggestFlag('max-', [indexes.sglang052]), undefined);
    });

    it("suggests a flag up to a quarter of the key's length away, the nearest wherever it is listed", () => {
      const flags = [catalogFlag('speculative-draft-model'), catalogFlag('speculative-eagle-topk')];
      // Three edits from a key of 22 characters: beyond the first, two-edit search, within the allowance of 5.
      assert.equal(suggestFlag('spekulativ-drafd-model', [sglangIndex(flags)]), 'speculative-draft-model');
      // Seven edits is past it.
      assert.equal(suggestFlag('spekulativ-drafd-mxxxx', [sglangIndex(flags)]), undefined);
      // A spelling two edits away wins over one three edits away listed before it.
      const nearerLater = [catalogFlag('schedule-policy'), catalogFlag('schedule-polish')];
      assert.equal(suggestFlag('schedle-polis', [sglangIndex(nearerLater)]), 'schedule-polish');
    });

    it('suggests a misspelt negation as itself', () => {
      assert.equal(suggestFlag('no-enable-prefix-cachin', [indexes.vllmMain]), 'no-enable-prefix-caching');
    });

    it('breaks a tie of spellings for the commonly tuned flag, else the first', () => {
      const flags = [catalogFlag('flag-a'), catalogFlag('flag-b'), catalogFlag('flag-d'), catalogFlag('flag-e')];
      assert.equal(suggestFlag('flag-c', [sglangIndex(flags)]), 'flag-a');
      const common = sglangIndex(flags, '0.5.2', { 'flag-b': { common: true }, 'flag-e': { common: true } });
      assert.equal(suggestFlag('flag-c', [common]), 'flag-b');
      // Common or not, a farther spelling never beats a nearer one.
      const farther = sglangIndex([catalogFlag('flag-a'), catalogFlag('flag-xyz')], '0.5.2', {
        'flag-xyz': { common: true },
      });
      assert.equal(suggestFlag('flag-c', [farther]), 'flag-a');
      // A commonly tuned flag just past the distance allowed is still too far.
      const tooFar = sglangIndex([catalogFlag('flag-abc')], '0.5.2', { 'flag-abc': { common: true } });
      assert.equal(suggestFlag('flag-xyz', [tooFar]), undefined);
    });
  });

  describe('converters beyond int and str', () => {
    const vllmSuffixes = {
      decimal: { k: 1e3, m: 1e6, g: 1e9, t: 1e12 },
      binary: { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 },
    };
    const vllmConverters: RuntimeToCheck = {
      runtime: 'vllm',
      index: buildFlagIndex({
        ...vllmMain,
        flags: [
          catalogFlag('max-model-len', {
            type: 'human_readable_int_or_auto',
            range: { ge: -1 },
            int_suffixes: vllmSuffixes,
            int_words: { auto: -1 },
          }),
          catalogFlag('max-num-batched-tokens', {
            type: 'human_readable_int',
            range: { ge: 1 },
            int_suffixes: vllmSuffixes,
            accepts_none: true,
          }),
          catalogFlag('moe-backend', {
            choices: ['auto', 'flashinfer_cutlass', 'triton'],
            choices_enforced: true,
            transform: [['lower'], ['replace', '-', '_']],
          }),
          catalogFlag('max-num-seqs', { type: 'int', accepts_none: true }),
          catalogFlag('seed', { type: 'int' }),
          catalogFlag('quantization', { choices: ['awq', 'fp8'], choices_enforced: true }),
          catalogFlag('preemption-mode', {
            choices: ['recompute', 'swap', 'None'],
            choices_enforced: true,
            accepts_none: true,
          }),
          catalogFlag('loose-mode', { choices: ['a', 'None'], choices_enforced: false, accepts_none: true }),
          catalogFlag('none-object', { choices: ['a', null], choices_enforced: true, accepts_none: true }),
        ],
      }),
    };
    const sglangConverters: RuntimeToCheck = {
      runtime: 'sglang',
      index: sglangIndex([
        catalogFlag('context-length', {
          type: 'human_readable_int',
          int_suffixes: { decimal: { k: 1e3, M: 1e6, G: 1e9, T: 1e12 }, binary: { Ki: 2 ** 10, Mi: 2 ** 20 } },
        }),
        catalogFlag('dtype', { choices: ['auto', 'fp8'], choices_enforced: true, transform: [['lower']] }),
        catalogFlag('quantization-param-path', { accepts_none: true }),
      ]),
    };
    const check = (runtime: RuntimeToCheck, parameters: ParameterGrid) =>
      checkFlags(parameters, [runtime]).map((p) => p.message);

    it("takes what vLLM's human_readable_int takes: k/m/g/t decimal with fractions, K/M/G/T binary, whole", () => {
      assert.deepEqual(
        check(vllmConverters, {
          'max-model-len': ['32k', '1K', '25.6k', '2M', '1t', '0.5g', 'auto', 'AUTO', 'Auto', '-1', 32768, '4096'],
          'max-num-batched-tokens': ['8k', '16K', 8192],
        }),
        [],
      );
      assert.deepEqual(
        check(vllmConverters, { 'max-model-len': ['1.5K', '1Ki', '32kb', '1 k', 'k', 'automatic', 2.5] }),
        [
          `${formatFieldPath(['parameters', 'max-model-len', 0])}: "1.5K" is not an integer for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
          `${formatFieldPath(['parameters', 'max-model-len', 1])}: "1Ki" is not an integer for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
          `${formatFieldPath(['parameters', 'max-model-len', 2])}: "32kb" is not an integer for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
          `${formatFieldPath(['parameters', 'max-model-len', 3])}: "1 k" holds whitespace, where the autotuner splits the command: "max-model-len" would get 2 arguments`,
          `${formatFieldPath(['parameters', 'max-model-len', 4])}: "k" is not an integer for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
          `${formatFieldPath(['parameters', 'max-model-len', 5])}: "automatic" is not an integer for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
          `${formatFieldPath(['parameters', 'max-model-len', 6])}: 2.5 is a float for "max-model-len", which takes an int, or one with a suffix (k, m, g, t, K, M, G, T) or "auto"`,
        ],
      );
    });

    it('checks the range on the converted number', () => {
      assert.deepEqual(check(vllmConverters, { 'max-num-batched-tokens': ['0k', '0.0001k', '1k'] }), [
        `${formatFieldPath(['parameters', 'max-num-batched-tokens', 0])}: "0k" is outside [1, ∞), the range of "max-num-batched-tokens" (declared by vLLM ${vllmMain.version})`,
        `${formatFieldPath(['parameters', 'max-num-batched-tokens', 1])}: "0.0001k" is outside [1, ∞), the range of "max-num-batched-tokens" (declared by vLLM ${vllmMain.version})`,
      ]);
    });

    it("takes what SGLang's human_readable_int takes: k/M/G/T decimal, Ki/Mi binary, case-sensitive", () => {
      assert.deepEqual(check(sglangConverters, { 'context-length': ['32k', '1Ki', '2.5M', '4Mi', 131072] }), []);
      assert.deepEqual(
        check(sglangConverters, { 'context-length': ['1K', '1m', '1.5Ki'] }).map((m) => m.split(' for ')[0]),
        ['"1K" is not an integer', '"1m" is not an integer', '"1.5Ki" is not an integer'].map(
          (m, i) => `${formatFieldPath(['parameters', 'context-length', i])}: ${m}`,
        ),
      );
    });

    it('compares the choices after the converter lower-cases the value (and turns dashes into underscores)', () => {
      assert.deepEqual(check(vllmConverters, { 'moe-backend': ['FlashInfer-Cutlass', 'TRITON', 'auto'] }), []);
      assert.deepEqual(check(sglangConverters, { dtype: ['FP8', 'Auto'] }), []);
      assert.deepEqual(check(vllmConverters, { 'moe-backend': ['cutlass'], quantization: ['FP8'] }), [
        `${formatFieldPath(['parameters', 'moe-backend', 0])}: "cutlass" is not a choice of "moe-backend" in vLLM ${vllmMain.version} (auto, flashinfer_cutlass, triton)`,
        `${formatFieldPath(['parameters', 'quantization', 0])}: "FP8" is not a choice of "quantization" in vLLM ${vllmMain.version} (awq, fp8); did you mean "fp8"?`,
      ]);
    });

    it('takes null (launched as None) where the converter reads None as unset', () => {
      assert.deepEqual(check(vllmConverters, { 'max-num-seqs': [null, 'None'], 'max-num-batched-tokens': [null] }), []);
      assert.deepEqual(check(sglangConverters, { 'quantization-param-path': [null] }), []);
      assert.deepEqual(check(vllmConverters, { seed: [null] }), [
        `${formatFieldPath(['parameters', 'seed', 0])}: null is launched as "--seed None", the text None, as "seed"'s value; leave the value out to keep the default`,
      ]);
    });

    it('refuses None where the converter makes it None and argparse then compares it with choices of text', () => {
      const refused = (shown: string, at: number) =>
        `${formatFieldPath(['parameters', 'preemption-mode', at])}: ${shown} is launched as "--preemption-mode None", which vLLM ${vllmMain.version} refuses: it reads None as Python's None before comparing it with the choices, and the "None" among them is text; leave the value out to keep the default`;
      const problems = checkFlags({ 'preemption-mode': [null, 'None', 'swap'] }, [vllmConverters]);
      assert.deepEqual(
        problems.map((p) => p.message),
        [refused('null', 0), refused('"None"', 1)],
      );
      assert.deepEqual(
        problems.map((p) => [p.code, p.fix]),
        [
          ['flag-null', { kind: 'remove-value' }],
          ['flag-null', { kind: 'remove-value' }],
        ],
      );
      // Without enforced choices nothing compares, and a choice that is None itself equals it.
      assert.deepEqual(check(vllmConverters, { 'loose-mode': [null, 'None'], 'none-object': [null, 'None', 'a'] }), []);
    });
  });

  describe('helpers', () => {
    it('computes edit distances, capped at the limit', () => {
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('', 'abc'), 3);
      assert.equal(editDistance('same', 'same'), 0);
      assert.equal(editDistance('abcdef', 'uvwxyz', 2), 2);
      assert.equal(editDistance('mem-fraction-sttic', 'mem-fraction-static', 2), 1);
      assert.equal(editDistance('abc', 'abcd', 1), 1);
    });

    it('computes the same distance as the whole table, capped at any limit', () => {
      // Every cell of the table, the textbook way: what the banded rows must agree with.
      const wholeTable = (a: string, b: string): number => {
        const table = Array.from({ length: a.length + 1 }, (_, i) =>
          Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
        );
        for (let i = 1; i <= a.length; i++)
          for (let j = 1; j <= b.length; j++)
            table[i]![j] = Math.min(
              table[i - 1]![j]! + 1,
              table[i]![j - 1]! + 1,
              table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        return table[a.length]![b.length]!;
      };
      const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 12 });
      fc.assert(
        fc.property(word, word, fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), (a, b, limit) => {
          const expected = Math.min(wholeTable(a, b), limit ?? Infinity);
          assert.equal(editDistance(a, b, limit), expected);
        }),
        { numRuns: 2000 },
      );
    });

    it('writes ranges in interval notation', () => {
      assert.equal(formatRange({ gt: 0, le: 1 }), '(0, 1]');
      assert.equal(formatRange({ ge: 0 }), '[0, ∞)');
      assert.equal(formatRange({ lt: 5 }), '(-∞, 5)');
      assert.equal(formatRange({ le: 5 }), '(-∞, 5]');
      assert.equal(formatRange({}), '(-∞, ∞)');
    });
  });
});
