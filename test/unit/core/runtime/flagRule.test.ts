import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetText } from '../../../../src/core/analyze';
import type { PresetDiagnostic } from '../../../../src/core/model';
import { buildCounterpartIndex } from '../../../../src/core/runtime/catalog';
import { flagRule, knowledgeOf, presetFlagProblems } from '../../../../src/core/runtime/flagRule';
import { chooseFlagKnowledge, shippedRuntimeCatalogs } from '../../../../src/node/flagKnowledge';
import { fixturePath, positionOf } from '../../helpers/presets';
import { counterparts, indexes } from './handCatalogs';

const repoRoot = path.resolve(fixturePath(''), '..', '..');
const catalogs = shippedRuntimeCatalogs(repoRoot);
const defaults = chooseFlagKnowledge(catalogs);

function flagDiagnostics(text: string, rules = [flagRule(defaults.knowledge)]): PresetDiagnostic[] {
  return analyzePresetText(text, { origin: 'system', rules }).diagnostics.filter((d) => d.code.startsWith('flag-'));
}

function systemPreset(file: string): string {
  return fs.readFileSync(path.join(repoRoot, 'presets', file), 'utf8');
}

describe('the flag rule in the analysis', () => {
  it('uses the autotuner default images: SGLang 0.5.2 and the newest vLLM', () => {
    assert.deepEqual(defaults.versions, { sglang: '0.5.2', vllm: 'main-2026-05-29' });
    assert.deepEqual(defaults.notes, []);
  });

  it('reports the four problems of the shipped system presets, at their keys and values', () => {
    const highThroughput = systemPreset('high-throughput.json');
    const [mixed] = flagDiagnostics(highThroughput).filter((d) => d.path === 'parameters.enable-mixed-chunking');
    assert.equal(mixed.code, 'flag-unknown');
    assert.match(mixed.message, /^parameters\.enable-mixed-chunking: .*enable-mixed-chunk\b/);
    assert.deepEqual(mixed.range.start, positionOf(highThroughput, '"enable-mixed-chunking"'));
    assert.equal(mixed.severity, 'warning');
    assert.deepEqual((mixed.data as { fix: unknown }).fix, { kind: 'rename-key', to: 'enable-mixed-chunk' });

    const memory = systemPreset('memory-efficient.json');
    const chunked = flagDiagnostics(memory).find((d) => d.path === 'parameters.enable-chunked-prefill');
    assert.equal(chunked?.code, 'flag-other-runtime');
    assert.match(chunked!.message, /vLLM/);

    const sglangTuning = systemPreset('sglang-performance-tuning.json');
    const quantization = flagDiagnostics(sglangTuning).find((d) => d.path === 'parameters.quantization[0]');
    assert.equal(quantization?.code, 'flag-null');
    assert.match(quantization!.message, /None/);

    const vllmTuning = systemPreset('vllm-performance-tuning.json');
    const swap = flagDiagnostics(vllmTuning).find((d) => d.path === 'parameters.swap-space');
    assert.equal(swap?.code, 'flag-removed');
    assert.deepEqual(swap!.range.start, positionOf(vllmTuning, '"swap-space"'));
  });

  it('checks against the version a task image tag names', () => {
    const old = chooseFlagKnowledge(catalogs, { task: { runtime: 'vllm', imageTag: 'v0.10.0' } });
    assert.equal(old.versions.vllm, '0.10.0');
    const text = JSON.stringify({ name: 'Swap', runtime: 'vllm', parameters: { 'swap-space': [4] } });
    assert.deepEqual(flagDiagnostics(text, [flagRule(old.knowledge)]), [], 'vLLM 0.10.0 has swap-space');
    const unknownTag = chooseFlagKnowledge(catalogs, { task: { runtime: 'sglang', imageTag: 'v0.5.9-cu128' } });
    assert.equal(unknownTag.versions.sglang, '0.5.2');
    assert.match(unknownTag.notes.join('\n'), /nearest older/);
  });

  it('reads how a whole number is written: 2.0 is a float to Python', () => {
    const text = '{"name": "TP", "runtime": "sglang", "parameters": {"tp-size": [1, 2.0]}}';
    const problems = flagDiagnostics(text);
    assert.deepEqual(
      problems.map((d) => [d.code, d.path]),
      [['flag-type', 'parameters.tp-size[1]']],
    );
    assert.deepEqual(problems[0].range.start, positionOf(text, '2.0'));
  });

  it('names each number as its file writes it, not as it parses', () => {
    const text =
      '{"name": "TP", "runtime": "sglang", "parameters": {"tp-size": [1.5, 2.0, 4e0], "enable-mixed-chunk": [1.0]}}';
    assert.deepEqual(
      flagDiagnostics(text).map((d) => d.message),
      [
        'parameters.tp-size[0]: 1.5 is a float for "tensor-parallel-size", which takes an int',
        'parameters.tp-size[1]: 2.0 is a float for "tensor-parallel-size", which takes an int',
        'parameters.tp-size[2]: 4e0 is a float for "tensor-parallel-size", which takes an int',
        'parameters.enable-mixed-chunk[0]: "enable-mixed-chunk" is an on/off flag and takes no value; 1.0 would be launched after it (write true)',
      ],
    );
  });

  it('after a repeated value, checks and reports each value at its own place in the text', () => {
    const float = '{"name":"x","runtime":"sglang","parameters":{"tp-size":[1,1,2.0]}}';
    const [floatProblem, ...none] = flagDiagnostics(float);
    assert.deepEqual(none, []);
    assert.equal(floatProblem?.code, 'flag-type');
    assert.equal(floatProblem.path, 'parameters.tp-size[2]');
    assert.equal(float.substr(floatProblem.range.offset, floatProblem.range.length), '2.0');

    const text = '{"name":"x","runtime":"sglang","parameters":{"tp-size":[1,1,"x"]}}';
    const problems = flagDiagnostics(text);
    assert.deepEqual(
      problems.map((d) => [d.code, d.path, text.substr(d.range.offset, d.range.length)]),
      [['flag-type', 'parameters.tp-size[2]', '"x"']],
    );
    assert.match(problems[0]!.message, /^parameters\.tp-size\[2\]: /);
  });

  it('in an envelope too, and with repeats in several lists', () => {
    const text = JSON.stringify({
      version: '1.0',
      preset: {
        name: 'x',
        runtime: 'sglang',
        parameters: { 'tp-size': [2, 1, 2, 'two'], 'schedule-policy': ['lpm', 'lpm', 'lifo'] },
      },
    });
    assert.deepEqual(
      flagDiagnostics(text).map((d) => [d.path, text.substr(d.range.offset, d.range.length)]),
      [
        ['preset.parameters.tp-size[3]', '"two"'],
        ['preset.parameters.schedule-policy[2]', '"lifo"'],
      ],
    );
  });

  it('reads every way of writing a whole number that Python reads as a float, and only those', () => {
    const text =
      '{"name": "TP", "runtime": "sglang", "parameters": {"tp-size": [2e0, 2.50e1, 0.99999999999999999, 4.00, 8],' +
      ' "mem-fraction-static": [0.85, 0.9]}}';
    assert.deepEqual(
      flagDiagnostics(text).map((d) => [d.code, d.path]),
      [0, 1, 2, 3].map((i) => ['flag-type', `parameters.tp-size[${i}]`]),
    );
    const plain =
      '{"name": "TP", "runtime": "sglang", "parameters": {"tp-size": [1, 2], "mem-fraction-static": [0.05]}}';
    assert.deepEqual(flagDiagnostics(plain), []);
  });

  it('reports a prefix argparse accepts at its key, with the rename as its fix; an ambiguous one names a few', () => {
    const text = '{"name": "TP", "runtime": "sglang", "parameters": {"tp": [1, 2], "enable": [true]}}';
    const [tp, enable] = flagDiagnostics(text);
    assert.equal(tp.code, 'flag-abbreviation');
    assert.deepEqual(tp.range.start, positionOf(text, '"tp"'));
    assert.deepEqual((tp.data as { fix: unknown }).fix, { kind: 'rename-key', to: 'tp-size' });
    assert.equal(enable.code, 'flag-unknown');
    assert.match(enable.message, /several flags \(("enable-[a-z-]+", ){4}"enable-[a-z-]+" and \d+ more\)/);
  });

  it('finds values inside an export envelope too', () => {
    const text = JSON.stringify({
      version: '1.0',
      preset: { name: 'E', runtime: 'sglang', parameters: { 'tp-size': [2.5] } },
    });
    assert.deepEqual(
      flagDiagnostics(text).map((d) => d.path),
      ['preset.parameters.tp-size[0]'],
    );
  });

  it('checks a preset for any runtime against both, warning only of flags neither knows', () => {
    const problems = presetFlagProblems(
      { runtime: null, parameters: { 'tp-size': [1], 'gpu-memory-utilization': [0.9], 'no-such-flag': [1] } },
      defaults.knowledge,
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.flag]),
      [['flag-unknown', 'no-such-flag']],
    );
  });

  it('never makes a preset unusable: flag problems are warnings', () => {
    const text = JSON.stringify({ name: 'Bad', runtime: 'sglang', parameters: { 'schedule-policy': ['lifo'] } });
    const analysis = analyzePresetText(text, { rules: [flagRule(defaults.knowledge)] });
    assert.ok(analysis.preset);
    assert.deepEqual(
      analysis.diagnostics.map((d) => [d.severity, d.code, d.path]),
      [['warning', 'flag-choice', 'parameters.schedule-policy[0]']],
    );
  });

  it('puts the field path in front of each message once, and the flag in its data', () => {
    const text = JSON.stringify({ name: 'T', runtime: 'sglang', parameters: { 'no-such-flag-at-all': [1] } });
    const [problem] = flagDiagnostics(text);
    assert.equal(
      problem!.message,
      'parameters.no-such-flag-at-all: unknown flag "no-such-flag-at-all" in SGLang 0.5.2',
    );
    assert.deepEqual(problem!.data, { flag: 'no-such-flag-at-all' });
  });

  it("keeps one rule's unknown keys apart per runtime", () => {
    const rules = [flagRule(defaults.knowledge)];
    const text = (runtime: string): string =>
      JSON.stringify({ name: 'T', runtime, parameters: { 'no-such-flag-at-all': [1] } });
    assert.match(flagDiagnostics(text('sglang'), rules)[0]!.message, /in SGLang 0\.5\.2$/);
    assert.match(flagDiagnostics(text('vllm'), rules)[0]!.message, /in vLLM main-2026-05-29$/);
    assert.match(
      flagDiagnostics(JSON.stringify({ name: 'T', parameters: { 'no-such-flag-at-all': [1] } }), rules)[0]!.message,
      /in SGLang 0\.5\.2 or vLLM main-2026-05-29$/,
    );
    assert.match(flagDiagnostics(text('sglang'), rules)[0]!.message, /in SGLang 0\.5\.2$/);
  });

  it('finds with one rule reused across presets of every runtime what a fresh rule finds for each', () => {
    // The rule keeps its options per runtime: the number tokens of one file must not stay for the next.
    const texts = [
      '{"name": "A", "runtime": "sglang", "parameters": {"tp-size": [2.0], "enable-mixed-chunking": [true]}}',
      '{"name": "B", "runtime": "sglang", "parameters": {"tp-size": [2], "enable-mixed-chunk": [true, false]}}',
      '{"name": "C", "runtime": "vllm", "parameters": {"tensor-parallel-size": [2.0], "tp-size": [2]}}',
      '{"name": "D", "parameters": {"tp-size": [2], "no-such-flag-at-all": [1]}}',
      '{"name": "E", "runtime": "vllm", "parameters": {"tensor-parallel-size": [2], "enable-prefix-caching": [true]}}',
    ];
    const shared = [flagRule(defaults.knowledge)];
    const found = (text: string, rules?: ReturnType<typeof flagRule>[]) =>
      flagDiagnostics(text, rules).map((d) => [d.code, d.path, d.message]);
    const fresh = texts.map((text) => found(text));
    assert.deepEqual(
      [...texts, ...texts].map((text) => found(text, shared)),
      [...fresh, ...fresh],
    );
    assert.deepEqual(
      fresh.map((problems) => problems.map(([code, path]) => `${code} ${path}`)),
      [
        ['flag-type parameters.tp-size[0]', 'flag-unknown parameters.enable-mixed-chunking'],
        ['flag-false parameters.enable-mixed-chunk[1]'],
        ['flag-type parameters.tensor-parallel-size[0]', 'flag-other-runtime parameters.tp-size'],
        ['flag-unknown parameters.no-such-flag-at-all'],
        [],
      ],
    );
  });

  it('reads a whole number written as a float inside an export envelope, and in a flag named __proto__', () => {
    const text =
      '{"version": "1.0", "preset": {"name": "E", "runtime": "sglang", "parameters": {"tp-size": [1, 2.0]}}}';
    const problems = flagDiagnostics(text);
    assert.deepEqual(
      problems.map((d) => [d.code, d.path]),
      [['flag-type', 'preset.parameters.tp-size[1]']],
    );
    assert.deepEqual(problems[0]!.range.start, positionOf(text, '2.0'));
    const proto = '{"name": "P", "runtime": "sglang", "parameters": {"__proto__": [2.0], "tp-size": [2]}}';
    assert.deepEqual(
      flagDiagnostics(proto).map((d) => [d.code, d.path]),
      [['flag-unknown', 'parameters.__proto__']],
    );
    assert.equal(({} as Record<number, unknown>)[0], undefined, 'no prototype was written to');
  });

  it('builds knowledge from the indexes that apply, the other versions and the counterparts', () => {
    const knowledge = knowledgeOf(
      { sglang: indexes.sglang052, vllm: indexes.vllmMain },
      { vllm: [indexes.vllm0100] },
      buildCounterpartIndex(counterparts),
    );
    assert.deepEqual(knowledge.runtimes.sglang.otherVersions, []);
    assert.equal(knowledge.runtimes.vllm.index, indexes.vllmMain);
    assert.deepEqual(
      presetFlagProblems({ runtime: 'vllm', parameters: { 'swap-space': [4], 'tp-size': [2] } }, knowledge).map((p) => [
        p.code,
        p.fix,
      ]),
      [
        ['flag-removed', { kind: 'remove-key' }],
        ['flag-other-runtime', { kind: 'rename-key', to: 'tensor-parallel-size' }],
      ],
    );
    assert.deepEqual(
      presetFlagProblems({ runtime: 'sglang', parameters: { 'max-num-seqs': [8] } }, knowledge)[0]!.fix,
      { kind: 'rename-key', to: 'max-running-requests' },
    );
    // Without other versions or counterparts: an unknown flag, and no counterpart to name.
    const bare = knowledgeOf({ sglang: indexes.sglang052, vllm: indexes.vllmMain });
    assert.deepEqual(
      presetFlagProblems({ runtime: 'vllm', parameters: { 'swap-space': [4], 'tp-size': [2] } }, bare).map((p) => [
        p.code,
        p.fix,
      ]),
      [
        ['flag-unknown', undefined],
        ['flag-other-runtime', { kind: 'remove-key' }],
      ],
    );
  });
});
