import { inline } from './text.js';

/** A column of a text table: a header and how to show a row's cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Right-align (numbers). */
  right?: boolean;
}

let terminalWidth: number | undefined;

/** The width tables are fitted to: the terminal's columns, or `undefined` (not a terminal: every cell whole). */
export function setTableWidth(width: number | undefined): void {
  terminalWidth = width !== undefined && Number.isInteger(width) && width >= 20 ? width : undefined;
}

/**
 * Rows as an aligned text table with a header line; an empty list is one line that says so. At a terminal, the
 * table is fitted to its width: the widest text columns are cut (with `…`) until it fits; numbers are never cut.
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = fitted(
    columns,
    columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => (line[i] ?? '').length))),
  );
  const render = (line: string[]) =>
    line
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const text = cell.length > width ? `${cell.slice(0, Math.max(0, width - 1))}…` : cell;
        return columns[i]?.right ? text.padStart(width) : text.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return (
    [render(columns.map((c) => c.header)), render(widths.map((w) => '─'.repeat(w))), ...cells.map(render)].join('\n') +
    '\n'
  );
}

/**
 * A list for a terminal: `a, b, c` on one line, or at a terminal wrapped to its width with the following lines
 * indented by `indent` spaces.
 */
export function wrapList(items: readonly string[], indent: number, first = indent): string {
  if (terminalWidth === undefined) return items.join(', ');
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}, ${item}`;
    const room = terminalWidth - (lines.length === 0 ? first : indent);
    if (line !== '' && next.length + 1 > room) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Column widths that fit {@link terminalWidth}: the widest text column loses a character at a time. */
function fitted<T>(columns: readonly Column<T>[], natural: number[]): number[] {
  const widths = [...natural];
  if (terminalWidth === undefined) return widths;
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  const floor = (i: number) => Math.max(columns[i]?.header.length ?? 0, 6);
  while (total() > terminalWidth) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (!columns[i]?.right && w > floor(i) && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'string') return inline(value.replace(/[ \t\r\n]+/g, ' '));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}
