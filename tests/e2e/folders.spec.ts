/**
 * Folders opened as one table through the real folder input ("Open folder"): a Hive-partitioned
 * Parquet folder, the same orders as Hive-partitioned CSV, monthly CSVs whose columns differ, and
 * a folder of mixed kinds. Every expected value was computed by native DuckDB over the same
 * files (tests/fixtures/make-fixtures.mjs).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  addSqlCell,
  answer,
  errorToast,
  fixture,
  notifications,
  openApp,
  query,
  resultValue,
  sidebar,
  sidebarTable,
} from './helpers';

interface Partition {
  year: number;
  month: number;
  n: number;
  total: number;
}
interface OrdersFolder {
  columns: Record<string, string>;
  count: number;
  sum_amount: number;
  null_region: number;
  by_partition: Partition[];
}
interface Folders {
  orders: OrdersFolder & { files: number; discount_rows: number };
  orders_csv: OrdersFolder;
  monthly: { columns: Record<string, string>; count: number; sum_qty: number; notes: number };
}

const want = (): Folders =>
  (JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as { folders: Folders }).folders;

/** Opens a fixture folder through the real <input webkitdirectory> behind "Open folder". */
async function openFolder(page: Page, name: string): Promise<void> {
  // Chromium's showDirectoryPicker is a native window Playwright cannot answer.
  await page.evaluate(() =>
    Object.defineProperty(window, 'showDirectoryPicker', { value: undefined, configurable: true }),
  );
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await (await chooser).setFiles(fixture(`folders/${name}`));
}

async function openFolderOk(page: Page, name: string, files: number): Promise<void> {
  await openFolder(page, name);
  const toast = notifications(page)
    .getByRole('status')
    .filter({ hasText: `Opened the folder ${name} ` });
  await expect(toast).toHaveText(new RegExp(`\\(${files} files\\) as table "${name}"`), { timeout: 45_000 });
  await expect(sidebarTable(page, name)).toBeVisible();
}

/** `name type, …` of a table's columns, sorted by name. */
async function columnsOf(page: Page, table: string): Promise<string> {
  return answer(
    page,
    `SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_name) AS cols ` +
      `FROM information_schema.columns WHERE table_name = '${table}'`,
  );
}
const sortedColumns = (columns: Record<string, string>) =>
  Object.entries(columns)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');

/** Counts, sums and a GROUP BY by the partition columns, as native DuckDB computed them. */
async function expectOrders(page: Page, table: string, expected: OrdersFolder): Promise<void> {
  expect(await columnsOf(page, table)).toBe(sortedColumns(expected.columns));
  expect(Number(await answer(page, `SELECT count(*) FROM ${table}`))).toBe(expected.count);
  expect(Number(await answer(page, `SELECT round(sum(amount), 2) FROM ${table}`))).toBeCloseTo(expected.sum_amount, 2);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    `SELECT year, month, count(*) AS n, round(sum(amount), 2) AS total FROM ${table} GROUP BY ALL ORDER BY ALL`,
  );
  const got: Partition[] = [];
  for (let row = 0; row < expected.by_partition.length; row++) {
    const value = async (column: string) => Number(await resultValue(c, column, row));
    got.push({
      year: await value('year'),
      month: await value('month'),
      n: await value('n'),
      total: await value('total'),
    });
  }
  expect(got).toEqual(expected.by_partition);
}

test('a Hive-partitioned Parquet folder opens as one table, with its partition columns', async ({ page }, info) => {
  const w = want().orders;
  await openApp(page);
  await openFolderOk(page, 'orders', w.files);
  // The sidebar lists the table's columns, the partition columns among them.
  await sidebar(page).getByRole('button', { name: 'Columns of orders' }).click();
  const columns = sidebar(page).getByRole('list', { name: 'Columns of orders' });
  await expect(columns.locator('.col-name')).toHaveText(['id', 'region', 'amount', 'month', 'year', 'discount']);
  await sidebar(page).screenshot({ path: info.outputPath('sidebar-after-folder.png') });
  await expectOrders(page, 'orders', w);
  // year=2024/month=3 has no region and adds discount: NULL in every other file's rows, and only there.
  const odd = await answer(
    page,
    `SELECT count(*) FILTER (WHERE region IS NULL) || '/' || count(discount) || '/' || ` +
      `count(*) FILTER (WHERE (region IS NULL OR discount IS NOT NULL) AND NOT (year = 2024 AND month = 3)) FROM orders`,
  );
  expect(odd).toBe(`${w.null_region}/${w.discount_rows}/0`);

  // Another folder named orders whose second file is damaged: the error names the folder and
  // the file, and the table opened before is left as it was.
  await openFolder(page, 'broken/orders');
  // Another folder of that name is asked about; replacing it, the load fails and changes nothing.
  await page
    .getByRole('dialog', { name: 'Another orders' })
    .getByRole('button', { name: 'Replace table orders' })
    .click();
  await expect(errorToast(page, 'orders/year=2024/month=1/data_0.parquet')).toBeVisible({ timeout: 45_000 });
  expect(Number(await answer(page, 'SELECT count(*) FROM orders'))).toBe(w.count);
  await expect(sidebarTable(page, 'orders_2')).toHaveCount(0);
});

test('a Hive-partitioned CSV folder: DuckDB reads the partition columns from the registered paths', async ({
  page,
}) => {
  const w = want();
  await openApp(page);
  await openFolderOk(page, 'orders_csv', 6);
  await expectOrders(page, 'orders_csv', w.orders_csv);
  // DuckDB-Wasm typed these itself; the Parquet folder's, which the app adds, must be the same.
  expect(w.orders_csv.columns.year).toBe(w.orders.columns.year);
  expect(w.orders_csv.columns.month).toBe(w.orders.columns.month);
});

test('monthly CSVs with columns in different orders are matched by name', async ({ page }) => {
  const w = want().monthly;
  await openApp(page);
  await openFolderOk(page, 'monthly', 3);
  expect(await columnsOf(page, 'monthly')).toBe(sortedColumns(w.columns));
  const totals = await answer(
    page,
    `SELECT count(*) || '/' || sum(qty) || '/' || count(note) || '/' || ` +
      `count(*) FILTER (WHERE note IS NOT NULL AND day < DATE '2024-03-01') FROM monthly`,
  );
  expect(totals).toBe(`${w.count}/${w.sum_qty}/${w.notes}/0`);
  // Each row kept its own values, whatever the column order of its file.
  expect(await answer(page, `SELECT product || ' ' || qty || ' ' || day FROM monthly WHERE id = 4`)).toBe(
    'Sprocket 5 2024-02-02',
  );
});

test('a folder of mixed kinds is refused, naming the folder and the kinds', async ({ page }) => {
  await openApp(page);
  await openFolder(page, 'mixed');
  const toast = errorToast(page, 'mixed');
  await expect(toast).toContainText('mixed: the folder holds files of different kinds', { timeout: 45_000 });
  await expect(toast).toContainText('csv (sales.csv)');
  await expect(toast).toContainText('parquet (cities.parquet)');
  await expect(sidebarTable(page, 'mixed')).toHaveCount(0);
});
