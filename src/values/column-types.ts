/**
 * A result's columns as the engine typed them. DuckDB columns read as text (engines/duckdb-types.ts)
 * arrive as VARCHAR; each field carries DuckDB's type name in its metadata, so the header, sorting,
 * filtering and the grid's alignment follow the stored column, not the text it was read as.
 */
import { DataType, type Field } from 'apache-arrow';
import { castsToText, duckdbKind, DUCKDB_TYPE } from '../engines/duckdb-types';
import { columnKind, typeLabel } from './format';
import type { ColumnKind } from '../engines/view-filter';

export { DUCKDB_TYPE };

export function duckdbTypeOf(field: Field): string | undefined {
  return field.metadata.get(DUCKDB_TYPE);
}

/** The DuckDB type of a column that was read as its text; undefined for a column read as it is. */
export function textReadType(field: Field): string | undefined {
  const t = duckdbTypeOf(field);
  return t !== undefined && DataType.isUtf8(field.type) && castsToText(t, 'show') ? t : undefined;
}

/** How sorting, filtering, profiling and charting treat the column. */
export function fieldKind(field: Field): ColumnKind {
  const t = textReadType(field);
  return t === undefined ? columnKind(field.type as DataType) : duckdbKind(t);
}

/** The type shown in the column's header: DuckDB's own name where the column was read as text. */
export function fieldLabel(field: Field): string {
  const t = textReadType(field);
  if (t === undefined) return typeLabel(field.type as DataType);
  const lower = t.toLowerCase();
  return lower.length > 40 ? `${lower.slice(0, 39)}…` : lower;
}
