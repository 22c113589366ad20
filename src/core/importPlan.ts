/**
 * Where an imported preset goes and what happens when its name is taken: one plan for the CLI and the
 * extension. The core decides; the shells ask the user (the extension), read the flag (the CLI), and
 * carry the plan out with their own file writes.
 */
import type { CatalogEntry } from './catalog';
import { uniquePresetName, withName } from './exchange';
import type { Preset } from './model';

/** What the plan reads: a PresetCatalog, or a shell's index over one. */
export interface NameLookup<E extends CatalogEntry> {
  findByName(name: string): E[];
  hasName(name: string): boolean;
}

/** What to do when the imported preset's name is taken: stop, import under a free name, or overwrite. */
export type ConflictChoice = 'fail' | 'rename' | 'replace';

export const CONFLICT_CHOICES: readonly ConflictChoice[] = ['fail', 'rename', 'replace'];

/** The presets an imported preset clashes with, and the one file it could replace, if any. */
export interface ImportClash<E extends CatalogEntry> {
  readonly existing: readonly E[];
  /** The one workspace file of that name; undefined when it is a system preset or several files have it. */
  readonly replaceable: E | undefined;
  /** Why Replace is not possible: a sentence about the name, e.g. "\"X\" is a system preset, which cannot be replaced". */
  readonly cannotReplace: string | undefined;
}

export type ImportPlan<E extends CatalogEntry> =
  /** Write a new file into the presets folder. `renamedFrom` is set when the name was changed. */
  | { readonly kind: 'create'; readonly preset: Preset; readonly renamedFrom?: string }
  /** Overwrite this file, if it is unchanged since it was read. */
  | { readonly kind: 'replace'; readonly preset: Preset; readonly target: E }
  /** Write nothing; `reason` says why, starting with the preset's name. */
  | { readonly kind: 'refuse'; readonly reason: string };

/** The clash of a preset with the catalog, or undefined when its name is free. */
export function findImportClash<E extends CatalogEntry>(
  catalog: NameLookup<E>,
  preset: Preset,
): ImportClash<E> | undefined {
  const existing = catalog.findByName(preset.name);
  if (existing.length === 0) return undefined;
  const name = JSON.stringify(preset.name);
  if (existing.some((entry) => entry.origin === 'system'))
    return { existing, replaceable: undefined, cannotReplace: `${name} is a system preset, which cannot be replaced` };
  if (existing.length > 1)
    return {
      existing,
      replaceable: undefined,
      cannotReplace: `${name} is the name of several files (${describeOwners(existing)})`,
    };
  return { existing, replaceable: existing[0], cannotReplace: undefined };
}

/** What an import does, given the choice made for a clash (which only matters when there is one). */
export function planImport<E extends CatalogEntry>(
  catalog: NameLookup<E>,
  preset: Preset,
  choice: ConflictChoice,
): ImportPlan<E> {
  const clash = findImportClash(catalog, preset);
  if (!clash) return { kind: 'create', preset };
  const name = JSON.stringify(preset.name);
  switch (choice) {
    case 'fail':
      return { kind: 'refuse', reason: `a preset named ${name} already exists (${describeOwners(clash.existing)})` };
    case 'replace':
      return clash.replaceable
        ? { kind: 'replace', preset, target: clash.replaceable }
        : { kind: 'refuse', reason: clash.cannotReplace! };
    case 'rename': {
      const renamed = uniquePresetName(preset.name, (candidate) => catalog.hasName(candidate));
      return { kind: 'create', preset: withName(preset, renamed), renamedFrom: preset.name };
    }
  }
}

/** The owners of a name for messages: "a system preset", or each file's label. */
export function describeOwners(entries: readonly CatalogEntry[]): string {
  return entries.map((entry) => (entry.origin === 'system' ? 'a system preset' : entry.label)).join(', ');
}

/** The default of the `parameterPresets.presetsFolder` setting. */
export const DEFAULT_PRESETS_FOLDER = 'presets';

export type PresetsFolder =
  { readonly ok: true; readonly segments: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * The presets folder inside a workspace folder, as path segments, from the setting's value. New files go
 * inside the workspace folder: a ".." would send them anywhere on disk, so such a value is refused.
 */
export function presetsFolderSegments(setting: unknown, workspaceName: string): PresetsFolder {
  const value = typeof setting === 'string' ? setting.trim().replace(/\\/g, '/') : '';
  const segments = value.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return { ok: true, segments: [DEFAULT_PRESETS_FOLDER] };
  // A first segment "C:" or "C:presets" names a Windows drive (the second its current folder), not a folder here.
  if (segments.includes('..') || /^[a-z]:/i.test(segments[0]))
    return {
      ok: false,
      message: `The setting "parameterPresets.presetsFolder" is ${JSON.stringify(setting)}, which leads out of ${workspaceName}; set it to a folder inside it, such as "presets".`,
    };
  return { ok: true, segments };
}
