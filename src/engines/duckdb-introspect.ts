/**
 * What the editor asks DuckDB about: its functions (for completion) and a glance at a table (for
 * hover); and what the sidebar asks: DuckDB's memory in use against its limit.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import type { EngineMemory, FunctionInfo, TablePeek } from './engine';
import { quoteIdent } from '../sql/quote';

// One row per name: every overload's signature, built from duckdb_functions()' parameter lists.
const FUNCTIONS_SQL = `
SELECT function_name AS name, min(function_type) AS kind, max(description) AS description,
       string_agg(DISTINCT sig, chr(10)) AS sigs
FROM (
  SELECT function_name, function_type, description,
         function_name || '(' || array_to_string(list_transform(range(len(parameters)),
           i -> parameters[i + 1] || coalesce(' ' || parameter_types[i + 1], '')), ', ')
         || CASE WHEN varargs IS NOT NULL THEN ', …' ELSE '' END || ')' || coalesce(' → ' || return_type, '') AS sig
  FROM duckdb_functions()
  WHERE function_type IN ('scalar', 'aggregate', 'table', 'macro', 'table_macro') AND NOT starts_with(function_name, '__')
)
GROUP BY function_name`;

const KINDS: Readonly<Record<string, FunctionInfo['kind']>> = {
  scalar: 'scalar',
  aggregate: 'aggregate',
  table: 'table',
  macro: 'macro',
  table_macro: 'table',
};

export async function duckdbFunctions(conn: duckdb.AsyncDuckDBConnection): Promise<FunctionInfo[]> {
  const rows = (await conn.query(FUNCTIONS_SQL)).toArray() as Array<{
    name: string;
    kind: string;
    description: string | null;
    sigs: string | null;
  }>;
  return rows.map((r) => ({
    name: r.name,
    kind: KINDS[r.kind] ?? 'scalar',
    signatures: (r.sigs ?? '').split('\n').filter(Boolean).map(shorten),
    description: firstSentence(r.description ?? ''),
  }));
}

function shorten(sig: string): string {
  return sig.length > 140 ? `${sig.slice(0, 137)}…` : sig;
}

/** "One line": the first sentence, without Markdown backticks. */
export function firstSentence(text: string): string {
  const plain = text.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(plain);
  return m ? m[0] : plain;
}

export async function duckdbPeek(
  conn: duckdb.AsyncDuckDBConnection,
  schema: string | null,
  name: string,
  column: string | null,
): Promise<TablePeek> {
  const table = schema ? `${schema.split('.').map(quoteIdent).join('.')}.${quoteIdent(name)}` : quoteIdent(name);
  const count = await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
  const rows = Number(count.getChildAt(0)?.get(0) ?? 0);
  if (column === null) return { rows, samples: [] };
  const col = quoteIdent(column);
  const values = await conn.query(
    `SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM (SELECT ${col} FROM ${table} WHERE ${col} IS NOT NULL LIMIT 200) LIMIT 5`,
  );
  return { rows, samples: values.toArray().map((r: { v: string }) => String(r.v)) };
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
};

/** DuckDB's way of writing a size ("3.1 GiB", "244.1 MiB", "256MB") in bytes; NaN when it is not one. */
export function parseByteSize(text: string): number {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B)\s*$/i.exec(text);
  const unit = m?.[2] ? BYTE_UNITS[m[2].toUpperCase()] : undefined;
  return m && unit ? Number(m[1]) * unit : NaN;
}

/** DuckDB's memory in use (every buffer it holds) and its limit, in bytes. */
export async function duckdbMemory(conn: duckdb.AsyncDuckDBConnection): Promise<EngineMemory> {
  const t = await conn.query(
    "SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::DOUBLE AS used, current_setting('memory_limit') AS lim",
  );
  const used = Number(t.getChildAt(0)?.get(0) ?? 0);
  return { usedBytes: used, limitBytes: parseByteSize(String(t.getChildAt(1)?.get(0) ?? '')) };
}
