import * as assert from 'node:assert/strict';
import { analyzePresetText } from '../../../../src/core/analyze';
import { mergePresets } from '../../../../src/core/merge';
import type { ParameterGrid } from '../../../../src/core/model';
import { mergedValueTokens, type TokenSource } from '../../../../src/core/runtime/valueTokens';

/** A preset whose file holds just its parameters, written as `written` (the grid's JSON with other number texts). */
function source(name: string, parameters: ParameterGrid, written: string): TokenSource {
  return { name, parameters, parametersPath: ['parameters'], text: `{"parameters": ${written}}` };
}

describe('merged value tokens', () => {
  it('gives numbers their text and strings none', () => {
    const a = source('A', { x: ['auto', 1] }, '{"x": ["auto", 1.0]}');
    assert.deepEqual(mergedValueTokens({ x: ['auto', 1] }, { x: [['A'], ['A']] }, [a]), { x: [undefined, '1.0'] });
  });

  it('keeps a text the files agree on', () => {
    const a = source('A', { x: [1] }, '{"x": [1.0]}');
    const b = source('B', { x: [2, 1] }, '{"x": [2, 1.0]}');
    assert.deepEqual(mergedValueTokens({ x: [1, 2] }, { x: [['A', 'B'], ['B']] }, [a, b]), { x: ['1.0', '2'] });
  });

  it('skips a value whose sources are unknown, lack the flag or lack the value', () => {
    const a = source('A', { x: [2] }, '{"x": [2.0]}');
    const b = source('B', { y: [1] }, '{"y": [1.0]}');
    assert.deepEqual(mergedValueTokens({ x: [1], y: [1] }, { x: [['Z']] }, [a, b]), {});
    assert.deepEqual(mergedValueTokens({ x: [1] }, { x: [['B']] }, [a, b]), {});
    assert.deepEqual(mergedValueTokens({ x: [1] }, { x: [['A']] }, [a, b]), {});
    assert.deepEqual(mergedValueTokens({ x: [1] }, { x: [['Z', 'B', 'A'], ['A']] }, [a, b]), {});
  });

  it('finds each value of a list with a repeat at its first occurrence in the text', () => {
    for (const [written, expected] of [
      ['[1, 1.0, 2]', ['1', '2']],
      ['[1, 1, 2]', ['1', '2']],
      ['[2.0, 1, 2, 1.0, 3]', ['2.0', '1', '3']],
    ] as const) {
      const text = `{"name": "A", "parameters": {"tp-size": ${written}}}`;
      const preset = analyzePresetText(text).preset!;
      const merged = mergePresets([preset], 'union');
      const tokens = mergedValueTokens(merged.parameters, merged.sources, [
        { ...preset, text, parametersPath: ['parameters'] },
      ]);
      assert.deepEqual(tokens, { 'tp-size': expected }, written);
    }
  });
});
