/**
 * Creating a new preset file when other processes may be creating the same one: the file name that the
 * name's slug gives is the lock. Files are created exclusively, and a file that exists already is read
 * to see whether it holds the same name, so two writers can never both take a name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializePresetFile, uniquePresetFileName, uniquePresetName, withName } from '../core/exchange';
import { Limits } from '../core/limits';
import type { Preset } from '../core/model';
import { writeFileAtomic } from './atomicWrite';
import { analyzePresetFile } from './loadPresets';

/** The name is taken: by a preset the caller knew of, or by a file another writer created meanwhile. */
export class NameTakenError extends Error {
  constructor(
    readonly presetName: string,
    readonly file?: string,
  ) {
    super(`a preset named "${presetName}" already exists${file ? ` (${file})` : ''}`);
    this.name = 'NameTakenError';
  }
}

/** The file would be larger than a preset file may be to be read back. */
export class TooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the preset file would be ${bytes} bytes, over the limit of ${maxBytes}`);
    this.name = 'TooLargeError';
  }
}

export interface CreatePresetFileOptions {
  /** True when the name is taken by a preset the caller already knows of (its catalog). */
  readonly isTaken: (name: string) => boolean;
  /** On a clash: fail (NameTakenError), or take the next free name: "Name (2)", "Name (3)"… */
  readonly onClash: 'fail' | 'rename';
  readonly maxBytes?: number;
}

/** Creates `folder/<slug>.preset.json` (or `<slug>-2…`) for `preset`; returns the file and the preset written. */
export function createPresetFile(
  folder: string,
  preset: Preset,
  options: CreatePresetFileOptions,
): { file: string; preset: Preset } {
  const maxBytes = options.maxBytes ?? Limits.defaultMaxFileBytes;
  // Names other writers took while this one ran, found in the files they created.
  const takenMeanwhile = new Set<string>();
  const taken = (name: string): boolean => options.isTaken(name) || takenMeanwhile.has(fold(name));
  for (;;) {
    let candidate = preset;
    if (taken(preset.name)) {
      if (options.onClash === 'fail') throw new NameTakenError(preset.name);
      candidate = withName(preset, uniquePresetName(preset.name, taken));
    }
    const text = serializePresetFile(candidate);
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) throw new TooLargeError(bytes, maxBytes);
    // A file that exists is skipped unless it holds this very name: then the name is taken, not the file.
    let clash: string | undefined;
    const fileName = uniquePresetFileName(candidate.name, (name) => {
      const file = path.join(folder, name);
      if (!exists(file)) return false;
      if (clash === undefined && holdsName(file, candidate.name)) clash = file;
      return true;
    });
    if (clash !== undefined) {
      if (options.onClash === 'fail') throw new NameTakenError(candidate.name, clash);
      takenMeanwhile.add(fold(candidate.name));
      continue;
    }
    try {
      const file = writeFileAtomic(path.join(folder, fileName), text, { exclusive: true });
      return { file, preset: candidate };
    } catch (error) {
      // Another writer created this file name first: look again at what it holds.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** True when the file's preset is named `name`, as names compare (ignoring case). */
function holdsName(file: string, name: string): boolean {
  const found = analyzePresetFile(file, 'workspace').name;
  return typeof found === 'string' && fold(found) === fold(name);
}

function fold(name: string): string {
  return name.trim().toLowerCase();
}
