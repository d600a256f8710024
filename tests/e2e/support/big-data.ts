/**
 * A CSV of about 600 MB for the tests of data bigger than memory, generated deterministically by
 * native DuckDB into tests/e2e/.tmp (ignored; reused while its size is right), and the answers
 * native DuckDB gives over the same file, to check the browser's against.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const BIG_ROWS = 10_000_000;
const DIR = join(import.meta.dirname, '..', '.tmp');
export const BIG_CSV = join(DIR, 'big.csv');
/** The size native DuckDB 1.5 writes for BIG_ROWS rows: a changed generator makes a new file. */
const BIG_SIZE = 598_074_547;

/** One grouped answer as one value: every group's key, count and sum, in key order, hashed. */
export const GROUPED = (from: string) =>
  `SELECT md5(string_agg(k || ':' || c || ':' || s, ',' ORDER BY k)) AS digest FROM (SELECT k, count(*) AS c, sum(v1) AS s FROM ${from} GROUP BY k)`;

export interface BigAnswers {
  readonly rows: number;
  readonly digest: string;
  /** Rows whose k is 3. */
  readonly rowsWithK3: number;
}

export async function bigCsv(): Promise<BigAnswers> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  if (!existsSync(BIG_CSV) || statSync(BIG_CSV).size !== BIG_SIZE) {
    mkdirSync(DIR, { recursive: true });
    await c.run(
      `COPY (SELECT 'id' || (i % 1000) AS id1, i % 97 AS k, (i * 7919) % 10007 AS v1, ((i * 31) % 1000) / 10.0 AS v2,
        'a fairly long padding text, row kind ' || (i % 13) AS note FROM range(${BIG_ROWS}) t(i))
       TO '${BIG_CSV}' (HEADER)`,
    );
  }
  const from = `read_csv('${BIG_CSV}')`;
  const rows = Number((await c.runAndReadAll(`SELECT count(*) FROM ${from}`)).getRows()[0]?.[0]);
  const digest = String((await c.runAndReadAll(GROUPED(from))).getRows()[0]?.[0]);
  const rowsWithK3 = Number((await c.runAndReadAll(`SELECT count(*) FROM ${from} WHERE k = 3`)).getRows()[0]?.[0]);
  c.closeSync();
  return { rows, digest, rowsWithK3 };
}
