/**
 * Partition columns from paths, checked against native DuckDB: the same folders on disk read
 * with `read_csv(…, hive_partitioning = true)` must give the same columns, types and values as
 * the ones we add to a Parquet folder ourselves. (DuckDB-Wasm 1.32 gave the same types as
 * native DuckDB on this corpus, measured with its Node build.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHiveValue,
  folderPartitions,
  hiveType,
  partitionSelect,
  partitionsOf,
  registeredFolderPath,
} from '../../../src/engines/hive-partitions';
import { NotebookError } from '../../../src/sql/errors';
import { quoteString } from '../../../src/sql/quote';

// Values a path can hold ('/' cannot), each typed alone.
// prettier-ignore
const VALUES = [
  '2024', '01', '1', '0', '-5', '+5', '+0', '-0', '-00', '00', '007', '1.5', '1.0', '1e3', '1e', '-', '--1',
  '1_000', '1,000', '1 2', ' 5', '5 ', '0x10', '0X1F', '0x', '-0x10', '0b101', '0o17', '１２', '½',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '12345678901234567890123', '0xFFFFFFFFFFFFFFFF',
  '2024-01-15', '2024-1-5', '2024 01 15', '2024.01.15', '15-01-2024', '20240115', '2024-02-29', '2023-02-29',
  '2024-02-30', '2024-13-01', '0000-01-01', '0001-01-01', '99999-01-01', '5877642-06-25', '2024-01-15 BC',
  'infinity', '-infinity', 'Infinity', 'epoch',
  '2024-01-15 10:00:00', '2024-01-15T10:00:00', '2024-01-15 10:00', '2024-01-15T10', '2024-01-15 25:00',
  '2024-01-15 10:60', '2024-01-15 10:00:00.123', '2024-01-15 10:00:00.1234567', '2024-01-15 10:00:00Z',
  '2024-01-15 10:00:00+02', '2024-01-15 10:00:00+02:30', '2024-01-15 10:00:00 ', '2024-1-5 1:2:3', '10:00',
  'abc', '', 'true', 'NULL', 'null', 'Null', 'NULL ', 'New%20York', 'a%3Db', '%2D5', '2024%2D01%2D15', '%', '%zz',
];

// Folders of several files: [path inside the folder, …].
const FOLDERS: string[][] = [
  ['year=2024/month=1/a.csv', 'year=2024/month=12/b.csv', 'year=2023/month=7/c.csv'],
  ['k=1/a.csv', 'k=NULL/b.csv'],
  ['k=1/a.csv', 'k=/b.csv'],
  ['k=01/a.csv', 'k=1/b.csv'],
  ['k=2024-01-01/a.csv', 'k=2024-01-01 10:00/b.csv'],
  ['k=1/a.csv', 'k=2024-01-01/b.csv'],
  ['k=NULL/a.csv', 'k=null/b.csv'],
  ['day=2024-03-01/a.csv', 'day=2024-03-02/b.csv'],
  ['b=x/a=1/f.csv', 'b=y/a=2/g.csv'],
  ['City=New%20York/a.csv', 'City=Z%C3%BCrich/b.csv'],
  ['plain/a.csv', 'plain/deeper/b.csv'],
  ['k=a=b/a.csv'],
];

let root: string;
let conn: DuckDBConnection;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hive-'));
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes one-row CSVs at `paths` under a new folder and returns what DuckDB reads: columns, types, rows. */
async function duckdbReads(paths: readonly string[]) {
  const dir = mkdtempSync(join(root, 'f'));
  const files = paths.map((p, i) => {
    const full = join(dir, p);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, `file_no\n${i}\n`);
    return full;
  });
  const list = `[${files.map(quoteString).join(', ')}]`;
  const reader = await conn.runAndReadAll(
    `SELECT * FROM read_csv(${list}, hive_partitioning = true, union_by_name = true) ORDER BY file_no`,
  );
  // file_no, the file's one column, comes first; the partition columns follow it.
  const names = reader.columnNames().slice(1);
  const types = reader
    .columnTypes()
    .map((t) => t.toString())
    .slice(1);
  return { names, types, rows: reader.getRowsJson().map((r) => r.slice(1)) };
}

/** What our SQL for each file's partition values gives, run in the same DuckDB. */
async function ourReads(paths: readonly string[]) {
  const p = folderPartitions('folder', paths);
  if (p.columns.length === 0) return { names: [], types: [], rows: paths.map(() => []) };
  const selects = paths.map((_, i) => `SELECT ${i} AS file_no, ${partitionSelect(p, i).join(', ')}`);
  const reader = await conn.runAndReadAll(
    `SELECT * EXCLUDE (file_no) FROM (${selects.join(' UNION ALL ')}) ORDER BY file_no`,
  );
  return { names: reader.columnNames(), types: p.columns.map((c) => c.type as string), rows: reader.getRowsJson() };
}

describe('partition values are typed as DuckDB types them', () => {
  it.each(VALUES)('%j', async (value) => {
    const { types } = await duckdbReads([`k=${value}/a.csv`]);
    expect(hiveType(value)).toBe(types[0]);
  });
});

describe('a folder gets the partition columns DuckDB reads from the same paths', () => {
  it.each(FOLDERS.map((f) => [f.join(' | '), f] as const))('%s', async (_label, paths) => {
    expect(await ourReads(paths)).toEqual(await duckdbReads(paths));
  });
});

describe('paths', () => {
  it('keeps key=value directories and ignores the file name and odd segments', () => {
    expect([...partitionsOf('year=2024/month=1/data_0.parquet')]).toEqual([
      ['year', '2024'],
      ['month', '1'],
    ]);
    expect([...partitionsOf('a=1/x=2.csv')]).toEqual([['a', '1']]);
    expect([...partitionsOf('=v/k=a=b/k=/f.csv')]).toEqual([['k', '']]);
    expect([...partitionsOf('plain.csv')]).toEqual([]);
  });

  it('registers a folder file under /files/<table>/ with its directories, never outside', () => {
    expect(registeredFolderPath('orders', 'year=2024/month=1/data_0.parquet')).toBe(
      '/files/orders/year=2024/month=1/data_0.parquet',
    );
    expect(registeredFolderPath('t', '../../etc/./x.csv')).toBe('/files/t/etc/x.csv');
    expect(registeredFolderPath('t', 'a\\b.csv')).toBe('/files/t/a/b.csv');
  });

  it('decodes percent escapes, keeping a % that starts none', () => {
    expect(decodeHiveValue('New%20York')).toBe('New York');
    expect(decodeHiveValue('100%')).toBe('100%');
    expect(decodeHiveValue('%zz%C3%BC')).toBe('%zzü');
    expect(decodeHiveValue('%C3')).toBe('%C3');
  });

  it('refuses files partitioned by different keys, naming the folder and both files', () => {
    const run = () => folderPartitions('sales', ['year=2024/month=1/a.csv', 'year=2024/b.csv']);
    expect(run).toThrow(NotebookError);
    expect(run).toThrow('sales: its files are partitioned differently: year=2024/month=1/a.csv by year, month');
    expect(run).toThrow('year=2024/b.csv by year.');
  });

  it('sorts keys as DuckDB does, whatever the directory order', () => {
    const p = folderPartitions('f', ['year=2024/month=1/a.parquet']);
    expect(p.columns).toEqual([
      { name: 'month', type: 'BIGINT' },
      { name: 'year', type: 'BIGINT' },
    ]);
    expect(partitionSelect(p, 0)).toEqual([`CAST('1' AS BIGINT) AS "month"`, `CAST('2024' AS BIGINT) AS "year"`]);
  });
});
