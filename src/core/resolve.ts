/**
 * Which preset a name names: one rule for the CLI, the extension's commands and its API.
 *
 * The rule, in order:
 * 1. A reference that names a file (a path the CLI finds on disk, a URI or an entry id in the extension)
 *    is that file, before any name is looked up: the shells check that first, so a file called like a
 *    preset name is still reachable by its path.
 * 2. Otherwise it is a preset name, trimmed and compared exactly (case counts). Of the presets with that
 *    name, a usable one wins. When a workspace file is named like a system preset, the catalog marks the
 *    workspace file as the duplicate, so the system preset is the one found, and the file keeps its error.
 * 3. When none with that name is usable (two workspace files share it, or the file is invalid), the
 *    workspace file first by label is returned, so the caller reports the errors of a file the user can fix.
 * 4. A name that matches only in case is not taken: "balanced" and "Balanced" are different names. The
 *    presets it differs from in case are given back as suggestions.
 */
import type { CatalogEntry } from './catalog';
import type { Preset } from './model';

/** What name resolution reads: a PresetCatalog, or a shell's index over one. */
export interface PresetLookup<E extends CatalogEntry> {
  findByName(name: string): E[];
  usablePreset(id: string): Preset | undefined;
  all(): Iterable<E>;
}

export type NameResolution<E extends CatalogEntry> =
  | { readonly kind: 'found'; readonly entry: E; readonly usable: boolean }
  | { readonly kind: 'missing'; readonly suggestions: readonly string[] };

/** Finds the preset a name names, by the rule above. */
export function resolvePresetName<E extends CatalogEntry>(catalog: PresetLookup<E>, name: string): NameResolution<E> {
  const matches = catalog.findByName(name);
  if (matches.length === 0) return { kind: 'missing', suggestions: caseOnlyMatches(catalog, name) };
  const usable = matches.filter((entry) => catalog.usablePreset(entry.id) !== undefined).sort(systemFirst);
  if (usable.length > 0) return { kind: 'found', entry: usable[0], usable: true };
  const [entry] = [...matches].sort(workspaceFirst);
  return { kind: 'found', entry, usable: false };
}

/** "no preset named "x"", with the case-only near misses when there are some. */
export function missingPresetMessage(name: string, suggestions: readonly string[], where = ''): string {
  const hint = suggestions.length ? `; did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?` : '';
  return `no preset named ${JSON.stringify(name)}${where ? ` ${where}` : ''}${hint}`;
}

function caseOnlyMatches<E extends CatalogEntry>(catalog: PresetLookup<E>, name: string): string[] {
  const folded = name.trim().toLowerCase();
  const names = new Set<string>();
  for (const entry of catalog.all()) {
    const other = entry.analysis.name;
    if (other !== undefined && other.toLowerCase() === folded) names.add(other);
  }
  return [...names].sort();
}

function systemFirst(a: CatalogEntry, b: CatalogEntry): number {
  if (a.origin !== b.origin) return a.origin === 'system' ? -1 : 1;
  return compareLabels(a, b);
}

function workspaceFirst(a: CatalogEntry, b: CatalogEntry): number {
  if (a.origin !== b.origin) return a.origin === 'workspace' ? -1 : 1;
  return compareLabels(a, b);
}

function compareLabels(a: CatalogEntry, b: CatalogEntry): number {
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
