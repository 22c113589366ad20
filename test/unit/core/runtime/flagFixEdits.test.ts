import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetText } from '../../../../src/core/analyze';
import type { FlagFix } from '../../../../src/core/runtime/flagChecks';
import {
  applyAvailableFlagFixes,
  applyTextEdits,
  fixTitle,
  flagFixEdits,
} from '../../../../src/core/runtime/flagFixEdits';
import { flagRule } from '../../../../src/core/runtime/flagRule';
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
});
