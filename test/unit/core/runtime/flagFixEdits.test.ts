import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { analyzePresetText } from '../../../../src/core/analyze';
import type { PresetDiagnostic } from '../../../../src/core/model';
import type { FlagFix } from '../../../../src/core/runtime/flagChecks';
import {
  applyAvailableFlagFixes,
  fixableFlagProblems,
  fixTitle,
  flagFixEdits,
  flagFixTarget,
} from '../../../../src/core/runtime/flagFixEdits';
import { flagRule } from '../../../../src/core/runtime/flagRule';
import { applyTextEdits } from '../../../../src/core/textEdit';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../../../../src/node/flagKnowledge';
import { fixturePath } from '../../helpers/presets';

const repoRoot = path.resolve(fixturePath(''), '..', '..');
const rules = [flagRule(chooseFlagKnowledge(shippedRuntimeCatalogs(repoRoot)).knowledge)];

function preset(runtime: string, parameters: string): string {
  return `{\n  "name": "P",\n  "runtime": ${runtime},\n  "parameters": {\n${parameters}\n  }\n}\n`;
}

/** Applies the fix the analysis attaches to the first flag problem of `code`, and returns the new text. */
function fixFirst(text: string, code: string): string {
  const diagnostic = analyzePresetText(text, { origin: 'workspace', rules }).diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} problem`);
  const data = diagnostic.data as { fix?: FlagFix; flag: string };
  assert.ok(data.fix, `the ${code} problem has no fix`);
  const valueIndex = /\[(\d+)\]$/.exec(diagnostic.path)?.[1];
  const edits = flagFixEdits(text, data.fix, {
    flag: data.flag,
    valueIndex: valueIndex === undefined ? undefined : Number(valueIndex),
  });
  assert.ok(edits.length > 0);
  return applyTextEdits(text, edits);
}

function analyzeText(text: string): readonly PresetDiagnostic[] {
  return analyzePresetText(text, { origin: 'workspace', rules }).diagnostics;
}

function flagCodes(text: string): string[] {
  const analysis = analyzePresetText(text, { origin: 'workspace', rules });
  assert.deepEqual(
    analysis.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return analysis.diagnostics.map((d) => d.code).filter((c) => c.startsWith('flag-'));
}

describe('flag fixes as text edits', () => {
  it('renames a misspelt key to the suggestion, keeping its values as written', () => {
    const text = preset('"sglang"', '    "mem-fracton-static": [0.8, 0.9],\n    "tp-size": [1]');
    const fixed = fixFirst(text, 'flag-unknown');
    assert.equal(fixed, preset('"sglang"', '    "mem-fraction-static": [0.8, 0.9],\n    "tp-size": [1]'));
    assert.deepEqual(flagCodes(fixed), []);
  });

  it('replaces a value outside the choices and leaves the others', () => {
    const text = preset('"sglang"', '    "quantization": [null, "fp8"]');
    const fixed = fixFirst(text, 'flag-null');
    assert.deepEqual(flagCodes(fixed), []);
    assert.ok(!fixed.includes('null'), fixed);
  });

  it("writes vLLM's no- form for false, and the result has no problem", () => {
    const text = preset('"vllm"', '    "enable-prefix-caching": [false]');
    const fixed = fixFirst(text, 'flag-false');
    assert.equal(fixed, preset('"vllm"', '    "no-enable-prefix-caching": [true]'));
    assert.deepEqual(flagCodes(fixed), []);
  });

  it('removes a value, and the parameter with its last value, keeping the JSON valid', () => {
    const both = preset('"sglang"', '    "tp-size": [1, 2],\n    "dp-size": [1]');
    const withoutFirst = applyTextEdits(
      both,
      flagFixEdits(both, { kind: 'remove-value' }, { flag: 'tp-size', valueIndex: 0 }),
    );
    assert.equal(withoutFirst, preset('"sglang"', '    "tp-size": [2],\n    "dp-size": [1]'));
    const last = applyTextEdits(
      withoutFirst,
      flagFixEdits(withoutFirst, { kind: 'remove-value' }, { flag: 'dp-size', valueIndex: 0 }),
    );
    assert.equal(last, preset('"sglang"', '    "tp-size": [2]'));
    const key = applyTextEdits(both, flagFixEdits(both, { kind: 'remove-key' }, { flag: 'tp-size' }));
    assert.equal(key, preset('"sglang"', '    "dp-size": [1]'));
    assert.doesNotThrow(() => JSON.parse(key));
  });

  it('finds nothing to edit when the key is gone, and titles each kind', () => {
    const text = preset('"sglang"', '    "tp-size": [1]');
    assert.deepEqual(flagFixEdits(text, { kind: 'rename-key', to: 'x' }, { flag: 'gone' }), []);
    assert.equal(fixTitle({ kind: 'rename-key', to: 'tp-size' }, { flag: 'tp' }), 'Rename to "tp-size"');
    assert.equal(fixTitle({ kind: 'use-negation', flag: 'no-x' }, { flag: 'x' }), 'Use "no-x": [true]');
  });

  it('fixes every fixable problem of the shipped system presets, leaving the rest as written', () => {
    const analyze = (text: string) => analyzePresetText(text, { origin: 'workspace', rules }).diagnostics;
    for (const file of ['high-throughput.json', 'memory-efficient.json', 'sglang-performance-tuning.json']) {
      const shipped = fs.readFileSync(path.join(repoRoot, 'presets', file), 'utf8');
      const { text, applied } = applyAvailableFlagFixes(shipped, analyze);
      assert.ok(applied > 0, file);
      assert.deepEqual(flagCodes(text), [], file);
      assert.doesNotThrow(() => JSON.parse(text), file);
    }
    const vllm = fs.readFileSync(path.join(repoRoot, 'presets', 'vllm-performance-tuning.json'), 'utf8');
    // `enable-prefix-caching: [true, false]` has no edit: both spellings in one grid would launch together.
    assert.deepEqual(flagCodes(applyAvailableFlagFixes(vllm, analyze).text), ['flag-false']);
  });

  describe('one by one', () => {
    const text = '{"name": "P", "parameters": {"a": [1, 2, 3], "b": [false], "c": [false, true]}}';
    const edit = (fix: FlagFix, flag: string, valueIndex?: number, on = text): string =>
      applyTextEdits(on, flagFixEdits(on, fix, { flag, valueIndex }));

    it('reads the target of a diagnostic from its field path', () => {
      assert.deepEqual(flagFixTarget('parameters.tp-size[12]', 'tp-size'), {
        flag: 'tp-size',
        valueIndex: 12,
        parametersPath: ['parameters'],
      });
      assert.deepEqual(flagFixTarget('preset.parameters.tp-size', 'tp-size'), {
        flag: 'tp-size',
        valueIndex: undefined,
        parametersPath: ['preset', 'parameters'],
      });
      assert.equal(flagFixTarget('parameters["a[1]x"]', 'a[1]x').valueIndex, undefined);
    });

    it('titles every kind of fix', () => {
      assert.equal(fixTitle({ kind: 'remove-key' }, { flag: 'swap-space' }), 'Remove "swap-space"');
      assert.equal(fixTitle({ kind: 'replace-value', with: 'fcfs' }, { flag: 'x' }), 'Replace with "fcfs"');
      assert.equal(fixTitle({ kind: 'replace-value', with: 2 }, { flag: 'x' }), 'Replace with 2');
      assert.equal(fixTitle({ kind: 'remove-value' }, { flag: 'x' }), 'Remove the value');
    });

    it('edits inside an export envelope at its parameters', () => {
      const envelope =
        '{"version": "1.0", "preset": {"name": "E", "parameters": {"tp": [1]}}, "parameters": {"tp": [1]}}';
      const edits = flagFixEdits(
        envelope,
        { kind: 'rename-key', to: 'tp-size' },
        flagFixTarget('preset.parameters.tp', 'tp'),
      );
      assert.equal(
        applyTextEdits(envelope, edits),
        '{"version": "1.0", "preset": {"name": "E", "parameters": {"tp-size": [1]}}, "parameters": {"tp": [1]}}',
      );
    });

    it('replaces or removes one value, writing it as JSON', () => {
      assert.equal(edit({ kind: 'replace-value', with: 'two' }, 'a', 1), text.replace('[1, 2, 3]', '[1, "two", 3]'));
      assert.equal(edit({ kind: 'remove-value' }, 'a', 1), text.replace('[1, 2, 3]', '[1, 3]'));
      assert.equal(edit({ kind: 'remove-value' }, 'a', 2), text.replace('[1, 2, 3]', '[1, 2]'));
      assert.equal(edit({ kind: 'remove-value' }, 'a', 0), text.replace('[1, 2, 3]', '[2, 3]'));
      // The only value of the last parameter: the parameter goes, with the comma before it.
      const last = '{"parameters": {"a": [1],\n  "b": [2]}}';
      assert.equal(edit({ kind: 'remove-value' }, 'b', 0, last), '{"parameters": {"a": [1]}}');
      const alone = '{"parameters": {"a": [1]}}';
      assert.equal(edit({ kind: 'remove-key' }, 'a', undefined, alone), '{"parameters": {}}');
    });

    it('finds nothing to edit for a value that is not there', () => {
      assert.deepEqual(flagFixEdits(text, { kind: 'remove-value' }, { flag: 'a' }), []);
      assert.deepEqual(flagFixEdits(text, { kind: 'replace-value', with: 1 }, { flag: 'a' }), []);
      assert.deepEqual(flagFixEdits(text, { kind: 'remove-value' }, { flag: 'a', valueIndex: 3 }), []);
      assert.deepEqual(flagFixEdits(text, { kind: 'replace-value', with: 1 }, { flag: 'a', valueIndex: 3 }), []);
      assert.deepEqual(
        flagFixEdits(text, { kind: 'remove-key' }, { flag: 'a', parametersPath: ['preset', 'parameters'] }),
        [],
      );
    });

    it('writes the no- form only for a lone false, and not for a value that is no list', () => {
      assert.equal(edit({ kind: 'use-negation', flag: 'no-b' }, 'b'), text.replace('"b": [false]', '"no-b": [true]'));
      assert.deepEqual(flagFixEdits(text, { kind: 'use-negation', flag: 'no-c' }, { flag: 'c' }), []);
      const scalar = '{"parameters": {"b": false}}';
      assert.deepEqual(flagFixEdits(scalar, { kind: 'use-negation', flag: 'no-b' }, { flag: 'b' }), []);
    });

    it('offers only flag problems that carry a fix and name their flag', () => {
      const base = { severity: 'warning', path: 'parameters.x', message: 'm' } as const;
      const diagnostics = [
        { ...base, code: 'flag-unknown', data: { fix: { kind: 'remove-key' }, flag: 'x' } },
        { ...base, code: 'flag-unknown', data: { flag: 'x' } },
        { ...base, code: 'flag-unknown', data: { fix: { kind: 'remove-key' } } },
        { ...base, code: 'flag-unknown' },
        { ...base, code: 'unknown-field', data: { fix: { kind: 'remove-key' }, flag: 'x' } },
      ] as unknown as PresetDiagnostic[];
      assert.deepEqual(fixableFlagProblems(diagnostics), [diagnostics[0]]);
    });

    it('applies every fix it can, one at a time, and skips those with no edit', () => {
      const diagnostic = (path: string, fix: FlagFix, flag: string): PresetDiagnostic =>
        ({
          severity: 'warning',
          code: 'flag-x',
          path,
          message: 'm',
          data: { fix, flag },
        }) as unknown as PresetDiagnostic;
      const seen: string[] = [];
      const result = applyAvailableFlagFixes('{"parameters": {"a": [1], "b": [2]}}', (current) => {
        seen.push(current);
        const problems = [diagnostic('parameters.gone', { kind: 'remove-key' }, 'gone')];
        if (current.includes('"a"')) problems.push(diagnostic('parameters.a', { kind: 'rename-key', to: 'c' }, 'a'));
        if (current.includes('[2]'))
          problems.push(diagnostic('parameters.b[0]', { kind: 'replace-value', with: 3 }, 'b'));
        return problems;
      });
      assert.deepEqual(result, { text: '{"parameters": {"c": [1], "b": [3]}}', applied: 2 });
      assert.equal(seen.length, 4);
      // A fix that brings its problem back is made once, not for ever.
      const again = applyAvailableFlagFixes('{"parameters": {"a": [1]}}', () => [
        diagnostic('parameters.a', { kind: 'rename-key', to: 'a' }, 'a'),
      ]);
      assert.deepEqual(again, { text: '{"parameters": {"a": [1]}}', applied: 1 });
      // Fixes that beget fixes for ever stop after a thousand.
      let n = 0;
      const endless = applyAvailableFlagFixes('{"parameters": {"a": [1]}}', () => [
        diagnostic(`parameters.a#${n++}`, { kind: 'rename-key', to: 'a' }, 'a'),
      ]);
      assert.deepEqual(endless, { text: '{"parameters": {"a": [1]}}', applied: 1000 });
    });
  });

  describe('in a list with a repeated value', () => {
    it('replaces the value the problem is about, not the repeat before it', () => {
      const text = '{"name":"x","runtime":"sglang","parameters":{"enable-mixed-chunk":[true,true,"true"]}}';
      const result = applyAvailableFlagFixes(text, analyzeText);
      assert.deepEqual(result, {
        text: '{"name":"x","runtime":"sglang","parameters":{"enable-mixed-chunk":[true,true,true]}}',
        applied: 1,
      });
    });
  });

  describe('beside a comment', () => {
    /** The text after every fix, held to be JSONC that parses without error. */
    const fixed = (text: string): string => {
      const result = applyAvailableFlagFixes(text, analyzeText);
      const errors: ParseError[] = [];
      parse(result.text, errors, { allowTrailingComma: false });
      assert.deepEqual(errors, [], result.text);
      return result.text;
    };
    const sglang = (parameters: string) => `{"name":"x","runtime":"sglang","parameters":{${parameters}}}`;

    it('removes a value with its comma and keeps a comment between them', () => {
      assert.equal(
        fixed(sglang('"enable-mixed-chunk":[false /* off */, true]')),
        sglang('"enable-mixed-chunk":[/* off */ true]'),
      );
      assert.equal(
        fixed(sglang('"quantization":[null /* default */, "fp8"]')),
        sglang('"quantization":[/* default */ "fp8"]'),
      );
      assert.equal(
        fixed(sglang('"quantization":[\n  null // default\n  , "fp8"\n]')),
        sglang('"quantization":[\n  // default\n "fp8"\n]'),
      );
    });

    it('removes the last value with the comma before it, past a comment', () => {
      assert.equal(
        fixed(sglang('"enable-mixed-chunk":[true, /* off */ false]')),
        sglang('"enable-mixed-chunk":[true /* off */]'),
      );
      assert.equal(
        fixed(sglang('"enable-mixed-chunk":[true, // off\n false]')),
        sglang('"enable-mixed-chunk":[true // off\n]'),
      );
    });

    it('removes a key with its comma and keeps a comment between them', () => {
      assert.equal(
        fixed(sglang('"enable-chunked-prefill":[true] /* c */, "tp-size":[1]')),
        sglang('/* c */ "tp-size":[1]'),
      );
      assert.equal(
        fixed(sglang('"tp-size":[1], /* c */ "enable-chunked-prefill":[true]')),
        sglang('"tp-size":[1] /* c */'),
      );
    });
  });
});
