/**
 * Run in both engines (issue 13): a cell's SQL answered by DuckDB and by SQLite, side by side.
 * The cell's own engine gives its usual result; the other engine runs the same text as a side
 * query (nothing is stored under the cell's name there), with the cell's inputs moved to it.
 */
import type { Table } from 'apache-arrow';
import { ENGINE_LABELS, type Cell, type EngineId } from '../notebook/cells';
import { dialectNotes, type DifferenceKind } from '../sql/dialect-notes';
import { codeTokens } from '../sql/lexer';
import { toNotebookError, type ErrorData } from '../sql/errors';
import { compareResults, type Comparison } from '../values/compare-results';
import type { Engine } from '../engines/engine';

/** What one engine answered: its first rows, or its error. */
export type EngineAnswer =
  | { readonly engine: EngineId; readonly table: Table; readonly totalRows: number | null }
  | { readonly engine: EngineId; readonly error: ErrorData };

export interface BothEngines {
  /** DuckDB's answer first, then SQLite's. */
  readonly answers: readonly [EngineAnswer, EngineAnswer];
  /** Null when one side failed or gave no rows. */
  readonly comparison: Comparison | null;
  /** Why the dialects differ here, when they do. */
  readonly notes: readonly string[];
  /** Rows compared per side (the first rows each engine sends). */
  readonly compared: number;
}

export const COMPARED_ROWS = 1000;

/** The other engine's answer to the cell's text, its inputs moved there first. */
export async function sideAnswer(
  cell: Cell,
  engine: Engine,
  moveInputs: (cell: Cell, engine: Engine) => Promise<unknown>,
): Promise<EngineAnswer> {
  try {
    await moveInputs({ ...cell, engine: engine.id }, engine);
    const r = await engine.query(cell.source, { maxRows: COMPARED_ROWS });
    if (r.kind !== 'rows')
      return { engine: engine.id, error: { code: 'sql', message: 'The last statement returned no rows.' } };
    return { engine: engine.id, table: r.table, totalRows: r.totalRows };
  } catch (err) {
    return { engine: engine.id, error: toNotebookError(err, { code: 'sql' }).toData() };
  }
}

/** Both answers compared, DuckDB's first. */
export function bothEngines(source: string, own: EngineAnswer, other: EngineAnswer): BothEngines {
  const [duck, lite] = own.engine === 'duckdb' ? [own, other] : [other, own];
  const ordered = codeTokens(source, 'duckdb').some((t) => t.kind === 'word' && t.upper === 'ORDER');
  const comparison =
    'table' in duck && 'table' in lite
      ? compareResults([ENGINE_LABELS.duckdb, ENGINE_LABELS.sqlite], duck.table, lite.table, ordered, COMPARED_ROWS)
      : null;
  const failed = !('table' in duck) || !('table' in lite);
  const kinds = new Set<DifferenceKind>(comparison?.kinds ?? []);
  if (failed && ('table' in duck || 'table' in lite)) kinds.add('error');
  return { answers: [duck, lite], comparison, notes: dialectNotes(source, kinds), compared: COMPARED_ROWS };
}
