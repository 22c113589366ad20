import * as assert from 'node:assert/strict';
import { analyzePresetBytes } from '../../../src/core/analyze';
import { DiagnosticCodes } from '../../../src/core/model';
import {
  analyze,
  assertDiagnostic,
  onlyDiagnostic,
  positionAfter,
  positionOf,
  preset,
  presetText,
} from '../helpers/presets';

const minimal = { name: 'A', parameters: { 'tp-size': [1, 2] } };

/** Preset text with `fields` added to (or, when undefined, removed from) the minimal preset. */
function withFields(fields: Record<string, unknown>): string {
  const value: Record<string, unknown> = { ...minimal };
  for (const [key, item] of Object.entries(fields)) {
    if (item === undefined) delete value[key];
    else value[key] = item;
  }
  return presetText(value);
}

/** Asserts that the text has exactly one diagnostic, an error, and no preset. */
function assertSingleError(
  text: string,
  expected: { code: string; at: { line: number; character: number }; path: string; message: string | RegExp },
) {
  const analysis = analyze(text);
  assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics.map((d) => d.message)));
  assert.equal(analysis.preset, undefined);
  assert.equal(analysis.diagnostics[0].code, expected.code);
  assertDiagnostic(analysis.diagnostics[0], { severity: 'error', ...expected });
  return analysis;
}

