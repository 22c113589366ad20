import * as assert from 'node:assert/strict';
import { MergeError, describeConflict, isMergeStrategy, mergePresets, type MergeInput } from '../../../src/core/merge';
import {
  MERGE_STRATEGIES,
  type MergeConflict,
  type MergeResult,
  type MergeStrategy,
  type ParameterGrid,
} from '../../../src/core/model';
import { preset, readFixture } from '../helpers/presets';

const A = (parameters: ParameterGrid, runtime: MergeInput['runtime'] = null) => preset('A', parameters, { runtime });
const B = (parameters: ParameterGrid, runtime: MergeInput['runtime'] = null) => preset('B', parameters, { runtime });
const C = (parameters: ParameterGrid, runtime: MergeInput['runtime'] = null) => preset('C', parameters, { runtime });

/** A conflict as the golden tests spell it: every field but the reason, which is checked separately. */
type WithoutReason<T> = T extends unknown ? Omit<T, 'reason'> : never;
type ExpectedConflict = WithoutReason<MergeConflict>;
type ExpectedResult = Omit<MergeResult, 'conflicts'> & { conflicts: ExpectedConflict[] };

/**
 * Asserts the complete result. Each conflict's reason must be a sentence naming its parameter; the
 * rest of the result must equal `expected` exactly (no missing, extra or reordered fields or values).
 */
function assertMerge(actual: MergeResult, expected: ExpectedResult): void {
  for (const conflict of actual.conflicts) {
    assert.equal(typeof conflict.reason, 'string');
    assert.ok(conflict.reason.includes(`"${conflict.parameter}"`), `reason names the parameter: ${conflict.reason}`);
  }
  const conflicts = actual.conflicts.map(({ reason: _reason, ...rest }) => rest);
  assert.deepEqual({ ...actual, conflicts }, expected);
  // Key order is part of the result: the UI shows parameters in it.
  assert.deepEqual(Object.keys(actual.parameters), Object.keys(expected.parameters));
  assert.deepEqual(Object.keys(actual.sources), Object.keys(expected.parameters));
}

