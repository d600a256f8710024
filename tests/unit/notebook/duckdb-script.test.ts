/** The exported script, run by native DuckDB (@duckdb/node-api) over the test fixtures. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createCell, type Cell } from '../../../src/notebook/cells';
import { duckdbScript, type ScriptInput } from '../../../src/notebook/duckdb-script';
import { notebookFromCells } from '../../../src/notebook/operations';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const want = JSON.parse(readFileSync(`${FIXTURES}expected.json`, 'utf8')) as {
  sales: { count: number; sum_amount: number; north_count: number; north_sum_amount: number };
  cities: { count: number; sum_population: number };
  events: { count: number; sum_value: number };
};

const INPUTS: ScriptInput[] = [
  { tableName: 'sales', fileName: 'sales.csv', kind: 'csv' },
  { tableName: 'cities', fileName: 'cities.parquet', kind: 'parquet' },
  { tableName: 'events', fileName: 'events.ndjson', kind: 'ndjson' },
  { tableName: 'unused', fileName: 'semicolon.csv', kind: 'csv' },
];

function notebook(): ReturnType<typeof notebookFromCells> {
  const cells: Cell[] = [
    createCell('markdown', '# Sales\nNorth only, read from the summary below.', 'duckdb', 'notes'),
    // Listed before the cell it reads: the script must still create by_region first.
    createCell('sql', "SELECT * FROM by_region WHERE region = 'North' -- the north", 'duckdb', 'north'),
    createCell(
      'sql',
      'SELECT region, count(*) AS n, round(sum(amount), 2) AS total\nFROM sales GROUP BY ALL ORDER BY region;',
      'duckdb',
      'by_region',
    ),
    createCell(
      'sql',
      'CREATE OR REPLACE TABLE big AS SELECT * FROM cities WHERE population > 0;\nSELECT count(*) AS n, sum(population)::BIGINT AS pop FROM big',
      'duckdb',
      'city_totals',
    ),
    createCell('sql', 'SUMMARIZE events', 'duckdb', 'event_summary'),
    createCell('sql', 'SELECT sum(value)::BIGINT AS total FROM events', 'duckdb', 'event_total'),
    createCell('sql', "SELECT 'lite' AS s", 'sqlite', 'lite_cell'),
    createCell('sql', 'SELECT * FROM loop_b', 'duckdb', 'loop_a'),
    createCell('sql', 'SELECT * FROM loop_a', 'duckdb', 'loop_b'),
    createCell('markdown', 'The end.', 'duckdb', 'outro'),
  ];
  return notebookFromCells('Sales\nreview', cells);
}

async function run(script: string): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  // Relative file names resolve against the fixtures folder, as if the CLI ran there.
  await conn.run(`SET file_search_path = '${FIXTURES.replace(/'/g, "''")}'`);
  await conn.run(script);
  return conn;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

describe('Export as DuckDB script', () => {
  test('runs unchanged in native DuckDB and gives the notebook results', async () => {
    for (const materialize of ['view', 'table'] as const) {
      const conn = await run(duckdbScript(notebook(), INPUTS, { materialize }));
      expect(await rows(conn, 'SELECT n::INT AS n, total FROM north')).toEqual([
        { n: want.sales.north_count, total: want.sales.north_sum_amount },
      ]);
      const all = await rows(conn, 'SELECT sum(n)::INT AS n FROM by_region');
      expect(all).toEqual([{ n: want.sales.count }]);
      expect(await rows(conn, 'SELECT n::INT AS n, pop::BIGINT::VARCHAR AS pop FROM city_totals')).toEqual([
        { n: want.cities.count, pop: String(want.cities.sum_population) },
      ]);
      expect(await rows(conn, 'SELECT total::INT AS total FROM event_total')).toEqual([
        { total: want.events.sum_value },
      ]);
      expect((await rows(conn, 'SELECT column_name FROM event_summary')).length).toBeGreaterThan(0);
      const kinds = await rows(
        conn,
        "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('north', 'by_region') ORDER BY 1",
      );
      const type = materialize === 'view' ? 'VIEW' : 'BASE TABLE';
      expect(kinds).toEqual([
        { table_name: 'by_region', table_type: type },
        { table_name: 'north', table_type: type },
      ]);
      conn.closeSync();
    }
  });

  test('references files by name, in dependency order, and explains what it leaves out', () => {
    const script = duckdbScript(notebook(), INPUTS);
    expect(script).toContain('CREATE OR REPLACE VIEW "sales" AS SELECT * FROM read_csv(\'sales.csv\');');
    expect(script).not.toContain('semicolon.csv');
    expect(script.indexOf('VIEW "by_region"')).toBeLessThan(script.indexOf('VIEW "north"'));
    expect(script).toContain('-- cell lite_cell runs in SQLite in the notebook');
    expect(script).toContain('-- cell loop_a reads itself through other cells (a cycle)');
    expect(script).toMatch(/^-- Sales review\n/);
    expect(script).toContain('-- # Sales\n-- North only');
    expect(script.trimEnd().endsWith('-- The end.')).toBe(true);
  });
});
