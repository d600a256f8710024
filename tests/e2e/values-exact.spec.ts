/**
 * DuckDB values the grid and the text exports used to get wrong (issue 16), in one cell: each
 * grid cell must read as native DuckDB's own text (`x::VARCHAR`), and the CSV and JSON exports
 * as native DuckDB's `COPY … TO` writes them. The reference is computed by native DuckDB
 * (@duckdb/node-api) at test time, never written down here.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addSqlCell, openApp, query, resultColumns, resultValue } from './helpers';

const COLUMNS: Record<string, string> = {
  uhuge: `'340282366920938463463374607431768211455'::UHUGEINT`,
  huge: `'-170141183460469231731687303715884105728'::HUGEINT`,
  ubig: `18446744073709551615::UBIGINT`,
  dec: `-12345678901234567890.123::DECIMAL(38,3)`,
  list_dec: `[99999999999999999999999999999999999.9, 9.9999]`,
  list_big: `[-100::BIGINT, 9999999999999999999::UBIGINT]`,
  ts_ninf: `try_cast('-infinity' AS timestamp)`,
  ts_inf: `'infinity'::TIMESTAMP`,
  tstz_ninf: `'-infinity'::TIMESTAMPTZ`,
  d_ninf: `try_cast('-infinity' AS date)`,
  d_inf: `'infinity'::DATE`,
  tz: `'02:30:00-1200'::TIMETZ`,
  bits: `~('1001010101111111000111'::BIT)`,
  map: `map_concat(MAP([3, 1], ['x', 'y']), MAP([2], ['z']))`,
  tns: `'12:00:00.123456789'::TIME_NS`,
  enum: `'b'::ENUM('a', 'b')`,
  uni: `union_value(k := 1)`,
  struct: `{'k': 1.50::DECIMAL(5,2), 'b': 9999999999999999999::UBIGINT}`,
  arr: `[1.5, 2.25]::DECIMAL(4,2)[2]`,
};
const SQL = `SELECT ${Object.entries(COLUMNS)
  .map(([name, expr]) => `${expr} AS ${name}`)
  .join(', ')}`;

/**
 * The JSON difference chosen here (docs/architecture.md, Values from DuckDB to the grid): a UNION
 * is written as its value's text, not as an object keyed by its tag.
 */
const JSON_DIFFERENT = new Set(['uni']);

async function native(): Promise<{ text: string[]; csv: string; json: string }> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const names = Object.keys(COLUMNS);
    const cast = names.map((n) => `${n}::VARCHAR`).join(', ');
    const row = (await conn.runAndReadAll(`SELECT ${cast} FROM (${SQL})`)).getRowsJS()[0] ?? [];
    const dir = mkdtempSync(join(tmpdir(), 'values-exact-'));
    await conn.run(`COPY (${SQL}) TO '${dir}/n.csv' (FORMAT csv, HEADER)`);
    await conn.run(`COPY (${SQL}) TO '${dir}/n.json' (FORMAT json)`);
    return {
      text: row.map(String),
      csv: readFileSync(`${dir}/n.csv`, 'utf8'),
      json: readFileSync(`${dir}/n.json`, 'utf8'),
    };
  } finally {
    conn.closeSync();
  }
}

/**
 * A JSON line parsed with every number kept as its exact digits (JSON.parse would round past
 * 2^53), trailing zeros of a fraction dropped: DuckDB writes a DECIMAL in a struct as 1.5.
 */
function exactJson(text: string): unknown {
  const tokens = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
  const marked = text.replace(tokens, (t) =>
    t.startsWith('"') ? t : JSON.stringify(`#${t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t}`),
  );
  return JSON.parse(marked) as unknown;
}

async function exported(page: Page, c: Locator, format: 'csv' | 'json'): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await c.getByRole('combobox', { name: 'Export as' }).selectOption(format);
  return readFileSync(await (await download).path(), 'utf8');
}

test.beforeEach(async ({ page }) => {
  // Headless Chromium has showSaveFilePicker, but no one to answer it: take the download path.
  await page.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
});

test("DuckDB's values are shown and exported as DuckDB writes them", async ({ page }) => {
  test.setTimeout(120_000);
  const want = await native();
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, SQL);
  const names = Object.keys(COLUMNS);
  expect(await resultColumns(c)).toEqual(names);
  const expectShown = async () => {
    const shown: Record<string, string> = {};
    for (const name of names) shown[name] = await resultValue(c, name);
    expect(shown).toEqual(Object.fromEntries(names.map((n, i) => [n, want.text[i]])));
  };
  await expectShown();
  // The header names the stored column's DuckDB type where the value crossed as text.
  await expect(c.getByRole('columnheader', { name: /^uhuge/ })).toContainText('uhugeint');
  await page.setViewportSize({ width: 3000, height: 600 });
  await c.screenshot({ path: test.info().outputPath('values-exact.png') });
  // A sorted view is read page by page (not from the run's first rows): the same text.
  await c.getByRole('button', { name: /^uhuge, / }).click();
  await expect(c.getByRole('columnheader', { name: /^uhuge, / })).toHaveAttribute('aria-sort', 'ascending');
  // Once the page has arrived, the column is still a number, with grouped digits.
  const first = c.locator('tbody tr').first().locator('td[data-c="0"]');
  const digits = want.text[names.indexOf('uhuge')] ?? '';
  await expect(first).toHaveText(digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  await expect(first).toHaveClass(/\bnum\b/);
  await expectShown();

  expect((await exported(page, c, 'csv')).trimEnd().split('\n')).toEqual(want.csv.trimEnd().split('\n'));

  const got = exactJson((await exported(page, c, 'json')).replace(/^\[\s*|\s*\]\s*$/g, '')) as Record<string, unknown>;
  const ref = exactJson(want.json.trim()) as Record<string, unknown>;
  expect(Object.keys(got)).toEqual(Object.keys(ref));
  for (const name of names) {
    if (JSON_DIFFERENT.has(name)) continue;
    expect(got[name], `JSON ${name}`).toEqual(ref[name]);
  }
  // The chosen difference, as it is.
  expect(got.uni).toBe('1');
});

test('an Arrow export writes as text the types Arrow cannot hold as DuckDB means them, and says so', async ({
  page,
}) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, `SELECT ${COLUMNS.uhuge} AS uhuge, ${COLUMNS.tz} AS tz, ${COLUMNS.bits} AS bits, 42 AS n`);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('arrow');
  const arrow = tableFromIPC(readFileSync(await (await download).path()));
  expect(arrow.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
    'uhuge:Utf8',
    'tz:Utf8',
    'bits:Utf8',
    'n:Int32',
  ]);
  expect(arrow.toArray().map((r) => r.toJSON())).toEqual([
    { uhuge: '340282366920938463463374607431768211455', tz: '02:30:00-12', bits: '0110101010000000111000', n: 42 },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 row as Arrow IPC' })).toContainText(
    'Written as text, since Arrow IPC cannot hold their DuckDB type as DuckDB means it: uhuge (UHUGEINT), tz (TIME WITH TIME ZONE), bits (BIT).',
  );
});
