/**
 * The rule set as a whole (src/core/presetRules.ts): where its fields come from, and rules a caller adds
 * (as the runtime-flag checks will), located and reported like the built-in ones.
 */
import * as assert from 'node:assert/strict';
import { analyzePresetText, type PresetRule } from '../../../src/core/analyze';
import { locatePaths } from '../../../src/core/jsonText';
import { PRESET, PRESET_KEYS, checkPresetFile } from '../../../src/core/presetRules';
import { positionOf } from '../helpers/presets';

/** A stand-in for a runtime's flag checks: an unknown flag at its key, a value out of range at the value. */
const flagRule: PresetRule = {
  id: 'test-flags',
  check(preset) {
    const problems = [];
    for (const [flag, values] of Object.entries(preset.parameters)) {
      if (flag === 'tp-sise')
        problems.push({
          path: ['parameters', flag],
          target: 'key' as const,
          severity: 'warning' as const,
          code: 'unknown-flag',
          message: 'not an SGLang flag; did you mean "tp-size"?',
          data: { replacement: 'tp-size' },
        });
      values.forEach((value, index) => {
        if (flag === 'tp-size' && typeof value === 'number' && value > 8)
          problems.push({
            path: ['parameters', flag, index],
            severity: 'warning' as const,
            code: 'out-of-range',
            message: `${value} is more than 8`,
          });
      });
    }
    return problems;
  },
};

describe('preset rules', () => {
  it('name the fields of a preset once: PRESET_KEYS are the fields of the rule definition', () => {
    assert.deepEqual(
      [...PRESET_KEYS],
      ['$schema', 'name', 'description', 'category', 'runtime', 'parameters', 'metadata'],
    );
    assert.deepEqual([...PRESET.fields.keys()], [...PRESET_KEYS]);
  });

  it('check a parsed value and tell an envelope by its keys', () => {
    const bare = checkPresetFile({ name: ' A ', parameters: { a: [1, 1] } }, { origin: 'workspace' });
    assert.equal(bare.isEnvelope, false);
    assert.equal(bare.name, 'A');
    assert.deepEqual(bare.preset?.parameters, { a: [1] });
    assert.deepEqual(
      bare.problems.map((p) => [p.path, p.code]),
      [[['parameters', 'a', 1], 'duplicate-value']],
    );
    const envelope = checkPresetFile({ version: '1.0', preset: { name: 'B', parameters: {} } }, { origin: 'import' });
    assert.equal(envelope.isEnvelope, true);
    assert.deepEqual(envelope.presetPath, ['preset']);
    assert.deepEqual(
      envelope.problems.map((p) => [p.path, p.code]),
      [[['preset', 'parameters'], 'invalid-value']],
    );
  });
});

describe('rules a caller adds (AnalyzeOptions.rules)', () => {
  const text = '{\n  "name": "Flags",\n  "parameters": {"tp-sise": [1], "tp-size": [2, 16]}\n}';

  it('are located like the built-in ones: at the key or the value their path names, with their data', () => {
    const { diagnostics, preset } = analyzePresetText(text, { rules: [flagRule] });
    assert.ok(preset, 'warnings leave the preset usable');
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message, at: d.range.start, data: d.data })),
      [
        {
          code: 'unknown-flag',
          path: 'parameters.tp-sise',
          message: 'parameters.tp-sise: not an SGLang flag; did you mean "tp-size"?',
          at: positionOf(text, '"tp-sise"'),
          data: { replacement: 'tp-size' },
        },
        {
          code: 'out-of-range',
          path: 'parameters.tp-size[1]',
          message: 'parameters.tp-size[1]: 16 is more than 8',
          at: positionOf(text, '16'),
          data: undefined,
        },
      ],
    );
    const key = diagnostics[0].range;
    assert.equal(text.slice(key.offset, key.offset + key.length), '"tp-sise"');
  });

  it('inside an export envelope, get the preset and their paths are placed under "preset"', () => {
    const envelope = `{"version": "1.0", "preset": ${text}}`;
    const { diagnostics } = analyzePresetText(envelope, { rules: [flagRule] });
    assert.deepEqual(
      diagnostics.map((d) => d.path),
      ['preset.parameters.tp-sise', 'preset.parameters.tp-size[1]'],
    );
    assert.deepEqual(diagnostics[1].range.start, positionOf(envelope, '16'));
  });

  it('make the preset unusable with an error, as a built-in error does', () => {
    const strict: PresetRule = {
      id: 'strict',
      check: () => [{ path: ['parameters', 'tp-size'], severity: 'error', code: 'x', message: 'no' }],
    };
    const analysis = analyzePresetText(text, { rules: [strict] });
    assert.equal(analysis.preset, undefined);
    assert.equal(analysis.name, 'Flags');
  });

  it('run only on a preset the built-in rules accept, and see the text, to read how a value is written', () => {
    let seen: string | undefined;
    const reader: PresetRule = {
      id: 'reader',
      check: (_preset, context) => {
        seen = locatePaths(context.text, [['parameters', 'a', 0]])[0].source;
        return [];
      },
    };
    analyzePresetText('{"name": "A", "parameters": {"a": [1.0]}}', { rules: [reader] });
    assert.equal(seen, '1.0');
    seen = undefined;
    analyzePresetText('{"name": "", "parameters": {"a": [1.0]}}', { rules: [reader] });
    assert.equal(seen, undefined, 'not run on a preset with an error');
  });

  it('are told whether every number reads back as written, so most need not read the text', () => {
    const told: boolean[] = [];
    const reader: PresetRule = {
      id: 'reader',
      check: (_preset, context) => {
        told.push(context.numbersAsParsed);
        return [];
      },
    };
    for (const values of ['[1, 2]', '[0.85]', '[1.0]', '[1e3]', '[12345678901234567]'])
      analyzePresetText(`{"name": "A", "parameters": {"a": ${values}}}`, { rules: [reader] });
    assert.deepEqual(told, [true, true, false, false, false]);
  });

  it('that throw are reported, and the analysis goes on', () => {
    const broken: PresetRule = {
      id: 'broken',
      check: () => {
        throw new Error('catalog missing');
      },
    };
    const analysis = analyzePresetText(text, { rules: [broken, flagRule] });
    assert.deepEqual(
      analysis.diagnostics.map((d) => [d.severity, d.code, d.message]),
      [
        ['warning', 'rule-failed', 'the check "broken" failed (catalog missing); its problems are not shown'],
        ['warning', 'unknown-flag', 'parameters.tp-sise: not an SGLang flag; did you mean "tp-size"?'],
        ['warning', 'out-of-range', 'parameters.tp-size[1]: 16 is more than 8'],
      ],
    );
    assert.ok(analysis.preset);
  });
});
