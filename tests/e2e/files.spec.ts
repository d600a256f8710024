import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addSqlCell,
  allCells,
  answer,
  dropFile,
  editorText,
  expected,
  openApp,
  openFilesOk,
  openedToast,
  query,
  resultColumns,
  resultNumber,
  resultOf,
  resultValue,
  runCell,
  sidebar,
  sidebarTable,
  sqlString,
} from './helpers';

async function queryNew(page: Page, sql: string, engine: 'duckdb' | 'sqlite' = 'duckdb'): Promise<Locator> {
  const c = await addSqlCell(page);
  await query(page, c, sql, engine);
  return c;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

test('a CSV opened with the file chooser is queryable in DuckDB', async ({ page }) => {
  const want = expected().sales;
  await openApp(page);
  const tables = await openFilesOk(page, ['sales.csv']);
  expect(tables['sales.csv']).toBe('sales');
  await expect(openedToast(page, 'sales.csv')).toHaveText(/Opened sales\.csv as table "sales" in DuckDB\./);
  await expect(sidebarTable(page, 'sales')).toBeVisible();

  const c = await queryNew(page, 'SELECT count(*) AS n, sum(amount) AS total FROM sales');
  expect(await resultNumber(c, 'n')).toBe(want.count);
  expect(await resultNumber(c, 'total')).toBeCloseTo(want.sum_amount, 2);
  await expect(c.locator('[data-role=row-count]')).toHaveText('1 row');

  const cols = await queryNew(page, 'SELECT * FROM sales ORDER BY id LIMIT 3');
  expect(await resultColumns(cols)).toEqual(want.columns);
  const nulls = await queryNew(
    page,
    `SELECT count(*) FILTER (WHERE amount IS NULL) AS nulls, count(*) FILTER (WHERE region = 'North') AS north FROM sales`,
  );
  expect(await resultNumber(nulls, 'nulls')).toBe(want.null_amount_count);
  expect(await resultNumber(nulls, 'north')).toBe(want.north_count);

  // Missing amounts are NULL cells, marked as such.
  const missing = await queryNew(page, 'SELECT id, amount FROM sales WHERE amount IS NULL ORDER BY id');
  const amountCells = resultOf(missing).locator('tbody tr td:nth-child(3)');
  await expect(amountCells).toHaveCount(want.null_amount_count);
  for (const td of await amountCells.all()) {
    await expect(td).toHaveClass(/\bnull\b/);
    await expect(td).toHaveText('NULL');
  }
  await expect(resultOf(missing).locator('tbody tr td:nth-child(2)').first()).not.toHaveClass(/\bnull\b/);
});

test('several files opened at once each become a table with the right data', async ({ page }) => {
  const want = expected();
  const files = ['cities.parquet', 'events.json', 'events.ndjson', 'cities.arrow', 'sales.tsv', 'semicolon.csv'];
  await openApp(page);
  const tables = await openFilesOk(page, files);
  expect(new Set(Object.values(tables)).size).toBe(files.length);
  for (const f of files) await expect(sidebarTable(page, tables[f] ?? '?')).toBeVisible();

  for (const f of ['cities.parquet', 'cities.arrow']) {
    const t = ident(tables[f] ?? '?');
    const c = await queryNew(
      page,
      `SELECT count(*) AS n, sum(population)::BIGINT AS pop, arg_max(city, population) AS biggest FROM ${t}`,
    );
    expect(await resultNumber(c, 'n'), f).toBe(want.cities.count);
    expect(await resultNumber(c, 'pop'), f).toBe(want.cities.sum_population);
    expect(await resultValue(c, 'biggest'), f).toBe(want.cities.max_population_city);
    const all = await queryNew(page, `SELECT * FROM ${t}`);
    expect(await resultColumns(all), f).toEqual(want.cities.columns);
    await expect(all.locator('[data-role=row-count]')).toHaveText(`${want.cities.count} rows`);
  }
  for (const f of ['events.json', 'events.ndjson']) {
    const t = ident(tables[f] ?? '?');
    const c = await queryNew(
      page,
      `SELECT count(*) AS n, sum(value)::BIGINT AS total, count(*) FILTER (WHERE type = 'click') AS clicks FROM ${t}`,
    );
    expect(await resultNumber(c, 'n'), f).toBe(want.events.count);
    expect(await resultNumber(c, 'total'), f).toBe(want.events.sum_value);
    expect(await resultNumber(c, 'clicks'), f).toBe(want.events.click_count);
    const all = await queryNew(page, `SELECT * FROM ${t} LIMIT 1`);
    expect(await resultColumns(all), f).toEqual(want.events.columns);
  }
  for (const f of ['sales.tsv', 'semicolon.csv']) {
    const t = ident(tables[f] ?? '?');
    const c = await queryNew(
      page,
      `SELECT count(*) AS n, sum(amount) AS total, count(*) FILTER (WHERE region = 'North') AS north FROM ${t}`,
    );
    expect(await resultNumber(c, 'n'), f).toBe(want.sales.count);
    expect(await resultNumber(c, 'total'), f).toBeCloseTo(want.sales.sum_amount, 2);
    expect(await resultNumber(c, 'north'), f).toBe(want.sales.north_count);
    const all = await queryNew(page, `SELECT * FROM ${t} LIMIT 1`);
    expect(await resultColumns(all), f).toEqual(want.sales.columns);
  }
});

test('a SQLite database is attached and queryable qualified and unqualified', async ({ page }) => {
  const want = expected().library;
  await openApp(page);
  const tables = await openFilesOk(page, ['library.db']);
  expect(tables['library.db']).toBe('library');
  await expect(openedToast(page, 'library.db')).toContainText('in SQLite');
  await expect(sidebarTable(page, 'library.books')).toBeVisible();
  await expect(sidebarTable(page, 'library.authors')).toBeVisible();

  const qualified = await queryNew(
    page,
    'SELECT (SELECT count(*) FROM library.books) AS books, (SELECT sum(pages) FROM library.books) AS pages,\n(SELECT count(*) FROM library.authors) AS authors, (SELECT min(year) FROM library.books) AS first_year',
    'sqlite',
  );
  await expect(qualified.getByRole('combobox', { name: 'Engine' })).toHaveValue('sqlite');
  expect(await resultNumber(qualified, 'books')).toBe(want.books);
  expect(await resultNumber(qualified, 'pages')).toBe(want.sum_pages);
  expect(await resultNumber(qualified, 'authors')).toBe(want.authors);
  expect(await resultNumber(qualified, 'first_year')).toBe(want.min_year);

  const unqualified = await queryNew(
    page,
    `SELECT count(*) AS n, sum(b.pages) AS pages FROM books b JOIN authors a ON a.id = b.author_id WHERE a.name = ${sqlString(want.author)}`,
    'sqlite',
  );
  expect(await resultNumber(unqualified, 'n')).toBe(want.author_books);
  expect(await resultNumber(unqualified, 'pages')).toBe(want.author_pages);
});

test('a file dropped on the page is opened and listed in the sidebar', async ({ page }) => {
  const want = expected().events;
  await openApp(page);
  await dropFile(page, 'events.ndjson');
  await expect(openedToast(page, 'events.ndjson')).toBeVisible({ timeout: 45_000 });
  await expect(sidebarTable(page, 'events')).toBeVisible();
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  const c = await queryNew(page, 'SELECT count(*) AS n, sum(value)::BIGINT AS total FROM events');
  expect(await resultNumber(c, 'n')).toBe(want.count);
  expect(await resultNumber(c, 'total')).toBe(want.sum_value);
});

test('table names come from file names, and reopening a file keeps its name', async ({ page }) => {
  const want = expected().sales;
  await openApp(page);
  await dropFile(page, 'sales.csv', 'My File (2).csv');
  await expect(openedToast(page, 'My File (2).csv')).toContainText('as table "my_file_2" in DuckDB');
  await expect(sidebarTable(page, 'my_file_2')).toBeVisible();
  expect(Number(await answer(page, 'SELECT count(*) FROM my_file_2'))).toBe(want.count);

  // The same file again replaces its table instead of adding my_file_2_2.
  await openedToast(page, 'My File (2).csv').getByRole('button', { name: 'Dismiss' }).click();
  await expect(openedToast(page, 'My File (2).csv')).toHaveCount(0);
  await dropFile(page, 'sales.csv', 'My File (2).csv');
  await expect(openedToast(page, 'My File (2).csv')).toContainText('as table "my_file_2" in DuckDB', {
    timeout: 45_000,
  });
  await expect(sidebar(page).getByRole('button', { name: /^my_file_2/ })).toHaveCount(1);
});

test('clicking a table in the sidebar inserts a working query cell in its engine', async ({ page }) => {
  const want = expected();
  await openApp(page);
  const tables = await openFilesOk(page, ['cities.parquet', 'library.db']);
  const before = await allCells(page).count();

  await sidebarTable(page, tables['cities.parquet'] ?? '?').click();
  await expect(allCells(page)).toHaveCount(before + 1);
  const duck = allCells(page).nth(before);
  await expect(duck.locator('.monaco-editor')).toBeVisible();
  expect(await editorText(duck)).toMatch(/^SELECT \* FROM "?cities"? LIMIT 100;?$/);
  await expect(duck.getByRole('combobox', { name: 'Engine' })).toHaveValue('duckdb');
  await runCell(duck);
  await expect(duck.locator('[data-role=row-count]')).toHaveText(`${want.cities.count} rows`);
  expect(await resultColumns(duck)).toEqual(want.cities.columns);

  await sidebarTable(page, 'library.books').click();
  await expect(allCells(page)).toHaveCount(before + 2);
  const lite = allCells(page).nth(before + 1);
  await expect(lite.locator('.monaco-editor')).toBeVisible();
  expect(await editorText(lite)).toMatch(/^SELECT \* FROM "?library"?\."?books"? LIMIT 100;?$/);
  await expect(lite.getByRole('combobox', { name: 'Engine' })).toHaveValue('sqlite');
  await runCell(lite);
  await expect(lite.locator('[data-role=row-count]')).toHaveText(`${want.library.books} rows`);
  await expect(resultOf(lite).locator('tbody tr')).toHaveCount(want.library.books);
});
