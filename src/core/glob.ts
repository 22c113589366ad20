/**
 * Glob patterns as VS Code writes them in `files.exclude` and our exclude setting: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`, matched against workspace-relative paths with forward slashes.
 */

/** Compiles a glob into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + translate(glob.replace(/\\/g, '/').replace(/^\.\//, '')) + '$');
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more folders; a trailing "**" matches everything below.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*(?:/|$))*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      out +=
        '(?:' +
        splitTopLevel(glob.slice(i + 1, close))
          .map(translate)
          .join('|') +
        ')';
      i = close;
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else {
      out += ch.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  return out;
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** A matcher for a set of globs: true when the path, or a folder it lies in, matches one of them. */
export function createExcludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.filter((glob) => glob.trim() !== '').map(globToRegExp);
  return (relativePath) => {
    if (patterns.length === 0) return false;
    const segments = relativePath.replace(/\\/g, '/').split('/');
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      if (patterns.some((pattern) => pattern.test(prefix))) return true;
    }
    return false;
  };
}
