/**
 * The rules a user meets only with unusual files (src/core/presetRules.ts): the size limits, runtimes that
 * disagree, strings no UTF-8 file can hold.
 */
import * as assert from 'node:assert/strict';
import { analyzePresetText } from '../../../src/core/analyze';
import { Limits } from '../../../src/core/limits';
import { DiagnosticCodes } from '../../../src/core/model';
import { checkPresetFile, unsavableStrings } from '../../../src/core/presetRules';

const problemsOf = (value: unknown) =>
  checkPresetFile(value, { origin: 'workspace' }).problems.map((p) => [p.severity, p.code, p.path, p.message]);
const filled = (length: number): number[] => Array.from({ length }, (_, i) => i);

describe('preset size limits', () => {
  it('a list longer than a list may hold is reported alone, in parameters and in metadata', () => {
    const long = Limits.maxValuesPerList + 1;
    // The long list holds objects, which are errors of their own: not reported, the file is not checked further.
    const values = [...filled(long - 1), {}];
    assert.deepEqual(problemsOf({ name: 'A', parameters: { a: values, b: [1] } }), [
      ['error', DiagnosticCodes.tooMany, ['parameters', 'a'], `${long} values is more than the 10000 a list may hold`],
    ]);
    assert.deepEqual(problemsOf({ name: 'A', parameters: { a: [1] }, metadata: { tags: filled(long).map(String) } }), [
      ['error', DiagnosticCodes.tooMany, ['metadata', 'tags'], `${long} values is more than the 10000 a list may hold`],
    ]);
    assert.deepEqual(
      problemsOf({ name: 'A', parameters: { a: [1] }, metadata: { recommended_for: filled(long).map(String) } }),
      [
        [
          'error',
          DiagnosticCodes.tooMany,
          ['metadata', 'recommended_for'],
          `${long} values is more than the 10000 a list may hold`,
        ],
      ],
    );
    assert.deepEqual(problemsOf({ name: 'A', parameters: { a: filled(Limits.maxValuesPerList) } }), []);
  });

  it('too many parameters, or too many values in all: one error at parameters', () => {
    const many = Object.fromEntries(filled(Limits.maxParameters + 1).map((i) => [`p${i}`, [1]]));
    assert.deepEqual(problemsOf({ name: 'A', parameters: many }), [
      ['error', DiagnosticCodes.tooMany, ['parameters'], '5001 parameters is more than the 5000 a preset may hold'],
    ]);
    const lists = (count: number, length: number) =>
      Object.fromEntries(filled(count).map((i) => [`p${i}`, filled(length)]));
    assert.deepEqual(problemsOf({ name: 'A', parameters: { ...lists(6, 9000), x: 'not a list' } }), [
      [
        'error',
        DiagnosticCodes.tooMany,
        ['parameters'],
        '54000 values in all is more than the 50000 a preset may hold',
      ],
    ]);
    assert.deepEqual(problemsOf({ name: 'A', parameters: lists(5, 10000) }), [], 'exactly at the limit');
    const tooLong = problemsOf({ name: 'A', parameters: { ...lists(5, 10000), z: filled(10001) } });
    assert.deepEqual(
      tooLong.map((p) => p[2]),
      [['parameters', 'z']],
      'a list too long is reported, not the total it makes',
    );
  });
});

describe('lists and envelopes', () => {
  it('an object in a list is an error of its own, never a repeat of null or of another object', () => {
    assert.deepEqual(
      problemsOf({ name: 'A', parameters: { a: [null, {}, null, []] } }).map((p) => [p[0], p[2], p[3]]),
      [
        ['error', ['parameters', 'a', 1], 'expected a string, number, boolean or null, got an empty object'],
        ['error', ['parameters', 'a', 3], 'expected a string, number, boolean or null, got an empty list'],
        ['warning', ['parameters', 'a', 2], 'null is already in this list (position 1); the repeat is ignored'],
      ],
    );
  });

  it('a file with "preset" and a preset field of its own is a preset, not an envelope', () => {
    const inner = { name: 'In', parameters: { a: [1] } };
    assert.equal(checkPresetFile({ version: '1.0', preset: inner }, { origin: 'import' }).isEnvelope, true);
    for (const own of [{ name: 'Out' }, { parameters: { b: [2] } }, { name: 'Out', parameters: { b: [2] } }])
      assert.equal(checkPresetFile({ preset: inner, ...own }, { origin: 'import' }).isEnvelope, false);
  });
});

