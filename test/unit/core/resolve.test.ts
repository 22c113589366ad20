import * as assert from 'node:assert/strict';
import { PresetCatalog, type CatalogEntry } from '../../../src/core/catalog';
import { missingPresetMessage, resolvePresetName } from '../../../src/core/resolve';
import { analyze, presetText } from '../helpers/presets';

function workspaceFile(label: string, name: string, parameters: unknown = { a: [1] }): CatalogEntry {
  return { id: `/ws/${label}`, label, origin: 'workspace', analysis: analyze(presetText({ name, parameters })) };
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

function foundId(catalog: PresetCatalog, name: string): [string, boolean] {
  const resolution = resolvePresetName(catalog, name);
  assert.equal(resolution.kind, 'found', `"${name}" should be found`);
  return resolution.kind === 'found' ? [resolution.entry.id, resolution.usable] : ['', false];
}

describe('resolvePresetName', () => {
  it('finds the one preset of that name, trimmed', () => {
    const catalog = catalogOf(workspaceFile('a.preset.json', 'Alpha'), systemPreset('Balanced'));
    assert.deepEqual(foundId(catalog, 'Alpha'), ['/ws/a.preset.json', true]);
    assert.deepEqual(foundId(catalog, '  Balanced '), ['/sys/Balanced.json', true]);
  });

  it('a system preset wins over a workspace file of the same name, which is the duplicate', () => {
    const catalog = catalogOf(workspaceFile('mine.preset.json', 'Balanced'), systemPreset('Balanced'));
    assert.deepEqual(foundId(catalog, 'Balanced'), ['/sys/Balanced.json', true]);
  });

  it('a usable file wins over an invalid one of the same name', () => {
    const catalog = catalogOf(
      workspaceFile('a-broken.preset.json', 'Same', { a: 'not a list' }),
      workspaceFile('b-good.preset.json', 'Same'),
    );
    // Both have the name, so both are duplicates: none is usable, and the first file by label is returned.
    assert.deepEqual(foundId(catalog, 'Same'), ['/ws/a-broken.preset.json', false]);
  });

  it('when no preset of that name is usable, gives the workspace file first by label', () => {
    const catalog = catalogOf(workspaceFile('z.preset.json', 'Twin'), workspaceFile('m.preset.json', 'Twin'));
    assert.deepEqual(foundId(catalog, 'Twin'), ['/ws/m.preset.json', false]);
  });

  it('an invalid preset alone is found, marked unusable', () => {
    const catalog = catalogOf(workspaceFile('bad.preset.json', 'Bad', { a: [] }));
    assert.deepEqual(foundId(catalog, 'Bad'), ['/ws/bad.preset.json', false]);
  });

  it('of several usable presets of one name, takes a system preset first, then the first by label', () => {
    const system = (label: string): CatalogEntry => ({ ...systemPreset('Twin'), id: `/sys/${label}`, label });
    const catalog = catalogOf(system('z-twin'), system('m-twin'));
    assert.deepEqual(foundId(catalog, 'Twin'), ['/sys/m-twin', true]);
  });

  it('when a system preset of that name is invalid, gives the workspace file to report', () => {
    const brokenSystem: CatalogEntry = {
      id: '/sys/bad.json',
      label: 'system preset bad',
      origin: 'system',
      analysis: analyze(presetText({ name: 'Clash', parameters: { a: [] } }), 'system'),
    };
    const catalog = catalogOf(brokenSystem, workspaceFile('clash.preset.json', 'Clash'));
    assert.deepEqual(foundId(catalog, 'Clash'), ['/ws/clash.preset.json', false]);
  });

  it('does not take a match in case only, and suggests it', () => {
    const catalog = catalogOf(systemPreset('Balanced'), workspaceFile('b.preset.json', 'BALANCED'));
    assert.deepEqual(resolvePresetName(catalog, 'balanced'), {
      kind: 'missing',
      suggestions: ['BALANCED', 'Balanced'],
    });
    // An exact name is taken even when another differs from it only in case.
    assert.deepEqual(foundId(catalog, 'BALANCED'), ['/ws/b.preset.json', true]);
  });

  it('a name nobody has is missing, without suggestions', () => {
    assert.deepEqual(resolvePresetName(catalogOf(systemPreset('Balanced')), 'Nope'), {
      kind: 'missing',
      suggestions: [],
    });
  });
});

describe('missingPresetMessage', () => {
  it('names the preset, the place searched and the near misses', () => {
    assert.equal(missingPresetMessage('x', []), 'no preset named "x"');
    assert.equal(
      missingPresetMessage('x', ['X', 'x '], 'in ws or the system presets'),
      'no preset named "x" in ws or the system presets; did you mean "X" or "x "?',
    );
  });
});
