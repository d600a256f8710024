import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addSqlCell, choosePaths, notifications, openApp, query, resultNumber } from './helpers';

const ROWS = 50_000; // more than one export chunk (20,000 rows)
const SQL = `SELECT range AS id, CASE WHEN range % 1000 = 0 THEN NULL ELSE 'name, "q" ' || range END AS name, range * 1.5 AS x, range % 7 = 0 AS flag, DATE '2024-01-01' + CAST(range % 365 AS INTEGER) AS d FROM range(${ROWS})`;

/** Exports the cell's result as `format` through the download path and returns the saved file's path. */
async function exportAs(page: Page, c: Locator, format: string, name: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await c.getByRole('combobox', { name: 'Export as' }).selectOption(format);
  const d = await download;
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  const path = join(dir, name);
  copyFileSync(await d.path(), path);
  await expect(
    notifications(page)
      .getByRole('status')
      .filter({ hasText: `Exported ${ROWS.toLocaleString('en-US')} rows` })
      .first(),
  ).toBeVisible();
  return path;
}

/** Opens a file through the real file chooser and returns the table name the app gave it. */
async function openPath(page: Page, path: string, fileName: string): Promise<string> {
  await choosePaths(page, [path]);
  const toast = notifications(page)
    .getByRole('status')
    .filter({ hasText: `Opened ${fileName} ` })
    .first();
  await expect(toast).toBeVisible({ timeout: 45_000 });
  return /as (?:table|database) "([^"]+)"/.exec(await toast.innerText())?.[1] ?? '';
}

/** The same aggregates over the original and a read-back table must agree. */
const CHECK = (t: string) =>
  `SELECT count(*) AS n, sum(id) AS ids, sum(x) AS xs, count(name) AS names, sum(length(name)) AS chars, sum(CASE WHEN flag THEN 1 ELSE 0 END) AS flags, count(DISTINCT d) AS days, min(d)::VARCHAR AS first_day FROM ${t}`;

test.beforeEach(async ({ page }) => {
  // Headless Chromium has showSaveFilePicker, but no one to answer it: take the download path.
  await page.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
});

test('every export format reads back as the result', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, SQL);
  const reference = await addSqlCell(page);
  await query(page, reference, CHECK(`(${SQL})`));
  const want = {
    n: await resultNumber(reference, 'n'),
    ids: await resultNumber(reference, 'ids'),
    xs: await resultNumber(reference, 'xs'),
    chars: await resultNumber(reference, 'chars'),
    flags: await resultNumber(reference, 'flags'),
  };
  expect(want.n).toBe(ROWS);

  // CSV and Parquet: opened in the app and read by DuckDB.
  for (const [format, file] of [
    ['csv', 'exported.csv'],
    ['parquet', 'exported.parquet'],
  ] as const) {
    const path = await exportAs(page, c, format, file);
    const table = await openPath(page, path, file);
    const back = await addSqlCell(page);
    await query(page, back, CHECK(`"${table}"`));
    for (const [k, v] of Object.entries(want)) expect(await resultNumber(back, k), `${format} ${k}`).toBe(v);
    expect(await resultNumber(back, 'names')).toBe(ROWS - ROWS / 1000);
  }

  // TSV, JSON, NDJSON and Arrow: read here and compared value by value on a few rows, and in total.
  const tsv = readFileSync(await exportAs(page, c, 'tsv', 'exported.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  expect(tsv[0]).toBe('id\tname\tx\tflag\td');
  expect(tsv.length).toBe(ROWS + 1);
  expect(tsv[1]).toBe('0\t\t0.0\ttrue\t2024-01-01');
  expect(tsv[2]).toBe('1\t"name, ""q"" 1"\t1.5\tfalse\t2024-01-02');

  const json = JSON.parse(readFileSync(await exportAs(page, c, 'json', 'exported.json'), 'utf8')) as Record<
    string,
    unknown
  >[];
  expect(json.length).toBe(ROWS);
  expect(json[1]).toEqual({ id: 1, name: 'name, "q" 1', x: 1.5, flag: false, d: '2024-01-02' });
  expect(json.reduce((a, r) => a + Number(r.id), 0)).toBe(want.ids);

  const ndjson = readFileSync(await exportAs(page, c, 'ndjson', 'exported.ndjson'), 'utf8')
    .trimEnd()
    .split('\n');
  expect(ndjson.length).toBe(ROWS);
  expect(JSON.parse(ndjson[ROWS - 1] ?? '')).toEqual({
    id: ROWS - 1,
    name: `name, "q" ${ROWS - 1}`,
    x: (ROWS - 1) * 1.5,
    flag: (ROWS - 1) % 7 === 0,
    d: '2024-12-25',
  }); // 49,999 % 365 = 359 days after 2024-01-01

  const arrow = tableFromIPC(readFileSync(await exportAs(page, c, 'arrow', 'exported.arrows')));
  expect(arrow.numRows).toBe(ROWS);
  expect(arrow.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'x', 'flag', 'd']);
  expect(Number(arrow.getChild('id')?.get(ROWS - 1))).toBe(ROWS - 1);
  expect(arrow.getChild('name')?.get(0)).toBeNull();
  // x is a DECIMAL: Arrow holds its unscaled digits.
  const scale = (arrow.getChild('x')?.type as unknown as { scale: number }).scale;
  let xs = 0;
  for (const v of arrow.getChild('x') ?? []) xs += Number(String(v)) / 10 ** scale;
  expect(xs).toBeCloseTo(want.xs, 6);
});

