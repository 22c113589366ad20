/** Finds `*.preset.json` files under folders on disk (CLI and benchmarks; the extension uses VS Code's search). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRESET_FILE_SUFFIX, isSkippedFolder } from '../core/skippedFolders';
import { decodeFileName, fileSystemPath } from './fileNames';

/**
 * Every `*.preset.json` under `root` (a folder or a file), sorted. Follows symbolic links but never
 * enters a folder twice, so link loops end.
 */
export function findPresetFiles(root: string): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    try {
      // Latin-1 keeps every byte of the real path, so two folders with undecodable names never look alike.
      real = fs.realpathSync(fileSystemPath(folder), { encoding: 'latin1' });
    } catch {
      return;
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
        }));
    } catch {
      return;
    }
    // `folder` is absolute and normalized, an entry's name a single segment: joining needs no path.join,
    // whose normalizing cost more than reading the small files found.
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    for (const entry of entries) {
      const full = prefix + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statOrUndefined(full);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory && !isSkippedFolder(entry.name)) walk(full);
      else if (isFile && entry.name.endsWith(PRESET_FILE_SUFFIX)) found.push(full);
    }
  };
  const stat = statOrUndefined(root);
  if (stat?.isFile()) return [path.resolve(root)];
  if (stat?.isDirectory()) walk(path.resolve(root));
  return found.sort();
}

type FolderEntry = Pick<fs.Dirent, 'isDirectory' | 'isFile' | 'isSymbolicLink'> & { readonly name: string };

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(fileSystemPath(file));
  } catch {
    return undefined;
  }
}
