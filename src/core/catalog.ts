/**
 * The set of all presets seen (system and workspace), kept current one file at a time. It adds what a
 * single file cannot know: names must be unique across the whole set.
 */
import type { PresetAnalysis } from './analyze';
import { differsOnlyInCase, lookAlikeKey, showHiddenCharacters } from './lookAlikeNames';
import { DiagnosticCodes, type Preset, type PresetDiagnostic, type SourceRange } from './model';

export interface CatalogEntry {
  /** A stable key: a URI or an absolute path. */
  readonly id: string;
  /** How messages name the file, e.g. a workspace-relative path. */
  readonly label: string;
  readonly origin: 'system' | 'workspace';
  readonly analysis: PresetAnalysis;
}

/** The group of presets without a category (missing, null or blank), shown last. */
export const UNCATEGORIZED = 'Uncategorized';

/** The category a preset is filed under: its own, or {@link UNCATEGORIZED}. */
export function categoryLabel(category: string | null | undefined): string {
  return category?.trim() ? category : UNCATEGORIZED;
}

/** The category an entry is filed under; a broken file keeps the category it names, when readable. */
export function entryCategory(entry: CatalogEntry): string {
  return categoryLabel(entry.analysis.preset ? entry.analysis.preset.category : entry.analysis.category);
}

const NO_RANGE: SourceRange = {
  offset: 0,
  length: 0,
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};

/** All presets seen, by id. `E` lets a shell keep its own fields (a URI, a folder) on each entry. */
export class PresetCatalog<E extends CatalogEntry = CatalogEntry> {
  private readonly entries = new Map<string, E>();
  private readonly idsByName = new IdsByKey();
  private readonly idsByFoldedName = new IdsByKey();

  /** Adds or replaces an entry. Returns the ids whose diagnostics may have changed. */
  set(entry: E): string[] {
    const replaced = this.entries.has(entry.id) ? this.delete(entry.id) : undefined;
    this.entries.set(entry.id, entry);
    const name = entry.analysis.name;
    let folded: string | undefined;
    if (name !== undefined) {
      folded = fold(name);
      this.idsByName.add(name, entry.id);
      this.idsByFoldedName.add(folded, entry.id);
    }
    // The common case while loading thousands of files: a new entry whose name no other entry has.
    if (replaced === undefined && (folded === undefined || this.idsByFoldedName.count(folded) === 1)) return [entry.id];
    const affected = new Set(replaced);
    if (folded !== undefined) for (const id of this.idsByFoldedName.ids(folded)) affected.add(id);
    affected.add(entry.id);
    return [...affected];
  }

  /** Removes an entry. Returns the ids whose diagnostics may have changed (the entry's own included). */
  delete(id: string): string[] {
    const old = this.entries.get(id);
    if (!old) return [];
    this.entries.delete(id);
    const name = old.analysis.name;
    if (name === undefined) return [id];
    const folded = fold(name);
    this.idsByName.remove(name, id);
    this.idsByFoldedName.remove(folded, id);
    return [id, ...this.idsByFoldedName.ids(folded)];
  }

  get(id: string): E | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  all(): IterableIterator<E> {
    return this.entries.values();
  }

  /** The file's own diagnostics plus name clashes with the rest of the set. */
  diagnosticsOf(id: string): PresetDiagnostic[] {
    const entry = this.entries.get(id);
    if (!entry) return [];
    const clashes = this.nameDiagnostics(entry);
    return clashes.length ? [...entry.analysis.diagnostics, ...clashes] : entry.analysis.diagnostics.slice();
  }

  /** The preset of an entry when it can be used (merged, exported): valid and its name unique. */
  usablePreset(id: string): Preset | undefined {
    const entry = this.entries.get(id);
    if (!entry?.analysis.preset) return undefined;
    return this.nameDiagnostics(entry).some((d) => d.severity === 'error') ? undefined : entry.analysis.preset;
  }

  /** Entries whose name is exactly `name`. */
  findByName(name: string): E[] {
    return this.idsByName.ids(name.trim()).map((id) => this.entries.get(id)!);
  }

