/**
 * Fuzzing the merge engine and the name registry with hostile preset sets: names that repeat or look
 * like prototype keys, parameter names like "__proto__" and "0", odd scalars, long lists, unknown
 * strategies. The merge either refuses with a MergeError (and nothing else) or returns a well-formed
 * MergeResult, in time, without touching its inputs. The semantics are pinned by merge.property.test.ts.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzePresetText } from '../../../src/core/analyze';
import { PresetCatalog } from '../../../src/core/catalog';
import { MergeError, mergePresets, type MergeInput } from '../../../src/core/merge';
import { MERGE_STRATEGIES, RUNTIMES, type MergeResult, type Scalar } from '../../../src/core/model';
import { fuzzParameters, timeBudgetMs } from '../helpers/fuzz';
import { deepFreeze } from '../helpers/presets';

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '0',
    '1',
    '-1',
    '\ud800',
    '<script>',
    'a'.repeat(300),
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom<Scalar>(
    0,
    -0,
    1,
    1.0,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
    '1',
    'null',
    '',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  hostileString,
);
const gridArb = fc
  .array(fc.tuple(hostileString, fc.array(scalarArb, { maxLength: 40 })), { maxLength: 12 })
  .map((entries) => {
    // Built with defineProperty, as JSON.parse builds objects: "__proto__" is an own key, not the prototype.
    const grid: Record<string, Scalar[]> = {};
    for (const [key, values] of entries)
      Object.defineProperty(grid, key, { value: values, enumerable: true, writable: true, configurable: true });
    return grid;
  });
const presetsArb: fc.Arbitrary<MergeInput[]> = fc
  .tuple(
    fc.array(
      fc.record({ name: hostileString, parameters: gridArb, runtime: fc.constantFrom(undefined, null, ...RUNTIMES) }),
      { maxLength: 8 },
    ),
    fc.boolean(),
  )
  // Mostly distinct names (hostile ones made unique by a suffix), so most sets get merged; sometimes a name repeats.
  .map(([presets, distinct]) =>
    distinct ? presets.map((preset, i) => ({ ...preset, name: `${preset.name}#${i}` })) : presets,
  );
const strategyArb = fc.oneof(
  { arbitrary: fc.constantFrom<string>(...MERGE_STRATEGIES), weight: 6 },
  { arbitrary: fc.constantFrom('Union', 'toString', '__proto__', ''), weight: 1 },
);

const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** What the webview and `merge --json` get must be plain JSON: no undefined, NaN, Infinity, functions or cycles. */
function assertPlainJson(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return assert.ok(Number.isFinite(value), `a finite number, got ${value}`);
  assert.equal(typeof value, 'object', `JSON, got ${typeof value}`);
  assert.ok(!seen.has(value), 'no cycles');
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value as object)) assertPlainJson(item, seen);
  seen.delete(value);
}

