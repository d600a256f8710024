/** Issue 5: a notebook can keep its DuckDB tables in the browser (an OPFS database) between visits. */
import { expect, test, type Page } from '@playwright/test';
import {
  addSqlCell,
  allCells,
  cell,
  notifications,
  openApp,
  resultNumber,
  runCell,
  setCellText,
  sidebar,
} from './helpers';

async function keepTables(page: Page, on: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  const item = page.getByRole('menuitemcheckbox', { name: 'Keep DuckDB tables between visits' });
  await expect(item).toHaveAttribute('aria-checked', String(!on));
  await item.click();
  await expect(
    notifications(page).getByText(on ? /now keeps this notebook’s tables in the browser/ : /in memory only/),
  ).toBeVisible({ timeout: 30_000 });
}

async function sql(page: Page, text: string, want: 'done' | 'error' = 'done') {
  const c = await addSqlCell(page);
  await setCellText(page, c, text);
  await runCell(c, want);
  return c;
}

test('a table created in a notebook that keeps its tables is there after a reload', async ({ page }) => {
  // Five DuckDB restarts (on, reload, off, on, delete) and two reloads: 40–49 s on CI's two cores.
  test.setTimeout(150_000);
  await openApp(page);
  await keepTables(page, true);
  await expect(sidebar(page).getByText('kept', { exact: true })).toBeVisible();
  await sql(page, 'CREATE TABLE kept_numbers AS SELECT range AS x FROM range(1000)');

  await page.reload();
  await openApp(page);
  const read = await sql(page, 'SELECT count(*) AS n, sum(x) AS s FROM kept_numbers');
  expect(await resultNumber(read, 'n')).toBe(1000);
  expect(await resultNumber(read, 's')).toBe(499500);
  await expect(sidebar(page).getByText('kept', { exact: true })).toBeVisible();
  // The kept database is the default one: its tables are listed by their plain names.
  await expect(
    sidebar(page).getByRole('region', { name: 'DuckDB tables' }).getByText('kept_numbers', { exact: true }),
  ).toBeVisible();

  // Off: DuckDB is in memory again, without the table; on again: it is back.
  await keepTables(page, false);
  const gone = await sql(page, 'SELECT count(*) AS n FROM kept_numbers', 'error');
  await expect(gone.getByRole('alert')).toContainText('kept_numbers');
  await keepTables(page, true);
  const back = await sql(page, 'SELECT count(*) AS n FROM kept_numbers');
  expect(await resultNumber(back, 'n')).toBe(1000);

  // Storage lists the kept database with its size, and deletes it.
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Storage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Storage' });
  await expect(dialog.getByRole('region', { name: 'Kept DuckDB tables' })).toContainText(/Welcome: [\d.]+ (kB|MB)/);
  await page.screenshot({ path: test.info().outputPath('storage.png') });
  await dialog.getByRole('button', { name: 'Delete the tables kept for Welcome' }).click();
  await expect(notifications(page).getByText('Deleted the DuckDB tables kept for Welcome.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(dialog.getByRole('region', { name: 'Kept DuckDB tables' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  const deleted = await sql(page, 'SELECT count(*) AS n FROM kept_numbers', 'error');
  await expect(deleted.getByRole('alert')).toContainText('kept_numbers');
  await page.reload();
  await openApp(page);
  const after = await sql(page, 'SELECT count(*) AS n FROM kept_numbers', 'error');
  await expect(after.getByRole('alert')).toContainText('kept_numbers');
});

test('a notebook that does not keep its tables starts empty after a reload', async ({ page }) => {
  await openApp(page);
  await sql(page, 'CREATE TABLE memory_only AS SELECT 1 AS x');
  await page.reload();
  await openApp(page);
  const c = await sql(page, 'SELECT * FROM memory_only', 'error');
  await expect(c.getByRole('alert')).toContainText('memory_only');
});

test('a second tab of a kept notebook follows it read-only and runs queries; Take over brings the kept tables', async ({
  page,
  context,
}) => {
  await openApp(page);
  await keepTables(page, true);
  await sql(page, 'CREATE TABLE shared_t AS SELECT 42 AS x');
  await sql(page, 'SELECT 1 + 1 AS two');
  const n = await allCells(page).count();
  const second = await context.newPage();
  await openApp(second);
  const banner = second.getByRole('region', { name: 'This tab' });
  await expect(banner).toContainText('Its kept DuckDB tables are open in that tab');
  // A read-only tab runs the cells it shows. One tab at a time holds the kept database: this one
  // is not told it failed, it never tried.
  const c = cell(second, n);
  await runCell(c);
  expect(await resultNumber(c, 'two')).toBe(2);
  await expect(notifications(second).getByText(/cannot be kept in the browser/)).toHaveCount(0);
  // The first tab is untouched.
  const first = await sql(page, 'SELECT x FROM shared_t');
  expect(await resultNumber(first, 'x')).toBe(42);

  // Take over: the first tab lets go of the database, and the second opens it.
  await banner.getByRole('button', { name: 'Take over' }).click();
  await expect(page.getByRole('region', { name: 'This tab' })).toContainText('Read only.');
  await expect(second.locator('.kept-badge')).toBeVisible();
  const taken = await sql(second, 'SELECT x FROM shared_t');
  expect(await resultNumber(taken, 'x')).toBe(42);
  await expect(notifications(second).getByText(/cannot be kept in the browser/)).toHaveCount(0);
});

test('a full browser storage says so while typing, and the text stays', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  // The journal write is the first to meet a full disk: make the browser refuse it, as a full quota does.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await setCellText(page, c, 'SELECT 41 + 1 AS answer');
  await expect(
    notifications(page)
      .getByText(/storage is full/)
      .first(),
  ).toBeVisible();
  await runCell(c);
  expect(await resultNumber(c, 'answer')).toBe(42);
});