test('an export follows the sort and filter of the view, from SQLite too', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    "SELECT 1 AS n, 'b' AS s UNION ALL SELECT 2, 'a' UNION ALL SELECT 3, 'c' UNION ALL SELECT 4, NULL",
    'sqlite',
  );
  const box = c.getByRole('textbox', { name: 'Filter n' });
  await box.fill('>1');
  await box.press('Enter');
  await expect(c.locator('[data-role=row-count]')).toHaveText('3 rows of 4');
  await c.getByRole('button', { name: /^s, / }).click();
  const download = page.waitForEvent('download');
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('csv');
  expect(readFileSync(await (await download).path(), 'utf8')).toBe('n,s\n2,a\n3,c\n4,\n');
  const arrowDownload = page.waitForEvent('download');
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('arrow');
  const t = tableFromIPC(readFileSync(await (await arrowDownload).path()));
  expect(t.toArray().map((r) => r.toJSON())).toEqual([
    { n: 2n, s: 'a' },
    { n: 3n, s: 'c' },
    { n: 4n, s: null },
  ]);
});

test('a sorted DuckDB export is streamed in order, in several pieces, with one header', async ({ page }) => {
  test.setTimeout(180_000);
  const rows = 400_000; // about 10 MB of Arrow: more than two of the 4 MB pieces DuckDB streams
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, `SELECT range AS id, 'label number ' || range AS label FROM range(${rows})`);
  await c.getByRole('button', { name: /^id, / }).click(); // ascending
  await c.getByRole('button', { name: /^id, / }).click(); // descending
  await expect(c.getByRole('columnheader', { name: /^id/ })).toHaveAttribute('aria-sort', 'descending');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('csv');
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines[0]).toBe('id,label');
  expect(lines.length).toBe(rows + 1);
  expect(lines.filter((l) => l === 'id,label')).toHaveLength(1);
  const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
  expect(ids[0]).toBe(rows - 1);
  expect(ids[rows - 1]).toBe(0);
  expect(ids.every((v, i) => i === 0 || v === (ids[i - 1] as number) - 1)).toBe(true);
  expect(lines[1]).toBe(`${rows - 1},label number ${rows - 1}`);
});

test('a filtered DuckDB export binds its filter values, exactly past 2^53', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    "SELECT range + 9007199254740990 AS id, CASE WHEN range % 2 = 0 THEN '''); DROP TABLE x; --' ELSE 'ok' END AS label FROM range(6)",
  );
  const box = c.getByRole('textbox', { name: 'Filter id' });
  await box.fill('>9007199254740992');
  await box.press('Enter');
  await expect(c.locator('[data-role=row-count]')).toHaveText('3 rows of 6');
  const label = c.getByRole('textbox', { name: 'Filter label' });
  await label.fill("'); DROP TABLE x; --");
  await label.press('Enter');
  await expect(c.locator('[data-role=row-count]')).toHaveText(/^1 rows? of 6$/);
  const download = page.waitForEvent('download');
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('csv');
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(`id,label\n9007199254740994,'); DROP TABLE x; --\n`);
});

test('a long export can be cancelled: no file is written, and the next export works', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, "SELECT range AS id, 'row ' || range AS label, range * 0.25 AS x FROM range(3000000)");
  let downloads = 0;
  page.on('download', () => downloads++);
  await c.getByRole('combobox', { name: 'Export as' }).selectOption('csv');
  const status = c.locator('[data-role=export-status]');
  // It has written some chunks, and has many more to go.
  await expect(status).toContainText(/Exporting CSV: [\d,]+ rows/, { timeout: 60_000 });
  await status.getByRole('button', { name: 'Cancel export' }).click();
  await expect(notifications(page).getByText(/CSV export of .* was cancelled; no file was written/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(status).toHaveCount(0);
  expect(downloads).toBe(0);
  // The control works again, and the engine still answers.
  await expect(c.getByRole('combobox', { name: 'Export as' })).toBeEnabled();
  const after = await addSqlCell(page);
  await query(page, after, 'SELECT 6 * 7 AS answer');
  expect(await resultNumber(after, 'answer')).toBe(42);
});
