#!/usr/bin/env node
/**
 * Writes tests/fidelity/reference.json: what native DuckDB (@duckdb/node-api) and native SQLite
 * (the sqlite3 command-line shell) give for every case of cases.json. Run by a developer after
 * changing the cases (`npm run fidelity:reference`); its output is committed, so CI needs neither.
 *
 * Every case is read with its columns renamed `<id>_<n>` (`FROM (sql) AS d001(d001_0, …)` in
 * DuckDB, `WITH s001(s001_0, …) AS (sql)` in SQLite), the names the e2e spec gives them when it
 * runs many cases in one cell.
 *
 * DuckDB (TimeZone UTC, the only zone the app's DuckDB-Wasm has): `text` is `col::VARCHAR`, `csv`
 * what `COPY … TO (FORMAT csv, HEADER)` writes, `json` what `COPY … TO (FORMAT json)` writes (one
 * object per line).
 * SQLite has no COPY; its reference is defined from each value's storage class, as the app shows
 * and exports it (docs/architecture.md, The fidelity suite): integers as their digits, reals as
 * the shortest text that reads back as the same double, written as DuckDB writes a DOUBLE (44.0), text as it is, blobs with DuckDB's
 * escapes (printable ASCII as is, other bytes as \xAA), NULL as NULL; CSV quoted as DuckDB quotes;
 * JSON numbers bare, NaN and infinities null.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const here = new URL('.', import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL('cases.json', here), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'fidelity-'));

const names = (id, n) => Array.from({ length: n }, (_, i) => `${id}_${i}`);

async function duckdbCase(conn, c) {
  const probe = await conn.runAndReadAll(`SELECT * FROM (${c.sql}) LIMIT 0`);
  const cols = names(c.id, probe.columnCount);
  const sql = `SELECT * FROM (${c.sql}) AS ${c.id}(${cols.join(', ')})`;
  const typed = await conn.runAndReadAll(`DESCRIBE ${sql}`);
  const types = typed.getRowObjectsJS().map((r) => String(r.column_type));
  const read = await conn.runAndReadAll(`SELECT ${cols.map((n) => `${n}::VARCHAR`).join(', ')} FROM (${sql})`);
  const text = read.getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v))));
  await conn.run(`COPY (${sql}) TO '${dir}/${c.id}.csv' (FORMAT csv, HEADER)`);
  await conn.run(`COPY (${sql}) TO '${dir}/${c.id}.json' (FORMAT json)`);
  return {
    columns: cols,
    types,
    text,
    csv: readFileSync(`${dir}/${c.id}.csv`, 'utf8'),
    json: readFileSync(`${dir}/${c.id}.json`, 'utf8'),
  };
}

/** A blob as DuckDB prints one: printable ASCII as it is, every other byte (and the backslash) as \xAA. */
function blobText(hex) {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${hex.slice(i, i + 2).toUpperCase()}`;
  }
  return out;
}

/** A double as DuckDB writes one (the app's values/format-number.ts): 44.0, 1e+16, 1.5e-07, inf. */
function doubleText(n) {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [m, e] = n
    .toExponential()
    .split('e')
    .map((x, i) => (i ? Number(x) : x));
  if (e < -4 || e >= 16) return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n).includes('.') ? String(n) : `${n}.0`;
}

function sqliteValue(storage, raw) {
  if (storage === 'null') return { text: null, json: 'null' };
  if (storage === 'integer') return { text: raw, json: raw };
  if (storage === 'real') {
    const n = Number(raw.replace(/^(-?)Inf$/, '$1Infinity'));
    return { text: doubleText(n), json: Number.isFinite(n) ? String(n) : 'null' };
  }
  const text = storage === 'blob' ? blobText(raw) : raw;
  return { text, json: JSON.stringify(text) };
}

const csvField = (v) => (v === null ? '' : /[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);

function sqliteCase(c) {
  const shell = (sql) => execFileSync('sqlite3', ['-json', ':memory:', sql], { encoding: 'utf8' });
  const count = Object.keys(JSON.parse(shell(`SELECT * FROM (${c.sql}) LIMIT 1`))[0] ?? {}).length;
  const cols = names(c.id, count);
  const body = `WITH ${c.id}(${cols.join(', ')}) AS (${c.sql}) SELECT `;
  const parts = cols.flatMap((n) => [
    `typeof(${n})`,
    `CASE typeof(${n}) WHEN 'real' THEN printf('%!.17g', ${n}) WHEN 'blob' THEN hex(${n}) ELSE CAST(${n} AS TEXT) END`,
  ]);
  const rows = JSON.parse(shell(`${body}${parts.join(', ')} FROM ${c.id}`) || '[]').map((r) => Object.values(r));
  const values = rows.map((r) => cols.map((_, i) => sqliteValue(r[2 * i], r[2 * i + 1])));
  return {
    columns: cols,
    types: cols.map((_, i) => [...new Set(rows.map((r) => r[2 * i]))].join('|')),
    text: values.map((r) => r.map((v) => v.text)),
    csv: [cols.join(','), ...values.map((r) => r.map((v) => csvField(v.text)).join(','))].join('\n') + '\n',
    json: values.map((r) => `{${r.map((v, i) => `"${cols[i]}":${v.json}`).join(',')}}\n`).join(''),
  };
}

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run(`SET TimeZone = 'UTC'`);
const version = (await conn.runAndReadAll('SELECT version()')).getRowsJS()[0]?.[0];
const sqliteVersion = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0];
const out = {};
for (const c of cases) {
  try {
    out[c.id] = c.engine === 'duckdb' ? await duckdbCase(conn, c) : sqliteCase(c);
  } catch (err) {
    throw new Error(`case ${c.id} (${c.source}): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
conn.closeSync();
const file = new URL('reference.json', here);
writeFileSync(file, `${JSON.stringify({ duckdb: version, sqlite: sqliteVersion, cases: out }, null, 1)}\n`);
console.log(`${Object.keys(out).length} cases (DuckDB ${version}, SQLite ${sqliteVersion}) → ${file.pathname}`);