describe('analyzePresetText', () => {
  describe('a valid preset', () => {
    it('is normalized: name trimmed, absent fields null, in-list duplicates removed', () => {
      const analysis = analyze('{"name": "  Fast  ", "parameters": {"tp-size": [1, 2], "flag": [true]}}');
      assert.deepEqual(analysis.diagnostics, []);
      assert.equal(analysis.isEnvelope, false);
      assert.equal(analysis.name, 'Fast');
      assert.deepEqual(analysis.preset, preset('Fast', { 'tp-size': [1, 2], flag: [true] }));
    });

    it('keeps every documented field', () => {
      const analysis = analyze(
        presetText({
          name: 'Full',
          description: 'All fields',
          category: 'performance',
          runtime: 'vllm',
          parameters: { 'max-num-seqs': [128, 256], 'kv-cache-dtype': ['auto', null] },
          metadata: { author: 'me', tags: ['a', 'b'], recommended_for: 'chat', custom: { nested: [1] } },
        }),
      );
      assert.deepEqual(analysis.diagnostics, []);
      assert.deepEqual(
        analysis.preset,
        preset(
          'Full',
          { 'max-num-seqs': [128, 256], 'kv-cache-dtype': ['auto', null] },
          {
            description: 'All fields',
            category: 'performance',
            runtime: 'vllm',
            metadata: { author: 'me', tags: ['a', 'b'], recommended_for: 'chat', custom: { nested: [1] } },
          },
        ),
      );
    });

    it('accepts null description, category, runtime and metadata', () => {
      const analysis = analyze(withFields({ description: null, category: null, runtime: null, metadata: null }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.deepEqual(analysis.preset, preset('A', { 'tp-size': [1, 2] }));
    });

    it("points nameRange at the name's string token", () => {
      const text = '{\n  "parameters": {"a": [1]},\n  "name": "Fast"\n}';
      const analysis = analyze(text);
      assert.deepEqual(analysis.nameRange?.start, positionOf(text, '"Fast"'));
      assert.equal(analysis.nameRange?.length, '"Fast"'.length);
    });
  });

  describe("the SPEC's example message", () => {
    it('reports parameters.tp-size given as a number at the number (literal line and column)', () => {
      const text = '{\n  "name": "A",\n  "parameters": {\n    "tp-size": 2\n  }\n}\n';
      const analysis = assertSingleError(text, {
        code: DiagnosticCodes.notAList,
        at: { line: 3, character: 15 },
        path: 'parameters.tp-size',
        message: 'parameters.tp-size: expected a non-empty list of values, got a number',
      });
      assert.deepEqual(analysis.diagnostics[0].range.end, { line: 3, character: 16 });
      assert.equal(analysis.diagnostics[0].range.offset, text.indexOf('2\n'));
    });
  });

  describe('name', () => {
    it('missing: an error at the opening brace of the preset', () => {
      assertSingleError('{"parameters": {"a": [1]}}', {
        code: DiagnosticCodes.missingField,
        at: { line: 0, character: 0 },
        path: 'name',
        message: 'name: missing; every preset needs a name',
      });
    });

    it('empty or blank: an error at the value', () => {
      for (const blank of ['', '   ', '\t\n']) {
        const text = withFields({ name: blank });
        assertSingleError(text, {
          code: DiagnosticCodes.invalidValue,
          at: positionOf(text, JSON.stringify(blank)),
          path: 'name',
          message: 'name: must not be empty',
        });
      }
    });

    it('not a string: an error naming what it got', () => {
      for (const [value, got] of [
        [5, 'a number'],
        [null, 'null'],
        [['A'], 'a list'],
        [{}, 'an empty object'],
        [true, 'a boolean'],
      ] as const) {
        const text = withFields({ name: value });
        assertSingleError(text, {
          code: DiagnosticCodes.invalidType,
          at: positionAfter(text, '"name": '),
          path: 'name',
          message: `name: expected a string, got ${got}`,
        });
      }
    });

    it('at most 255 characters after trimming', () => {
      assert.deepEqual(analyze(withFields({ name: '  ' + 'x'.repeat(255) + '  ' })).diagnostics, []);
      const text = withFields({ name: 'x'.repeat(256) });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(text, '"xxx'),
        path: 'name',
        message: 'name: must be at most 255 characters, got 256',
      });
    });

    it('counts characters, not UTF-16 code units (as the autotuner and JSON schema do)', () => {
      const emoji = '\u{1F680}';
      const analysis = analyze(withFields({ name: emoji.repeat(255) }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.equal(analysis.preset?.name, emoji.repeat(255));
      const tooLong = analyze(withFields({ name: emoji.repeat(256) }));
      assert.equal(
        onlyDiagnostic(tooLong, DiagnosticCodes.invalidValue).message,
        'name: must be at most 255 characters, got 256',
      );
    });
  });

  describe('description and category', () => {
    it('description must be a string or null', () => {
      const text = withFields({ description: 5 });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidType,
        at: positionOf(text, '5'),
        path: 'description',
        message: 'description: expected a string or null, got a number',
      });
    });

    it('category must be a string or null', () => {
      const text = withFields({ category: ['perf'] });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidType,
        at: positionAfter(text, '"category": '),
        path: 'category',
        message: 'category: expected a string or null, got a list',
      });
    });

    it('category is at most 100 characters', () => {
      assert.deepEqual(analyze(withFields({ category: 'c'.repeat(100) })).diagnostics, []);
      assert.deepEqual(analyze(withFields({ category: '\u{1F525}'.repeat(100) })).diagnostics, []);
      const text = withFields({ category: 'c'.repeat(101) });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(text, '"ccc'),
        path: 'category',
        message: 'category: must be at most 100 characters, got 101',
      });
      const emoji = analyze(withFields({ category: '\u{1F525}'.repeat(101) }));
      assert.equal(
        onlyDiagnostic(emoji, DiagnosticCodes.invalidValue).message,
        'category: must be at most 100 characters, got 101',
      );
    });
  });

  describe('runtime', () => {
    it('must be "sglang", "vllm" or null', () => {
      const text = withFields({ runtime: 'tgi' });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(text, '"tgi"'),
        path: 'runtime',
        message: 'runtime: expected "sglang", "vllm" or null, got "tgi"',
      });
      const number = withFields({ runtime: 1 });
      assertSingleError(number, {
        code: DiagnosticCodes.invalidValue,
        at: positionAfter(number, '"runtime": '),
        path: 'runtime',
        message: 'runtime: expected "sglang", "vllm" or null, got a number',
      });
      assert.equal(analyze(withFields({ runtime: 'SGLang' })).preset, undefined, 'runtimes are lowercase');
    });

    it('reads metadata.runtime when there is no top-level runtime', () => {
      const analysis = analyze(withFields({ metadata: { runtime: 'vllm' } }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.equal(analysis.preset?.runtime, 'vllm');
      assert.deepEqual(analysis.preset?.metadata, { runtime: 'vllm' }, 'metadata is kept as written');
    });

    it('lets the top-level runtime win, with a warning at metadata.runtime when they differ', () => {
      const text = withFields({ runtime: 'sglang', metadata: { runtime: 'vllm' } });
      const analysis = analyze(text);
      assert.equal(analysis.preset?.runtime, 'sglang');
      assertDiagnostic(onlyDiagnostic(analysis, DiagnosticCodes.runtimeMismatch), {
        severity: 'warning',
        at: positionOf(text, '"vllm"'),
        path: 'metadata.runtime',
        message: 'metadata.runtime: "vllm" differs from runtime "sglang"; the top-level runtime wins',
      });
      assert.equal(analysis.diagnostics.length, 1);
    });

    it('a top-level null still wins over metadata.runtime, with a warning', () => {
      const analysis = analyze(withFields({ runtime: null, metadata: { runtime: 'vllm' } }));
      assert.equal(analysis.preset?.runtime, null);
      assert.equal(onlyDiagnostic(analysis, DiagnosticCodes.runtimeMismatch).severity, 'warning');
    });

    it('the same runtime in both places is fine', () => {
      const analysis = analyze(withFields({ runtime: 'vllm', metadata: { runtime: 'vllm' } }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.equal(analysis.preset?.runtime, 'vllm');
    });

    it('an invalid metadata.runtime is an error alone, a warning under a top-level runtime', () => {
      const alone = withFields({ metadata: { runtime: 'tgi' } });
      assertSingleError(alone, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(alone, '"tgi"'),
        path: 'metadata.runtime',
        message: 'metadata.runtime: expected "sglang", "vllm" or null, got "tgi"',
      });
      const covered = analyze(withFields({ runtime: 'vllm', metadata: { runtime: 'tgi' } }));
      assert.equal(covered.preset?.runtime, 'vllm');
      assert.equal(onlyDiagnostic(covered, DiagnosticCodes.runtimeMismatch).severity, 'warning');
    });
  });

  describe('parameters', () => {
    it('missing: an error at the opening brace', () => {
      const text = '\n\n  {"name": "A"}';
      assertSingleError(text, {
        code: DiagnosticCodes.missingField,
        at: { line: 2, character: 2 },
        path: 'parameters',
        message: 'parameters: missing; a preset needs at least one parameter, e.g. "parameters": {"tp-size": [1, 2]}',
      });
    });

    it('not an object', () => {
      for (const [value, got] of [
        [[1, 2], 'a list'],
        ['tp-size', 'a string'],
        [null, 'null'],
      ] as const) {
        const text = withFields({ parameters: value });
        assertSingleError(text, {
          code: DiagnosticCodes.invalidType,
          at: positionAfter(text, '"parameters": '),
          path: 'parameters',
          message: `parameters: expected an object of parameter lists such as {"tp-size": [1, 2]}, got ${got}`,
        });
      }
    });

    it('empty object', () => {
      const text = withFields({ parameters: {} });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(text, '{}'),
        path: 'parameters',
        message: 'parameters: expected at least one parameter, got an empty object',
      });
    });

    it('empty parameter name: an error at the key', () => {
      const text = withFields({ parameters: { 'tp-size': [1], '': [2] } });
      assertSingleError(text, {
        code: DiagnosticCodes.invalidValue,
        at: positionOf(text, '""'),
        path: 'parameters[""]',
        message: 'parameters[""]: parameter names must not be empty',
      });
    });

    it('a value that is not a list', () => {
      for (const [value, got] of [
        [2, 'a number'],
        ['fcfs', 'a string'],
        [null, 'null'],
        [{ a: [1] }, 'an object'],
      ] as const) {
        const text = withFields({ parameters: { 'tp-size': [1], policy: value } });
        assertSingleError(text, {
          code: DiagnosticCodes.notAList,
          at: positionAfter(text, '"policy": '),
          path: 'parameters.policy',
          message: `parameters.policy: expected a non-empty list of values, got ${got}`,
        });
      }
    });

    it('an empty list', () => {
      const text = withFields({ parameters: { 'tp-size': [] } });
      assertSingleError(text, {
        code: DiagnosticCodes.emptyList,
        at: positionOf(text, '[]'),
        path: 'parameters.tp-size',
        message: 'parameters.tp-size: expected a non-empty list of values, got an empty list',
      });
    });

    it('non-scalar elements: one error per element, at the element', () => {
      const text = '{"name": "A", "parameters": {"tp-size": [1, {"a": 1}, 2, [3]]}}';
      const analysis = analyze(text);
      assert.equal(analysis.preset, undefined);
      assert.equal(analysis.diagnostics.length, 2);
      assertDiagnostic(analysis.diagnostics[0], {
        severity: 'error',
        at: { line: 0, character: 44 },
        path: 'parameters.tp-size[1]',
        message: 'parameters.tp-size[1]: expected a string, number, boolean or null, got an object',
      });
      assertDiagnostic(analysis.diagnostics[1], {
        severity: 'error',
        at: positionOf(text, '[3]'),
        path: 'parameters.tp-size[3]',
        message: 'parameters.tp-size[3]: expected a string, number, boolean or null, got a list',
      });
    });

    it('a number too large to represent is an error', () => {
      const text = '{"name": "A", "parameters": {"a": [1e400]}}';
      assertSingleError(text, {
        code: DiagnosticCodes.invalidType,
        at: positionOf(text, '1e400'),
        path: 'parameters.a[0]',
        message: /got a number too large to represent$/,
      });
    });

    it('a repeated value is a warning at the repeat; 1 equals 1.0, but not "1" or true', () => {
      const text = '{"name": "A", "parameters": {"tp-size": [1, "1", true, 1.0, null, null]}}';
      const analysis = analyze(text);
      assert.equal(analysis.diagnostics.length, 2);
      assertDiagnostic(analysis.diagnostics[0], {
        severity: 'warning',
        at: positionOf(text, '1.0'),
        path: 'parameters.tp-size[3]',
        message: 'parameters.tp-size[3]: 1 is already in this list (position 1); the repeat is ignored',
      });
      assertDiagnostic(analysis.diagnostics[1], {
        severity: 'warning',
        at: positionOf(text, 'null', 2),
        path: 'parameters.tp-size[5]',
        message: 'parameters.tp-size[5]: null is already in this list (position 5); the repeat is ignored',
      });
      assert.ok(analysis.diagnostics.every((d) => d.code === DiagnosticCodes.duplicateValue));
      assert.deepEqual(analysis.preset?.parameters, { 'tp-size': [1, '1', true, null] });
    });

    it('names a parameter with dots or spaces in brackets', () => {
      const text = withFields({ parameters: { 'a.b c': 3 } });
      assert.equal(
        analyze(text).diagnostics[0].message,
        'parameters["a.b c"]: expected a non-empty list of values, got a number',
      );
    });

    it('an integer too large to keep exactly is a warning', () => {
      const analysis = analyze('{"name": "A", "parameters": {"a": [12345678901234567890]}}');
      assert.equal(onlyDiagnostic(analysis, DiagnosticCodes.imprecise).severity, 'warning');
      assert.ok(analysis.preset);
    });

    it('a float such as 6.02e+23 is no integer too large: no warning', () => {
      const analysis = analyze('{"name": "A", "parameters": {"a": [6.02e+23, 1.5e300]}}');
      assert.deepEqual(analysis.diagnostics, []);
    });

    it('underflow to 0 and overflow to Infinity are warnings at the value, saying what it becomes, metadata too', () => {
      const text = '{"name": "A", "parameters": {"a": [1e-400]}, "metadata": {"huge": 1e400}}';
      const analysis = analyze(text);
      assert.deepEqual(
        analysis.diagnostics.map((d) => [d.severity, d.code, d.message, text.substr(d.range.offset, d.range.length)]),
        [
          ['warning', 'imprecise-number', 'parameters.a[0]: 1e-400 is too small for a number; it reads as 0', '1e-400'],
          [
            'warning',
            'imprecise-number',
            'metadata.huge: 1e400 is too large for a number; it reads as Infinity',
            '1e400',
          ],
        ],
      );
      assert.deepEqual(analysis.preset?.writtenNumbers, [
        { path: ['parameters', 'a', 0], source: '1e-400', value: 0 },
        { path: ['metadata', 'huge'], source: '1e400', value: Infinity },
      ]);
    });

    it('in an export envelope, written numbers are kept by their path in the preset', () => {
      const analysis = analyze('{"version": "1.0", "preset": {"name": "A", "parameters": {"a": [9007199254740993]}}}');
      assert.deepEqual(analysis.preset?.writtenNumbers, [
        { path: ['parameters', 'a', 0], source: '9007199254740993', value: 9007199254740992 },
      ]);
    });
  });

  describe('metadata', () => {
    const cases: [string, unknown, string, string][] = [
      ['not an object', ['me'], 'metadata', 'metadata: expected an object, got a list'],
      ['author not a string', { author: 7 }, 'metadata.author', 'metadata.author: expected a string, got a number'],
      ['tags not a list', { tags: 'fast' }, 'metadata.tags', 'metadata.tags: expected a list of strings, got a string'],
      [
        'a tag not a string',
        { tags: ['fast', 3] },
        'metadata.tags[1]',
        'metadata.tags[1]: expected a string, got a number',
      ],
      [
        'recommended_for a number',
        { recommended_for: 3 },
        'metadata.recommended_for',
        'metadata.recommended_for: expected a string or a list of strings, got a number',
      ],
      [
        'recommended_for a list with a number',
        { recommended_for: ['chat', 3] },
        'metadata.recommended_for',
        'metadata.recommended_for: expected a string or a list of strings, got a list',
      ],
    ];
    for (const [title, metadata, path, message] of cases) {
      it(`${title}: an error`, () => {
        const analysis = analyze(withFields({ metadata }));
        assert.equal(analysis.preset, undefined);
        assert.equal(analysis.diagnostics.length, 1);
        assert.equal(analysis.diagnostics[0].severity, 'error');
        assert.equal(analysis.diagnostics[0].path, path);
        assert.equal(analysis.diagnostics[0].message, message);
      });
    }

    it('points at the offending value', () => {
      const text = withFields({ metadata: { author: 'me', tags: ['fast', 3] } });
      assert.deepEqual(analyze(text).diagnostics[0].range.start, positionOf(text, '3\n'));
    });

    it('recommended_for may be a string or a list of strings; other keys are kept', () => {
      for (const recommended of ['chat', ['chat', 'rag'], []]) {
        const metadata = { recommended_for: recommended, team: { id: 4 }, tags: [] };
        const analysis = analyze(withFields({ metadata }));
        assert.deepEqual(analysis.diagnostics, []);
        assert.deepEqual(analysis.preset?.metadata, metadata);
      }
    });
  });

  describe('other top-level keys', () => {
    it('an unknown key is a warning at the key and is preserved in extra', () => {
      const text = withFields({ notes: { keep: ['me'] }, priority: 3 });
      const analysis = analyze(text);
      assert.equal(analysis.diagnostics.length, 2);
      assertDiagnostic(analysis.diagnostics[0], {
        severity: 'warning',
        at: positionOf(text, '"notes"'),
        path: 'notes',
        message: 'notes: not a preset field; kept as it is',
      });
      assert.equal(analysis.diagnostics[1].path, 'priority');
      assert.ok(analysis.diagnostics.every((d) => d.code === DiagnosticCodes.unknownKey));
      assert.deepEqual(analysis.preset?.extra, { notes: { keep: ['me'] }, priority: 3 });
    });

    it('"__proto__" is kept as an ordinary key', () => {
      const analysis = analyze('{"name": "A", "__proto__": {"polluted": true}, "parameters": {"a": [1]}}');
      assert.deepEqual(Object.keys(analysis.preset!.extra), ['__proto__']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('server-assigned keys are ignored with a warning in a workspace file', () => {
      const text = withFields({ id: 12, is_system: true, created_at: '2024-01-01T00:00:00', updated_at: null });
      const analysis = analyze(text);
      assert.deepEqual(
        analysis.diagnostics.map((d) => [d.severity, d.code, d.path]),
        ['id', 'is_system', 'created_at', 'updated_at'].map((key) => ['warning', DiagnosticCodes.ignoredKey, key]),
      );
      assertDiagnostic(analysis.diagnostics[1], {
        severity: 'warning',
        at: positionOf(text, '"is_system"'),
        path: 'is_system',
        message: 'is_system: ignored; only presets bundled with the extension are system presets',
      });
      assert.deepEqual(analysis.preset, preset('A', { 'tp-size': [1, 2] }), 'not kept in extra either');
    });

    it('server-assigned keys are silent on import and in system presets', () => {
      const text = withFields({ id: 12, is_system: true, created_at: '2024-01-01T00:00:00', updated_at: null });
      for (const origin of ['import', 'system'] as const) {
        const analysis = analyze(text, origin);
        assert.deepEqual(analysis.diagnostics, [], origin);
        assert.deepEqual(analysis.preset, preset('A', { 'tp-size': [1, 2] }));
      }
    });

    it('"$schema" is ignored', () => {
      const analysis = analyze(withFields({ $schema: '../schemas/preset.schema.json' }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.deepEqual(analysis.preset, preset('A', { 'tp-size': [1, 2] }));
    });
  });

  describe('the export envelope', () => {
    it('is accepted as a preset file', () => {
      const analysis = analyze(
        presetText({
          version: '1.0',
          preset: {
            name: 'Shared',
            description: null,
            category: 'memory',
            parameters: { a: [1] },
            metadata: null,
            runtime: 'sglang',
          },
        }),
      );
      assert.deepEqual(analysis.diagnostics, []);
      assert.equal(analysis.isEnvelope, true);
      assert.deepEqual(analysis.preset, preset('Shared', { a: [1] }, { category: 'memory', runtime: 'sglang' }));
    });

    it('warns when the version is not "1.0", and still reads the preset', () => {
      const text = presetText({ version: '2.0', preset: minimal });
      const analysis = analyze(text);
      assertDiagnostic(onlyDiagnostic(analysis, DiagnosticCodes.envelopeVersion), {
        severity: 'warning',
        at: positionOf(text, '"2.0"'),
        path: 'version',
        message: 'version: expected "1.0", got "2.0"; reading it as 1.0',
      });
      assert.equal(analysis.preset?.name, 'A');
    });

    it('names fields inside it with the "preset." prefix, at their place', () => {
      const text = presetText({ version: '1.0', preset: { name: 'A', parameters: { 'tp-size': 2 } } });
      assertSingleError(text, {
        code: DiagnosticCodes.notAList,
        at: positionOf(text, '2\n'),
        path: 'preset.parameters.tp-size',
        message: 'preset.parameters.tp-size: expected a non-empty list of values, got a number',
      });
    });

    it('a missing preset name points at the preset object', () => {
      const text = '{"version": "1.0",\n "preset": {"parameters": {"a": [1]}}}';
      assertSingleError(text, {
        code: DiagnosticCodes.missingField,
        at: { line: 1, character: 11 },
        path: 'preset.name',
        message: 'preset.name: missing; every preset needs a name',
      });
    });

    it('a preset that is not an object is an error', () => {
      const text = '{"version": "1.0", "preset": "A"}';
      assertSingleError(text, {
        code: DiagnosticCodes.notAnObject,
        at: positionOf(text, '"A"'),
        path: 'preset',
        message: 'preset: expected a preset object, got a string',
      });
    });

    it('other envelope keys are a warning', () => {
      const text = presetText({ version: '1.0', exported_at: 'today', preset: minimal });
      const analysis = analyze(text);
      assertDiagnostic(onlyDiagnostic(analysis, DiagnosticCodes.unknownKey), {
        severity: 'warning',
        at: positionOf(text, '"exported_at"'),
        path: 'exported_at',
        message: 'exported_at: not part of the export format; ignored',
      });
      assert.ok(analysis.preset);
    });

    it('gives the name range inside the envelope', () => {
      const text = presetText({ version: '1.0', preset: { name: 'Env', parameters: { a: [1] } } });
      assert.deepEqual(analyze(text).nameRange?.start, positionOf(text, '"Env"'));
    });
  });

  describe('JSONC', () => {
    it('accepts comments and trailing commas, giving the same preset as strict JSON', () => {
      const strict = presetText({
        name: 'A',
        runtime: 'vllm',
        parameters: { a: [1, 2] },
        metadata: { author: 'me', nested: { deep: [{ x: 1 }] } },
        notes: { n: 1 },
      });
      const jsonc = [
        '// A preset with comments',
        '{',
        '  /* block */ "name": "A",',
        '  "runtime": "vllm", // trailing comment',
        '  "parameters": {"a": [1, 2,],},',
        '  "metadata": {"author": "me", "nested": {"deep": [{"x": 1,},]}},',
        '  "notes": {"n": 1},',
        '}',
      ].join('\n');
      const expected = analyze(strict);
      const actual = analyze(jsonc);
      assert.deepEqual(actual.preset, expected.preset);
      assert.deepEqual(
        actual.diagnostics.map((d) => d.message),
        ['notes: not a preset field; kept as it is'],
      );
    });

    it('locates errors in a file with comments', () => {
      const text = '{\n  // the name\n  "name": "A",\n  /* grid */ "parameters": {"tp-size": "2"}, \n}';
      assertSingleError(text, {
        code: DiagnosticCodes.notAList,
        at: positionOf(text, '"2"'),
        path: 'parameters.tp-size',
        message: 'parameters.tp-size: expected a non-empty list of values, got a string',
      });
    });
  });

  describe('syntax errors', () => {
    it('a missing comma: at the next token, naming the place', () => {
      const text = '{\n  "name": "A",\n  "parameters": {"a": [1 2]}\n}';
      assertSingleError(text, {
        code: DiagnosticCodes.syntax,
        at: { line: 2, character: 25 },
        path: 'parameters.a[0]',
        message: 'parameters.a[0]: syntax error: expected a comma',
      });
    });

    it('an unclosed string: the follow-on errors name no made-up field', () => {
      for (const text of ['{"name": "a, "parameters": {"x": [1]}}', '{"name": "x", "parameters": {"tp: [1, 2]}}']) {
        const { diagnostics } = analyze(text);
        assert.ok(diagnostics.length > 0);
        for (const d of diagnostics) {
          assert.equal(d.code, 'syntax');
          assert.doesNotMatch(d.message, /\["|\{"|\[1, 2\]/, d.message);
        }
      }
    });

    it('an unclosed object: at the end of the text', () => {
      const text = '{"name": "A", "parameters": {"a": [1]}';
      const analysis = analyze(text);
      assert.equal(analysis.preset, undefined);
      assert.equal(analysis.diagnostics[0].code, DiagnosticCodes.syntax);
      assert.deepEqual(analysis.diagnostics[0].range.start, { line: 0, character: text.length });
      assert.match(analysis.diagnostics[0].message, /expected a closing brace }$/);
    });

    it('text after the object', () => {
      const text = '{"name": "A", "parameters": {"a": [1]}}\nextra';
      const analysis = analyze(text);
      assert.equal(analysis.diagnostics[0].code, DiagnosticCodes.syntax);
      assert.deepEqual(analysis.diagnostics[0].range.start, { line: 1, character: 0 });
    });

    it('still reads the name from a broken file (for name clashes)', () => {
      assert.equal(
        analyze('{"name": "Broken", "parameters": {"a": [1 2]}}').name,
        undefined,
        'a syntax error yields nothing',
      );
      assert.equal(analyze('{"name": "Broken", "parameters": {"a": 1}}').name, 'Broken');
    });

    it('reports at most 10 syntax errors', () => {
      const analysis = analyze('{"name": "A", "parameters": {"a": [' + '1 '.repeat(50) + ']}}');
      assert.equal(analysis.diagnostics.length, 10);
      assert.ok(analysis.diagnostics.every((d) => d.severity === 'error' && d.code === DiagnosticCodes.syntax));
    });
  });

  describe('text encodings and line endings', () => {
    it('ignores a byte order mark when counting columns', () => {
      const body = '{"name": "A", "parameters": {"a": 1}}';
      const analysis = analyze('\uFEFF' + body);
      assert.deepEqual(analysis.diagnostics[0].range.start, positionOf(body, '1}'));
      assert.equal(analysis.diagnostics[0].range.offset, body.indexOf('1}'));
    });

    it('CRLF line endings: lines and columns as an editor shows them', () => {
      const text = '{\r\n  "name": "A",\r\n  "parameters": {\r\n    "tp-size": 2\r\n  }\r\n}\r\n';
      assertSingleError(text, {
        code: DiagnosticCodes.notAList,
        at: { line: 3, character: 15 },
        path: 'parameters.tp-size',
        message: /got a number$/,
      });
    });

    it('old Mac CR line endings count as line breaks too', () => {
      const text = '{\r"name": 5,\r"parameters": {"a": [1]}}';
      assertSingleError(text, {
        code: DiagnosticCodes.invalidType,
        at: { line: 1, character: 8 },
        path: 'name',
        message: 'name: expected a string, got a number',
      });
    });

    it('counts columns in UTF-16 code units, as VS Code does', () => {
      const text = '{"name": "\u{1F680}\u{1F680}", "description": 5, "parameters": {"a": [1]}}';
      assertSingleError(text, {
        code: DiagnosticCodes.invalidType,
        at: { line: 0, character: 32 },
        path: 'description',
        message: /got a number$/,
      });
    });
  });

  describe('duplicate keys', () => {
    it('a repeated top-level key is a warning at the repeat; the last one counts', () => {
      const text = '{\n  "name": "First",\n  "parameters": {"a": [1]},\n  "name": "Second"\n}';
      const analysis = analyze(text);
      assertDiagnostic(onlyDiagnostic(analysis, DiagnosticCodes.duplicateKey), {
        severity: 'warning',
        at: { line: 3, character: 2 },
        path: '',
        message: 'key "name" appears more than once; only the last one counts',
      });
      assert.equal(analysis.preset?.name, 'Second');
      assert.deepEqual(analysis.nameRange?.start, positionOf(text, '"Second"'));
    });

    it('a repeated parameter names the object it is in', () => {
      const text = '{"name": "A", "parameters": {"a": [1], "a": [2]}}';
      const analysis = analyze(text);
      assertDiagnostic(onlyDiagnostic(analysis, DiagnosticCodes.duplicateKey), {
        severity: 'warning',
        at: positionOf(text, '"a"', 2),
        path: 'parameters',
        message: 'parameters: key "a" appears more than once; only the last one counts',
      });
      assert.deepEqual(analysis.preset?.parameters, { a: [2] });
    });

    it('errors are reported on the value that counts (the last one)', () => {
      const text = '{"name": "A", "parameters": {"a": [1], "a": 2}}';
      const analysis = analyze(text);
      assert.deepEqual(
        analysis.diagnostics.map((d) => [d.severity, d.range.start.character]),
        [
          ['warning', text.lastIndexOf('"a"')],
          ['error', text.lastIndexOf('2')],
        ],
      );
    });
  });

  describe('files that are not presets', () => {
    it('an empty file, or one with only whitespace or comments', () => {
      for (const text of ['', '   \n\t', '// nothing here\n/* at all */']) {
        assertSingleError(text, {
          code: DiagnosticCodes.emptyFile,
          at: { line: 0, character: 0 },
          path: '',
          message: 'the file is empty; a preset looks like {"name": "…", "parameters": {"tp-size": [1, 2]}}',
        });
      }
    });

    it('a JSON value that is not an object', () => {
      for (const [text, got] of [
        ['[]', 'an empty list'],
        ['null', 'null'],
        ['"A"', 'a string'],
        ['42', 'a number'],
      ]) {
        assertSingleError(text, {
          code: DiagnosticCodes.notAnObject,
          at: { line: 0, character: 0 },
          path: '',
          message: `expected a preset object such as {"name": "…", "parameters": {…}}, got ${got}`,
        });
      }
    });

    it('deeply nested input is an error at the bracket that goes too deep, without a crash', () => {
      for (const text of [
        '['.repeat(200_000),
        '{"name": "A", "parameters": {"a": [1]}, "x": ' + '{"y": '.repeat(100) + '1' + '}'.repeat(101),
      ]) {
        const analysis = analyze(text);
        assert.equal(analysis.preset, undefined);
        const diagnostic = onlyDiagnostic(analysis, DiagnosticCodes.tooDeep);
        assert.equal(diagnostic.severity, 'error');
        assert.equal(diagnostic.message, 'nesting deeper than 64 levels; a preset needs only a few');
        assert.equal(text[diagnostic.range.offset], text[0] === '[' ? '[' : '{');
      }
    });

    it('reports every problem of a file, in text order', () => {
      const text = '{"name": 5, "category": 5, "parameters": {"a": [], "b": 1}, "extra": 1}';
      const analysis = analyze(text);
      assert.deepEqual(
        analysis.diagnostics.map((d) => `${d.severity} ${d.path}`),
        ['error name', 'error category', 'error parameters.a', 'error parameters.b', 'warning extra'],
      );
      const offsets = analysis.diagnostics.map((d) => d.range.offset);
      assert.deepEqual(
        offsets,
        [...offsets].sort((x, y) => x - y),
      );
    });
  });
});

describe('analyzePresetBytes', () => {
  it('reads UTF-8 with or without a byte order mark', () => {
    const text = '{"name": "Café", "parameters": {"a": ["é"]}}';
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const analysis = analyzePresetBytes(bytes);
      assert.deepEqual(analysis.diagnostics, []);
      assert.deepEqual(analysis.preset, preset('Café', { a: ['é'] }));
    }
  });

  it("reports invalid UTF-8 at the first bad byte's line and column", () => {
    const before = '{"name": "A",\n "description": "';
    const bytes = Buffer.concat([
      Buffer.from(before),
      Buffer.from([0xff]),
      Buffer.from('", "parameters": {"a": [1]}}'),
    ]);
    const analysis = analyzePresetBytes(bytes);
    assert.equal(analysis.preset, undefined);
    const diagnostic = onlyDiagnostic(analysis, DiagnosticCodes.encoding);
    assertDiagnostic(diagnostic, {
      severity: 'error',
      at: { line: 1, character: 17 },
      path: '',
      message: `the file is not valid UTF-8 (byte ${before.length}); save it as UTF-8`,
    });
  });
});
