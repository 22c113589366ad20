import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergePresets } from '../../../../src/core/merge';
import { MERGE_STRATEGIES, type MergeStrategy, type ParameterGrid } from '../../../../src/core/model';
import {
  buildPreview,
  presetFromMerge,
  suggestedMergeName,
  valueView,
  type PreviewInput,
  type SelectedPreset,
} from '../../../../src/extension/mergePreview/viewModel';
import { CHART_COLORS, type MergePreviewState } from '../../../../src/shared/mergePreviewProtocol';
import { mergedValueTokens } from '../../../../src/core/runtime/valueTokens';
import { mergedFlagProblems } from '../../../../src/extension/mergePreview/mergedFlagProblems';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../../../../src/node/flagKnowledge';
import { deepFreeze, repoRoot } from '../../helpers/presets';

const COLORS = CHART_COLORS;

/** A selected, usable preset. */
function usable(
  name: string,
  parameters: ParameterGrid,
  i = 0,
  runtime: 'sglang' | 'vllm' | null = null,
): SelectedPreset {
  return {
    id: `file:///w/${name}.preset.json`,
    name,
    color: COLORS[i % COLORS.length],
    origin: 'workspace',
    location: `presets/${name}.preset.json`,
    status: 'ok',
    preset: { name, parameters, runtime },
  };
}

function input(selection: SelectedPreset[], strategy: MergeStrategy = 'union', threshold = 1000): PreviewInput {
  return { selection, strategy, threshold, canWrite: true };
}

const A = usable('A', { 'tp-size': [1, 2], 'schedule-policy': ['fcfs'] }, 0);
const B = usable('B', { 'tp-size': [2, 4], 'enable-mixed-chunking': [true], 'chunked-prefill-size': [null] }, 1);

/** Rows as `parameter: value(sources)…`, the way a person would read the table. */
function table(state: MergePreviewState): string[] {
  return state.rows.map(
    (row) =>
      `${row.status === 'dropped' ? '-' : ''}${row.parameter}: ${row.values.map((v) => `${v.text}(${v.sources.map((s) => state.chips[s].name).join('+')})`).join(' ')}${row.conflicts.length ? ` !${row.conflicts.join(',')}` : ''}`,
  );
}

