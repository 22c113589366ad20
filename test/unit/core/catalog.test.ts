import * as assert from 'node:assert/strict';
import {
  PresetCatalog,
  UNCATEGORIZED,
  categoryLabel,
  entryCategory,
  type CatalogEntry,
} from '../../../src/core/catalog';
import { DiagnosticCodes } from '../../../src/core/model';
import { analyze, assertDiagnostic, positionOf, presetText } from '../helpers/presets';

/** A workspace entry whose file holds a preset named `name`. */
function workspaceFile(id: string, name: string, text = presetText({ name, parameters: { a: [1] } })): CatalogEntry {
  return { id, label: id, origin: 'workspace', analysis: analyze(text) };
}

function systemPreset(id: string, name: string): CatalogEntry {
  return {
    id,
    label: `system preset ${id}`,
    origin: 'system',
    analysis: analyze(presetText({ name, parameters: { a: [1] } }), 'system'),
  };
}

function catalogOf(...entries: CatalogEntry[]): PresetCatalog {
  const catalog = new PresetCatalog();
  for (const entry of entries) catalog.set(entry);
  return catalog;
}

const codes = (catalog: PresetCatalog, id: string) => catalog.diagnosticsOf(id).map((d) => `${d.severity} ${d.code}`);

describe('PresetCatalog', () => {
  it('a unique name gives no diagnostics and a usable preset', () => {
    const catalog = catalogOf(
      workspaceFile('a.preset.json', 'A'),
      workspaceFile('b.preset.json', 'B'),
      systemPreset('sys.json', 'Balanced'),
    );
    assert.deepEqual(catalog.diagnosticsOf('a.preset.json'), []);
    assert.equal(catalog.usablePreset('a.preset.json')?.name, 'A');
    assert.equal(catalog.size, 3);
  });

  describe('exact duplicate names', () => {
    it('are an error on every workspace file involved, at the name, naming the other files', () => {
      const textA = '{\n  "name": "Fast",\n  "parameters": {"a": [1]}\n}';
      const textB = '{"parameters": {"b": [2]}, "name": "  Fast "}';
      const catalog = catalogOf(
        workspaceFile('x/a.preset.json', 'Fast', textA),
        workspaceFile('y/b.preset.json', 'Fast', textB),
        workspaceFile('c.preset.json', 'Other'),
      );
      assertDiagnostic(catalog.diagnosticsOf('x/a.preset.json')[0], {
        severity: 'error',
        at: { line: 1, character: 10 },
        path: 'name',
        message: 'name: "Fast" is already the name of y/b.preset.json; preset names must be unique',
      });
      assertDiagnostic(catalog.diagnosticsOf('y/b.preset.json')[0], {
        severity: 'error',
        at: positionOf(textB, '"  Fast "'),
        path: 'name',
        message: 'name: "Fast" is already the name of x/a.preset.json; preset names must be unique',
      });
      assert.equal(catalog.diagnosticsOf('x/a.preset.json')[0].code, DiagnosticCodes.duplicateName);
      assert.deepEqual(catalog.diagnosticsOf('c.preset.json'), []);
      assert.equal(catalog.usablePreset('x/a.preset.json'), undefined);
      assert.equal(catalog.usablePreset('y/b.preset.json'), undefined);
      assert.equal(catalog.usablePreset('c.preset.json')?.name, 'Other');
    });

    it('with three files, each error names the two others', () => {
      const catalog = catalogOf(workspaceFile('1', 'Dup'), workspaceFile('2', 'Dup'), workspaceFile('3', 'Dup'));
      assert.match(catalog.diagnosticsOf('2')[0].message, /already the name of 1, 3;/);
      for (const id of ['1', '2', '3']) assert.deepEqual(codes(catalog, id), ['error duplicate-name']);
    });

    it('with a system preset: an error on the workspace file only', () => {
      const catalog = catalogOf(
        systemPreset('balanced.json', 'Balanced'),
        workspaceFile('mine.preset.json', 'Balanced'),
      );
      assert.equal(
        catalog.diagnosticsOf('mine.preset.json')[0].message,
        'name: "Balanced" is already the name of a system preset; preset names must be unique',
      );
      assert.deepEqual(catalog.diagnosticsOf('balanced.json'), []);
      assert.equal(catalog.usablePreset('balanced.json')?.name, 'Balanced', 'the system preset stays usable');
      assert.equal(catalog.usablePreset('mine.preset.json'), undefined);
    });

    it('includes files with other errors whose name can be read', () => {
      const broken = workspaceFile('broken.preset.json', 'Fast', '{"name": "Fast", "parameters": {"a": 3}}');
      const catalog = catalogOf(broken, workspaceFile('ok.preset.json', 'Fast'));
      assert.deepEqual(codes(catalog, 'broken.preset.json'), ['error not-a-list', 'error duplicate-name']);
      assert.deepEqual(codes(catalog, 'ok.preset.json'), ['error duplicate-name']);
    });

    it('in an export envelope: the error is on preset.name', () => {
      const text = presetText({ version: '1.0', preset: { name: 'Fast', parameters: { a: [1] } } });
      const catalog = catalogOf(workspaceFile('env.preset.json', 'Fast', text), workspaceFile('b.preset.json', 'Fast'));
      const [diagnostic] = catalog.diagnosticsOf('env.preset.json');
      assert.equal(diagnostic.path, 'preset.name');
      assert.match(diagnostic.message, /^preset\.name: "Fast" is already the name of b\.preset\.json/);
      assert.deepEqual(diagnostic.range.start, positionOf(text, '"Fast"'));
    });
  });

  describe('names equal except for case', () => {
    it('are a warning on every workspace file involved; both stay usable', () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast Mode'), workspaceFile('b', 'fast mode'));
      assertDiagnostic(catalog.diagnosticsOf('a')[0], {
        severity: 'warning',
        at: { line: 1, character: 10 },
        path: 'name',
        message: 'name: "Fast Mode" differs only in case from "fast mode" (b); tell presets apart by more than case',
      });
      assert.deepEqual(codes(catalog, 'b'), ['warning case-only-name']);
      assert.equal(catalog.usablePreset('a')?.name, 'Fast Mode');
      assert.equal(catalog.usablePreset('b')?.name, 'fast mode');
    });

    it('with a system preset: a warning on the workspace file only', () => {
      const catalog = catalogOf(systemPreset('s', 'High Throughput'), workspaceFile('w', 'HIGH THROUGHPUT'));
      assert.equal(
        catalog.diagnosticsOf('w')[0].message,
        'name: "HIGH THROUGHPUT" differs only in case from "High Throughput" (a system preset); tell presets apart by more than case',
      );
      assert.deepEqual(catalog.diagnosticsOf('s'), []);
    });

    it('names equal after NFC, or but for zero-width or bidi characters, are a look-alike warning, shown escaped', () => {
      const catalog = catalogOf(
        workspaceFile('a', 'Caf\u00e9'),
        workspaceFile('b', 'Cafe\u0301'),
        workspaceFile('c', 'Fast'),
        workspaceFile('d', 'Fa\u200bst'),
        workspaceFile('e', '\u202eFAST'),
      );
      assert.deepEqual(codes(catalog, 'a'), ['warning look-alike-name']);
      assert.equal(
        catalog.diagnosticsOf('a')[0].message,
        'name: "Café" looks the same as "Cafe\\u{301}" (b): they differ only by invisible characters, Unicode form or case; tell presets apart by visible characters',
      );
      assert.deepEqual(codes(catalog, 'c'), ['warning look-alike-name']);
      assert.match(catalog.diagnosticsOf('c')[0].message, /"Fa\\u\{200B\}st" \(d\), "\\u\{202E\}FAST" \(e\)/);
      assert.deepEqual(codes(catalog, 'e'), ['warning look-alike-name']);
      for (const id of ['a', 'b', 'c', 'd', 'e']) assert.ok(catalog.usablePreset(id), id);
      catalog.delete('d');
      catalog.delete('e');
      assert.deepEqual(codes(catalog, 'c'), []);
    });

    it('an exact and a case-only clash at once give both', () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast'), workspaceFile('b', 'Fast'), workspaceFile('c', 'FAST'));
      assert.deepEqual(codes(catalog, 'a'), ['error duplicate-name', 'warning case-only-name']);
      assert.deepEqual(codes(catalog, 'c'), ['warning case-only-name']);
    });
  });

  describe('keeping current', () => {
    it('set and delete return every entry whose diagnostics may change', () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast'), workspaceFile('z', 'Zed'));
      assert.deepEqual(new Set(catalog.set(workspaceFile('b', 'fast'))), new Set(['a', 'b']));
      assert.deepEqual(new Set(catalog.delete('a')), new Set(['a', 'b']));
      assert.deepEqual(catalog.delete('missing'), []);
    });

    it("removing one of two duplicates clears the other's error", () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast'), workspaceFile('b', 'Fast'));
      catalog.delete('a');
      assert.deepEqual(catalog.diagnosticsOf('b'), []);
      assert.equal(catalog.usablePreset('b')?.name, 'Fast');
      assert.deepEqual(catalog.diagnosticsOf('a'), []);
      assert.equal(catalog.get('a'), undefined);
    });

    it('renaming a file (set with a new analysis) moves it out of the clash', () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast'), workspaceFile('b', 'Fast'));
      const affected = catalog.set(workspaceFile('a', 'Faster'));
      assert.ok(affected.includes('b'), 'the old partner is told');
      assert.deepEqual(catalog.diagnosticsOf('a'), []);
      assert.deepEqual(catalog.diagnosticsOf('b'), []);
      assert.deepEqual(
        catalog.findByName('Fast').map((e) => e.id),
        ['b'],
      );
      assert.deepEqual(
        catalog.findByName('Faster').map((e) => e.id),
        ['a'],
      );
    });

    it('findByName and hasName match exactly, after trimming', () => {
      const catalog = catalogOf(workspaceFile('a', 'Fast'), systemPreset('s', 'Balanced'));
      assert.deepEqual(
        catalog.findByName('  Fast ').map((e) => e.id),
        ['a'],
      );
      assert.deepEqual(catalog.findByName('fast'), []);
      assert.equal(catalog.hasName('Balanced'), true);
      assert.equal(catalog.hasName('balanced'), false);
      assert.deepEqual(
        [...catalog.all()].map((e) => e.id),
        ['a', 's'],
      );
    });

    it('a file without a readable name joins no clash', () => {
      const catalog = catalogOf(
        workspaceFile('a', '', '{"parameters": {"a": [1]}}'),
        workspaceFile('b', '', '{"name": "", "parameters": {"a": [1]}}'),
      );
      assert.deepEqual(codes(catalog, 'a'), ['error missing-field']);
      assert.deepEqual(codes(catalog, 'b'), ['error invalid-value']);
    });
  });
});

describe('entryCategory', () => {
  const entry = (text: string): CatalogEntry => ({
    id: 'x',
    label: 'x.preset.json',
    origin: 'workspace',
    analysis: analyze(text),
  });

  it('files a preset under its category, and a missing, null or blank one under Uncategorized', () => {
    assert.equal(entryCategory(entry('{"name": "A", "category": "memory", "parameters": {"x": [1]}}')), 'memory');
    for (const category of ['', '   ', null]) {
      assert.equal(
        entryCategory(entry(JSON.stringify({ name: 'A', category, parameters: { x: [1] } }))),
        UNCATEGORIZED,
      );
    }
    assert.equal(entryCategory(entry('{"name": "A", "parameters": {"x": [1]}}')), UNCATEGORIZED);
    assert.equal(categoryLabel(undefined), UNCATEGORIZED);
    assert.equal(UNCATEGORIZED, 'Uncategorized', 'the label the sidebar shows (SPEC)');
  });

  it('keeps a broken file in the category it names', () => {
    assert.equal(entryCategory(entry('{"name": "A", "category": "memory", "parameters": {"x": 2}}')), 'memory');
  });
});
