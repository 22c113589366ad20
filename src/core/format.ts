/** JSON text as people write presets: objects one key per line, lists of scalars on one line. */

export interface FormatOptions {
  /** One level of indentation, e.g. two spaces or a tab. */
  readonly indent?: string;
  /** Indentation of the line the value starts on; nested lines add to it. */
  readonly baseIndent?: string;
  readonly eol?: string;
  /**
   * The text of a number at a path, when it is to be written as something other than `JSON.stringify` writes
   * it (a number as its file wrote it, say); undefined for the usual text.
   */
  readonly numberText?: (path: readonly (string | number)[], value: number) => string | undefined;
}

/** Serializes a JSON value; lists holding only scalars stay on one line (`"tp-size": [1, 2]`). */
export function formatJson(value: unknown, options: FormatOptions = {}): string {
  const indent = options.indent ?? '  ';
  const eol = options.eol ?? '\n';
  const numberText = options.numberText;
  // Paths are followed only for numberText: most texts need none, and building them costs.
  const scalar = (item: unknown, path: readonly (string | number)[] | undefined): string =>
    (numberText && path && typeof item === 'number' && numberText(path, item)) || JSON.stringify(item ?? null);
  const child = (path: readonly (string | number)[] | undefined, step: string | number) => path && [...path, step];
  const write = (current: unknown, level: string, path: readonly (string | number)[] | undefined): string => {
    if (Array.isArray(current)) {
      if (current.length === 0) return '[]';
      if (current.every((item) => item === null || typeof item !== 'object')) {
        return '[' + current.map((item, i) => scalar(item, child(path, i))).join(', ') + ']';
      }
      const inner = level + indent;
      return (
        '[' +
        eol +
        current.map((item, i) => inner + write(item, inner, child(path, i))).join(',' + eol) +
        eol +
        level +
        ']'
      );
    }
    if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).filter(([, item]) => item !== undefined);
      if (entries.length === 0) return '{}';
      const inner = level + indent;
      return (
        '{' +
        eol +
        entries
          .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner, child(path, key))}`)
          .join(',' + eol) +
        eol +
        level +
        '}'
      );
    }
    return scalar(current, path);
  };
  return write(value, options.baseIndent ?? '', numberText ? [] : undefined);
}

/** The indentation unit and line ending a document already uses, so edits match it. */
export function detectFormatting(text: string): { indent: string; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const match = /^([ \t]+)\S/m.exec(text);
  const indent = match ? (match[1].startsWith('\t') ? '\t' : match[1]) : '  ';
  return { indent, eol };
}