describe('Merge Preview view model', () => {
  it('formats values by type: strings quoted, booleans and null bare, each with its kind', () => {
    assert.deepEqual(valueView('fcfs', [0]), { text: '"fcfs"', kind: 'string', sources: [0] });
    assert.deepEqual(valueView(0.9, []), { text: '0.9', kind: 'number', sources: [] });
    assert.deepEqual(valueView(true, [1]), { text: 'true', kind: 'boolean', sources: [1] });
    assert.deepEqual(valueView(null, [1]), { text: 'null', kind: 'null', sources: [1] });
    assert.deepEqual(valueView('1', [1]).text, '"1"');
    assert.deepEqual(valueView('<img src=x onerror=alert(1)>', []).text, '"<img src=x onerror=alert(1)>"');
  });

  it('union: one row per parameter, each value with the presets it came from', () => {
    const { state, result } = buildPreview(input([A, B]));
    assert.deepEqual(table(state), [
      'tp-size: 1(A) 2(A+B) 4(B)',
      'schedule-policy: "fcfs"(A)',
      'enable-mixed-chunking: true(B)',
      'chunked-prefill-size: null(B)',
    ]);
    assert.deepEqual(state.conflicts, []);
    assert.equal(state.grid?.label, '3 runs');
    assert.deepEqual(state.grid?.factors, [
      { parameter: 'tp-size', count: 3 },
      { parameter: 'schedule-policy', count: 1 },
      { parameter: 'enable-mixed-chunking', count: 1 },
      { parameter: 'chunked-prefill-size', count: 1 },
    ]);
    assert.equal(state.grid?.warning, undefined);
    assert.deepEqual(result, mergePresets([A.preset!, B.preset!], 'union'));
    assert.equal(state.summary, 'Union of 2 presets, 4 parameters, 3 runs, no conflicts.');
  });

  it('intersection: dropped parameters stay as rows, flagged, with their conflicts grouped by kind', () => {
    const { state } = buildPreview(
      input([A, B, usable('C', { 'tp-size': [8], 'schedule-policy': ['fcfs'] }, 2)], 'intersection'),
    );
    assert.deepEqual(table(state), [
      '-tp-size: 1(A) 2(A+B) 4(B) 8(C) !empty_intersection',
      '-schedule-policy: "fcfs"(A+C) !missing',
      '-enable-mixed-chunking: true(B) !missing',
      '-chunked-prefill-size: null(B) !missing',
    ]);
    // Parameters the same presets lack share a card: B lacks one, A and C lack two.
    assert.deepEqual(
      state.conflicts.map((group) => [group.kind, group.count, group.items.map((item) => item.parameters)]),
      [
        ['missing', 3, [['schedule-policy'], ['enable-mixed-chunking', 'chunked-prefill-size']]],
        ['empty_intersection', 1, [['tp-size']]],
      ],
    );
    const [missing, missingTwo] = state.conflicts[0].items;
    assert.deepEqual(missing.detail, { kind: 'missing', lacking: [1] });
    assert.match(missing.reason, /^"schedule-policy" is not defined by B; intersection keeps only/);
    assert.deepEqual(missingTwo.detail, { kind: 'missing', lacking: [0, 2] });
    assert.equal(
      missingTwo.reason,
      '2 parameters missing from A and C; intersection keeps only parameters every preset defines',
    );
    const empty = state.conflicts[1].items[0];
    assert.equal(empty.detail.kind, 'empty_intersection');
    if (empty.detail.kind === 'empty_intersection')
      assert.deepEqual(
        empty.detail.lists.map((list) => [list.chip, list.values.map((v) => v.text)]),
        [
          [0, ['1', '2']],
          [1, ['2', '4']],
          [2, ['8']],
        ],
      );
    assert.equal(state.grid?.label, 'Nothing to run', 'not "1 run": a task with no parameter has nothing to tune');
    assert.equal(
      state.grid?.nothingToRun,
      'No parameter is shared by every preset with a value they all allow: nothing to run.',
    );
    assert.equal(state.summary, 'Intersection of 3 presets, 0 parameters, nothing to run, 4 conflicts.');
  });

  it('an intersection of presets with no parameter in common says there is nothing to run', () => {
    const big = usable('Big', Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((p) => [p, [1, 2]])), 0);
    const other = usable('Balanced', { h: [1] }, 1);
    const { state, result } = buildPreview(input([big, other], 'intersection'));
    assert.deepEqual(result?.parameters, {});
    assert.deepEqual(state.grid, {
      label: 'Nothing to run',
      nothingToRun: 'No parameter is shared by every preset: nothing to run.',
      size: 0,
      exact: true,
      factors: [],
      threshold: 1000,
    });
    // Seven cards that would differ only in the name become one.
    const [group] = state.conflicts;
    assert.equal(state.conflicts.length, 1);
    assert.equal(group.count, 8);
    assert.deepEqual(
      group.items.map((item) => [item.parameters, item.reason, item.detail]),
      [
        [
          ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
          '7 parameters missing from Balanced; intersection keeps only parameters every preset defines',
          { kind: 'missing', lacking: [1] },
        ],
        [
          ['h'],
          '"h" is not defined by Big; intersection keeps only parameters every preset defines',
          { kind: 'missing', lacking: [0] },
        ],
      ],
    );
    assert.equal(state.summary, 'Intersection of 2 presets, 0 parameters, nothing to run, 8 conflicts.');
  });

  it('a card of parameters many presets lack counts them past four, and its chips are every one', () => {
    const big = usable('Big', { a: [1], b: [1], shared: [1] }, 0);
    const others = ['P1', 'P2', 'P3', 'P4', 'P5'].map((name, i) => usable(name, { shared: [1] }, i + 1));
    const { state } = buildPreview(input([big, ...others], 'intersection'));
    const [card] = state.conflicts[0].items;
    assert.equal(
      card.reason,
      '2 parameters missing from P1, P2, P3 and 2 other presets; intersection keeps only parameters every preset defines',
    );
    assert.deepEqual(card.detail, { kind: 'missing', lacking: [1, 2, 3, 4, 5] });
  });

  it('groups only conflicts that say the same thing: overridden lists keep a card each', () => {
    const first = usable('First', { a: [1], b: [1] }, 0);
    const second = usable('Second', { a: [2], b: [2] }, 1);
    const { state } = buildPreview(input([first, second], 'last_wins'));
    assert.deepEqual(
      state.conflicts.map((group) => [group.kind, group.count, group.items.map((item) => item.parameters)]),
      [['overridden', 2, [['a'], ['b']]]],
    );
  });

  it('intersection keeps the shared values, sourced from every preset', () => {
    const { state } = buildPreview(input([A, B], 'intersection'));
    assert.deepEqual(table(state).slice(0, 1), ['tp-size: 2(A+B)']);
  });

  it('last_wins: overridden rows say what replaced what', () => {
    const { state } = buildPreview(input([A, B], 'last_wins'));
    assert.deepEqual(table(state)[0], 'tp-size: 2(B) 4(B) !overridden');
    const [group] = state.conflicts;
    assert.equal(group.kind, 'overridden');
    assert.equal(group.items.length, 1);
    const detail = group.items[0].detail;
    assert.deepEqual(detail, {
      kind: 'overridden',
      replaced: { chip: 0, values: [valueView(1, [0]), valueView(2, [0])] },
      by: { chip: 1, values: [valueView(2, [1]), valueView(4, [1])] },
    });
    // The card's values are in its detail; the reason does not repeat them.
    assert.equal(group.items[0].reason, 'B overrides "tp-size" of A');
  });

  it('chips keep the given colors and number the merge order from 1', () => {
    const { state } = buildPreview(input([{ ...B, color: 'purple' }, A]));
    assert.deepEqual(
      state.chips.map((chip) => [chip.position, chip.name, chip.color, chip.status]),
      [
        [1, 'B', 'purple', 'ok'],
        [2, 'A', 'blue', 'ok'],
      ],
    );
  });

  it('invalid and deleted presets are shown flagged and left out of the merge, with a notice naming the file', () => {
    const broken: SelectedPreset = {
      id: 'file:///w/broken.preset.json',
      name: 'Broken',
      color: 'green',
      origin: 'workspace',
      location: 'presets/broken.preset.json',
      status: 'invalid',
      problem:
        'presets/broken.preset.json, line 3: parameters.tp-size: expected a non-empty list of values, got a number',
    };
    const gone: SelectedPreset = {
      id: 'file:///w/gone.preset.json',
      name: 'Gone',
      color: 'yellow',
      origin: 'unknown',
      location: 'presets/gone.preset.json',
      status: 'missing',
      problem: 'presets/gone.preset.json no longer exists',
    };
    const { state, result, mergedIds } = buildPreview(input([A, broken, B, gone]));
    assert.deepEqual(
      state.chips.map((chip) => chip.status),
      ['ok', 'invalid', 'ok', 'missing'],
    );
    assert.equal(state.chips[1].problem, broken.problem);
    assert.deepEqual(result?.applied_presets, ['A', 'B']);
    assert.deepEqual(mergedIds, [A.id, B.id]);
    assert.deepEqual(state.notices, [
      `"Broken" is left out of the merge: ${broken.problem}.`,
      `"Gone" is left out of the merge: ${gone.problem}.`,
    ]);
    // Sources point at the chips of the merged presets, whatever sits between them.
    assert.deepEqual(table(state)[0], 'tp-size: 1(A) 2(A+B) 4(B)');
    assert.match(state.summary, /; 2 left out\.$/);
  });

  it('says why there is nothing to show: no preset, or none usable', () => {
    const none = buildPreview(input([]));
    assert.match(none.state.empty!, /No presets selected/);
    assert.equal(none.result, undefined);
    assert.equal(none.state.grid, undefined);
    const broken: SelectedPreset = { ...A, status: 'invalid', preset: undefined, problem: 'x' };
    const unusable = buildPreview(input([broken]));
    assert.match(unusable.state.empty!, /None of the selected presets can be merged/);
    assert.deepEqual(unusable.state.rows, []);
    assert.equal(unusable.state.chips.length, 1);
  });

  it('a merge the core refuses (two presets with one name) becomes a message, not an exception', () => {
    const twin = { ...usable('A', { x: [1] }, 1), id: 'file:///w/other.preset.json' };
    const { state, result } = buildPreview(input([A, twin]));
    assert.equal(result, undefined);
    assert.match(state.empty!, /cannot be merged: preset "A" is given more than once/);
  });

  it('warns above the grid size threshold and names the setting', () => {
    const big = usable('Big', { a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4, 5] });
    assert.equal(
      buildPreview(input([big], 'union', 25)).state.grid?.warning,
      undefined,
      'at the threshold: no warning',
    );
    const { state } = buildPreview(input([big], 'union', 24));
    assert.match(
      state.grid!.warning!,
      /^25 runs: more than the 24 of the "parameterPresets.gridSizeWarningThreshold" setting/,
    );
  });

  it('passes the merge warnings on (different runtimes)', () => {
    const { state } = buildPreview(input([usable('S', { a: [1] }, 0, 'sglang'), usable('V', { b: [1] }, 1, 'vllm')]));
    assert.equal(state.notices.length, 1);
    assert.match(state.notices[0], /different runtimes/);
  });

  it('carries what the page needs to disable writing, and why', () => {
    const { state } = buildPreview({ ...input([A]), canWrite: false, writeBlockedReason: 'Restricted Mode' });
    assert.equal(state.canWrite, false);
    assert.equal(state.writeBlockedReason, 'Restricted Mode');
  });

  it('does not mutate its input, and every state survives a JSON round trip (postMessage)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.dictionary(
            fc.constantFrom('a', 'b', 'c', '__proto__'),
            fc.array(
              fc.oneof(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null), fc.constantFrom('x', 'y')),
              { minLength: 1, maxLength: 4 },
            ),
            { minKeys: 1 },
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom(...MERGE_STRATEGIES),
        (grids, strategy) => {
          const selection = deepFreeze(grids.map((grid, i) => usable(`P${i}`, grid, i)));
          const { state, result } = buildPreview(input(selection, strategy));
          assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
          // Every merged parameter has a kept row with the merged values, in order.
          const kept = state.rows.filter((row) => row.status === 'kept');
          assert.deepEqual(
            kept.map((row) => row.parameter),
            Object.keys(result!.parameters),
          );
          for (const row of kept)
            assert.deepEqual(
              row.values.map((v) => v.text),
              result!.parameters[row.parameter].map((v) => JSON.stringify(v)),
            );
          // Every dropped row has a conflict.
          for (const row of state.rows.filter((r) => r.status === 'dropped'))
            assert.ok(row.conflicts.length > 0, row.parameter);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('builds a preset from a merge for saving or exporting', () => {
    const result = mergePresets([A.preset!, B.preset!], 'last_wins');
    const preset = presetFromMerge('  Mine ', result);
    assert.equal(preset.name, 'Mine');
    assert.equal(preset.description, 'Merged from A, B (last_wins)');
    assert.deepEqual(preset.parameters, result.parameters);
    assert.equal(suggestedMergeName(result), 'A + B (last_wins)');
    const long = mergePresets(
      [
        { name: 'x'.repeat(200), parameters: { a: [1] } },
        { name: 'y'.repeat(200), parameters: { a: [1] } },
      ],
      'union',
    );
    const name = suggestedMergeName(long);
    assert.equal([...name].length, 255);
    assert.ok(name.endsWith('… (union)'));
  });
});