  /** True when some entry (system included) is named exactly `name`. */
  hasName(name: string): boolean {
    return this.idsByName.count(name.trim()) > 0;
  }

  private nameDiagnostics(entry: E): PresetDiagnostic[] {
    const name = entry.analysis.name;
    // System presets are not the user's to fix: a clash is reported on the workspace file only.
    if (name === undefined || entry.origin === 'system') return [];
    // The common case: no other entry has a name that looks like this one.
    const folded = fold(name);
    if (this.idsByFoldedName.count(folded) === 1) return [];
    const range = entry.analysis.nameRange ?? NO_RANGE;
    const path = entry.analysis.isEnvelope ? 'preset.name' : 'name';
    const result: PresetDiagnostic[] = [];
    const exact = this.idsByName
      .ids(name)
      .filter((id) => id !== entry.id)
      .map((id) => this.entries.get(id)!);
    if (exact.length > 0) {
      result.push({
        severity: 'error',
        code: DiagnosticCodes.duplicateName,
        path,
        range,
        message: `${path}: ${JSON.stringify(name)} is already the name of ${describeEntries(exact)}; preset names must be unique`,
      });
    }
    const lookAlike = this.idsByFoldedName
      .ids(folded)
      .map((id) => this.entries.get(id)!)
      .filter((other) => other.id !== entry.id && other.analysis.name !== name);
    const caseOnly = lookAlike.filter((other) => differsOnlyInCase(name, other.analysis.name!));
    const hidden = lookAlike.filter((other) => !differsOnlyInCase(name, other.analysis.name!));
    if (caseOnly.length > 0) {
      const others = caseOnly.map((other) => `${JSON.stringify(other.analysis.name)} (${describeEntries([other])})`);
      result.push({
        severity: 'warning',
        code: DiagnosticCodes.caseOnlyName,
        path,
        range,
        message: `${path}: ${JSON.stringify(name)} differs only in case from ${others.join(', ')}; tell presets apart by more than case`,
      });
    }
    if (hidden.length > 0) {
      const shown = (text: string) => JSON.stringify(showHiddenCharacters(text)).replace(/\\\\u\{/g, '\\u{');
      const others = hidden.map((other) => `${shown(other.analysis.name!)} (${describeEntries([other])})`);
      result.push({
        severity: 'warning',
        code: DiagnosticCodes.lookAlikeName,
        path,
        range,
        message: `${path}: ${shown(name)} looks the same as ${others.join(', ')}: they differ only by invisible characters, Unicode form or case; tell presets apart by visible characters`,
      });
    }
    return result;
  }
}

function describeEntries(entries: readonly CatalogEntry[]): string {
  return entries.map((entry) => (entry.origin === 'system' ? 'a system preset' : entry.label)).join(', ');
}

/** Names that look alike (lookAlikeNames.ts) are filed together. */
function fold(name: string): string {
  return lookAlikeKey(name);
}

/** Ids filed under keys. Most names are unique: a key with one id keeps it as a string, with more a Set. */
class IdsByKey {
  private readonly map = new Map<string, string | Set<string>>();

  add(key: string, id: string): void {
    const ids = this.map.get(key);
    if (ids === undefined) this.map.set(key, id);
    else if (typeof ids !== 'string') ids.add(id);
    else if (ids !== id) this.map.set(key, new Set([ids, id]));
  }

  remove(key: string, id: string): void {
    const ids = this.map.get(key);
    if (ids === id) this.map.delete(key);
    else if (typeof ids === 'object') {
      ids.delete(id);
      if (ids.size === 0) this.map.delete(key);
    }
  }

  ids(key: string): string[] {
    const ids = this.map.get(key);
    return ids === undefined ? [] : typeof ids === 'string' ? [ids] : [...ids];
  }

  count(key: string): number {
    const ids = this.map.get(key);
    return ids === undefined ? 0 : typeof ids === 'string' ? 1 : ids.size;
  }
}
