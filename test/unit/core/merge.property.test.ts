import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeConflict, mergePresets, type MergeInput } from '../../../src/core/merge';
import {
  MERGE_STRATEGIES,
  RUNTIMES,
  type MergeConflict,
  type MergeResult,
  type MergeStrategy,
  type ParameterGrid,
  type Scalar,
} from '../../../src/core/model';
import { scalarKey } from '../../../src/core/values';
import { anyScalarArb } from '../helpers/scalars';
import { deepFreeze } from '../helpers/presets';

// Strict JSON equality, computed independently of the code under test: two scalars are equal
// exactly when they serialize the same (1 and 1.0 → "1", -0 → "0"; 1, true and "1" all differ).
const jsonKey = (value: Scalar): string => JSON.stringify(value);
const jsonDistinct = (values: readonly Scalar[]): Scalar[] => {
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(jsonKey(value)) && seen.add(jsonKey(value)));
};
const holds = (list: readonly Scalar[] | undefined, value: Scalar): boolean =>
  (list ?? []).some((item) => jsonKey(item) === jsonKey(value));

// Few distinct parameter names and values, so presets overlap and collide often.
const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom<Scalar>(0, -0, 1, 1.0, 2, 0.5, true, false, null, '1', 'true', 'null', '', 'fcfs'),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 3 }),
);
const listArb = fc.array(scalarArb, { minLength: 1, maxLength: 6 });
// Integer-like names ("0", "42") are left out: every JS object, JSON.parse's included, lists them
// first whatever the insertion order, so no plain-object grid can keep them in first-appearance order.
// Server flags never look like that.
const parameterNameArb = fc.oneof(
  fc.constantFrom('tp-size', 'mem-fraction-static', 'a', 'b', 'c', '__proto__', 'constructor'),
  fc.string({ minLength: 1, maxLength: 4 }).filter((name) => !/^\d+$/.test(name)),
);
const gridArb: fc.Arbitrary<ParameterGrid> = fc
  .uniqueArray(fc.tuple(parameterNameArb, listArb), { selector: ([name]) => name, minLength: 1, maxLength: 5 })
  .map((entries) => Object.fromEntries(entries));
const presetsArb: fc.Arbitrary<MergeInput[]> = fc
  .array(fc.tuple(gridArb, fc.constantFrom(null, ...RUNTIMES)), { minLength: 1, maxLength: 4 })
  .map((items) => items.map(([parameters, runtime], i) => ({ name: `Preset ${i + 1}`, parameters, runtime })));
const strategyArb = fc.constantFrom(...MERGE_STRATEGIES);

const RUNS = { numRuns: 150 };

/** Every preset's list for a parameter, by preset index; undefined where the preset lacks it. */
const listOf = (p: MergeInput, parameter: string) =>
  Object.prototype.hasOwnProperty.call(p.parameters, parameter) ? p.parameters[parameter] : undefined;
const listsOf = (presets: readonly MergeInput[], parameter: string) => presets.map((p) => listOf(p, parameter));

function firstAppearance(presets: readonly MergeInput[]): string[] {
  const order: string[] = [];
  for (const p of presets) for (const key of Object.keys(p.parameters)) if (!order.includes(key)) order.push(key);
  return order;
}

function isSubsequence(sub: readonly string[], full: readonly string[]): boolean {
  let i = 0;
  for (const item of full) if (item === sub[i]) i++;
  return i === sub.length;
}

const own = (result: MergeResult, parameter: string) =>
  Object.prototype.hasOwnProperty.call(result.parameters, parameter);

