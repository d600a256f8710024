/**
 * Generates the h2o.ai db-benchmark "groupby" data (K = 100) deterministically,
 * into bench/data/ (git-ignored): the CSV from a fixed-seed PRNG (byte-for-byte
 * the same on every machine), then native DuckDB (@duckdb/node-api) writes the
 * Parquet from it, and sql.js a SQLite database for the SQLite runs.
 * Usage: node bench/make-data.mjs [rows=1e6] [csv,parquet,sqlite]
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(here, 'data');
const K = 100;
/** The column types every engine loads the data with (what read_csv detects, fixed here). */
export const COLUMNS = {
  id1: 'VARCHAR',
  id2: 'VARCHAR',
  id3: 'VARCHAR',
  id4: 'BIGINT',
  id5: 'BIGINT',
  id6: 'BIGINT',
  v1: 'BIGINT',
  v2: 'BIGINT',
  v3: 'DOUBLE',
};

const tag = (rows) => rows.toExponential().replace('+', '');
export const dataPath = (rows, ext) => join(DATA_DIR, `groupby-${tag(rows)}.${ext}`);
export const csvPath = (rows) => dataPath(rows, 'csv');
const ready = (p) => existsSync(p) && statSync(p).size > 0;

export async function makeCsv(rows) {
  const path = csvPath(rows);
  if (ready(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const nk = Math.max(1, Math.floor(rows / K));
  const rand = prng(108);
  const int = (n) => 1 + Math.floor(rand() * n);
  const pad = (n, w) => String(n).padStart(w, '0');
  const out = createWriteStream(`${path}.part`);
  out.write('id1,id2,id3,id4,id5,id6,v1,v2,v3\n');
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(
      `id${pad(int(K), 3)},id${pad(int(K), 3)},id${pad(int(nk), 10)},${int(K)},${int(K)},${int(nk)},${int(5)},${int(15)},${(rand() * 100).toFixed(6)}`,
    );
    if (chunk.length === 10000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  await new Promise((r) => out.end(r));
  renameSync(`${path}.part`, path);
  return path;
}

export const readCsvSql = (path) =>
  `read_csv('${path}', header = true, columns = {${Object.entries(COLUMNS)
    .map(([k, v]) => `'${k}': '${v}'`)
    .join(', ')}})`;

/** Parquet written by native DuckDB from the CSV, in file order, with DuckDB's default row groups (122,880 rows). */
export async function makeParquet(rows) {
  const path = dataPath(rows, 'parquet');
  if (ready(path)) return path;
  const csv = await makeCsv(rows);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await db.connect();
  await conn.run(`COPY (SELECT * FROM ${readCsvSql(csv)}) TO '${path}.part' (FORMAT parquet, COMPRESSION snappy)`);
  conn.closeSync();
  renameSync(`${path}.part`, path);
  return path;
}

/** A SQLite database with the data as table `x`, made with sql.js (the engine the notebook's SQLite cells use). */
export async function makeSqlite(rows) {
  const path = dataPath(rows, 'sqlite');
  if (ready(path)) return path;
  const csv = await makeCsv(rows);
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    'CREATE TABLE x (id1 TEXT, id2 TEXT, id3 TEXT, id4 INTEGER, id5 INTEGER, id6 INTEGER, v1 INTEGER, v2 INTEGER, v3 REAL)',
  );
  db.run('BEGIN');
  const ins = db.prepare('INSERT INTO x VALUES (?,?,?,?,?,?,?,?,?)');
  const lines = readFileSync(csv, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const f = lines[i].split(',');
    ins.run([f[0], f[1], f[2], +f[3], +f[4], +f[5], +f[6], +f[7], +f[8]]);
  }
  ins.free();
  db.run('COMMIT');
  writeFileSync(`${path}.part`, db.export());
  db.close();
  renameSync(`${path}.part`, path);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1e6);
  const kinds = (process.argv[3] ?? 'csv,parquet').split(',');
  const make = { csv: makeCsv, parquet: makeParquet, sqlite: makeSqlite };
  for (const k of kinds) {
    const t0 = Date.now();
    const p = await make[k](rows);
    console.log(`${p}: ${(statSync(p).size / 1e6).toFixed(1)} MB (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
