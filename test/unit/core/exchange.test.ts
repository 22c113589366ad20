import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  exportFileName,
  presetFileName,
  serializeExport,
  serializePresetFile,
  slugifyPresetName,
  withoutSystemAuthor,
  toExportEnvelope,
  uniquePresetFileName,
  uniquePresetName,
  withName,
} from '../../../src/core/exchange';
import type { Preset, Scalar } from '../../../src/core/model';
import { presetValueTokens, tokenSource } from '../../../src/core/runtime/valueTokens';
import { analyze, preset, readFixture } from '../helpers/presets';

const RUNS = { numRuns: 150 };

// Presets as analysis produces them: trimmed names, null for absent fields, no in-list duplicates.
const nameArb = fc
  .oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }))
  .map((name) => name.trim())
  .filter((name) => name !== '');
const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);
const listArb = fc.uniqueArray(scalarArb, { minLength: 1, maxLength: 5, selector: (value) => JSON.stringify(value) });
const gridArb = fc
  .uniqueArray(
    fc.tuple(
      fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !/^\d+$/.test(key)),
      listArb,
    ),
    { minLength: 1, maxLength: 6, selector: ([key]) => key },
  )
  .map((entries) => Object.fromEntries(entries));
const metadataArb = fc.option(
  fc.record(
    {
      author: fc.string(),
      tags: fc.array(fc.string(), { maxLength: 3 }),
      recommended_for: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
      notes: fc.dictionary(fc.string(), fc.integer(), { noNullPrototype: true }),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
);
const extraArb = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom('notes', 'owner', '__proto__', 'x y', 'ŝ'),
      fc.oneof(fc.integer(), fc.string(), fc.array(fc.boolean())),
    ),
    { maxLength: 3, selector: ([key]) => key },
  )
  .map((entries) => Object.fromEntries(entries));
const presetArb: fc.Arbitrary<Preset> = fc
  .record({
    name: nameArb,
    description: fc.option(fc.string()),
    category: fc.option(fc.string({ maxLength: 100 })),
    runtime: fc.constantFrom(null, 'sglang' as const, 'vllm' as const),
    parameters: gridArb,
    metadata: metadataArb,
    extra: extraArb,
  })
  .map((fields) => preset(fields.name, fields.parameters, fields));

/** Reads a file to import (an export envelope, a bare preset or an autotuner API object), as both shells do. */
const analyzeImport = (text: string) => analyze(text, 'import');

