/**
 * The hostile-input corpus (test/fixtures/hostile/): bad preset files, each with the diagnostics it must
 * produce as a user sees them (severity, code, 1-based line and column, message). Files are read as bytes,
 * so encodings count; each is checked alone and in a catalog with the system presets (and, for name
 * clashes, its twin). Cases too large to commit are generated here, but listed in cases.json all the same.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePresetBytes, type PresetAnalysis } from '../../../src/core/analyze';
import { PresetCatalog } from '../../../src/core/catalog';
import { presetFileName } from '../../../src/core/exchange';
import type { PresetDiagnostic } from '../../../src/core/model';
import { LineIndex } from '../../../src/core/text';
import { analyzePresetFile } from '../../../src/node/loadPresets';
import { TempFolder } from '../helpers/cli';
import { fixturePath, repoRoot } from '../helpers/presets';

interface ExpectedDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** 1-based, as the CLI and the Problems panel show them. */
  readonly line: number;
  readonly column: number;
  readonly message?: string;
  /** A regular expression, for the few messages that quote a runtime's own words. */
  readonly messageMatches?: string;
  /** Position among all the diagnostics, when the case lists only some of them (see `count`). */
  readonly index?: number;
}

interface CorpusCase {
  /** A file in the corpus folder… */
  readonly file?: string;
  /** …or a generator below, for inputs too large to commit. */
  readonly generate?: string;
  readonly about: string;
  /** "file": read through the CLI's file reader (size limit), not from bytes. */
  readonly via?: 'file';
  /** Corpus files that share the catalog with this one (name clashes). */
  readonly with?: readonly string[];
  /** Every diagnostic, in text order: the file's own and its name clashes… */
  readonly diagnostics: readonly ExpectedDiagnostic[];
  /** …or, for a flood of alike problems, how many there are; then `diagnostics` give their `index`. */
  readonly count?: number;
  /** The file name a preset of this name is written to (New Preset, Duplicate, Import). */
  readonly fileName?: string;
}

const folder = fixturePath('hostile');
const corpus = JSON.parse(fs.readFileSync(path.join(folder, 'cases.json'), 'utf8')) as { cases: CorpusCase[] };

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const presetWith = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Uint8Array =>
  utf8(JSON.stringify({ name: 'Generated', ...extra, parameters }));
const manyParameters = (count: number, values: number): Record<string, number[]> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, Array.from({ length: values }, (__, k) => k)]));

/** Inputs too large to commit (over 100 KB), made the same way every run. */
const GENERATORS: Record<string, () => Uint8Array> = {
  'nesting-100000': () => utf8('{"name": "Abyss", "parameters": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'),
  'parameters-6000': () => presetWith(manyParameters(6000, 1)),
  'values-20000': () => presetWith({ 'tp-size': Array.from({ length: 20_000 }, (_, i) => i) }),
  'values-60000-in-all': () => presetWith(manyParameters(12, 5000)),
  'tags-1000000': () => presetWith({ 'tp-size': [1] }, { metadata: { tags: new Array(1_000_000).fill(0) } }),
  'file-6mb': () =>
    utf8(`{"name": "Big", "description": "${'x'.repeat(6 * 1024 * 1024)}", "parameters": {"tp-size": [1]}}`),
};

function bytesOf(entry: CorpusCase): Uint8Array {
  if (entry.file) return fs.readFileSync(path.join(folder, entry.file));
  const generate = GENERATORS[entry.generate!];
  assert.ok(generate, `no generator "${entry.generate}"`);
  return generate();
}

function analysisOf(entry: CorpusCase, bytes: Uint8Array): PresetAnalysis {
  if (entry.via !== 'file') return analyzePresetBytes(bytes, { origin: 'workspace' });
  const temp = new TempFolder({ 'generated.preset.json': bytes });
  try {
    return analyzePresetFile(temp.path('generated.preset.json'), 'workspace');
  } finally {
    temp.dispose();
  }
}

