/**
 * Glob patterns as VS Code writes them in `files.exclude` and our exclude setting: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`, matched against workspace-relative paths with forward slashes.
 *
 * zeptomatch compiles them (see the README for why that library); the compiled expression is kept by the
 * matcher that needs it. Kept apart from ./skippedFolders.ts so the CLI, which needs no globs, does not
 * bundle the library.
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

/** VS Code's globs have no negation: a leading "!" is a character of the name, as in files.exclude. */
function literalLeadingBang(glob: string): string {
  return glob.startsWith('!') ? '\\' + glob : glob;
}
