/**
 * Issue 15: data bigger than memory. With DuckDB's memory limit lowered to 256 MB through the debug
 * hook, a 600 MB CSV (about 1.3 GB as an in-memory table) goes to disk (OPFS), answers exactly as
 * native DuckDB does over the same file, and is still there after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { addSqlCell, choosePaths, notifications, openApp, query, rename, resultValue, sidebar } from './helpers';
import { BIG_CSV, GROUPED, bigCsv, type BigAnswers } from './support/big-data';

let native: BigAnswers;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  native = await bigCsv();
});

async function lowerMemory(page: Page): Promise<void> {
  await page.evaluate(() =>
    (
      window as unknown as { __notebookDebug: { setMemoryLimit(l: string): Promise<void> } }
    ).__notebookDebug.setMemoryLimit('256MB'),
  );
}

async function answer(page: Page, sql: string, column: string): Promise<string> {
  const c = await addSqlCell(page);
  await query(page, c, sql);
  return resultValue(c, column);
}

test('a 600 MB CSV with 256 MB of memory goes to disk, answers as native DuckDB does, and stays after a reload', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page);
  await lowerMemory(page);
  await choosePaths(page, [BIG_CSV]);
  // Said before the load: why it does not go into memory, and where it goes.
  await expect(notifications(page).getByText(/^big\.csv \(570 MB\): it needs about 1\.3 GB in memory/)).toBeVisible();
  await expect(notifications(page).getByText(/it is kept on disk in the browser \(OPFS\)/)).toBeVisible();
  await expect(notifications(page).getByText('Opened big.csv as table "big" in DuckDB.')).toBeVisible({
    timeout: 240_000,
  });
  // No warning: not a ragged fallback, not a partial table.
  await expect(notifications(page).getByRole('alert')).toHaveCount(0);
  const files = sidebar(page).getByRole('region', { name: 'Opened files' });
  await expect(files.getByRole('combobox', { name: 'Where big.csv lives, for table big', exact: true })).toHaveValue(
    'disk',
  );
  await expect(sidebar(page).getByRole('region', { name: 'DuckDB tables' })).toContainText('kept');
  await expect(sidebar(page).locator('[data-role=duckdb-memory]')).toContainText('of 244 MB');

  expect(Number(await answer(page, 'SELECT count(*) AS n FROM big', 'n'))).toBe(native.rows);
  expect(await answer(page, GROUPED('big'), 'digest')).toBe(native.digest);
  const columns = await answer(page, "SELECT string_agg(column_name, ',') AS c FROM (DESCRIBE big)", 'c');
  expect(columns).toBe('id1,k,v1,v2,note');

  // A SELECT * over it copies nothing: the result is kept as a view, its first rows show, its count
  // comes when known, and other cells read it.
  const all = await addSqlCell(page);
  await rename(all, 'everything');
  await query(page, all, 'SELECT * FROM big');
  await expect(all.locator('[data-role=row-count]')).toHaveText('10,000,000 rows');
  expect(await resultValue(all, 'note', 2)).toBe('a fairly long padding text, row kind 2');
  expect(
    await answer(
      page,
      "SELECT table_type AS t FROM information_schema.tables WHERE table_schema = 'cells' AND table_name = 'everything'",
      't',
    ),
  ).toBe('VIEW');
  expect(Number(await answer(page, 'SELECT count(*) AS n FROM everything WHERE k = 3', 'n'))).toBe(native.rowsWithK3);

  // The notebook now keeps its tables: after a reload the table is there, with no file to open again.
  await page.reload();
  await openApp(page);
  await lowerMemory(page);
  await expect(sidebar(page).getByRole('region', { name: 'Files this notebook needs' })).toHaveCount(0);
  expect(Number(await answer(page, 'SELECT count(*) AS n FROM big', 'n'))).toBe(native.rows);
  expect(await answer(page, GROUPED('big'), 'digest')).toBe(native.digest);
});
