/**
 * The order resolvePresetName (src/core/resolve.ts) picks by, over any lookup a shell provides: a stand-in
 * lookup here, so that several usable presets of one name (which the catalog itself never holds) can be given.
 */
import * as assert from 'node:assert/strict';
import type { CatalogEntry } from '../../../src/core/catalog';
import type { Preset } from '../../../src/core/model';
import { resolvePresetName, type PresetLookup } from '../../../src/core/resolve';

function entry(origin: 'system' | 'workspace', label: string, name?: string): CatalogEntry {
  return { id: `${origin}:${label}`, label, origin, analysis: { name, isEnvelope: false, diagnostics: [] } };
}

function lookup(entries: CatalogEntry[], usable: readonly CatalogEntry[]): PresetLookup<CatalogEntry> {
  const usableIds = new Set(usable.map((e) => e.id));
  return {
    findByName: (name) => entries.filter((e) => e.analysis.name === name.trim()),
    usablePreset: (id) => (usableIds.has(id) ? ({ name: id } as unknown as Preset) : undefined),
    all: () => entries,
  };
}

const pick = (entries: CatalogEntry[], usable: readonly CatalogEntry[], name = 'P') => {
  const resolution = resolvePresetName(lookup(entries, usable), name);
  return resolution.kind === 'found' ? [resolution.entry.id, resolution.usable] : resolution.suggestions;
};

describe('resolvePresetName, the order it picks by', () => {
  const sysB = entry('system', 'b', 'P');
  const sysA = entry('system', 'a', 'P');
  const wsA = entry('workspace', 'a', 'P');
  const wsC = entry('workspace', 'c', 'P');
  const wsB = entry('workspace', 'b', 'P');

  it('of usable presets: system presets first, then by label, whatever order the lookup gives', () => {
    for (const entries of [
      [wsA, sysB, wsC, sysA],
      [sysA, sysB, wsA, wsC],
      [wsC, wsA, sysA, sysB],
    ])
      assert.deepEqual(pick(entries, entries), ['system:a', true]);
    assert.deepEqual(pick([wsC, wsB, wsA], [wsC, wsB, wsA]), ['workspace:a', true]);
    assert.deepEqual(
      pick([wsC, sysB, wsA], [wsC, wsA]),
      ['workspace:a', true],
      'an unusable system preset is passed over',
    );
  });

  it('when none is usable: workspace files first, then by label', () => {
    for (const entries of [
      [sysA, wsC, wsB],
      [wsC, sysA, wsB],
      [wsB, wsC, sysA],
    ])
      assert.deepEqual(pick(entries, []), ['workspace:b', false]);
    assert.deepEqual(pick([sysB, sysA], []), ['system:a', false]);
  });

  it('suggests the names that differ in case only, once each and sorted, for a name given with blanks', () => {
    const entries = [
      entry('workspace', 'x', 'FAST'),
      entry('system', 'y', 'Fast'),
      entry('workspace', 'z', 'Fast'),
      entry('workspace', 'n'),
      entry('workspace', 'o', 'Faster'),
    ];
    assert.deepEqual(pick(entries, entries, '  fast '), ['FAST', 'Fast']);
  });
});
