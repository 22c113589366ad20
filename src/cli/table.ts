/** Plain-text tables for terminal output: columns padded to their widest cell. */

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Lays out rows under headers, two spaces between columns, no trailing spaces. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const padding = ' '.repeat(widths[i] - displayWidth(cell));
        return columns[i].align === 'right' ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n');
}

function displayWidth(text: string): number {
  return [...text].length;
}