describe('export', () => {
  it('writes the envelope of SPEC §4 exactly: absent fields null, runtime only when set, two-space indent', () => {
    const bare = preset('Bare', { 'tp-size': [1, 2], policy: ['fcfs'] }, { extra: { notes: 'not exported' } });
    assert.equal(
      serializeExport(bare),
      [
        '{',
        '  "version": "1.0",',
        '  "preset": {',
        '    "name": "Bare",',
        '    "description": null,',
        '    "category": null,',
        '    "parameters": {',
        '      "tp-size": [1, 2],',
        '      "policy": ["fcfs"]',
        '    },',
        '    "metadata": null',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('adds runtime inside the preset and to metadata when it is set, keeping the rest of metadata', () => {
    const full = preset(
      'Full',
      { a: [true, null] },
      { description: 'd', category: 'c', runtime: 'vllm', metadata: { author: 'me', tags: ['x'], custom: { k: 1 } } },
    );
    assert.deepEqual(toExportEnvelope(full), {
      version: '1.0',
      preset: {
        name: 'Full',
        description: 'd',
        category: 'c',
        parameters: { a: [true, null] },
        metadata: { author: 'me', tags: ['x'], custom: { k: 1 }, runtime: 'vllm' },
        runtime: 'vllm',
      },
    });
    const text = serializeExport(full);
    assert.deepEqual(JSON.parse(text), toExportEnvelope(full), 'strict JSON');
    assert.ok(text.endsWith('}\n'));
    assert.doesNotMatch(text, /\/\/|\/\*/);
  });

  it('writes metadata.runtime for the autotuner, which drops the runtime field: unless metadata names one', () => {
    const bare = toExportEnvelope(preset('S', { a: [1] }, { runtime: 'sglang' }));
    assert.deepEqual(bare.preset.metadata, { runtime: 'sglang' });
    const named = toExportEnvelope(preset('S', { a: [1] }, { runtime: 'sglang', metadata: { runtime: 'vllm' } }));
    assert.deepEqual(named.preset.metadata, { runtime: 'vllm' });
    const any = toExportEnvelope(preset('S', { a: [1] }, { metadata: { author: 'me' } }));
    assert.deepEqual(any.preset.metadata, { author: 'me' });
    // What the autotuner's own export gives back (the envelope without "runtime") still names the runtime.
    const { runtime: _dropped, ...throughAutotuner } = bare.preset;
    const imported = analyzeImport(JSON.stringify({ version: '1.0', preset: throughAutotuner }));
    assert.equal(imported.preset?.runtime, 'sglang');
  });

  it('writes the numbers of the parameters as their tokens say, and only numbers that read the same', () => {
    const text = '{"name": "F", "parameters": {"tp-size": [1, 2.0, 4e0], "x": [1.50]}, "metadata": {"n": 1.0}}';
    const parsed = analyze(text).preset!;
    const tokens = presetValueTokens(tokenSource(parsed, false, text));
    const exported = serializeExport(parsed, tokens);
    assert.match(exported, /"tp-size": \[1, 2\.0, 4e0\]/);
    assert.match(exported, /"x": \[1\.50\]/);
    assert.match(exported, /"n": 1\n/, "the metadata is the preset's, not a grid: written as it reads");
    assert.match(serializePresetFile(parsed, tokens), /"tp-size": \[1, 2\.0, 4e0\]/);
    // A token that is not the value's, or not JSON, is never written.
    const changed = { ...parsed, parameters: { 'tp-size': [1, 3, 4], x: [1.5] } };
    assert.match(
      serializeExport(changed, tokens),
      /"tp-size": \[1, 3, 4e0\]/,
      'only where the value is the one it read as',
    );
    assert.match(serializeExport(parsed, { 'tp-size': [undefined, '0x2'] }), /"tp-size": \[1, 2, 4\]/);
    // Only the parameters' numbers take tokens: metadata of the same shape is the preset's own.
    const shaped = { ...parsed, metadata: { 'tp-size': [1, 2] } };
    assert.match(serializeExport(shaped, tokens), /"metadata": \{\n\s+"tp-size": \[1, 2\]/);
  });

  it('exports a file with comments without them', () => {
    const analysis = analyze('// mine\n{"name": "C", /* grid */ "parameters": {"a": [1,],},}');
    const text = serializeExport(analysis.preset!);
    assert.doesNotThrow(() => JSON.parse(text));
    assert.doesNotMatch(text, /mine|grid \*/);
  });

  it('round trip: export then import gives the same preset (without unknown keys)', () => {
    fc.assert(
      fc.property(presetArb, (original) => {
        const imported = analyzeImport(serializeExport(original));
        assert.ok(
          imported.diagnostics.every((d) => d.severity === 'warning'),
          JSON.stringify(imported.diagnostics),
        );
        assert.equal(imported.isEnvelope, true);
        const metadata =
          original.runtime && !(original.metadata && 'runtime' in original.metadata)
            ? { ...original.metadata, runtime: original.runtime }
            : original.metadata;
        // A generated integer beyond 2^53 is written as the double's shortest text, which is not that integer.
        const { writtenNumbers: _written, ...read } = imported.preset!;
        assert.deepEqual(read, { ...original, metadata, extra: {} });
      }),
      RUNS,
    );
  });

  it('round trip: a preset file keeps everything, unknown keys included', () => {
    fc.assert(
      fc.property(presetArb, (original) => {
        const text = serializePresetFile(original);
        const analysis = analyze(text);
        assert.ok(analysis.diagnostics.every((d) => d.severity === 'warning'));
        const { writtenNumbers: _written, ...read } = analysis.preset!;
        assert.deepEqual(read, original);
        // Absent fields are left out rather than written as null.
        const written = JSON.parse(text) as Record<string, unknown>;
        for (const field of ['description', 'category', 'runtime', 'metadata'] as const)
          assert.equal(field in written, original[field] !== null, field);
      }),
      RUNS,
    );
  });
});

describe('import', () => {
  it('accepts the autotuner API object: id, is_system and timestamps ignored silently', () => {
    const text = JSON.stringify({
      id: 7,
      name: 'From Server',
      description: 'x',
      category: 'memory',
      is_system: true,
      parameters: { 'tp-size': [1] },
      metadata: { author: 'someone' },
      created_at: '2025-01-01T00:00:00',
      updated_at: '2025-01-02T00:00:00',
    });
    const analysis = analyzeImport(text);
    assert.deepEqual(analysis.diagnostics, []);
    assert.deepEqual(
      analysis.preset,
      preset(
        'From Server',
        { 'tp-size': [1] },
        { description: 'x', category: 'memory', metadata: { author: 'someone' } },
      ),
    );
  });

  it('accepts a bare preset and an envelope of another version (with a warning)', () => {
    assert.equal(analyzeImport('{"name": "B", "parameters": {"a": [1]}}').preset?.name, 'B');
    const analysis = analyzeImport('{"version": "0.9", "preset": {"name": "E", "parameters": {"a": [1]}}}');
    assert.equal(analysis.preset?.name, 'E');
    assert.deepEqual(
      analysis.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'envelope-version']],
    );
  });

  it("accepts every system preset in the autotuner's own data", () => {
    const system = JSON.parse(readFixture('autotuner-system-presets.json')) as unknown[];
    for (const item of system) {
      const analysis = analyzeImport(JSON.stringify({ version: '1.0', preset: item }));
      assert.deepEqual(analysis.diagnostics, []);
      assert.ok(analysis.preset);
    }
  });
});

describe('file names', () => {
  it('the default export file name is preset-<slug>.json', () => {
    assert.equal(exportFileName('High Throughput'), 'preset-high-throughput.json');
    assert.equal(exportFileName('vLLM   Performance\tTuning'), 'preset-vllm-performance-tuning.json');
    assert.equal(presetFileName('Memory Efficient'), 'memory-efficient.preset.json');
  });

  it('slugs: only letters, digits and single dashes; separators and punctuation become "-"', () => {
    assert.equal(slugifyPresetName('a/b\\c:d*e?f"g<h>i|j'), 'a-b-c-d-e-f-g-h-i-j');
    assert.equal(slugifyPresetName('tab\there\u0000nul\u007f'), 'tab-here-nul');
    assert.equal(slugifyPresetName('Ünïcödé 🚀'), 'ünïcödé');
    assert.equal(slugifyPresetName('vLLM Batch Throughput (2)'), 'vllm-batch-throughput-2');
    assert.equal(slugifyPresetName('a -- b ++ c'), 'a-b-c');
    assert.equal(slugifyPresetName('🚀🚀'), 'preset');
  });

  it('a renamed import gets a clean file name: "Name (2)" is name-2.preset.json', () => {
    const renamed = uniquePresetName('vLLM Batch Throughput', (name) => name === 'vLLM Batch Throughput');
    assert.equal(renamed, 'vLLM Batch Throughput (2)');
    assert.equal(presetFileName(renamed), 'vllm-batch-throughput-2.preset.json');
  });

  it("a merge's default export name has no punctuation, and stays bounded", () => {
    assert.equal(
      exportFileName('Balanced + High Throughput + Memory Efficient (union)'),
      'preset-balanced-high-throughput-memory-efficient-union.json',
    );
    const long = exportFileName(Array.from({ length: 40 }, (_, i) => `Preset ${i}`).join(' + ') + ' (union)');
    assert.match(long, /^preset-[a-z0-9-]+\.json$/);
    assert.ok(long.length <= 'preset-'.length + 100 + '.json'.length, long);
    assert.ok(!long.includes('--'));
  });

  it('file names fit in 255 bytes, with room for a numbered suffix, for every valid name', () => {
    // File systems count bytes: 60 emoji or 80 CJK characters once made ENAMETOOLONG.
    for (const name of ['🚀'.repeat(255), '漢'.repeat(255), 'a'.repeat(255), 'é'.repeat(255)]) {
      assert.ok(Buffer.byteLength(presetFileName(name) + '-999') <= 255, name.slice(0, 4));
      assert.ok(Buffer.byteLength(exportFileName(name)) <= 255);
    }
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 255, unit: 'binary' }), (name) => {
        const slug = slugifyPresetName(name);
        assert.ok(Buffer.byteLength(slug) <= 200);
        assert.ok(!/^[\ud800-\udbff]$/.test(slug.slice(-1)), 'no half surrogate pair at the end');
      }),
      RUNS,
    );
  });

  it('slugs: no path can climb out of the folder', () => {
    assert.equal(slugifyPresetName('../../etc/passwd'), 'etc-passwd');
    assert.equal(slugifyPresetName('..'), 'preset');
    assert.equal(slugifyPresetName('.'), 'preset');
    assert.equal(slugifyPresetName(' ... '), 'preset');
    assert.equal(slugifyPresetName('.hidden'), 'hidden');
    assert.equal(slugifyPresetName('trailing...'), 'trailing');
    assert.equal(slugifyPresetName('v1.2'), 'v1-2');
    assert.equal(slugifyPresetName('   '), 'preset');
  });

  it('slugs: reserved device names are neutralized, with or without an extension', () => {
    assert.equal(slugifyPresetName('CON'), 'con-preset');
    assert.equal(slugifyPresetName('nul'), 'nul-preset');
    assert.equal(slugifyPresetName('Com1'), 'com1-preset');
    assert.equal(slugifyPresetName('lpt9'), 'lpt9-preset');
    assert.equal(presetFileName('aux'), 'aux-preset.preset.json');
    // A dot is a separator now, so "NUL.backup" cannot reach the file system as a device name.
    assert.equal(slugifyPresetName('NUL.backup'), 'nul-backup');
    assert.equal(presetFileName('con.v2'), 'con-v2.preset.json');
    assert.equal(slugifyPresetName('console'), 'console');
    assert.equal(slugifyPresetName('com10'), 'com10');
  });

  it('slugs are at most 100 characters and 200 bytes, cut on whole characters', () => {
    assert.equal(slugifyPresetName('x'.repeat(300)), 'x'.repeat(100));
    // Three bytes each: the byte bound cuts first.
    assert.equal(slugifyPresetName('漢'.repeat(150)), '漢'.repeat(66));
    assert.equal(slugifyPresetName('é'.repeat(150)), 'é'.repeat(100));
    assert.equal(Buffer.byteLength(slugifyPresetName('é'.repeat(150))), 200);
    // A cut that ends on a separator leaves no trailing dash.
    assert.equal(slugifyPresetName('x'.repeat(99) + ' tail'), 'x'.repeat(99));
  });

  it('any name gives a safe file name inside the folder (property)', () => {
    const tricky = fc.constantFrom(
      '..',
      '.',
      '/',
      '\\',
      'CON',
      'con.txt',
      'a/../b',
      'C:\\x',
      '\u0000',
      ' . ',
      'lpt1.preset',
      '~',
      '-',
    );
    fc.assert(
      fc.property(
        fc.oneof(tricky, fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' })),
        (name) => {
          const slug = slugifyPresetName(name);
          assert.ok(slug.length > 0);
          // eslint-disable-next-line no-control-regex
          assert.doesNotMatch(slug, /[/\\:*?"<>|\u0000-\u001f\u007f]/);
          assert.doesNotMatch(slug, /^\./, 'not hidden, never "." or ".."');
          assert.doesNotMatch(slug, /[. ]$/, 'Windows drops trailing dots and spaces');
          assert.ok([...slug].length <= 100);
          assert.match(
            slug,
            /^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u,
            'letters and digits, single dashes between',
          );
          assert.doesNotMatch(slug.split('.')[0], /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
          for (const file of [presetFileName(name), exportFileName(name)]) {
            for (const paths of [path.posix, path.win32]) {
              const folder = paths.join('work', 'presets');
              assert.equal(paths.dirname(paths.join(folder, file)), folder, `${JSON.stringify(name)} → ${file}`);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('uniquePresetFileName adds -2, -3… until the file is free', () => {
    const taken = new Set(['fast.preset.json', 'fast-2.preset.json']);
    assert.equal(
      uniquePresetFileName('Fast', (file) => taken.has(file)),
      'fast-3.preset.json',
    );
    assert.equal(
      uniquePresetFileName('Slow', (file) => taken.has(file)),
      'slow.preset.json',
    );
  });

  it('uniquePresetName adds " (2)", " (3)"… until the name is free', () => {
    const taken = new Set(['Fast', 'Fast (2)']);
    assert.equal(
      uniquePresetName('  Fast ', (name) => taken.has(name)),
      'Fast (3)',
    );
    assert.equal(
      uniquePresetName(' Slow ', (name) => taken.has(name)),
      'Slow',
    );
  });

  it('uniquePresetName stays a valid name at the length limit, cutting on whole characters', () => {
    for (const base of ['x'.repeat(255), '🚀'.repeat(255)]) {
      const renamed = uniquePresetName(base, (name) => name === base);
      assert.ok(renamed.endsWith(' (2)'));
      assert.equal([...renamed].length, 255);
      assert.doesNotMatch(renamed, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no half of a surrogate pair');
      assert.deepEqual(analyze(JSON.stringify({ name: renamed, parameters: { a: [1] } })).diagnostics, []);
    }
  });

  it('withName gives a copy under another, trimmed name', () => {
    const original = preset('A', { a: [1] }, { category: 'c' });
    const copy = withName(original, '  B ');
    assert.deepEqual(copy, { ...original, name: 'B' });
    assert.equal(original.name, 'A');
  });
});

describe('duplicating a system preset', () => {
  it('drops "author": "system", keeping every other key, comment and number as written', () => {
    const text =
      '{\n  // tuned on H100\n  "name": "Copy",\n  "parameters": {"x": [1.0]},\n' +
      '  "metadata": {"author": "system", "tags": ["a"]}\n}\n';
    const copy = withoutSystemAuthor(text);
    assert.doesNotMatch(copy, /author/);
    assert.match(copy, /\/\/ tuned on H100/);
    assert.match(copy, /\[1\.0\]/);
    assert.deepEqual(JSON.parse(copy.replace(/\/\/.*\n/, '')).metadata, { tags: ['a'] });
  });

  it('leaves any other author, and a file without one, exactly as it is', () => {
    for (const text of [
      '{"name": "A", "parameters": {"x": [1]}, "metadata": {"author": "me"}}',
      '{"name": "A", "parameters": {"x": [1]}}',
      '{"name": "A", "parameters": {"x": [1]}, "metadata": null}',
      '{ not json',
    ])
      assert.equal(withoutSystemAuthor(text), text);
  });
});

describe('numbers a double cannot keep', () => {
  const TEXT =
    '{"name": "Big", "parameters": {"seed": [9007199254740993, 6.02e+23, 1e-400, 2]}, "metadata": {"huge": 1e400}}';

  it('export and the preset file write them as the file wrote them, never as null or a nearby integer', () => {
    const big = analyze(TEXT).preset!;
    for (const text of [serializeExport(big), serializePresetFile(big)]) {
      assert.match(text, /"seed": \[9007199254740993, 6\.02e\+23, 1e-400, 2\]/);
      assert.match(text, /"huge": 1e400/);
      assert.doesNotMatch(text, /"huge": null|9007199254740992/);
    }
  });

  it('export → import → preset file keeps them through every step, and a rename too', () => {
    const imported = analyzeImport(serializeExport(analyze(TEXT).preset!)).preset!;
    const again = serializePresetFile(withName(imported, 'Big 2'));
    assert.match(again, /"seed": \[9007199254740993, 6\.02e\+23, 1e-400, 2\]/);
    assert.match(again, /"huge": 1e400/);
  });

  it('after a repeated value in the list, they are still written as the file wrote them', () => {
    const repeated = analyze('{"name": "x", "parameters": {"seed": [1, 1, 9007199254740993]}}').preset!;
    assert.deepEqual(repeated.parameters, { seed: [1, 9007199254740992] });
    assert.deepEqual(repeated.writtenNumbers, [
      { path: ['parameters', 'seed', 1], source: '9007199254740993', value: 9007199254740992 },
    ]);
    for (const text of [serializeExport(repeated), serializePresetFile(repeated)])
      assert.match(text, /"seed": \[1, 9007199254740993\]/);
    // A repeat of an inexact number is dropped with its source: the first one written is kept.
    const twice = analyze('{"name": "x", "parameters": {"seed": [9007199254740993, 9007199254740992, 3]}}').preset!;
    assert.deepEqual(twice.writtenNumbers, [
      { path: ['parameters', 'seed', 0], source: '9007199254740993', value: 9007199254740992 },
    ]);
    assert.match(serializePresetFile(twice), /"seed": \[9007199254740993, 3\]/);
  });

  it('a value changed since the file was read is written as it is now', () => {
    const big = analyze(TEXT).preset!;
    const changed = { ...big, parameters: { seed: [5, 6.02e23, 1, 2] } };
    assert.match(serializePresetFile(changed), /"seed": \[5, 6\.02e\+23, 1, 2\]/);
  });
});
