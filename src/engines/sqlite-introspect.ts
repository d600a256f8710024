/**
 * What the editor asks SQLite about: its functions (pragma_function_list names
 * them; sqlite-function-docs.ts describes them) and a glance at a table.
 */
import type { Database } from 'sql.js';
import type { FunctionInfo, TablePeek } from './engine';
import { quoteIdent } from '../sql/quote';
import { SQLITE_FUNCTION_DOCS } from './sqlite-function-docs';

const KINDS: Readonly<Record<string, FunctionInfo['kind']>> = { s: 'scalar', a: 'aggregate', w: 'window' };
const TABLE_FUNCTIONS = ['json_each', 'json_tree'];

function all(db: Database, sql: string): unknown[][] {
  const [res] = db.exec(sql);
  return res?.values ?? [];
}

export function sqliteFunctions(db: Database): FunctionInfo[] {
  const byName = new Map<string, { kind: FunctionInfo['kind']; args: Set<number> }>();
  for (const [name, type, narg] of all(db, 'SELECT name, type, narg FROM pragma_function_list')) {
    const key = String(name);
    // Internal helpers (sqlite_*, fts3_*) are not for users.
    if (/^(sqlite_(?!version)|fts|rtree|geopoly|unistr_)/.test(key)) continue;
    const entry = byName.get(key) ?? { kind: KINDS[String(type)] ?? 'scalar', args: new Set<number>() };
    if (entry.kind === 'scalar' && type !== 's') entry.kind = KINDS[String(type)] ?? 'scalar';
    entry.args.add(Number(narg));
    byName.set(key, entry);
  }
  for (const t of TABLE_FUNCTIONS) byName.set(t, { kind: 'table', args: new Set([1, 2]) });
  return [...byName].map(([name, { kind, args }]) => {
    const doc = SQLITE_FUNCTION_DOCS[name];
    const signatures = doc
      ? [doc[0]]
      : [...args]
          .sort()
          .map((n) => `${name}(${n < 0 ? '…' : Array.from({ length: n }, (_, i) => `arg${i + 1}`).join(', ')})`);
    return { name, kind, signatures, description: doc?.[1] ?? '' };
  });
}

export function sqlitePeek(db: Database, schema: string | null, name: string, column: string | null): TablePeek {
  const table = schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
  const rows = Number(all(db, `SELECT count(*) FROM ${table}`)[0]?.[0] ?? 0);
  if (column === null) return { rows, samples: [] };
  const col = quoteIdent(column);
  const values = all(
    db,
    `SELECT DISTINCT CAST(${col} AS TEXT) FROM (SELECT ${col} FROM ${table} WHERE ${col} IS NOT NULL LIMIT 200) LIMIT 5`,
  );
  return { rows, samples: values.map((r) => String(r[0])) };
}
