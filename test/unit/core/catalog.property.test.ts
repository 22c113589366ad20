/**
 * The catalog's name rules (src/core/catalog.ts) held to a plain reference under any sequence of adds,
 * replacements and removals: the clash diagnostics of every entry, what is usable, what a name finds, and the
 * ids each change says to refresh.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PresetCatalog, type CatalogEntry } from '../../../src/core/catalog';
import { differsOnlyInCase, lookAlikeKey } from '../../../src/core/lookAlikeNames';
import { DiagnosticCodes, type Preset } from '../../../src/core/model';

const ids = ['a', 'b', 'c', 'd', 'e'];
const names = ['Fast', 'fast', 'Fa\u200bst', 'Slow', ' Slow', undefined];

type Op =
  | { kind: 'set'; id: string; name: string | undefined; system: boolean; valid: boolean }
  | { kind: 'delete'; id: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    id: fc.constantFrom(...ids),
    name: fc.constantFrom(...names),
    system: fc.boolean(),
    valid: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...ids) }),
);

function entryOf(op: Extract<Op, { kind: 'set' }>): CatalogEntry {
  const preset = op.valid && op.name !== undefined ? ({ name: op.name } as unknown as Preset) : undefined;
  return {
    id: op.id,
    label: `${op.id}.preset.json`,
    origin: op.system ? 'system' : 'workspace',
    analysis: { name: op.name, preset, isEnvelope: false, diagnostics: [] },
  };
}

/** The clash codes an entry gets, by the rule written out plainly. */
function expectedCodes(entry: CatalogEntry, all: readonly CatalogEntry[]): string[] {
  const name = entry.analysis.name;
  if (name === undefined || entry.origin === 'system') return [];
  const others = all.filter((o) => o.id !== entry.id && o.analysis.name !== undefined);
  const alike = others.filter((o) => lookAlikeKey(o.analysis.name!) === lookAlikeKey(name));
  const codes: string[] = [];
  if (alike.some((o) => o.analysis.name === name)) codes.push(DiagnosticCodes.duplicateName);
  const different = alike.filter((o) => o.analysis.name !== name);
  if (different.some((o) => differsOnlyInCase(name, o.analysis.name!))) codes.push(DiagnosticCodes.caseOnlyName);
  if (different.some((o) => !differsOnlyInCase(name, o.analysis.name!))) codes.push(DiagnosticCodes.lookAlikeName);
  return codes;
}

describe('catalog (property)', () => {
  it('clashes, usable presets, lookups and the ids to refresh follow the rule after every change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const catalog = new PresetCatalog();
        const model = new Map<string, CatalogEntry>();
        const snapshot = () => new Map(ids.map((id) => [id, JSON.stringify(catalog.diagnosticsOf(id))]));
        for (const op of ops) {
          const before = snapshot();
          let refreshed: string[];
          if (op.kind === 'set') {
            const entry = entryOf(op);
            model.set(op.id, entry);
            refreshed = catalog.set(entry);
            assert.ok(refreshed.includes(op.id));
          } else {
            const had = model.delete(op.id);
            refreshed = catalog.delete(op.id);
            assert.deepEqual(refreshed.includes(op.id), had);
          }
          const after = snapshot();
          for (const id of ids)
            if (before.get(id) !== after.get(id))
              assert.ok(refreshed.includes(id), `${id} changed: ${JSON.stringify(op)}`);

          const all = [...model.values()];
          assert.equal(catalog.size, all.length);
          assert.deepEqual([...catalog.all()].map((e) => e.id).sort(), all.map((e) => e.id).sort());
          for (const entry of all) {
            const codes = catalog.diagnosticsOf(entry.id).map((d) => d.code);
            assert.deepEqual(codes, expectedCodes(entry, all), `${entry.id} after ${JSON.stringify(ops)}`);
            const usable = entry.analysis.preset !== undefined && !codes.includes(DiagnosticCodes.duplicateName);
            assert.equal(catalog.usablePreset(entry.id) !== undefined, usable);
          }
          for (const name of ['Fast', 'fast', 'Slow', ' Slow', 'None']) {
            const holders = all.filter((e) => e.analysis.name === name.trim()).map((e) => e.id);
            assert.deepEqual(
              catalog
                .findByName(name)
                .map((e) => e.id)
                .sort(),
              holders.sort(),
            );
            assert.equal(catalog.hasName(name), holders.length > 0);
          }
          for (const id of ids) {
            assert.equal(catalog.get(id), model.get(id));
            if (model.has(id)) continue;
            assert.deepEqual(catalog.diagnosticsOf(id), []);
            assert.equal(catalog.usablePreset(id), undefined);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each caller its own list of diagnostics, and names every case twin', () => {
    const catalog = new PresetCatalog();
    const own = entryOf({ kind: 'set', id: 'a', name: 'Fast', system: false, valid: true });
    for (const entry of [
      own,
      entryOf({ kind: 'set', id: 'b', name: 'fast', system: false, valid: true }),
      entryOf({ kind: 'set', id: 'c', name: 'FAST', system: true, valid: true }),
    ])
      catalog.set(entry);
    const diagnostics = catalog.diagnosticsOf('a');
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        'name: "Fast" differs only in case from "fast" (b.preset.json), "FAST" (a system preset); tell presets apart by more than case',
      ],
    );
    diagnostics.push(diagnostics[0]);
    assert.equal(catalog.diagnosticsOf('a').length, 1, 'changing one list changes no other');
    catalog.set({ ...own, id: 'd', analysis: { ...own.analysis, name: 'Slow' } });
    const alone = catalog.diagnosticsOf('d');
    alone.push(diagnostics[0]);
    assert.deepEqual(catalog.diagnosticsOf('d'), []);
  });
});
