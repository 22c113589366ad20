/**
 * Which files are never presets to index: those in the skipped folders, and those matching exclude globs.
 * The CLI's folder walk, the extension's index and its task-file search all ask here.
 *
 * Glob patterns as VS Code writes them in `files.exclude` and our exclude setting: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`, matched against workspace-relative paths with forward slashes.
 *
 * picomatch does the matching (see the README for why that library). Its posix entry is used because it
 * has no Node dependency, so the core stays free of I/O and the same code runs in any extension host.
 */
import picomatch from 'picomatch/posix';

/**
 * VS Code's glob dialect: dot files match like any other (`files.exclude` lists `**\/.git`), and neither
 * extglobs such as `!(x)` nor a leading `!` mean anything special there.
 */
const VSCODE_GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, nonegate: true };

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

/** A matcher for a set of globs: true when the path, or a folder it lies in, matches one of them. */
export function createExcludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs
    .map((glob) => glob.trim().replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((glob) => glob !== '');
  if (patterns.length === 0) return () => false;
  const isMatch = picomatch(patterns, VSCODE_GLOB_OPTIONS);
  return (relativePath) => {
    const segments = relativePath.replace(/\\/g, '/').split('/');
    // A pattern naming a folder (`fixtures`, `**/build`) excludes everything below it, as in files.exclude.
    for (let end = 1; end <= segments.length; end++) {
      if (isMatch(segments.slice(0, end).join('/'))) return true;
    }
    return false;
  };
}
