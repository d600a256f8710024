import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addSqlCell,
  allCells,
  answer,
  errorToast,
  expected,
  fixture,
  notebookSnapshot,
  notifications,
  openApp,
  openFiles,
  openedToast,
  query,
  resultColumns,
  resultNumber,
  resultOf,
  resultValue,
  runWithKeys,
  setCellText,
  sidebarTable,
} from './helpers';

type EngineId = 'duckdb' | 'sqlite';

/** Writes SQL, runs it with Control+Enter and expects an error; returns the cell's alert. */
async function runExpectingError(page: Page, c: Locator, sql: string, engine: EngineId): Promise<Locator> {
  await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await setCellText(page, c, sql);
  await runWithKeys(page, c, 'Control+Enter', 'error');
  const alert = c.getByRole('alert');
  await expect(alert).toBeVisible();
  return alert;
}

/** The same cell, same engine, then answers a plain query correctly and drops the error. */
async function recovers(page: Page, c: Locator, engine: EngineId): Promise<void> {
  await query(page, c, 'SELECT 40 + 2 AS answer', engine);
  expect(await resultNumber(c, 'answer')).toBe(42);
  await expect(c.getByRole('alert')).toHaveCount(0);
}

/** The text of the editor line that the error squiggle sits on. */
async function squigglyLine(c: Locator): Promise<string> {
  const squiggle = c.locator('.monaco-editor .squiggly-error').first();
  await expect(squiggle).toBeAttached();
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle has no box');
  const mid = box.y + box.height / 2;
  for (const line of await c.locator('.monaco-editor .view-line').all()) {
    const b = await line.boundingBox();
    if (b && mid >= b.y && mid <= b.y + b.height) return (await line.innerText()).replace(/\u00a0/g, ' ');
  }
  throw new Error('no editor line under the squiggle');
}