describe('mergePresets (properties)', () => {
  it('union holds every input value exactly once, and nothing else, in first-appearance order', () => {
    fc.assert(
      fc.property(presetsArb, (presets) => {
        const result = mergePresets(presets, 'union');
        for (const parameter of firstAppearance(presets)) {
          const all = listsOf(presets, parameter).flatMap((list) => list ?? []);
          assert.deepEqual(result.parameters[parameter].map(jsonKey), jsonDistinct(all).map(jsonKey));
        }
        assert.deepEqual(Object.keys(result.parameters), firstAppearance(presets));
        assert.deepEqual(result.conflicts, []);
      }),
      RUNS,
    );
  });

  it("intersection keeps exactly the values every preset holds, in the first preset's order, and explains every drop", () => {
    fc.assert(
      fc.property(presetsArb, (presets) => {
        const result = mergePresets(presets, 'intersection');
        for (const parameter of firstAppearance(presets)) {
          const lists = listsOf(presets, parameter);
          const conflicts = result.conflicts.filter((c) => c.parameter === parameter);
          if (presets.length > 1 && lists.some((list) => list === undefined)) {
            assert.equal(own(result, parameter), false);
            assert.equal(conflicts.length, 1);
            const conflict = conflicts[0];
            assert.equal(conflict.kind, 'missing');
            if (conflict.kind === 'missing')
              assert.deepEqual(
                conflict.presets,
                presets.filter((_, i) => lists[i] === undefined).map((p) => p.name),
              );
            continue;
          }
          const common = jsonDistinct(lists[0]!).filter((value) => lists.every((list) => holds(list, value)));
          if (common.length === 0) {
            assert.equal(own(result, parameter), false);
            assert.equal(conflicts.length, 1);
            const conflict = conflicts[0];
            assert.equal(conflict.kind, 'empty_intersection');
            if (conflict.kind === 'empty_intersection') {
              assert.deepEqual(
                Object.keys(conflict.values),
                presets.map((p) => p.name),
              );
              presets.forEach((p, i) => assert.deepEqual(conflict.values[p.name].map(jsonKey), lists[i]!.map(jsonKey)));
            }
          } else {
            assert.deepEqual(result.parameters[parameter].map(jsonKey), common.map(jsonKey));
            assert.equal(conflicts.length, 0);
            for (const value of result.parameters[parameter]) for (const list of lists) assert.ok(holds(list, value));
          }
        }
      }),
      RUNS,
    );
  });

  it("last_wins gives each parameter the last definer's list, with one conflict per differing redefinition", () => {
    fc.assert(
      fc.property(presetsArb, (presets) => {
        const result = mergePresets(presets, 'last_wins');
        let expectedConflicts = 0;
        for (const parameter of firstAppearance(presets)) {
          const lists = listsOf(presets, parameter);
          let winner = -1;
          lists.forEach((list, i) => {
            if (list === undefined) return;
            if (winner >= 0 && presets.length > 1) {
              const previous = jsonDistinct(lists[winner]!).map(jsonKey);
              if (JSON.stringify(previous) !== JSON.stringify(jsonDistinct(list).map(jsonKey))) expectedConflicts++;
            }
            winner = i;
          });
          assert.deepEqual(result.parameters[parameter].map(jsonKey), jsonDistinct(lists[winner]!).map(jsonKey));
          assert.ok(
            result.sources[parameter].every((names) => names.length === 1 && names[0] === presets[winner].name),
          );
        }
        assert.equal(result.conflicts.length, expectedConflicts);
        for (const conflict of result.conflicts) {
          assert.equal(conflict.kind, 'overridden');
          if (conflict.kind !== 'overridden') continue;
          assert.notDeepEqual(conflict.previous_values.map(jsonKey), conflict.new_values.map(jsonKey));
          const by = presets.findIndex((p) => p.name === conflict.overridden_by);
          const from = presets.findIndex((p) => p.name === conflict.preset);
          assert.ok(from >= 0 && from < by, 'the overridden preset comes before the one overriding it');
        }
      }),
      RUNS,
    );
  });

  it('never mutates its inputs', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const before = structuredClone(presets);
        const frozen = deepFreeze(presets);
        const result = mergePresets(frozen, strategy);
        assert.deepEqual(presets, before);
        // Nor does it hand out the inputs' own arrays: changing the result cannot change a preset.
        for (const list of Object.values(result.parameters))
          for (const p of presets) for (const input of Object.values(p.parameters)) assert.notEqual(list, input);
      }),
      RUNS,
    );
  });

  it("grid_size is the product of the result's list lengths (1 when empty)", () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const result = mergePresets(presets, strategy);
        const product = Object.values(result.parameters).reduce((size, list) => size * list.length, 1);
        assert.equal(result.grid_size, product);
      }),
      RUNS,
    );
  });

  it('sources align with values and name, in merge order, only presets whose list holds the value', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const result = mergePresets(presets, strategy);
        assert.deepEqual(Object.keys(result.sources), Object.keys(result.parameters));
        const order = presets.map((p) => p.name);
        for (const [parameter, values] of Object.entries(result.parameters)) {
          const sources = result.sources[parameter];
          assert.equal(sources.length, values.length);
          values.forEach((value, i) => {
            const names = sources[i];
            assert.ok(names.length > 0);
            assert.ok(
              isSubsequence(names, order),
              `sources ${JSON.stringify(names)} are in merge order without repeats`,
            );
            for (const name of names)
              assert.ok(
                holds(
                  listOf(
                    presets.find((p) => p.name === name)!,
                    parameter,
                  ),
                  value,
                ),
              );
            if (strategy !== 'last_wins') {
              // union and intersection name every preset that holds the value.
              const holders = presets.filter((p) => holds(listOf(p, parameter), value)).map((p) => p.name);
              assert.deepEqual(names, holders);
            }
          });
        }
      }),
      RUNS,
    );
  });

  it('union names each holder once, in merge order, across many presets with values repeated in their lists', () => {
    // Many presets drawing from a few values, lists repeating them: each sources list is counted, then filled.
    const manyPresetsArb = fc
      .array(
        fc.dictionary(
          fc.constantFrom('tp-size', 'a', '__proto__'),
          fc.array(fc.constantFrom<Scalar>(0, -0, 1, 2, 'x', true, null), { minLength: 1, maxLength: 8 }),
          { minKeys: 1, maxKeys: 3 },
        ),
        { minLength: 1, maxLength: 25 },
      )
      .map((grids) => grids.map((parameters, i) => ({ name: `P${i}`, parameters, runtime: null })));
    fc.assert(
      fc.property(manyPresetsArb, (presets) => {
        const result = mergePresets(presets, 'union');
        for (const [parameter, values] of Object.entries(result.parameters)) {
          values.forEach((value, i) => {
            const names = result.sources[parameter][i];
            // Dense, every entry a name: no slot of a list made at its final length is left empty.
            assert.equal(Object.keys(names).length, names.length);
            const holders = presets.filter((p) => holds(listOf(p, parameter), value)).map((p) => p.name);
            assert.deepEqual(names, holders);
          });
        }
      }),
      RUNS,
    );
  });

  it('orders parameters by first appearance; union and last_wins keep them all', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const result = mergePresets(presets, strategy);
        const order = firstAppearance(presets);
        if (strategy === 'intersection') assert.ok(isSubsequence(Object.keys(result.parameters), order));
        else assert.deepEqual(Object.keys(result.parameters), order);
        // Conflicts come in the same order.
        assert.ok(isSubsequence([...new Set(result.conflicts.map((c) => c.parameter))], order));
      }),
      RUNS,
    );
  });

  it('never holds the same value twice in a list', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const result = mergePresets(presets, strategy);
        for (const list of Object.values(result.parameters)) assert.equal(new Set(list.map(jsonKey)).size, list.length);
      }),
      RUNS,
    );
  });

  it('honours the chosen order: applied_presets as given, and reordering is the same as merging the reordered list', () => {
    fc.assert(
      fc.property(
        presetsArb.chain((presets) =>
          fc.tuple(
            fc.constant(presets),
            fc.shuffledSubarray(presets, { minLength: presets.length, maxLength: presets.length }),
          ),
        ),
        strategyArb,
        ([presets, shuffled], strategy) => {
          const result = mergePresets(shuffled, strategy);
          assert.deepEqual(
            result.applied_presets,
            shuffled.map((p) => p.name),
          );
          assert.equal(result.strategy, strategy);
          if (strategy === 'union') {
            // The same values, whatever the order; each list in the shuffled order of first appearance.
            const original = mergePresets(presets, 'union');
            for (const parameter of Object.keys(original.parameters)) {
              assert.deepEqual(
                new Set(result.parameters[parameter].map(jsonKey)),
                new Set(original.parameters[parameter].map(jsonKey)),
              );
              const all = listsOf(shuffled, parameter).flatMap((list) => list ?? []);
              assert.deepEqual(result.parameters[parameter].map(jsonKey), jsonDistinct(all).map(jsonKey));
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('one preset alone: its own lists without duplicates, no conflicts, whatever the strategy', () => {
    fc.assert(
      fc.property(gridArb, strategyArb, (parameters, strategy) => {
        const result = mergePresets([{ name: 'Only', parameters }], strategy);
        assert.deepEqual(Object.keys(result.parameters), Object.keys(parameters));
        for (const [parameter, list] of Object.entries(parameters))
          assert.deepEqual(result.parameters[parameter].map(jsonKey), jsonDistinct(list).map(jsonKey));
        assert.deepEqual(result.conflicts, []);
        assert.deepEqual(result.warnings, []);
      }),
      RUNS,
    );
  });

  it('runtime is the one declared runtime, else null with a warning', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const result = mergePresets(presets, strategy);
        const declared = new Set(presets.map((p) => p.runtime).filter((r) => r));
        assert.equal(result.runtime, declared.size === 1 ? [...declared][0] : null);
        assert.equal(result.warnings.length, declared.size > 1 ? 1 : 0);
      }),
      RUNS,
    );
  });
});

describe('mergePresets with long lists, against the merge as first written', () => {
  const format = (values: readonly Scalar[]) => '[' + values.map((value) => JSON.stringify(value)).join(', ') + ']';

  // The merge as first written: string keys for every comparison, no shortcuts.
  function referenceMerge(presets: readonly MergeInput[], strategy: MergeStrategy) {
    const distinct = (values: readonly Scalar[]) => {
      const seen = new Set<string>();
      return values.filter((value) => !seen.has(scalarKey(value)) && seen.add(scalarKey(value)));
    };
    const lists = presets.map(
      (preset) =>
        new Map(Object.entries(preset.parameters).map(([parameter, values]) => [parameter, distinct(values)])),
    );
    const names = presets.map((preset) => preset.name);
    const order = [...new Set(lists.flatMap((list) => [...list.keys()]))];
    const parameters: [string, Scalar[]][] = [];
    const sources: [string, string[][]][] = [];
    const conflicts: MergeConflict[] = [];
    const same = (a: readonly Scalar[], b: readonly Scalar[]) =>
      a.length === b.length && a.every((value, i) => scalarKey(value) === scalarKey(b[i]));
    for (const parameter of order) {
      if (presets.length === 1 || strategy === 'union') {
        const values: Scalar[] = [];
        const from: string[][] = [];
        lists.forEach((list, i) => {
          for (const value of list.get(parameter) ?? []) {
            let at = values.findIndex((v) => scalarKey(v) === scalarKey(value));
            if (at < 0) at = values.push(value) - 1;
            (from[at] ??= []).push(names[i]);
          }
        });
        parameters.push([parameter, values]);
        sources.push([parameter, from]);
      } else if (strategy === 'intersection') {
        const lacking = names.filter((_, i) => !lists[i].has(parameter));
        if (lacking.length) {
          conflicts.push({ parameter, kind: 'missing', reason: '', presets: lacking });
          continue;
        }
        const per = lists.map((list) => list.get(parameter)!);
        const common = per[0].filter((value) =>
          per.every((list) => list.some((v) => scalarKey(v) === scalarKey(value))),
        );
        if (!common.length) {
          conflicts.push({
            parameter,
            kind: 'empty_intersection',
            reason: '',
            // Each preset's list as it is written, repeats and all.
            values: Object.fromEntries(names.map((name, i) => [name, presets[i].parameters[parameter]])),
          });
          continue;
        }
        parameters.push([parameter, common]);
        sources.push([parameter, common.map(() => [...names])]);
      } else {
        let winner = -1;
        lists.forEach((list, i) => {
          const values = list.get(parameter);
          if (!values) return;
          if (winner >= 0 && !same(lists[winner].get(parameter)!, values)) {
            const previous = lists[winner].get(parameter)!;
            conflicts.push({
              parameter,
              kind: 'overridden',
              reason: `${names[i]} overrides "${parameter}" of ${names[winner]}`,
              preset: names[winner],
              overridden_by: names[i],
              previous_values: previous,
              new_values: values,
            });
          }
          winner = i;
        });
        const values = [...lists[winner].get(parameter)!];
        parameters.push([parameter, values]);
        sources.push([parameter, values.map(() => [names[winner]])]);
      }
    }
    return { parameters: Object.fromEntries(parameters), sources: Object.fromEntries(sources), conflicts };
  }

  // Mostly small integers, so lists share values and run past 16 distinct ones (where a Map takes over).
  const longList = fc.array(
    fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 }, { arbitrary: anyScalarArb, weight: 1 }),
    { minLength: 1, maxLength: 60, size: 'max' },
  );
  const presetsArb = fc
    .array(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor'), longList, { minKeys: 1, maxKeys: 4 }),
      { minLength: 1, maxLength: 4 },
    )
    .map((grids) => grids.map((parameters, i) => ({ name: `P${i}`, parameters, runtime: null })));

  it('gives the same parameters, sources and conflicts', () => {
    fc.assert(
      fc.property(presetsArb, fc.constantFrom(...MERGE_STRATEGIES), (presets, strategy) => {
        const actual = mergePresets(presets, strategy);
        const expected = referenceMerge(presets, strategy);
        assert.deepEqual(actual.parameters, expected.parameters);
        assert.deepEqual(actual.sources, expected.sources);
        const withoutReason = (conflicts: readonly MergeConflict[]) =>
          conflicts.map((c) => (c.kind === 'overridden' ? c : { ...c, reason: '' }));
        assert.deepEqual(withoutReason(actual.conflicts), withoutReason(expected.conflicts));
        // The text displays show: the values, formatted from the conflict's fields.
        for (const conflict of actual.conflicts) {
          if (conflict.kind === 'overridden')
            assert.equal(
              describeConflict(conflict),
              `${conflict.overridden_by} sets "${conflict.parameter}" to ${format(conflict.new_values)}, replacing ${format(conflict.previous_values)} from ${conflict.preset}`,
            );
          if (conflict.kind === 'empty_intersection')
            assert.equal(
              describeConflict(conflict),
              `${conflict.reason} (${Object.entries(conflict.values)
                .map(([name, values]) => `${name}: ${format(values)}`)
                .join('; ')})`,
            );
        }
      }),
      { numRuns: 300 },
    );
  });
});
