/**
 * Moving presets in and out (SPEC §4): the autotuner's export envelope, preset files, and file names
 * that are safe on every platform.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { formatJson } from './format';
import type { Preset } from './model';
import type { ValueTokens } from './runtime/pythonStr';
import { writtenToken } from './runtime/valueTokens';
import { EXPORT_FORMAT_VERSION, NAME_MAX_LENGTH } from './presetRules';

/**
 * The export envelope the autotuner's import endpoint accepts unchanged. The autotuner keeps `metadata` but
 * drops `runtime` on its own import and export, so the runtime is written into `metadata.runtime` too (unless
 * the metadata names one already): a preset keeps its runtime through the autotuner, and our import reads it.
 */
export function toExportEnvelope(preset: Preset): { version: string; preset: Record<string, unknown> } {
  let metadata = preset.metadata;
  if (preset.runtime && (metadata === null || !Object.prototype.hasOwnProperty.call(metadata, 'runtime')))
    metadata = { ...metadata, runtime: preset.runtime };
  const body: Record<string, unknown> = {
    name: preset.name,
    description: preset.description,
    category: preset.category,
    parameters: preset.parameters,
    metadata,
  };
  if (preset.runtime) body.runtime = preset.runtime;
  return { version: EXPORT_FORMAT_VERSION, preset: body };
}

/**
 * The export file's text: strict JSON, two-space indent, no comments; numbers as the preset's file wrote them
 * (`tokens`, from {@link presetValueTokens}, keeps a whole number written `2.0` a float, as Python reads it).
 */
export function serializeExport(preset: Preset, tokens?: ValueTokens): string {
  return formatJson(toExportEnvelope(preset), { numberText: numberText(preset, ['preset'], tokens) }) + '\n';
}

/**
 * A preset as the text of a `*.preset.json` file. Absent optional fields are left out; unknown keys kept;
 * numbers as the preset's file wrote them.
 */
export function serializePresetFile(preset: Preset, tokens?: ValueTokens): string {
  const body: Record<string, unknown> = { name: preset.name };
  if (preset.description !== null) body.description = preset.description;
  if (preset.category !== null) body.category = preset.category;
  if (preset.runtime !== null) body.runtime = preset.runtime;
  body.parameters = preset.parameters;
  if (preset.metadata !== null) body.metadata = preset.metadata;
  for (const [key, value] of Object.entries(preset.extra)) {
    Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return formatJson(body, { numberText: numberText(preset, [], tokens) }) + '\n';
}

/** How each number is written: a parameter's as its token says, any other as the preset's file wrote it. */
function numberText(
  preset: Preset,
  prefix: readonly string[],
  tokens: ValueTokens | undefined,
): ((path: readonly (string | number)[], value: number) => string | undefined) | undefined {
  const written = writtenNumberText(preset, prefix);
  if (!tokens) return written;
  return (path, value) => {
    const [parameters, key, index] = path.slice(prefix.length);
    const token =
      parameters === 'parameters' && typeof key === 'string' && typeof index === 'number'
        ? writtenToken(tokens, key, index, value)
        : undefined;
    return token ?? written?.(path, value);
  };
}

/**
 * Writes back the numbers the preset's file wrote that read as another (`9007199254740993`, `1e400`, which
 * `JSON.stringify` would write as `9007199254740992` and `null`). A number is written as its source only
 * where the value at its path is still the one it read as: a changed preset writes what it holds.
 */
function writtenNumberText(
  preset: Preset,
  prefix: readonly string[],
): ((path: readonly (string | number)[], value: number) => string | undefined) | undefined {
  const written = preset.writtenNumbers;
  if (!written?.length) return undefined;
  const byPath = new Map(written.map((number) => [JSON.stringify([...prefix, ...number.path]), number]));
  return (path, value) => {
    const number = byPath.get(JSON.stringify(path));
    return number && Object.is(number.value, value) ? number.source : undefined;
  };
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
// Everything but letters and digits (in any script) separates words: punctuation in a file name is noise
// at best ("-(2)", "-+-") and at worst a path separator, a character Windows forbids or a control code.
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{M}\p{N}]+/gu;
const MAX_SLUG_LENGTH = 100;
/**
 * File systems limit a name to 255 bytes, not characters: a slug of 100 CJK characters is 300 bytes. The bound
 * leaves room for the longest affixes added to it (`preset-`, `-NNN`, `.preset.json`).
 */
const MAX_SLUG_BYTES = 200;

/**
 * The file-name stem for a preset name: lowercased letters and digits, every other run of characters one
 * "-", bounded in characters and UTF-8 bytes. So a name can never steer a write outside its folder, and
 * reserved device names get a suffix.
 */
export function slugifyPresetName(name: string): string {
  const words = name.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '-');
  const slug = truncateUtf8([...trimDashes(words)].slice(0, MAX_SLUG_LENGTH), MAX_SLUG_BYTES);
  const bounded = trimDashes(slug);
  if (bounded === '') return 'preset';
  return WINDOWS_RESERVED.test(bounded) ? `${bounded}-preset` : bounded;
}

function trimDashes(text: string): string {
  return text.replace(/^-+|-+$/g, '');
}

/** The longest prefix of `characters` whose UTF-8 encoding fits in `maxBytes`, cut on whole code points. */
function truncateUtf8(characters: readonly string[], maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (; end < characters.length; end++) {
    const code = characters[end].codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
  }
  return characters.slice(0, end).join('');
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

/**
 * A preset file's text without `"metadata": {"author": "system"}`: a copy of a system preset is the user's
 * own, and must not claim to be the system's. Only that key is removed; comments and formatting stay.
 */
export function withoutSystemAuthor(text: string): string {
  const author = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['metadata', 'author']);
  if (author?.value !== 'system') return text;
  return applyEdits(
    text,
    modify(text, ['metadata', 'author'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
  );
}
