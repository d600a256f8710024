import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  allCells,
  expected,
  FIXTURES,
  notifications,
  openApp,
  openFilesOk,
  query,
  addSqlCell,
  resultNumber,
} from './helpers';

const title = (page: Page) => page.getByRole('textbox', { name: 'Notebook title' });
const NOTEBOOK = `${FIXTURES}notebooks/everything.sql`;

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Open notebook file through the upload fallback (the picker is a native window Playwright cannot drive). */
async function openNotebookFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.evaluate(() => {
    delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
  });
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Open notebook file…');
  await (await chooser).setFiles(file);
}

async function downloaded(page: Page, item: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await menu(page, item);
  const d = await download;
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

test('open a notebook file, then Download gives the same bytes', async ({ page }) => {
  await openApp(page);
  const bytes = readFileSync(NOTEBOOK);
  for (const [name, buffer] of [
    ['everything.sql', bytes],
    ['crlf.sql', Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))],
  ] as const) {
    await openNotebookFile(page, { name, mimeType: 'text/plain', buffer });
    await expect(notifications(page).getByText(`Opened ${name} as the notebook`)).toBeVisible();
    await expect(title(page)).toHaveValue(/^Sales — review "Q3" ✓/);
    await expect(allCells(page)).toHaveCount(9);
    const saved = await downloaded(page, 'Download');
    expect(saved.name).toBe(name);
    expect(Buffer.from(saved.text, 'utf8').equals(buffer)).toBe(true);
  }
});

test('bad notebook files get a clear message and change no notebook', async ({ page }) => {
  await openApp(page);
  await title(page).fill('Untouched');
  const good = readFileSync(NOTEBOOK, 'utf8');
  const cases: [string, string, RegExp][] = [
    ['newer.sql', good.replace('sql-notebook 1', 'sql-notebook 7'), /newer than this app understands/],
    ['cut.sql', good.slice(0, good.length / 2), /cut short/],
    [
      'edited.sql',
      good.replace('name=lite engine=sqlite', 'name=lite engine=oracle'),
      /Line \d+: expected a cell line/,
    ],
    ['plain.sql', 'SELECT 1;\n', /not a notebook file/],
    ['binary.sql', '\u0000\u00ff\u0000garbage', /not a notebook file/],
  ];
  for (const [name, text, message] of cases) {
    await openNotebookFile(page, {
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text, name === 'binary.sql' ? 'latin1' : 'utf8'),
    });
    await expect(
      notifications(page).getByRole('alert').filter({ hasText: name }).filter({ hasText: message }),
    ).toBeVisible();
    await expect(title(page)).toHaveValue('Untouched');
  }
  await page.getByRole('button', { name: 'Notebooks' }).click();
  await expect(page.getByRole('list', { name: 'Saved notebooks' }).getByRole('listitem')).toHaveCount(1);
});

test('the exported DuckDB script gives the notebook’s results in native DuckDB', async ({ page }) => {
  const want = expected();
  await openApp(page);
  await openFilesOk(page, ['sales.csv']);
  const byRegion = await addSqlCell(page);
  await query(
    page,
    byRegion,
    'SELECT region, count(*) AS n, sum(amount) AS total FROM sales GROUP BY ALL ORDER BY region',
  );
  const north = await addSqlCell(page);
  await query(page, north, "SELECT count(*) AS n, round(sum(amount), 2) AS total FROM sales WHERE region = 'North'");
  const inApp = { n: await resultNumber(north, 'n'), total: await resultNumber(north, 'total') };
  expect(inApp).toEqual({ n: want.sales.north_count, total: want.sales.north_sum_amount });

  const script = await downloaded(page, 'Export as DuckDB script');
  expect(script.name).toMatch(/\.duckdb\.sql$/);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  // The CLI would run in a folder holding the files; here both folders are searched.
  const datasets = fileURLToPath(new URL('../../public/datasets/', import.meta.url));
  await conn.run(`SET file_search_path = '${`${FIXTURES},${datasets}`.replace(/'/g, "''")}'`);
  await conn.run(script.text);
  // New cells are named cell1, cell2, … (notebook/cell-names.ts); the script makes each a view of that name.
  const rows = (await conn.runAndReadAll('SELECT n::INT AS n, total::DOUBLE AS total FROM cell2')).getRowObjectsJson();
  expect(rows).toEqual([inApp]);
  // The welcome cells read the bundled trips.csv by name.
  expect(script.text).toContain("read_csv('trips.csv')");
  conn.closeSync();
});
