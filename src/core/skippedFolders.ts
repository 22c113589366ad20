/**
 * Which folders are never searched for presets: the one definition the CLI's folder walk, the extension's
 * index and its task-file search all use. Exclude globs come on top of these (./glob.ts).
 */

/** Folders never searched: dependencies and version control. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git'];

/** The suffix that makes a file a preset file. */
export const PRESET_FILE_SUFFIX = '.preset.json';

/** True for a folder name the walk never enters. */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.includes(name);
}

/** True when a workspace-relative path lies in a skipped folder. */
export function isInSkippedFolder(relativePath: string): boolean {
  return relativePath.replace(/\\/g, '/').split('/').some(isSkippedFolder);
}

/** The skipped folders as one glob, for searches that take an exclude pattern. */
export const SKIPPED_FOLDERS_GLOB = `**/{${SKIPPED_FOLDERS.join(',')}}/**`;