/** The system presets, as every shell loads them. */
function systemCatalog(): PresetCatalog {
  const catalog = new PresetCatalog();
  const systemFolder = path.join(repoRoot, 'presets');
  for (const file of fs.readdirSync(systemFolder).sort()) {
    const analysis = analyzePresetBytes(fs.readFileSync(path.join(systemFolder, file)), { origin: 'system' });
    catalog.set({ id: `system/${file}`, label: `system preset ${file}`, origin: 'system', analysis });
  }
  return catalog;
}

function shown(diagnostic: PresetDiagnostic): ExpectedDiagnostic {
  const { severity, code, message, range } = diagnostic;
  return { severity, code, line: range.start.line + 1, column: range.start.character + 1, message };
}

/** The text an editor shows (invalid bytes as U+FFFD), against which every range must hold. */
function editorText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes); // drops exactly one byte order mark, as VS Code does
}

function assertRangesInside(diagnostics: readonly PresetDiagnostic[], text: string): void {
  const lines = new LineIndex(text);
  for (const { range, message } of diagnostics) {
    assert.ok(
      range.offset >= 0 && range.length >= 0 && range.offset + range.length <= text.length,
      `range of "${message}" lies outside the text`,
    );
    assert.deepEqual(range.start, lines.positionAt(range.offset), `start of "${message}"`);
    assert.deepEqual(range.end, lines.positionAt(range.offset + range.length), `end of "${message}"`);
  }
}

describe('hostile input corpus (test/fixtures/hostile)', () => {
  it('holds at least 30 distinct cases, each file listed once and each listed file present', () => {
    const files = fs
      .readdirSync(folder)
      .filter((name) => name !== 'cases.json')
      .sort();
    const listed = corpus.cases.flatMap((entry) => (entry.file ? [entry.file] : []));
    assert.deepEqual([...listed].sort(), files, 'cases.json and the folder list the same files');
    assert.equal(new Set(listed).size, listed.length, 'no file is listed twice');
    assert.ok(corpus.cases.length >= 30, `${corpus.cases.length} cases`);
  });

  for (const entry of corpus.cases) {
    const title = `${entry.file ?? `(generated) ${entry.generate}`}: ${entry.about}`;
    it(title, () => {
      const bytes = bytesOf(entry);
      const analysis = analysisOf(entry, bytes);
      if (entry.via !== 'file') assertRangesInside(analysis.diagnostics, editorText(bytes));
      assert.equal(
        analysis.preset === undefined,
        analysis.diagnostics.some((d) => d.severity === 'error'),
        'a preset comes out exactly when there is no error',
      );

      const catalog = systemCatalog();
      const id = entry.file ?? entry.generate!;
      catalog.set({ id, label: id, origin: 'workspace', analysis });
      for (const other of entry.with ?? []) {
        catalog.set({
          id: other,
          label: other,
          origin: 'workspace',
          analysis: analyzePresetBytes(fs.readFileSync(path.join(folder, other))),
        });
      }
      const diagnostics = catalog.diagnosticsOf(id).sort((a, b) => a.range.offset - b.range.offset);
      const actual = diagnostics.map(shown);
      assert.equal(
        actual.length,
        entry.count ?? entry.diagnostics.length,
        `diagnostics: ${JSON.stringify(actual, null, 2)}`,
      );
      entry.diagnostics.forEach((expected, i) => {
        const { messageMatches, index = i, ...exact } = expected;
        if (messageMatches) {
          assert.match(actual[index].message!, new RegExp(messageMatches));
          assert.deepEqual({ ...actual[index], message: undefined }, { ...exact, message: undefined });
        } else {
          assert.deepEqual(actual[index], exact);
        }
      });
      assert.equal(
        catalog.usablePreset(id) === undefined,
        diagnostics.some((d) => d.severity === 'error'),
        'usable exactly when there is no error',
      );

      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no key reached Object.prototype');
      if (analysis.name !== undefined) {
        const fileName = presetFileName(analysis.name);
        assert.equal(path.basename(fileName), fileName, 'a file name, not a path');
        assert.doesNotMatch(fileName, /^\./, 'not hidden, not ".."');
        if (entry.fileName) assert.equal(fileName, entry.fileName);
      }
    });
  }
});
