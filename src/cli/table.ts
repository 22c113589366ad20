/** Plain-text tables for terminal output: columns padded to their widest cell, in terminal cells. */
import { displayWidth, escapeTerminalMessage, escapeTerminalText } from '../core/terminalText';

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** The cells are values written as JSON (formatScalar), quoted and escaped already: escaped once more would be twice. */
  readonly quoted?: boolean;
}

/**
 * Lays out rows under headers, two spaces between columns, no trailing spaces. Cells are escaped for the
 * terminal (a newline in a cell would break the row) and measured by display width, so wide CJK characters
 * and emoji keep the columns aligned.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const safeRows = rows.map((row) =>
    columns.map((column, i) => (column.quoted ? escapeTerminalMessage : escapeTerminalText)(row[i] ?? '')),
  );
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...safeRows.map((row) => displayWidth(row[i]))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const padding = ' '.repeat(widths[i] - displayWidth(cell));
        return columns[i].align === 'right' ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...safeRows.map(line)].join('\n');
}
