/**
 * What a user reads about files the analysis cannot take as they are (src/core/analyze.ts): too large,
 * unreadable, not UTF-8, syntax errors of every kind, more problems than are listed, numbers too long to quote.
 */
import * as assert from 'node:assert/strict';
import {
  analyzePresetBytes,
  analyzePresetContent,
  analyzePresetText,
  oversizeAnalysis,
  type PresetAnalysis,
} from '../../../src/core/analyze';
import { DiagnosticCodes } from '../../../src/core/model';

const messages = (analysis: PresetAnalysis): string[] => analysis.diagnostics.map((d) => d.message);
const origin = { line: 0, character: 0 };

describe('analysis of files that cannot be read as they are', () => {
  it('a file over the size limit: its size and the limit in bytes, KB or MB, one decimal', () => {
    const cases: [number, number, string, string][] = [
      [6 * 1024 * 1024, 5 * 1024 * 1024, '6.0 MB', '5.0 MB'],
      [2048, 1024, '2.0 KB', '1.0 KB'],
      [1023, 10, '1023 bytes', '10 bytes'],
      [104858, 104857, '0.1 MB', '102.4 KB'],
    ];
    for (const [size, limit, sizeText, limitText] of cases)
      assert.deepEqual(oversizeAnalysis(size, limit), {
        isEnvelope: false,
        diagnostics: [
          {
            severity: 'error',
            code: DiagnosticCodes.tooLarge,
            path: '',
            message: `the file is ${sizeText}, over the ${limitText} limit for preset files; it was not read`,
            range: { offset: 0, length: 0, start: origin, end: origin },
          },
        ],
      });
  });

  it('content: bytes over the limit are not read, bytes at it are; oversize and unreadable are reported', () => {
    const bytes = new TextEncoder().encode('{"name": "A", "parameters": {"a": [1]}}');
    assert.equal(analyzePresetContent({ kind: 'bytes', bytes }, { maxBytes: bytes.length }).preset?.name, 'A');
    assert.deepEqual(
      analyzePresetContent({ kind: 'bytes', bytes }, { maxBytes: bytes.length - 1 }),
      oversizeAnalysis(bytes.length, bytes.length - 1),
    );
    assert.deepEqual(analyzePresetContent({ kind: 'oversize', size: 9 }, { maxBytes: 8 }), oversizeAnalysis(9, 8));
    assert.deepEqual(
      analyzePresetContent({ kind: 'oversize', size: 6 * 1024 * 1024 }),
      oversizeAnalysis(6 * 1024 * 1024, 5 * 1024 * 1024),
      'the default limit is 5 MB',
    );
    assert.equal(
      analyzePresetContent({ kind: 'text', text: '{"name": " B ", "parameters": {"a": [1]}}' }).preset?.name,
      'B',
    );
    const unreadable = analyzePresetContent({ kind: 'unreadable', reason: 'EACCES: permission denied' });
    assert.deepEqual(unreadable.diagnostics, [
      {
        severity: 'error',
        code: DiagnosticCodes.unreadable,
        path: '',
        message: 'the file cannot be read (EACCES: permission denied)',
        range: { offset: 0, length: 0, start: origin, end: origin },
      },
    ]);
    assert.equal(unreadable.preset, undefined);
  });

  it('UTF-16 is named as such, by either byte order mark; other invalid bytes by their offset', () => {
    const utf16 = 'the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8';
    assert.deepEqual(messages(analyzePresetBytes(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]))), [utf16]);
    assert.deepEqual(messages(analyzePresetBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x7b]))), [utf16]);
    assert.deepEqual(messages(analyzePresetBytes(new Uint8Array([0xff, 0xff, 0x7b]))), [
      'the file is not valid UTF-8 (byte 0); save it as UTF-8',
    ]);
    assert.deepEqual(messages(analyzePresetBytes(new Uint8Array([0xfe]))), [
      'the file is not valid UTF-8 (byte 0); save it as UTF-8',
    ]);
    const broken = analyzePresetBytes(new Uint8Array([0x7b, 0x0a, 0x20, 0x22, 0xfe, 0x22]));
    assert.deepEqual(broken.diagnostics[0].range, {
      offset: 4,
      length: 1,
      start: { line: 1, character: 2 },
      end: { line: 1, character: 3 },
    });
    assert.equal(broken.diagnostics[0].code, DiagnosticCodes.encoding);
  });

  it('every kind of syntax error gets a hint that says what is wrong, at its place', () => {
    const cases: [string, string, number, number][] = [
      ['{"a": @}', 'a: syntax error: unexpected character', 6, 1],
      ['{1: 2}', 'syntax error: expected a property name in double quotes', 1, 1],
      ['{"a" 1}', 'a: syntax error: expected a colon after the property name', 5, 1],
      ['{"a": }', 'a: syntax error: expected a value', 6, 1],
      ['{"a": 1 "b": 2}', 'b: syntax error: expected a comma', 8, 3],
      ['[1, 2', '[1]: syntax error: expected a closing bracket ]', 5, 0],
      ['{"a": 1} /* x', 'syntax error: comment is not closed (missing */)', 9, 4],
      ['{"a": "x', 'a: syntax error: string is not closed (missing ")', 6, 2],
      ['{"a": "\\u12"}', 'a: syntax error: invalid \\u escape', 6, 6],
      ['{"a": "\\q"}', 'a: syntax error: invalid escape sequence', 6, 4],
      ['{"a": "\t"}', 'a: syntax error: control character inside a string; write it as an escape such as \\n', 6, 3],
      ['{"a": 1e}', 'a: syntax error: number is cut off', 6, 2],
      ["{'a': 1}", 'syntax error: unexpected single quote; strings and property names take double quotes', 1, 3],
      [
        '{"a": \0}',
        'a: syntax error: unexpected NUL character; is this a binary file, or text saved as UTF-16? Save it as UTF-8',
        6,
        1,
      ],
      [
        '{"a": \ufeff1}',
        'a: syntax error: unexpected byte order mark (U+FEFF); only one may start a file, remove this one',
        6,
        2,
      ],
    ];
    for (const [text, message, offset, length] of cases) {
      const [first] = analyzePresetText(text).diagnostics;
      assert.deepEqual(
        [first.severity, first.code, first.message, first.range.offset, first.range.length],
        ['error', DiagnosticCodes.syntax, message, offset, length],
        text,
      );
    }
    assert.deepEqual(
      messages(analyzePresetText('{"parameters": {:}}')),
      [
        'parameters: syntax error: expected a property name in double quotes',
        'parameters: syntax error: expected a value',
      ],
      'a property name not yet written is no step of the path',
    );
    assert.equal(
      messages(analyzePresetText('{"": {:}}'))[0],
      '[""]: syntax error: expected a property name in double quotes',
      'an empty key before it is one',
    );
    assert.deepEqual(messages(analyzePresetText('{"a": [1}')).slice(2), [
      'a[0]: syntax error: expected a closing bracket ]',
      'a[0]: syntax error: expected a closing brace }',
    ]);
  });

  it('lists at most 100 problems, errors first, and counts the rest at the next one', () => {
    // 30 repeated values (warnings) before 120 empty lists (errors).
    const parameters: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) parameters[`w${i}`] = [1, 1];
    for (let i = 0; i < 120; i++) parameters[`e${i}`] = [];
    const text = JSON.stringify({ name: 'A', parameters });
    const { diagnostics, preset } = analyzePresetText(text);
    assert.equal(preset, undefined);
    assert.equal(diagnostics.length, 101);
    const listed = diagnostics.slice(0, 100);
    assert.ok(listed.every((d) => d.severity === 'error' && d.code === DiagnosticCodes.emptyList));
    assert.deepEqual(
      listed.map((d) => d.path),
      Array.from({ length: 100 }, (_, i) => `parameters.e${i}`),
      'in text order',
    );
    const more = diagnostics[100];
    assert.deepEqual([more.severity, more.code, more.path], ['error', DiagnosticCodes.tooMany, '']);
    assert.equal(
      more.message,
      '50 more problems in this file are not listed (only the first 100 are); fix those first',
    );
    assert.equal(more.range.offset, text.indexOf('"e100":') + '"e100": '.length - 1);
  });

  it('counts repeated keys beyond the cap too, at the first repeat not listed', () => {
    const members = Array.from({ length: 105 }, (_, i) => `"k${i}": 1, "k${i}": 2`).join(', ');
    const text = `{"name": "A", "parameters": {"a": [1]}, "metadata": {${members}}}`;
    const { diagnostics, preset } = analyzePresetText(text);
    assert.equal(diagnostics.length, 101);
    assert.ok(diagnostics.slice(0, 100).every((d) => d.code === DiagnosticCodes.duplicateKey));
    const more = diagnostics[100];
    assert.deepEqual([more.severity, more.code], ['warning', DiagnosticCodes.tooMany]);
    assert.equal(more.message, '5 more problems in this file are not listed (only the first 100 are); fix those first');
    assert.equal(more.range.offset, text.indexOf('"k100": 2'));
    assert.ok(preset, 'warnings only: the preset is still usable');
  });

  it('quotes a very long number short in its message', () => {
    const zeros = '0.' + '0'.repeat(400) + '1';
    const analysis = analyzePresetText(`{"name": "A", "parameters": {"a": [${zeros}]}}`);
    assert.deepEqual(messages(analysis), [
      `parameters.a[0]: ${zeros.slice(0, 20)}…${zeros.slice(-12)} is too small for a number; it reads as 0`,
    ]);
    const forty = '1' + '0'.repeat(35) + 'e400';
    assert.equal(forty.length, 40);
    assert.deepEqual(
      messages(analyzePresetText(`{"name": "A", "parameters": {"a": [1]}, "metadata": {"x": ${forty}}}`)),
      [`metadata.x: ${forty} is too large for a number; it reads as Infinity`],
    );
  });

  it('names UTF-16 only by a byte order mark of two bytes at the very start', () => {
    const utf16 = 'the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8';
    assert.deepEqual(messages(analyzePresetBytes(new Uint8Array([0xff, 0xfe]))), [utf16]);
    for (const [bytes, at] of [
      [[0x61, 0xfe], 1],
      [[0xfe, 0x7b], 0],
      [[0xff, 0x7b], 0],
    ] as const)
      assert.deepEqual(messages(analyzePresetBytes(Uint8Array.from(bytes))), [
        `the file is not valid UTF-8 (byte ${at}); save it as UTF-8`,
      ]);
  });

  it('an empty file is an error of the whole file; a file is a workspace file unless told', () => {
    const [empty] = analyzePresetText('').diagnostics;
    assert.deepEqual([empty.path, empty.code, empty.range.offset], ['', DiagnosticCodes.emptyFile, 0]);
    const { diagnostics } = analyzePresetText('{"name": "A", "parameters": {"a": [1]}, "id": 3}');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [[DiagnosticCodes.ignoredKey, 'id: ignored; the autotuner assigns ids']],
    );
  });

  it('runs added rules only on a file without errors, and gives no name range for a name that is not one', () => {
    let calls = 0;
    const rule = { id: 'count', check: () => (calls++, []) };
    analyzePresetText('{"name": "A\\ud800", "parameters": {"a": [1]}}', { rules: [rule] });
    assert.equal(calls, 0, 'a lone surrogate is an error: the rules do not run');
    analyzePresetText('{"name": "A", "parameters": {"a": [1]}}', { rules: [rule] });
    assert.equal(calls, 1);
    assert.equal(analyzePresetText('{"name": 3, "parameters": {"a": [1]}}').nameRange, undefined);
    assert.equal(analyzePresetText('{"name": " ", "parameters": {"a": [1]}}').nameRange, undefined);
  });

  it('beyond the cap, lists every error once and the first warnings after them', () => {
    const parameters = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`e${i}`, []]));
    const unknown = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`x${i}`, 1]));
    const { diagnostics } = analyzePresetText(JSON.stringify({ name: 'A', parameters, ...unknown }));
    assert.equal(diagnostics.length, 101);
    const listed = diagnostics.slice(0, 100);
    assert.equal(listed.filter((d) => d.severity === 'error').length, 60);
    assert.equal(new Set(listed.map((d) => d.path)).size, 100, 'no problem twice');
    assert.deepEqual(
      [diagnostics[100].severity, diagnostics[100].message],
      ['warning', '10 more problems in this file are not listed (only the first 100 are); fix those first'],
    );
  });

  it('too deep is an error of the whole file, at the bracket; a missing field is marked by one character', () => {
    const [deep] = analyzePresetText('['.repeat(65) + ']'.repeat(65)).diagnostics;
    assert.deepEqual(
      [deep.path, deep.code, deep.range.offset, deep.range.length],
      ['', DiagnosticCodes.tooDeep, 64, 1],
    );
    const [missing] = analyzePresetText('{"parameters": {"a": [1]}}').diagnostics;
    assert.deepEqual([missing.path, missing.range.offset, missing.range.length], ['name', 0, 1]);
  });

  it('a diagnostic without data has no data field', () => {
    assert.deepEqual(analyzePresetText('{"name": "A", "parameters": {"a": []}}').diagnostics, [
      {
        severity: 'error',
        code: DiagnosticCodes.emptyList,
        path: 'parameters.a',
        message: 'parameters.a: expected a non-empty list of values, got an empty list',
        range: { offset: 34, length: 2, start: { line: 0, character: 34 }, end: { line: 0, character: 36 } },
      },
    ]);
  });

  it('runs added rules on a file with warnings only', () => {
    let calls = 0;
    const rule = { id: 'count', check: () => (calls++, []) };
    const analysis = analyzePresetText('{"name": "A", "parameters": {"a": [1, 1]}, "x": 1}', { rules: [rule] });
    assert.equal(calls, 1);
    assert.ok(analysis.preset);
  });

  it('an inexact number is reported even where a warning already stands, and kept only inside the preset', () => {
    const big = '9007199254740993';
    const { diagnostics } = analyzePresetText(`{"name": "A", "parameters": {"a": [${big}, ${big}]}}`);
    assert.deepEqual(diagnostics.map((d) => `${d.path} ${d.code}`).sort(), [
      `parameters.a[0] ${DiagnosticCodes.imprecise}`,
      `parameters.a[1] ${DiagnosticCodes.duplicateValue}`,
      `parameters.a[1] ${DiagnosticCodes.imprecise}`,
    ]);
    const envelope = analyzePresetText(
      `{"version": "1.0", "x": 1e400, "preset": {"name": "A", "parameters": {"a": [${big}]}}}`,
    );
    assert.deepEqual(envelope.preset?.writtenNumbers, [
      { path: ['parameters', 'a', 0], source: big, value: 9007199254740992 },
    ]);
  });
});
