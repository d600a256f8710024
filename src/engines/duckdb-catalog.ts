/** Lists DuckDB's tables and views with their columns, for the sidebar. */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { RESULTS_SCHEMA, type ColumnInfo, type TableInfo } from './engine';

export async function describeDuckdb(conn: duckdb.AsyncDuckDBConnection, hidden: string): Promise<TableInfo[]> {
  const rows = await conn.query(`
    SELECT c.database_name AS db, c.schema_name AS sch, c.table_name AS tbl, c.column_name AS col, c.data_type AS typ,
           (v.view_name IS NOT NULL) AS is_view,
           -- The default database is "memory", or the kept database's file name.
           (c.database_name IN (current_database(), 'temp')) AS is_local
    FROM duckdb_columns() c
    LEFT JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
    WHERE NOT c.internal AND c.table_name <> '${hidden}' AND c.schema_name <> '${RESULTS_SCHEMA}'
    ORDER BY c.database_name, c.schema_name, c.table_name, c.column_index`);
  const tables = new Map<string, { info: Omit<TableInfo, 'columns'>; columns: ColumnInfo[] }>();
  for (const r of rows.toArray() as Array<{
    db: string;
    sch: string;
    tbl: string;
    col: string;
    typ: string;
    is_view: boolean;
    is_local: boolean;
  }>) {
    const key = `${r.db}\u0000${r.sch}\u0000${r.tbl}`;
    let t = tables.get(key);
    if (!t) {
      const schema = r.is_local ? (r.sch === 'main' ? null : r.sch) : r.sch === 'main' ? r.db : `${r.db}.${r.sch}`;
      t = { info: { engine: 'duckdb', schema, name: r.tbl, kind: r.is_view ? 'view' : 'table' }, columns: [] };
      tables.set(key, t);
    }
    t.columns.push({ name: r.col, type: r.typ });
  }
  return [...tables.values()].map((t) => ({ ...t.info, columns: t.columns }));
}
