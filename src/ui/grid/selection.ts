/** Cell and range selection in the grid, and copying a range as TSV or Markdown. Pure. */

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

export interface Selection {
  /** Where the selection started (shift-click and shift-arrows keep it). */
  readonly anchor: CellPos;
  /** The active cell. */
  readonly focus: CellPos;
}

export interface Range {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export function rangeOf(s: Selection): Range {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function inRange(r: Range, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function clampPos(p: CellPos, rows: number, cols: number): CellPos {
  return { row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) };
}

/** A TSV field: tabs and newlines would break the grid a spreadsheet pastes into, so such fields are quoted. */
function tsvField(v: string): string {
  return /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toTsv(header: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const lines = header ? [header, ...rows] : rows;
  return lines.map((r) => r.map(tsvField).join('\t')).join('\n');
}

function mdField(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table; numeric columns are right-aligned. */
export function toMarkdown(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
): string {
  const head = `| ${header.map(mdField).join(' | ')} |`;
  const rule = `| ${header.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((r) => `| ${r.map(mdField).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}
