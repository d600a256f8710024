/** The document: what each cell is. This part is saved; run state is not. */
import type { ResultViewSettings } from './view-settings';
import type { NetworkAccess } from './network';

export type CellId = string & { readonly __brand: 'CellId' };
export type CellKind = 'sql' | 'markdown';
export type EngineId = 'duckdb' | 'sqlite';

export const ENGINE_LABELS: Record<EngineId, string> = { duckdb: 'DuckDB', sqlite: 'SQLite' };

export interface Cell {
  readonly id: CellId;
  readonly kind: CellKind;
  readonly engine: EngineId;
  readonly source: string;
  /** The table name other cells use for this cell's result; unique in the notebook, ignoring case. */
  readonly name: string;
  /** Sort, filters and chart of the result view. */
  readonly view?: ResultViewSettings;
}

export interface Notebook {
  readonly version: 1;
  readonly title: string;
  /** Cell order, separate from cell contents so moves touch one array. */
  readonly order: readonly CellId[];
  readonly cells: Readonly<Record<CellId, Cell>>;
  /**
   * The remote hosts and DuckDB extensions this notebook asks for. A request only: what the user
   * allowed is kept in this browser (the library entry), never in the document.
   */
  readonly network?: NetworkAccess;
}

let counter = 0;
/** The one way to make a cell id: unique within a page, and across reloads thanks to the time part. */
export function createCellId(): CellId {
  counter = (counter + 1) % 1_000_000;
  const rand = Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `c${Date.now().toString(36)}${counter.toString(36)}${rand}` as CellId;
}

export function createCell(kind: CellKind, source: string, engine: EngineId, name: string): Cell {
  return { id: createCellId(), kind, engine, source, name };
}
