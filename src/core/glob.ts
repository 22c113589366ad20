/**
 * Glob patterns as VS Code writes them in `files.exclude` and our exclude setting: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`, matched against workspace-relative paths with forward slashes.
 *
 * zeptomatch compiles them (see the README for why that library); the compiled expression is kept by the
 * matcher that needs it.
 */
import zeptomatch from 'zeptomatch';

/** A matcher for a set of globs: true when the path, or a folder it lies in, matches one of them. */
export function createExcludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs
    .map((glob) => glob.trim().replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((glob) => glob !== '');
  if (patterns.length === 0) return () => false;
  const pattern = zeptomatch.compile(patterns.map(literalLeadingBang));
  return (relativePath) => {
    const segments = relativePath.replace(/\\/g, '/').split('/');
    // A pattern naming a folder (`fixtures`, `**/build`) excludes everything below it, as in files.exclude.
    for (let end = 1; end <= segments.length; end++) {
      if (pattern.test(segments.slice(0, end).join('/'))) return true;
    }
    return false;
  };
}

/**
 * What a workspace folder's settings exclude from its presets, on top of the skipped folders
 * (./skippedFolders.ts): `files.exclude` and `parameterPresets.exclude`. The extension's index and the CLI's
 * walk both ask this, so both see the same presets.
 */
export function workspaceExcludeMatcher(settings: {
  readonly filesExclude: readonly string[];
  readonly exclude: readonly string[];
}): (relativePath: string) => boolean {
  return createExcludeMatcher([...settings.filesExclude, ...settings.exclude]);
}

/** VS Code's globs have no negation: a leading "!" is a character of the name, as in files.exclude. */
function literalLeadingBang(glob: string): string {
  return glob.startsWith('!') ? '\\' + glob : glob;
}
