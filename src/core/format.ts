/** JSON text as people write presets: objects one key per line, lists of scalars on one line. */

export interface FormatOptions {
  /** One level of indentation, e.g. two spaces or a tab. */
  readonly indent?: string;
  /** Indentation of the line the value starts on; nested lines add to it. */
  readonly baseIndent?: string;
  readonly eol?: string;
}

/** Serializes a JSON value; lists holding only scalars stay on one line (`"tp-size": [1, 2]`). */
export function formatJson(value: unknown, options: FormatOptions = {}): string {
  const indent = options.indent ?? '  ';
  const eol = options.eol ?? '\n';
  const write = (current: unknown, level: string): string => {
    if (Array.isArray(current)) {
      if (current.length === 0) return '[]';
      if (current.every((item) => item === null || typeof item !== 'object')) {
        return '[' + current.map((item) => JSON.stringify(item ?? null)).join(', ') + ']';
      }
      const inner = level + indent;
      return '[' + eol + current.map((item) => inner + write(item, inner)).join(',' + eol) + eol + level + ']';
    }
    if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).filter(([, item]) => item !== undefined);
      if (entries.length === 0) return '{}';
      const inner = level + indent;
      return (
        '{' +
        eol +
        entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner)}`).join(',' + eol) +
        eol +
        level +
        '}'
      );
    }
    return JSON.stringify(current ?? null);
  };
  return write(value, options.baseIndent ?? '');
}

/** The indentation unit and line ending a document already uses, so edits match it. */
export function detectFormatting(text: string): { indent: string; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const match = /^([ \t]+)\S/m.exec(text);
  const indent = match ? (match[1].startsWith('\t') ? '\t' : match[1]) : '  ';
  return { indent, eol };
}