describe('mergePresets', () => {
  describe('union', () => {
    it('merges the SPEC example completely', () => {
      const result = mergePresets([A({ 'tp-size': [1, 2] }), B({ 'tp-size': [3], 'mem-fraction': [0.9] })], 'union');
      assertMerge(result, {
        strategy: 'union',
        applied_presets: ['A', 'B'],
        parameters: { 'tp-size': [1, 2, 3], 'mem-fraction': [0.9] },
        conflicts: [],
        sources: { 'tp-size': [['A'], ['A'], ['B']], 'mem-fraction': [['B']] },
        grid_size: 3,
        runtime: null,
        warnings: [],
      });
    });

    it('follows the chosen order for parameters and values', () => {
      const a = A({ x: [1, 2], y: ['a'] });
      const b = B({ z: [true], x: [3, 1] });
      assertMerge(mergePresets([a, b], 'union'), {
        strategy: 'union',
        applied_presets: ['A', 'B'],
        parameters: { x: [1, 2, 3], y: ['a'], z: [true] },
        conflicts: [],
        sources: { x: [['A', 'B'], ['A'], ['B']], y: [['A']], z: [['B']] },
        grid_size: 3,
        runtime: null,
        warnings: [],
      });
      assertMerge(mergePresets([b, a], 'union'), {
        strategy: 'union',
        applied_presets: ['B', 'A'],
        parameters: { z: [true], x: [3, 1, 2], y: ['a'] },
        conflicts: [],
        sources: { z: [['B']], x: [['B'], ['B', 'A'], ['A']], y: [['A']] },
        grid_size: 3,
        runtime: null,
        warnings: [],
      });
    });

    it('collapses duplicates inside one list and across lists to the first occurrence', () => {
      const result = mergePresets([A({ x: [1, 1, 2, 1] }), B({ x: [2, 3, 3] })], 'union');
      assert.deepEqual(result.parameters, { x: [1, 2, 3] });
      assert.deepEqual(result.sources, { x: [['A'], ['A', 'B'], ['B']] });
      assert.equal(result.grid_size, 3);
    });

    it('compares values by strict JSON equality: 1, true and "1" differ, null equals null, 0 equals -0', () => {
      const result = mergePresets(
        [A({ v: [1, true, '1', null, 0] }), B({ v: [1.0, 'true', null, -0, false, 'null', ''] })],
        'union',
      );
      assert.deepEqual(result.parameters, { v: [1, true, '1', null, 0, 'true', false, 'null', ''] });
      assert.deepEqual(result.sources.v, [
        ['A', 'B'],
        ['A'],
        ['A'],
        ['A', 'B'],
        ['A', 'B'],
        ['B'],
        ['B'],
        ['B'],
        ['B'],
      ]);
      assert.equal(Object.is(result.parameters.v[4], -0), false, 'the first occurrence (0) is kept');
      assert.equal(result.grid_size, 9);
    });

    it('keeps parameters only some presets define, with no conflict', () => {
      const result = mergePresets([A({ x: [1] }), B({ y: [2] })], 'union');
      assert.deepEqual(result.parameters, { x: [1], y: [2] });
      assert.deepEqual(result.conflicts, []);
    });

    it('merges three presets', () => {
      const result = mergePresets(
        [A({ x: [1], y: [1] }), B({ x: [2], z: ['s'] }), C({ y: [1, 3], x: [2, 1] })],
        'union',
      );
      assertMerge(result, {
        strategy: 'union',
        applied_presets: ['A', 'B', 'C'],
        parameters: { x: [1, 2], y: [1, 3], z: ['s'] },
        conflicts: [],
        sources: {
          x: [
            ['A', 'C'],
            ['B', 'C'],
          ],
          y: [['A', 'C'], ['C']],
          z: [['B']],
        },
        grid_size: 4,
        runtime: null,
        warnings: [],
      });
    });
  });

  describe('intersection', () => {
    it('keeps shared values in the order of the first preset', () => {
      const result = mergePresets([A({ tp: [1, 2, 4] }), B({ tp: [4, 8, 2] })], 'intersection');
      assertMerge(result, {
        strategy: 'intersection',
        applied_presets: ['A', 'B'],
        parameters: { tp: [2, 4] },
        conflicts: [],
        sources: {
          tp: [
            ['A', 'B'],
            ['A', 'B'],
          ],
        },
        grid_size: 2,
        runtime: null,
        warnings: [],
      });
    });

    it('drops a parameter a later preset lacks, with a "missing" conflict', () => {
      const result = mergePresets([A({ tp: [1], mem: [0.9] }), B({ tp: [1, 2] })], 'intersection');
      assertMerge(result, {
        strategy: 'intersection',
        applied_presets: ['A', 'B'],
        parameters: { tp: [1] },
        conflicts: [{ parameter: 'mem', kind: 'missing', presets: ['B'] }],
        sources: { tp: [['A', 'B']] },
        grid_size: 1,
        runtime: null,
        warnings: [],
      });
    });

    it('reports a parameter the first preset lacks too (the autotuner does not)', () => {
      const result = mergePresets([A({ tp: [1] }), B({ tp: [1], extra: [2] })], 'intersection');
      assert.deepEqual(result.parameters, { tp: [1] });
      assert.deepEqual(
        result.conflicts.map(({ reason: _r, ...rest }) => rest),
        [{ parameter: 'extra', kind: 'missing', presets: ['A'] }],
      );
    });

    it('drops a parameter with no common value, with an "empty_intersection" conflict carrying each list as written', () => {
      const result = mergePresets([A({ tp: [1, 1, 2] }), B({ tp: [3, 4, 3] })], 'intersection');
      assertMerge(result, {
        strategy: 'intersection',
        applied_presets: ['A', 'B'],
        parameters: {},
        conflicts: [{ parameter: 'tp', kind: 'empty_intersection', values: { A: [1, 1, 2], B: [3, 4, 3] } }],
        sources: {},
        grid_size: 1,
        runtime: null,
        warnings: [],
      });
    });

    it('keys a conflict\'s lists by preset name, "__proto__" and "constructor" included, as own keys', () => {
      const named = (name: string, grid: ParameterGrid): MergeInput => ({ name, parameters: grid });
      const result = mergePresets([named('__proto__', { tp: [1] }), named('constructor', { tp: [2] })], 'intersection');
      const [conflict] = result.conflicts;
      assert.ok(conflict.kind === 'empty_intersection');
      assert.equal(Object.getPrototypeOf(conflict.values), Object.prototype);
      assert.deepEqual(Object.keys(conflict.values), ['__proto__', 'constructor']);
      // An ordinary own property, as assignment makes one for any other name.
      assert.deepEqual(Object.getOwnPropertyDescriptor(conflict.values, '__proto__'), {
        value: [1],
        writable: true,
        enumerable: true,
        configurable: true,
      });
      assert.equal(conflict.reason, '"tp" has no value common to all presets');
      assert.equal(
        describeConflict(conflict),
        '"tp" has no value common to all presets (__proto__: [1]; constructor: [2])',
      );
    });

    it('compares strictly: 1 and true do not meet, "1" and "1" do, null and null do', () => {
      const result = mergePresets(
        [A({ v: [1, '1', true, null], w: [1] }), B({ v: [null, '1', 1.0], w: [true] })],
        'intersection',
      );
      assert.deepEqual(result.parameters, { v: [1, '1', null] });
      assert.deepEqual(
        result.conflicts.map(({ reason: _r, ...rest }) => rest),
        [{ parameter: 'w', kind: 'empty_intersection', values: { A: [1], B: [true] } }],
      );
    });

    it('handles mixed types without sorting or crashing', () => {
      const result = mergePresets(
        [A({ v: ['b', 2, null, 'a', false] }), B({ v: [false, 'a', 2, 'b', null] })],
        'intersection',
      );
      assert.deepEqual(result.parameters, { v: ['b', 2, null, 'a', false] });
    });

    it('merges three presets, conflicts in first-appearance order', () => {
      const result = mergePresets(
        [A({ x: [1, 2, 3], y: [1] }), B({ x: [3, 2], y: [1], z: [5] }), C({ z: [5], x: [2, 3, 9], w: [0] })],
        'intersection',
      );
      assertMerge(result, {
        strategy: 'intersection',
        applied_presets: ['A', 'B', 'C'],
        parameters: { x: [2, 3] },
        conflicts: [
          { parameter: 'y', kind: 'missing', presets: ['C'] },
          { parameter: 'z', kind: 'missing', presets: ['A'] },
          { parameter: 'w', kind: 'missing', presets: ['A', 'B'] },
        ],
        sources: {
          x: [
            ['A', 'B', 'C'],
            ['A', 'B', 'C'],
          ],
        },
        grid_size: 2,
        runtime: null,
        warnings: [],
      });
    });

    it('gives an empty grid of size 1 when nothing survives', () => {
      const result = mergePresets([A({ x: [1] }), B({ y: [1] })], 'intersection');
      assert.deepEqual(result.parameters, {});
      assert.deepEqual(result.sources, {});
      assert.equal(result.grid_size, 1);
      assert.deepEqual(
        result.conflicts.map((c) => [c.parameter, c.kind]),
        [
          ['x', 'missing'],
          ['y', 'missing'],
        ],
      );
    });
  });

  describe('last_wins', () => {
    it("takes the last definer's whole list and reports the override", () => {
      const result = mergePresets([A({ tp: [1, 2], mem: [0.8] }), B({ tp: [4], flag: [true] })], 'last_wins');
      assertMerge(result, {
        strategy: 'last_wins',
        applied_presets: ['A', 'B'],
        parameters: { tp: [4], mem: [0.8], flag: [true] },
        conflicts: [
          {
            parameter: 'tp',
            kind: 'overridden',
            preset: 'A',
            overridden_by: 'B',
            previous_values: [1, 2],
            new_values: [4],
          },
        ],
        sources: { tp: [['B']], mem: [['A']], flag: [['B']] },
        grid_size: 1,
        runtime: null,
        warnings: [],
      });
    });

    it('does not report an identical redefinition (after in-list duplicates collapse; 1 equals 1.0)', () => {
      const result = mergePresets([A({ tp: [1, 2] }), B({ tp: [1.0, 2, 2, 1] })], 'last_wins');
      assertMerge(result, {
        strategy: 'last_wins',
        applied_presets: ['A', 'B'],
        parameters: { tp: [1, 2] },
        conflicts: [],
        sources: { tp: [['B'], ['B']] },
        grid_size: 2,
        runtime: null,
        warnings: [],
      });
    });

    it('treats the same values in another order as a different list', () => {
      const result = mergePresets([A({ tp: [1, 2] }), B({ tp: [2, 1] })], 'last_wins');
      assert.deepEqual(result.parameters, { tp: [2, 1] });
      assert.equal(result.conflicts.length, 1);
    });

    it('compares strictly: [1] and [true] differ', () => {
      const result = mergePresets([A({ v: [1] }), B({ v: [true] })], 'last_wins');
      assert.deepEqual(result.parameters, { v: [true] });
      assert.equal(result.conflicts.length, 1);
    });

    it('depends on the chosen order', () => {
      const result = mergePresets([B({ tp: [4] }), A({ tp: [1, 2] })], 'last_wins');
      assert.deepEqual(result.parameters, { tp: [1, 2] });
      assert.deepEqual(result.sources, { tp: [['A'], ['A']] });
      assert.deepEqual(
        result.conflicts.map(({ reason: _r, ...rest }) => rest),
        [
          {
            parameter: 'tp',
            kind: 'overridden',
            preset: 'B',
            overridden_by: 'A',
            previous_values: [4],
            new_values: [1, 2],
          },
        ],
      );
    });

    it('reports one conflict per differing redefinition across three presets', () => {
      const result = mergePresets(
        [A({ tp: [1], x: [1] }), B({ tp: [2], x: [1] }), C({ tp: [1], x: [3, 3] })],
        'last_wins',
      );
      assertMerge(result, {
        strategy: 'last_wins',
        applied_presets: ['A', 'B', 'C'],
        parameters: { tp: [1], x: [3] },
        conflicts: [
          {
            parameter: 'tp',
            kind: 'overridden',
            preset: 'A',
            overridden_by: 'B',
            previous_values: [1],
            new_values: [2],
          },
          {
            parameter: 'tp',
            kind: 'overridden',
            preset: 'B',
            overridden_by: 'C',
            previous_values: [2],
            new_values: [1],
          },
          // A and B agree on x, so C overrides B, the latest definer.
          {
            parameter: 'x',
            kind: 'overridden',
            preset: 'B',
            overridden_by: 'C',
            previous_values: [1],
            new_values: [3],
          },
        ],
        sources: { tp: [['C']], x: [['C']] },
        grid_size: 1,
        runtime: null,
        warnings: [],
      });
    });

    it('keeps a parameter later presets leave out', () => {
      const result = mergePresets([A({ x: [1, 2] }), B({ y: [3] })], 'last_wins');
      assert.deepEqual(result.parameters, { x: [1, 2], y: [3] });
      assert.deepEqual(result.sources, { x: [['A'], ['A']], y: [['B']] });
      assert.deepEqual(result.conflicts, []);
    });

    it('writes reasons people can read', () => {
      const [conflict] = mergePresets([A({ tp: [1, 2] }), B({ tp: ['x'] })], 'last_wins').conflicts;
      assert.equal(conflict.reason, 'B overrides "tp" of A');
      assert.equal(describeConflict(conflict), 'B sets "tp" to ["x"], replacing [1, 2] from A');
    });
  });

  describe('every strategy', () => {
    for (const strategy of MERGE_STRATEGIES) {
      it(`${strategy}: one preset gives its own parameters, duplicates removed, no conflicts`, () => {
        const only = preset('Solo', { tp: [1, 2, 1], flag: [true, true], s: ['a'] }, { runtime: 'vllm' });
        assert.deepEqual(mergePresets([only], strategy), {
          strategy,
          applied_presets: ['Solo'],
          parameters: { tp: [1, 2], flag: [true], s: ['a'] },
          conflicts: [],
          sources: { tp: [['Solo'], ['Solo']], flag: [['Solo']], s: [['Solo']] },
          grid_size: 2,
          runtime: 'vllm',
          warnings: [],
        });
      });

      it(`${strategy}: the one runtime the presets declare; null runtimes do not count`, () => {
        assert.equal(mergePresets([A({ x: [1] }, 'sglang'), B({ x: [1] }, null)], strategy).runtime, 'sglang');
        assert.equal(mergePresets([A({ x: [1] }, null), B({ x: [1] }, null)], strategy).runtime, null);
        assert.deepEqual(mergePresets([A({ x: [1] }, 'vllm'), B({ x: [1] }, 'vllm')], strategy).warnings, []);
      });

      it(`${strategy}: different runtimes give runtime null and a warning`, () => {
        const result = mergePresets(
          [A({ x: [1] }, 'sglang'), B({ x: [1] }, 'vllm'), C({ x: [1] }, 'sglang')],
          strategy,
        );
        assert.equal(result.runtime, null);
        assert.deepEqual(result.warnings, [
          "The presets are written for different runtimes: A and C (sglang) and B (vllm); a server takes only one runtime's flags.",
        ]);
      });
    }

    it('caps a grid too large to count, with a warning', () => {
      const parameters: Record<string, number[]> = {};
      for (let i = 0; i < 40; i++) parameters[`p${i}`] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      const result = mergePresets([A(parameters)], 'union');
      assert.equal(result.grid_size, Number.MAX_SAFE_INTEGER);
      assert.deepEqual(result.warnings, [
        `The grid has about 10^40 runs, too many to count exactly; grid_size is capped at ${Number.MAX_SAFE_INTEGER}.`,
      ]);
    });

    it('keeps a parameter named like an Object.prototype member as an own key', () => {
      const parameters = JSON.parse('{"__proto__": [1], "constructor": [2]}') as ParameterGrid;
      const result = mergePresets([A(parameters), B({ toString: [3] })], 'union');
      assert.deepEqual(Object.keys(result.parameters), ['__proto__', 'constructor', 'toString']);
      assert.deepEqual(
        JSON.parse(JSON.stringify(result.parameters)),
        JSON.parse('{"__proto__": [1], "constructor": [2], "toString": [3]}'),
      );
      assert.equal(result.grid_size, 1);
      // Ordinary own properties of the result's grids, as assignment makes one for any other name.
      for (const grid of [result.parameters, result.sources])
        assert.deepEqual(
          { ...Object.getOwnPropertyDescriptor(grid, '__proto__'), value: undefined },
          { value: undefined, writable: true, enumerable: true, configurable: true },
        );
    });
  });

  describe('errors', () => {
    const assertMergeError = (run: () => unknown, message: RegExp) =>
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof MergeError, `expected a MergeError, got ${String(error)}`);
        assert.equal(error.name, 'MergeError');
        assert.match(error.message, message);
        return true;
      });

    it('refuses to merge nothing', () => {
      assertMergeError(() => mergePresets([], 'union'), /^nothing to merge: choose at least one preset$/);
    });

    it('refuses a preset given twice', () => {
      const a = A({ x: [1] });
      assertMergeError(() => mergePresets([a, B({ x: [2] }), a], 'last_wins'), /^preset "A" is given more than once/);
    });

    it('refuses an unknown strategy, naming the valid ones', () => {
      assertMergeError(
        () => mergePresets([A({ x: [1] })], 'newest' as MergeStrategy),
        /^unknown merge strategy "newest"; use one of union, intersection, last_wins$/,
      );
      assertMergeError(() => mergePresets([A({ x: [1] })], 'Union' as MergeStrategy), /unknown merge strategy/);
    });

    it('knows the strategy names', () => {
      assert.deepEqual(MERGE_STRATEGIES.filter(isMergeStrategy), ['union', 'intersection', 'last_wins']);
      for (const value of ['', 'UNION', 'last-wins', null, undefined, 1, 'toString'])
        assert.equal(isMergeStrategy(value), false, String(value));
    });
  });

  describe("the system presets (the issue's acceptance example)", () => {
    const system = JSON.parse(readFixture('autotuner-system-presets.json')) as {
      name: string;
      runtime: 'sglang' | 'vllm';
      parameters: ParameterGrid;
    }[];
    const byName = (name: string) => system.find((p) => p.name === name)!;

    it('last_wins "High Throughput" then "Memory Efficient"', () => {
      const result = mergePresets([byName('High Throughput'), byName('Memory Efficient')], 'last_wins');
      assertMerge(result, {
        strategy: 'last_wins',
        applied_presets: ['High Throughput', 'Memory Efficient'],
        parameters: {
          'tp-size': [1],
          'mem-fraction-static': [0.7, 0.75],
          'schedule-policy': ['fcfs'],
          'enable-mixed-chunking': [true],
          'enable-chunked-prefill': [true],
        },
        conflicts: [
          {
            parameter: 'tp-size',
            kind: 'overridden',
            preset: 'High Throughput',
            overridden_by: 'Memory Efficient',
            previous_values: [2, 4],
            new_values: [1],
          },
          {
            parameter: 'mem-fraction-static',
            kind: 'overridden',
            preset: 'High Throughput',
            overridden_by: 'Memory Efficient',
            previous_values: [0.9],
            new_values: [0.7, 0.75],
          },
        ],
        sources: {
          'tp-size': [['Memory Efficient']],
          'mem-fraction-static': [['Memory Efficient'], ['Memory Efficient']],
          'schedule-policy': [['High Throughput']],
          'enable-mixed-chunking': [['High Throughput']],
          'enable-chunked-prefill': [['Memory Efficient']],
        },
        grid_size: 2,
        runtime: 'sglang',
        warnings: [],
      });
    });

    it('warns when an SGLang and a vLLM preset are merged', () => {
      const result = mergePresets([byName('Balanced'), byName('vLLM Performance Tuning')], 'union');
      assert.equal(result.runtime, null);
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0], /Balanced \(sglang\) and vLLM Performance Tuning \(vllm\)/);
    });
  });
});

