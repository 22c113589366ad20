/** Finds `*.preset.json` files under folders on disk (CLI and benchmarks; the extension uses VS Code's search). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRESET_FILE_SUFFIX, isSkippedFolder } from '../core/skippedFolders';
import { decodeFileName, fileSystemPath } from './fileNames';

/** Something the walk passed over that may have held presets: named so that no skip goes without a word. */
export interface SkippedPath {
  readonly path: string;
  /** Why, e.g. "cannot read this folder (EACCES)" or "is a FIFO (named pipe), not a regular file". */
  readonly reason: string;
}

/** A preset file found, and the real path that identifies it (a link and its target are one file). */
export interface FoundPresetFile {
  readonly path: string;
  /** The real path, its bytes as Latin-1 (so undecodable names never look alike). */
  readonly real: string;
  /** True when the file was reached through a link to a file. */
  readonly viaLink: boolean;
}

export interface FindOptions {
  /** Told of every folder that cannot be read, link that leads nowhere and preset-named file that is not a file. */
  readonly onSkipped?: (skipped: SkippedPath) => void;
  /**
   * True for a path the workspace's settings exclude (a folder excludes all below it): the walk passes over
   * it without a word, as the extension's index does. A root given by name is never excluded.
   */
  readonly excluded?: (file: string) => boolean;
}

/**
 * Every `*.preset.json` under `root` (a folder or a file), sorted. Follows symbolic links but never
 * enters a folder twice, so link loops end.
 */
export function findPresetFiles(root: string, options: FindOptions = {}): string[] {
  return scanPresetFiles(root, options).map((file) => file.path);
}

/** {@link findPresetFiles}, with each file's real path. */
export function scanPresetFiles(root: string, options: FindOptions = {}): FoundPresetFile[] {
  const found: FoundPresetFile[] = [];
  const visited = new Set<string>();
  const skip = (file: string, reason: string): void => options.onSkipped?.({ path: file, reason });
  const walk = (folder: string): void => {
    let real: string;
    try {
      // Latin-1 keeps every byte of the real path, so two folders with undecodable names never look alike.
      real = fs.realpathSync(fileSystemPath(folder), { encoding: 'latin1' });
    } catch (error) {
      return skip(folder, `cannot read this folder (${errorCode(error)}); the presets in it are skipped`);
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: FolderEntry[];
    try {
      entries = fs.readdirSync(fileSystemPath(folder), { withFileTypes: true });
      // A name that is not valid UTF-8 came back with U+FFFD and names no file: read its bytes instead.
      if (entries.some((entry) => entry.name.includes('\ufffd')))
        entries = fs.readdirSync(fileSystemPath(folder), { withFileTypes: true, encoding: 'buffer' }).map((entry) => ({
          name: decodeFileName(entry.name),
          isDirectory: () => entry.isDirectory(),
          isFile: () => entry.isFile(),
          isSymbolicLink: () => entry.isSymbolicLink(),
          isFIFO: () => entry.isFIFO(),
          isSocket: () => entry.isSocket(),
          isCharacterDevice: () => entry.isCharacterDevice(),
          isBlockDevice: () => entry.isBlockDevice(),
        }));
    } catch (error) {
      return skip(folder, `cannot read this folder (${errorCode(error)}); the presets in it are skipped`);
    }
    // `folder` is absolute and normalized, an entry's name a single segment: joining needs no path.join,
    // whose normalizing cost more than reading the small files found.
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    const realPrefix = real.endsWith(path.sep) ? real : real + path.sep;
    for (const entry of entries) {
      const full = prefix + entry.name;
      if (options.excluded?.(full)) continue;
      let kind: FileKind = entry;
      const link = entry.isSymbolicLink();
      if (link) {
        try {
          kind = fs.statSync(fileSystemPath(full));
        } catch (error) {
          skip(full, `is a link that leads nowhere (${errorCode(error)}); skipped`);
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (!isSkippedFolder(entry.name)) walk(full);
      } else if (entry.name.endsWith(PRESET_FILE_SUFFIX)) {
        if (!kind.isFile()) skip(full, `is ${specialKind(kind)}, not a regular file; skipped`);
        else if (!link) found.push({ path: full, real: realPrefix + latin1(entry.name), viaLink: false });
        else {
          const target = realPathOf(full);
          if (target !== undefined) found.push({ path: full, real: target, viaLink: true });
        }
      }
    }
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(fileSystemPath(root));
  } catch {
    return [];
  }
  const resolved = path.resolve(root);
  if (stat.isFile()) {
    const real = realPathOf(resolved);
    return [{ path: resolved, real: real ?? resolved, viaLink: real !== undefined && real !== latin1(resolved) }];
  }
  if (stat.isDirectory()) walk(resolved);
  else skip(resolved, `is ${specialKind(stat)}, not a preset file or folder; skipped`);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

type FileKind = Pick<
  fs.Dirent,
  'isDirectory' | 'isFile' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'
>;
type FolderEntry = FileKind & Pick<fs.Dirent, 'isSymbolicLink'> & { readonly name: string };

/** What a file that is neither a regular file nor a folder is, for a message. */
export function specialKind(kind: FileKind): string {
  if (kind.isFIFO()) return 'a FIFO (named pipe)';
  if (kind.isSocket()) return 'a socket';
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'a device';
  return 'a special file';
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(fileSystemPath(file), { encoding: 'latin1' });
  } catch {
    return undefined;
  }
}

/** A name as its bytes read as Latin-1, as realpathSync gives them with that encoding. */
function latin1(name: string): string {
  const bytes = fileSystemPath(name);
  return typeof bytes === 'string' ? Buffer.from(bytes, 'utf8').toString('latin1') : bytes.toString('latin1');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
