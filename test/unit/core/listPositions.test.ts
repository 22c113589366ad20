/**
 * A preset's lists hold each value once; the file may write a value twice. Whatever reports a value by its
 * place in the text (a rule's problem, a flag value's token, a written number) finds it at its first
 * occurrence, however many repeats come before the values after it (src/core/listPositions.ts).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzePresetText, type PresetRule } from '../../../src/core/analyze';
import { fromTextPath, presetIndex, textIndex, toTextPath } from '../../../src/core/listPositions';
import { mergePresets } from '../../../src/core/merge';
import { scalarKey } from '../../../src/core/values';
import { flagRule } from '../../../src/core/runtime/flagRule';
import { mergedValueTokens } from '../../../src/core/runtime/valueTokens';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../../../src/node/flagKnowledge';
import { fixturePath } from '../helpers/presets';

const repoRoot = path.resolve(fixturePath(''), '..', '..');
const knowledge = chooseFlagKnowledge(shippedRuntimeCatalogs(repoRoot)).knowledge;

/** A rule that reports every value of every list, at its path in the preset. */
const everyValue: PresetRule = {
  id: 'every-value',
  check: (preset) =>
    Object.entries(preset.parameters).flatMap(([key, values]) =>
      values.map((value, i) => ({
        path: ['parameters', key, i],
        severity: 'warning' as const,
        code: 'every-value',
        message: JSON.stringify(value),
      })),
    ),
};

/** A preset file with one list written item by item, and where each item is written. */
function listText(items: readonly string[], envelope: boolean): { text: string; spans: [number, number][] } {
  const head = `{"name": "P", "runtime": "sglang", "parameters": {"tp-size": [`;
  let text = envelope ? `{"version": "1.0", "preset": ${head}` : head;
  const spans: [number, number][] = [];
  items.forEach((item, i) => {
    if (i > 0) text += ', ';
    spans.push([text.length, text.length + item.length]);
    text += item;
  });
  text += envelope ? ']}}}' : ']}}';
  return { text, spans };
}

/** The position in `items` of the first item that reads as the same value, for each distinct value in order. */
function firstOccurrences(items: readonly string[]): number[] {
  const seen = new Set<string>();
  const firsts: number[] = [];
  items.forEach((item, i) => {
    const key = scalarKey(JSON.parse(item) as never);
    if (seen.has(key)) return;
    seen.add(key);
    firsts.push(i);
  });
  return firsts;
}