describe('numbers a double cannot keep', () => {
  it('a number the file wrote otherwise than it reads is merged as it reads, and said so', () => {
    const big = {
      ...A({ seed: [9007199254740992] }),
      writtenNumbers: [{ path: ['parameters', 'seed', 0], source: '9007199254740993', value: 9007199254740992 }],
    };
    const result = mergePresets([big, B({ seed: [1] })], 'union');
    assert.deepEqual(result.warnings, [
      'A: parameters.seed[0] is written 9007199254740993, which reads as 9007199254740992; the merge holds 9007199254740992.',
    ]);
  });

  it("a number outside the parameters is not the merge's to mention", () => {
    const noted = {
      ...A({ seed: [1] }),
      writtenNumbers: [{ path: ['metadata', 'huge'], source: '1e400', value: Infinity }],
    };
    assert.deepEqual(mergePresets([noted, B({ seed: [1] })], 'union').warnings, []);
  });
});

describe('conflicts as text', () => {
  it('a missing parameter names every preset that lacks it: "B, C and D"', () => {
    const presets = [A({ x: [1], y: [2] }), B({ y: [2] }), C({ y: [2] }), preset('D', { y: [2] })];
    const [conflict] = mergePresets(presets, 'intersection').conflicts;
    assert.equal(
      conflict.reason,
      '"x" is not defined by B, C and D; intersection keeps only parameters every preset defines',
    );
    // The reason carries its names itself; the text displays show it as it is.
    assert.equal(describeConflict(conflict), conflict.reason);
  });

  it('names four lacking presets in full, and past four the first three and how many others', () => {
    const lackingX = (count: number) => {
      const others = Array.from({ length: count }, (_, i) => preset(`P${i + 1}`, { y: [2] }));
      return mergePresets([A({ x: [1], y: [2] }), ...others], 'intersection').conflicts[0];
    };
    assert.match(lackingX(4).reason, /^"x" is not defined by P1, P2, P3 and P4; /);
    const five = lackingX(5);
    assert.match(five.reason, /^"x" is not defined by P1, P2, P3 and 2 other presets; /);
    // The sentence counts; the conflict's own field still names every one.
    assert.deepEqual(five.kind === 'missing' && five.presets, ['P1', 'P2', 'P3', 'P4', 'P5']);
  });

  it("each value's sources are a list of its own, not the list of applied presets", () => {
    const result = mergePresets([A({ tp: [1, 2] }), B({ tp: [2, 1] })], 'intersection');
    const [first, second] = result.sources.tp;
    assert.notEqual(first, second);
    assert.notEqual(first, result.applied_presets);
  });
});