describe('Merge Preview view model: runtime flag problems', () => {
  const knowledge = chooseFlagKnowledge(shippedRuntimeCatalogs(repoRoot)).knowledge;
  const flagProblems = (merged: Parameters<typeof mergedFlagProblems>[0]) => mergedFlagProblems(merged, knowledge);

  it("marks each merged parameter with a flag problem for the merge's runtime, with its message", () => {
    const sglang = usable('S', { 'tp-size': [1], 'enable-mixed-chunking': [true] }, 0, 'sglang');
    const other = usable('T', { 'schedule-policy': ['lifo'] }, 1, 'sglang');
    const { state } = buildPreview({ ...input([sglang, other]), flagProblems });
    const marked = Object.fromEntries(state.rows.map((row) => [row.parameter, row.flagProblems ?? []]));
    assert.deepEqual(marked['tp-size'], []);
    assert.equal(marked['enable-mixed-chunking']!.length, 1);
    assert.match(marked['enable-mixed-chunking']![0]!, /^enable-mixed-chunking: .*did you mean "enable-mixed-chunk"/);
    assert.match(marked['schedule-policy']![0]!, /^schedule-policy\[0\]: .*lifo/);
  });

  it('marks a float written 2.0 for an int flag, given how the file writes it', () => {
    const text = '{ "name": "F", "runtime": "sglang", "parameters": { "tp-size": [2.0] } }';
    const preset = usable('F', { 'tp-size': [2] }, 0, 'sglang');
    const marks = (withText: boolean) =>
      buildPreview({
        ...input([preset]),
        flagProblems: (merged) =>
          mergedFlagProblems(
            merged,
            knowledge,
            withText
              ? mergedValueTokens(merged.parameters, merged.sources, [
                  { name: 'F', parameters: { 'tp-size': [2] }, text, parametersPath: ['parameters'] },
                ])
              : undefined,
          ),
      }).state.rows.find((row) => row.parameter === 'tp-size')?.flagProblems;
    assert.equal(marks(true)?.length, 1);
    assert.match(marks(true)![0]!, /^tp-size\[0\]: /);
    assert.equal(marks(false), undefined, 'read as the value 2, it is a fine int');
  });

  it('marks nothing without the catalogs, and nothing on a left-out row', () => {
    assert.ok(buildPreview(input([A, B])).state.rows.every((row) => row.flagProblems === undefined));
    const a = usable('A', { 'tp-size': [1], 'enable-mixed-chunking': [true] }, 0, 'sglang');
    const b = usable('B', { 'tp-size': [1] }, 1, 'sglang');
    const { state } = buildPreview({ ...input([a, b], 'intersection'), flagProblems });
    const dropped = state.rows.find((row) => row.parameter === 'enable-mixed-chunking');
    assert.equal(dropped?.status, 'dropped');
    assert.equal(dropped?.flagProblems, undefined);
  });
});