describe('runtimes that disagree', () => {
  it('an invalid top-level runtime is its own error, with no mismatch against metadata.runtime', () => {
    const problems = problemsOf({ name: 'A', runtime: 'tgi', parameters: { a: [1] }, metadata: { runtime: 'vllm' } });
    assert.deepEqual(
      problems.map((p) => [p[0], p[2]]),
      [['error', ['runtime']]],
    );
  });

  it('a metadata.runtime that is no runtime is ignored with a warning naming what it is, under a top-level one', () => {
    const warning = (got: string) => [
      [
        'warning',
        DiagnosticCodes.runtimeMismatch,
        ['metadata', 'runtime'],
        `${got} is not a runtime; ignored, the top-level runtime applies`,
      ],
    ];
    assert.deepEqual(
      problemsOf({ name: 'A', runtime: 'vllm', parameters: { a: [1] }, metadata: { runtime: 'tgi' } }),
      warning('"tgi"'),
    );
    assert.deepEqual(
      problemsOf({ name: 'A', runtime: null, parameters: { a: [1] }, metadata: { runtime: 3 } }),
      warning('a number'),
    );
    const read = checkPresetFile(
      { name: 'A', runtime: 'vllm', parameters: { a: [1] }, metadata: { runtime: 'tgi' } },
      { origin: 'workspace' },
    );
    assert.equal(read.preset?.runtime, 'vllm');
  });

  it('metadata.runtime is the runtime when there is none at the top, and null when it is null or absent', () => {
    const runtimeOf = (value: Record<string, unknown>) =>
      checkPresetFile({ name: 'A', parameters: { a: [1] }, ...value }, { origin: 'workspace' }).preset?.runtime;
    assert.equal(runtimeOf({ metadata: { runtime: 'sglang' } }), 'sglang');
    assert.equal(runtimeOf({ metadata: { runtime: null } }), null);
    assert.equal(runtimeOf({ metadata: {} }), null);
    assert.equal(runtimeOf({ metadata: null }), null);
    assert.equal(runtimeOf({ runtime: null, metadata: { runtime: 'sglang' } }), null);
  });
});

describe('strings no UTF-8 file can hold', () => {
  it('a lone surrogate in a value or a key is an error there, naming the half character', () => {
    assert.deepEqual(unsavableStrings({ a: ['ok', 'x\ud800'], 'k\udc01': 1, pair: '\ud83d\ude00' }), [
      {
        path: ['a', 1],
        severity: 'error',
        code: DiagnosticCodes.encoding,
        message:
          'holds a lone surrogate (\\ud800), half of a character that cannot be saved as UTF-8; write the whole character or remove the escape',
      },
      {
        path: ['k\udc01'],
        target: 'key',
        severity: 'error',
        code: DiagnosticCodes.encoding,
        message:
          'the key holds a lone surrogate (\\udc01), half of a character that cannot be saved as UTF-8; write the whole character or remove the escape',
      },
    ]);
    assert.deepEqual(unsavableStrings([null, 1, true, { a: null }, [[]]]), []);
    for (const fine of ['\ud83d\ude00', 'a', '', '\ud800\udc00'])
      assert.deepEqual(unsavableStrings([fine, { [fine]: fine }]), [], JSON.stringify(fine));
    for (const lone of ['\ud800', '\udfff', '\ude00\ud83d', 'a\udbffb'])
      assert.equal(unsavableStrings(lone).length, 1, JSON.stringify(lone));
  });

  it('the analysis reports an escaped lone surrogate, and half a pair in an editor’s text', () => {
    for (const text of [
      '{"name": "A\\ud800", "parameters": {"a": [1]}}',
      '{"name": "A\\uDBFF", "parameters": {"a": [1]}}',
      '{"name": "A", "parameters": {"a": ["\ud800"]}}',
    ]) {
      const analysis = analyzePresetText(text);
      assert.deepEqual(
        analysis.diagnostics.map((d) => d.code),
        [DiagnosticCodes.encoding],
        text,
      );
      assert.equal(analysis.preset, undefined);
    }
    assert.ok(
      analyzePresetText('{"name": "A\\ud83d\\ude00", "parameters": {"a": [1]}}').preset,
      'a whole pair is fine',
    );
  });
});
