import * as assert from 'node:assert/strict';
import { PresetCatalog, type CatalogEntry } from '../../../src/core/catalog';
import { CONFLICT_CHOICES, findImportClash, planImport, presetsFolderSegments } from '../../../src/core/importPlan';
import { analyze, preset, presetText } from '../helpers/presets';

function workspaceFile(label: string, name: string): CatalogEntry {
  return {
    id: `/ws/${label}`,
    label,
    origin: 'workspace',
    analysis: analyze(presetText({ name, parameters: { a: [1] } })),
  };
}

function systemPreset(name: string): CatalogEntry {
  return {
    id: `/sys/${name}.json`,
    label: `system preset ${name}`,
    origin: 'system',
    analysis: analyze(presetText({ name, parameters: { a: [1] } }), 'system'),
  };
}

function catalogOf(...entries: CatalogEntry[]): PresetCatalog {
  const catalog = new PresetCatalog();
  for (const entry of entries) catalog.set(entry);
  return catalog;
}

const incoming = (name: string) => preset(name, { b: [2] });

describe('import plan', () => {
  describe('findImportClash', () => {
    it('is undefined when the name is free (case-only differences do not clash)', () => {
      assert.equal(findImportClash(catalogOf(workspaceFile('a.preset.json', 'A')), incoming('B')), undefined);
      assert.equal(findImportClash(catalogOf(workspaceFile('a.preset.json', 'A')), incoming('a')), undefined);
    });

    it('one workspace file of that name can be replaced', () => {
      const file = workspaceFile('a.preset.json', 'A');
      const clash = findImportClash(catalogOf(file), incoming('A'));
      assert.equal(clash?.replaceable?.id, file.id);
      assert.equal(clash?.cannotReplace, undefined);
      assert.deepEqual(
        clash?.existing.map((e) => e.id),
        [file.id],
      );
    });

    it('a system preset can never be replaced', () => {
      const clash = findImportClash(catalogOf(systemPreset('Balanced')), incoming('Balanced'));
      assert.equal(clash?.replaceable, undefined);
      assert.equal(clash?.cannotReplace, '"Balanced" is a system preset, which cannot be replaced');
    });

    it('a system preset wins over a workspace file of the same name: still not replaceable', () => {
      const clash = findImportClash(
        catalogOf(systemPreset('Balanced'), workspaceFile('b.preset.json', 'Balanced')),
        incoming('Balanced'),
      );
      assert.equal(clash?.replaceable, undefined);
      assert.match(clash!.cannotReplace!, /is a system preset/);
    });

    it('several files of that name cannot be replaced, and are named', () => {
      const clash = findImportClash(
        catalogOf(workspaceFile('a.preset.json', 'Twin'), workspaceFile('b.preset.json', 'Twin')),
        incoming('Twin'),
      );
      assert.equal(clash?.replaceable, undefined);
      assert.equal(clash?.cannotReplace, '"Twin" is the name of several files (a.preset.json, b.preset.json)');
    });
  });

  describe('planImport', () => {
    const catalog = catalogOf(workspaceFile('a.preset.json', 'A'), systemPreset('Balanced'));

    it('a free name is created as it is, whatever the choice', () => {
      for (const choice of ['fail', 'rename', 'replace'] as const)
        assert.deepEqual(planImport(catalog, incoming('New'), choice), { kind: 'create', preset: incoming('New') });
    });

    it('fail refuses a taken name, saying who has it', () => {
      assert.deepEqual(planImport(catalog, incoming('A'), 'fail'), {
        kind: 'refuse',
        reason: 'a preset named "A" already exists (a.preset.json)',
      });
      assert.deepEqual(planImport(catalog, incoming('Balanced'), 'fail'), {
        kind: 'refuse',
        reason: 'a preset named "Balanced" already exists (a system preset)',
      });
    });

    it('rename picks the first free "Name (n)"', () => {
      const taken = catalogOf(workspaceFile('a.preset.json', 'A'), workspaceFile('a2.preset.json', 'A (2)'));
      assert.deepEqual(planImport(taken, incoming('A'), 'rename'), {
        kind: 'create',
        preset: incoming('A (3)'),
        renamedFrom: 'A',
      });
    });

    it('replace targets the one file of that name', () => {
      const plan = planImport(catalog, incoming('A'), 'replace');
      assert.equal(plan.kind, 'replace');
      assert.equal(plan.kind === 'replace' && plan.target.id, '/ws/a.preset.json');
      assert.deepEqual(plan.kind === 'replace' && plan.preset, incoming('A'));
    });

    it('replace refuses a system preset', () => {
      assert.deepEqual(planImport(catalog, incoming('Balanced'), 'replace'), {
        kind: 'refuse',
        reason: '"Balanced" is a system preset, which cannot be replaced',
      });
    });
  });

  describe('presetsFolderSegments', () => {
    it('defaults to "presets" when unset, blank or not a string', () => {
      for (const setting of [undefined, '', '  ', '/', 42, null])
        assert.deepEqual(presetsFolderSegments(setting, 'ws'), { ok: true, segments: ['presets'] });
    });

    it('splits a relative folder into segments, backslashes and "." included', () => {
      assert.deepEqual(presetsFolderSegments('config/presets', 'ws'), { ok: true, segments: ['config', 'presets'] });
      assert.deepEqual(presetsFolderSegments(' .\\config\\\\p/ ', 'ws'), { ok: true, segments: ['config', 'p'] });
      // A leading slash still means inside the workspace folder.
      assert.deepEqual(presetsFolderSegments('/shared', 'ws'), { ok: true, segments: ['shared'] });
    });

    it('refuses a folder that leads out of the workspace folder, naming the setting and the folder', () => {
      for (const setting of ['..', '../elsewhere', 'a/../../b', 'a\\..\\b', 'C:/presets', 'c:\\x', 'C:presets']) {
        const result = presetsFolderSegments(setting, 'my-ws');
        assert.equal(result.ok, false, setting);
        assert.match(
          !result.ok ? result.message : '',
          /^The setting "parameterPresets\.presetsFolder" is ".*", which leads out of my-ws; set it to a folder inside it/,
        );
      }
    });

    it('allows names that merely contain dots, or a colon after the first letter', () => {
      assert.deepEqual(presetsFolderSegments('a..b/.presets', 'ws'), { ok: true, segments: ['a..b', '.presets'] });
      assert.deepEqual(presetsFolderSegments('my:presets', 'ws'), { ok: true, segments: ['my:presets'] });
      assert.deepEqual(presetsFolderSegments('config/c:', 'ws'), { ok: true, segments: ['config', 'c:'] });
    });
  });

  it('names the choices for a taken name that the CLI documents: fail, rename and replace', () => {
    assert.deepEqual(CONFLICT_CHOICES, ['fail', 'rename', 'replace']);
  });
});
