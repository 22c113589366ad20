/**
 * Moving presets in and out (SPEC §4): the autotuner's export envelope, preset files, and file names
 * that are safe on every platform.
 */
import { analyzePresetText, type PresetAnalysis } from './analyze';
import { formatJson } from './format';
import type { Preset } from './model';
import { EXPORT_FORMAT_VERSION, NAME_MAX_LENGTH } from './presetRules';

/** The export envelope the autotuner's import endpoint accepts unchanged. */
export function toExportEnvelope(preset: Preset): { version: string; preset: Record<string, unknown> } {
  const body: Record<string, unknown> = {
    name: preset.name,
    description: preset.description,
    category: preset.category,
    parameters: preset.parameters,
    metadata: preset.metadata,
  };
  if (preset.runtime) body.runtime = preset.runtime;
  return { version: EXPORT_FORMAT_VERSION, preset: body };
}

/** The export file's text: strict JSON, two-space indent, no comments. */
export function serializeExport(preset: Preset): string {
  return formatJson(toExportEnvelope(preset)) + '\n';
}

/** A preset as the text of a `*.preset.json` file. Absent optional fields are left out; unknown keys kept. */
export function serializePresetFile(preset: Preset): string {
  const body: Record<string, unknown> = { name: preset.name };
  if (preset.description !== null) body.description = preset.description;
  if (preset.category !== null) body.category = preset.category;
  if (preset.runtime !== null) body.runtime = preset.runtime;
  body.parameters = preset.parameters;
  if (preset.metadata !== null) body.metadata = preset.metadata;
  for (const [key, value] of Object.entries(preset.extra)) {
    Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return formatJson(body) + '\n';
}

/** Reads a file to import: an export envelope, a bare preset or an autotuner API object. */
export function analyzeImport(text: string): PresetAnalysis {
  return analyzePresetText(text, { origin: 'import' });
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
// Path separators, characters Windows forbids, and control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_SLUG_LENGTH = 100;

/**
 * The file-name stem for a preset name: lowercased, whitespace runs become "-" (as the autotuner does),
 * and anything a file system could misread (separators, "..", reserved device names) is neutralized,
 * so a name can never steer a write outside the folder it is meant for.
 */
export function slugifyPresetName(name: string): string {
  let slug = name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(UNSAFE_CHARACTERS, '-')
    .replace(/^[.-]+|[.\s]+$/g, '');
  slug = [...slug]
    .slice(0, MAX_SLUG_LENGTH)
    .join('')
    .replace(/[.\s]+$/, '');
  if (slug === '') return 'preset';
  // Windows reserves "nul.txt" as well as "nul": the part before the first dot is what counts.
  const stem = slug.split('.')[0];
  return WINDOWS_RESERVED.test(stem) ? `${stem}-preset${slug.slice(stem.length)}` : slug;
}

/** Default export file name: `preset-<slug>.json`. */
export function exportFileName(name: string): string {
  return `preset-${slugifyPresetName(name)}.json`;
}

/** File name of a workspace preset: `<slug>.preset.json`. */
export function presetFileName(name: string): string {
  return `${slugifyPresetName(name)}.preset.json`;
}

/** A file name that does not exist yet: `x.preset.json`, then `x-2.preset.json`, `x-3.preset.json`… */
export function uniquePresetFileName(name: string, exists: (fileName: string) => boolean): string {
  const stem = slugifyPresetName(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${stem}.preset.json` : `${stem}-${n}.preset.json`;
    if (!exists(candidate)) return candidate;
  }
}

/** A preset name that is not taken yet: `Name`, then `Name (2)`, `Name (3)`… (within the length limit). */
export function uniquePresetName(name: string, isTaken: (name: string) => boolean): string {
  const base = name.trim();
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    // Cut on whole characters: names are limited in characters, and half a surrogate pair is no character.
    const candidate = [...base].slice(0, NAME_MAX_LENGTH - suffix.length).join('') + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** A copy of a preset under another name. */
export function withName(preset: Preset, name: string): Preset {
  return { ...preset, name: name.trim() };
}