test.describe('SQL errors', () => {
  test('a syntax error names its line and column and is marked in the editor', async ({ page }) => {
    await openApp(page);
    const c = await addSqlCell(page);
    // "FRM" starts at line 2, column 8.
    const alert = await runExpectingError(page, c, 'SELECT 1 AS a,\n2 AS b FRM range(3)', 'duckdb');
    await expect(alert).toContainText(/syntax error/i);
    await expect(alert).toContainText('FRM');
    await expect(alert).toContainText('(line 2, column 8)');
    expect(await squigglyLine(c)).toContain('FRM');
    await recovers(page, c, 'duckdb');
    await expect(c.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  });

  for (const engine of ['duckdb', 'sqlite'] as const) {
    test(`a syntax error in an indented second statement points into the cell (${engine})`, async ({ page }) => {
      await openApp(page);
      const c = await addSqlCell(page);
      // "FRM" starts at line 2, column 17 of the cell.
      const alert = await runExpectingError(page, c, 'SELECT 1;\n  SELECT 2 AS b FRM x;', engine);
      await expect(alert).toContainText(/^Statement 2 of 2: /);
      await expect(alert).toContainText('FRM');
      await expect(alert).toContainText('(line 2, column 17)');
      expect(await squigglyLine(c)).toContain('FRM');
      await recovers(page, c, engine);
    });
  }

  test('a SQLite syntax error on line 2 is reported on line 2', async ({ page }) => {
    await openApp(page);
    const c = await addSqlCell(page);
    const alert = await runExpectingError(page, c, 'SELECT 1 AS a,\n2 AS b FRM x', 'sqlite');
    await expect(alert).toContainText(/syntax error/i);
    await expect(alert).toContainText(/\(line 2, column \d+\)/);
    expect(await squigglyLine(c)).toContain('FRM');
    await recovers(page, c, 'sqlite');
  });

  test('a DuckDB conversion error is shown and DuckDB keeps working', async ({ page }) => {
    await openApp(page);
    const c = await addSqlCell(page);
    const alert = await runExpectingError(page, c, "SELECT 'abc'::INTEGER", 'duckdb');
    await expect(alert).toContainText(/conver/i);
    await expect(alert).toContainText("'abc'");
    await recovers(page, c, 'duckdb');
  });

  test('a SQLite integer overflow is shown and SQLite keeps working', async ({ page }) => {
    await openApp(page);
    const c = await addSqlCell(page);
    const alert = await runExpectingError(page, c, 'SELECT abs(-9223372036854775808)', 'sqlite');
    await expect(alert).toContainText(/integer overflow/i);
    await recovers(page, c, 'sqlite');
  });

  for (const engine of ['duckdb', 'sqlite'] as const) {
    test(`an empty cell says so (${engine})`, async ({ page }) => {
      await openApp(page);
      const c = await addSqlCell(page);
      await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
      // Clearing the text leaves the caret in the empty editor.
      await setCellText(page, c, '');
      await runWithKeys(page, c, 'Control+Enter', 'error');
      // DuckDB and SQLite word it differently; both must say there is nothing to run.
      await expect(c.getByRole('alert')).toContainText(/is empty|has no SQL/i);
      await recovers(page, c, engine);
    });

    test(`a failing second statement is named as statement 2 (${engine})`, async ({ page }) => {
      await openApp(page);
      const c = await addSqlCell(page);
      const sql = 'CREATE TEMP TABLE first_ok AS SELECT 7 AS x;\nSELECT * FROM no_such_table_here;\nSELECT 3;';
      const alert = await runExpectingError(page, c, sql, engine);
      await expect(alert).toContainText(/^Statement 2 of 3: /);
      await expect(alert).toContainText('no_such_table_here');
      // The position is in the cell's text, not the statement's: the table name starts at line 2, column 15.
      await expect(alert).toContainText('(line 2, column 15)');
      expect(await squigglyLine(c)).toContain('no_such_table_here');
      await recovers(page, c, engine);
      // Statements before the failing one did run.
      expect(await answer(page, 'SELECT x FROM first_ok', engine)).toBe('7');
    });
  }
});

/** Files that cannot be opened, and a pattern for the reason the notification must give. */
const BAD_FILES: ReadonlyArray<[string, RegExp]> = [
  ['empty.csv', /empty/i],
  ['not-really.parquet', /not a Parquet file/i],
  ['not-really.db', /not a SQLite/i],
  ['truncated.parquet', /truncated/i],
  ['notes.xyz', /not supported/i],
];

test.describe('files that cannot be opened', () => {
  for (const [file, reason] of BAD_FILES) {
    test(`${file} gives an error naming the file and the reason, and nothing is lost`, async ({ page }) => {
      await openApp(page);
      const mine = await addSqlCell(page);
      await setCellText(page, mine, 'SELECT 1 AS keep_me');
      const before = await notebookSnapshot(page);
      await openFiles(page, [file]);
      const toast = errorToast(page, file);
      await expect(toast).toBeVisible({ timeout: 45_000 });
      await expect(toast).toContainText(reason);
      await expect(openedToast(page, file)).toHaveCount(0);
      expect(await notebookSnapshot(page)).toEqual(before);
      expect(await answer(page, 'SELECT 6 * 7 AS n')).toBe('42');
      expect(await answer(page, 'SELECT 6 * 7 AS n', 'sqlite')).toBe('42');
      await expect(allCells(page)).toHaveCount(before.length + 2);
    });
  }

  test('ragged.csv loads with a warning that names the file, padding short rows', async ({ page }) => {
    const want = expected().ragged;
    await openApp(page);
    const before = await notebookSnapshot(page);
    await openFiles(page, ['ragged.csv']);
    const warning = notifications(page).locator('.toast-warning').filter({ hasText: 'ragged.csv' });
    await expect(warning).toBeVisible({ timeout: 45_000 });
    await expect(warning).toContainText(/number of fields/i);
    await expect(warning).toContainText(/NULL/);
    await expect(notifications(page).getByRole('alert')).toHaveCount(0);
    await expect(sidebarTable(page, 'ragged')).toBeVisible();
    expect(await notebookSnapshot(page)).toEqual(before);

    const c = await addSqlCell(page);
    await query(page, c, 'SELECT * FROM ragged');
    // The header's columns come first; extra fields may add columns after them.
    const cols = await resultColumns(c);
    expect(cols.slice(0, want.header.length)).toEqual(want.header);
    // Every data line is a row (none is lost), and a short row is padded with NULL.
    await expect(c.locator('[data-role=row-count]')).toHaveText(`${want.data_lines} rows`);
    const lines = readFileSync(fixture('ragged.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const shortIndex = lines.findIndex((l) => l.split(',').length < want.header.length);
    expect(shortIndex).toBeGreaterThanOrEqual(0);
    const shortRow = resultOf(c).locator('tbody tr').nth(shortIndex);
    await expect(shortRow.locator('td').nth(want.header.length)).toHaveClass(/\bnull\b/);
    await expect(shortRow.locator('td').nth(want.header.length)).toHaveText('NULL');
    expect(await resultValue(c, want.header[0] ?? 'a', 0)).toBe(lines[0]?.split(',')[0]);
  });

  test('one bad file among good ones does not stop the others', async ({ page }) => {
    const want = expected().sales;
    await openApp(page);
    await openFiles(page, ['notes.xyz', 'sales.csv', 'not-really.parquet']);
    await expect(errorToast(page, 'notes.xyz')).toBeVisible({ timeout: 45_000 });
    await expect(errorToast(page, 'not-really.parquet')).toBeVisible({ timeout: 45_000 });
    await expect(openedToast(page, 'sales.csv')).toBeVisible({ timeout: 45_000 });
    expect(Number(await answer(page, 'SELECT count(*) FROM sales'))).toBe(want.count);
  });
});