describe('list positions: a preset value and where its file writes it', () => {
  it('are recorded only for lists that repeat a value', () => {
    const preset = analyzePresetText(
      '{"name": "P", "parameters": {"a": [1, 1, 2], "b": [3], "__proto__": [4, 4]}}',
    ).preset!;
    assert.deepEqual(preset.parameters, { a: [1, 2], b: [3], ['__proto__']: [4] });
    assert.equal(Object.getPrototypeOf(preset.textPositions), Object.prototype);
    assert.deepEqual(Object.entries(preset.textPositions!), [
      ['a', [0, 2]],
      ['__proto__', [0]],
    ]);
    assert.equal(analyzePresetText('{"name": "P", "parameters": {"a": [1, 2]}}').preset!.textPositions, undefined);
  });

  it('translate both ways, a repeat having no place in the preset', () => {
    const preset = analyzePresetText('{"name": "P", "parameters": {"a": [1, 1, 2], "b": [3, 4]}}').preset!;
    assert.deepEqual(toTextPath(preset, ['parameters', 'a', 1]), ['parameters', 'a', 2]);
    assert.deepEqual(toTextPath(preset, ['parameters', 'b', 1]), ['parameters', 'b', 1]);
    assert.deepEqual(toTextPath(preset, ['parameters', 'a']), ['parameters', 'a']);
    assert.deepEqual(fromTextPath(preset, ['parameters', 'a', 2]), ['parameters', 'a', 1]);
    assert.equal(fromTextPath(preset, ['parameters', 'a', 1]), undefined);
    assert.deepEqual(fromTextPath(preset, ['metadata', 'x', 1]), ['metadata', 'x', 1]);
  });

  it("for random lists with repeats, each value's path, range and token are its first occurrence's", () => {
    // Several spellings of one value, so that repeats are common and written otherwise than their first.
    const item = fc.constantFrom('1', '1.0', '1e0', '2', '2.0', '3', '"x"', '"y"', 'true', 'null');
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), fc.boolean(), (items, envelope) => {
        const { text, spans } = listText(items, envelope);
        const prefix = envelope ? 'preset.parameters' : 'parameters';
        const firsts = firstOccurrences(items);
        const analysis = analyzePresetText(text, { rules: [everyValue, flagRule(knowledge)] });
        const preset = analysis.preset!;
        assert.equal(preset.parameters['tp-size']!.length, firsts.length);

        const reported = analysis.diagnostics.filter((d) => d.code === 'every-value');
        assert.deepEqual(
          reported.map((d) => [d.path, d.range.offset, d.range.length]),
          firsts.map((at) => [`${prefix}.tp-size[${at}]`, spans[at]![0], spans[at]![1] - spans[at]![0]]),
        );

        // The flag check reads each value as its first occurrence is written: 1.0 is a float, "x" no int.
        const wrongType = analysis.diagnostics.filter((d) => d.code === 'flag-type').map((d) => d.path);
        const notInt = firsts.filter((at) => !/^\d+$/.test(items[at]!) && items[at] !== 'null');
        assert.deepEqual(
          wrongType,
          notInt.map((at) => `${prefix}.tp-size[${at}]`),
        );

        // The runs write each number as its first occurrence is written.
        const merged = mergePresets([preset], 'union');
        const parametersPath = envelope ? ['preset', 'parameters'] : ['parameters'];
        const tokens = mergedValueTokens(merged.parameters, merged.sources, [{ ...preset, text, parametersPath }]);
        const numbers = firsts.filter((at) => typeof JSON.parse(items[at]!) === 'number');
        assert.deepEqual(
          (tokens['tp-size'] ?? []).filter((token) => token !== undefined),
          numbers.map((at) => items[at]),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('list positions, translated', () => {
  // "k": [1, 1, 2, 2, 3] is the preset's [1, 2, 3], written at 0, 2 and 4.
  const repeated = { textPositions: { k: [0, 2, 4] } };
  const plain = {};

  it('moves a value path of a list with repeats, both ways, and leaves a repeat out of the preset', () => {
    assert.deepEqual(toTextPath(repeated, ['parameters', 'k', 1]), ['parameters', 'k', 2]);
    assert.deepEqual(toTextPath(repeated, ['parameters', 'k', 2, 'x']), ['parameters', 'k', 4, 'x']);
    assert.deepEqual(fromTextPath(repeated, ['parameters', 'k', 4]), ['parameters', 'k', 2]);
    assert.equal(fromTextPath(repeated, ['parameters', 'k', 1]), undefined, 'the repeat of 1');
    assert.equal(textIndex(repeated, 'k', 2), 4);
    assert.equal(presetIndex(repeated, 'k', 3), undefined);
  });

  it('gives back the very path where nothing moves: other lists, other fields, keys, no repeats', () => {
    const unchanged: (string | number)[][] = [
      ['parameters', 'other', 1],
      ['parameters', 'k', 0],
      ['parameters', 'k'],
      ['parameters', 'k', 'x'],
      ['metadata', 'k', 1],
      ['name'],
    ];
    for (const path of unchanged) {
      assert.equal(toTextPath(repeated, path), path, JSON.stringify(path));
      assert.equal(fromTextPath(repeated, path), path, JSON.stringify(path));
      assert.equal(toTextPath(plain, path), path);
      assert.equal(fromTextPath(plain, path), path);
    }
    assert.equal(textIndex(repeated, 'other', 1), 1);
    assert.equal(presetIndex(repeated, 'other', 1), 1);
    assert.equal(textIndex(plain, 'k', 1), 1);
    assert.equal(presetIndex(plain, 'k', 1), 1);
  });
});
