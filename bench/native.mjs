/**
 * Native DuckDB (@duckdb/node-api), the physical reference: the same load and
 * the same ten questions, at a given thread count, in this process.
 */
import { cpus } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { readCsvSql } from './make-data.mjs';
import { asAnswer, duckdbQueries } from './queries.mjs';

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Loads the CSV (and the Parquet, when given) into `x`, then times each question `runs` times. */
export async function runNative({ csv, parquet, threads, runs }) {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads === 'all' ? cpus().length : threads) });
  const conn = await db.connect();
  const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  let t0 = process.hrtime.bigint();
  await conn.run(`CREATE TABLE x AS SELECT * FROM ${readCsvSql(csv)}`);
  const csvLoadMs = ms(t0);
  let parquetLoadMs = null;
  if (parquet) {
    t0 = process.hrtime.bigint();
    await conn.run(`CREATE TABLE xp AS SELECT * FROM read_parquet('${parquet}')`);
    parquetLoadMs = ms(t0);
    await conn.run('DROP TABLE xp');
  }
  const queries = [];
  for (const q of duckdbQueries('x')) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      t0 = process.hrtime.bigint();
      await conn.run(asAnswer(q));
      samples.push(ms(t0));
    }
    queries.push(samples);
  }
  conn.closeSync();
  return { version, threads: threads === 'all' ? cpus().length : threads, csvLoadMs, parquetLoadMs, queries };
}