/** The shape SPEC §3 promises, checked without the code under test. */
function assertWellFormed(result: MergeResult, presets: readonly MergeInput[], strategy: string): void {
  assert.equal(result.strategy, strategy);
  assert.deepEqual(
    result.applied_presets,
    presets.map((p) => p.name),
  );
  assert.ok(Array.isArray(result.conflicts) && Array.isArray(result.warnings));
  for (const warning of result.warnings) assert.equal(typeof warning, 'string');
  let product = 1;
  for (const parameter of Object.keys(result.parameters)) {
    const values = result.parameters[parameter];
    assert.ok(own(result.sources, parameter), `sources for ${JSON.stringify(parameter)}`);
    assert.equal(result.sources[parameter].length, values.length, 'one source list per value');
    const keys = values.map((value) => JSON.stringify(value));
    assert.equal(new Set(keys).size, keys.length, 'no value twice in a list');
    for (const names of result.sources[parameter])
      for (const name of names) assert.ok(result.applied_presets.includes(name));
    assert.ok(
      presets.some((p) => own(p.parameters, parameter)),
      'every parameter comes from some preset',
    );
    product *= values.length;
  }
  assert.deepEqual(Object.keys(result.sources), Object.keys(result.parameters));
  assert.ok(Number.isSafeInteger(result.grid_size) && result.grid_size >= 0);
  if (Number.isSafeInteger(product)) assert.equal(result.grid_size, product);
  assert.ok(result.runtime === null || (RUNTIMES as readonly string[]).includes(result.runtime));
  if (strategy === 'union' || presets.length === 1) assert.deepEqual(result.conflicts, []);
  assertPlainJson(result);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

describe('merge under fuzzing', () => {
  it('hostile preset sets: a MergeError or a well-formed result, in time, inputs untouched', () => {
    fc.assert(
      fc.property(presetsArb, strategyArb, (presets, strategy) => {
        const frozen = deepFreeze(structuredClone(presets));
        const names = presets.map((p) => p.name);
        const refusable =
          presets.length === 0 ||
          new Set(names).size < names.length ||
          !(MERGE_STRATEGIES as readonly string[]).includes(strategy);
        const size = JSON.stringify(presets).length;
        const started = performance.now();
        let result: MergeResult | undefined;
        try {
          result = mergePresets(frozen, strategy as (typeof MERGE_STRATEGIES)[number]);
        } catch (error) {
          assert.ok(error instanceof MergeError, `only MergeError, got ${String(error)}`);
          assert.ok(refusable, `refused a valid request: ${(error as Error).message}`);
          assert.ok((error as Error).message.length > 0);
          return;
        }
        assert.ok(performance.now() - started < timeBudgetMs(size), 'in time');
        assert.ok(!refusable, 'a bad request (no preset, a name twice, an unknown strategy) is refused');
        assertWellFormed(result, presets, strategy);
        for (const parameter of Object.keys(result.parameters)) {
          for (const preset of frozen)
            if (own(preset.parameters, parameter))
              assert.notEqual(
                result.parameters[parameter],
                preset.parameters[parameter],
                'the result shares no list with an input',
              );
        }
      }),
      fuzzParameters(),
    );
  });

  it('many presets with long lists end in time', () => {
    const big = fc
      .tuple(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(...MERGE_STRATEGIES),
      )
      .map(([presetCount, parameterCount, valueCount, strategy]) => ({
        strategy,
        presets: Array.from({ length: presetCount }, (_, i) => ({
          name: `P${i}`,
          parameters: Object.fromEntries(
            Array.from({ length: parameterCount }, (__, k) => [
              `p${(k * (i + 1)) % (parameterCount + 7)}`,
              Array.from({ length: valueCount }, (___, v) => (v * (i + 3)) % (valueCount + 11)),
            ]),
          ),
        })),
      }));
    fc.assert(
      fc.property(big, ({ presets, strategy }) => {
        const started = performance.now();
        const result = mergePresets(presets, strategy);
        assert.ok(performance.now() - started < timeBudgetMs(JSON.stringify(presets).length), 'in time');
        assertWellFormed(result, presets, strategy);
      }),
      fuzzParameters(30),
    );
  });
});

describe('name clashes under fuzzing', () => {
  type Operation =
    { kind: 'set'; id: number; name: string | undefined; system: boolean } | { kind: 'delete'; id: number };
  const operationArb: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      id: fc.integer({ min: 0, max: 7 }),
      name: fc.option(fc.constantFrom('A', 'a', 'B', ' A ', '__proto__', 'constructor', 'İ', 'i̇'), { nil: undefined }),
      system: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 7 }) }),
  );

  it('after any sequence of changes, a duplicate-name error is on exactly the workspace files sharing a name', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 40 }), (operations) => {
        const catalog = new PresetCatalog();
        const model = new Map<string, { name: string | undefined; system: boolean }>();
        for (const operation of operations) {
          const id = `file${operation.id}`;
          if (operation.kind === 'delete') {
            catalog.delete(id);
            model.delete(id);
            continue;
          }
          const text =
            operation.name === undefined
              ? '{"parameters": {"a": [1]}}'
              : JSON.stringify({ name: operation.name, parameters: { a: [1] } });
          catalog.set({
            id,
            label: id,
            origin: operation.system ? 'system' : 'workspace',
            analysis: analyzePresetText(text),
          });
          model.set(id, { name: operation.name?.trim(), system: operation.system });
        }
        assert.equal(catalog.size, model.size);
        for (const [id, { name, system }] of model) {
          const clashes =
            name !== undefined && [...model].some(([other, entry]) => other !== id && entry.name === name);
          const hasError = catalog.diagnosticsOf(id).some((d) => d.code === 'duplicate-name');
          assert.equal(hasError, clashes && !system, `${id} (${JSON.stringify(name)})`);
          assert.equal(catalog.usablePreset(id) !== undefined, name !== undefined && (system || !clashes));
          if (name !== undefined) assert.ok(catalog.findByName(name).some((entry) => entry.id === id));
        }
      }),
      fuzzParameters(),
    );
  });
});
