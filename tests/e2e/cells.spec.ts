import { expect, test, type Page } from '@playwright/test';
import {
  addSqlCell,
  allCells,
  cell,
  editorText,
  expectStatus,
  monacoOf,
  openApp,
  resultNumber,
  resultOf,
  runWithKeys,
  setCellText,
} from './helpers';

/** The editor text of cells first..last (1-based, inclusive). */
async function texts(page: Page, first: number, last: number): Promise<string[]> {
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    await monacoOf(cell(page, n));
    out.push(await editorText(cell(page, n)));
  }
  return out;
}

const A = "SELECT 'A' AS v";
const B = "SELECT 'B' AS v";
const C = "SELECT 'C' AS v";

test('cells are added, inserted, moved, duplicated and deleted in the right places', async ({ page }) => {
  await openApp(page);
  const start = await allCells(page).count();
  const a = start + 1;
  await setCellText(page, await addSqlCell(page), A);

  await cell(page, a).getByRole('button', { name: 'Insert cell above' }).click();
  await expect(allCells(page)).toHaveCount(start + 2);
  await setCellText(page, cell(page, a), B);
  expect(await texts(page, a, a + 1)).toEqual([B, A]);

  await cell(page, a + 1)
    .getByRole('button', { name: 'Insert cell below' })
    .click();
  await expect(allCells(page)).toHaveCount(start + 3);
  expect(await editorText(cell(page, a + 2))).toBe('');
  await setCellText(page, cell(page, a + 2), C);
  expect(await texts(page, a, a + 2)).toEqual([B, A, C]);

  await cell(page, a + 2)
    .getByRole('button', { name: 'Move cell up' })
    .click();
  expect(await texts(page, a, a + 2)).toEqual([B, C, A]);
  await cell(page, a).getByRole('button', { name: 'Move cell down' }).click();
  expect(await texts(page, a, a + 2)).toEqual([C, B, A]);

  await cell(page, a + 1)
    .getByRole('button', { name: 'Duplicate cell' })
    .click();
  await expect(allCells(page)).toHaveCount(start + 4);
  expect(await texts(page, a, a + 3)).toEqual([C, B, B, A]);

  await cell(page, a).getByRole('button', { name: 'Delete cell' }).click();
  await expect(allCells(page)).toHaveCount(start + 3);
  expect(await texts(page, a, a + 2)).toEqual([B, B, A]);

  // The first cell cannot move up, the last cannot move down.
  await expect(cell(page, 1).getByRole('button', { name: 'Move cell up' })).toBeDisabled();
  await expect(cell(page, start + 3).getByRole('button', { name: 'Move cell down' })).toBeDisabled();
  await expect(cell(page, start + 3).getByRole('button', { name: 'Move cell up' })).toBeEnabled();

  // The welcome cells above were not disturbed.
  await expect(cell(page, 1).getByRole('heading', { level: 1 })).toHaveText('Welcome to SQL Notebook');
  expect(await editorText(cell(page, 2))).toMatch(/^-- Trips per member type/);
});

test('Shift+Enter runs the cell and moves to the next one, adding a cell at the end', async ({ page }) => {
  await openApp(page);
  const start = await allCells(page).count();

  // In the middle of the notebook: focus moves to the existing next cell.
  const second = cell(page, 2);
  await (await monacoOf(second)).click();
  await runWithKeys(page, second, 'Shift+Enter', 'done');
  await expect(allCells(page)).toHaveCount(start);
  await expect(cell(page, 3).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  await expect(cell(page, 3)).toHaveAttribute('data-status', 'idle');

  // At the end: a new cell appears and takes the focus, so typing goes there.
  const last = await addSqlCell(page);
  await setCellText(page, last, 'SELECT 21 * 2 AS v');
  await page.keyboard.press('Shift+Enter');
  await expect(allCells(page)).toHaveCount(start + 2);
  await expectStatus(last, 'done');
  expect(await resultNumber(last, 'v')).toBe(42);
  const added = cell(page, start + 2);
  await expect(added.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  await page.keyboard.insertText('SELECT 5 AS five');
  await expect.poll(() => editorText(added)).toBe('SELECT 5 AS five');
  expect(await editorText(last)).toBe('SELECT 21 * 2 AS v');
});

test('Control+Enter runs the cell in place', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  const count = await allCells(page).count();
  await setCellText(page, c, 'SELECT 6 * 7 AS v');
  await page.keyboard.press('Control+Enter');
  await expectStatus(c, 'done');
  expect(await resultNumber(c, 'v')).toBe(42);
  await expect(allCells(page)).toHaveCount(count);
  await expect(c.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  // The caret is still in this cell: typing edits it, and running again shows the new result.
  await page.keyboard.press('End');
  await page.keyboard.insertText(' + 1');
  await expect.poll(() => editorText(c)).toBe('SELECT 6 * 7 AS v + 1');
  await setCellText(page, c, 'SELECT 6 * 7 + 1 AS v');
  await runWithKeys(page, c, 'Control+Enter', 'done');
  expect(await resultNumber(c, 'v')).toBe(43);
});

test('a million-row result shows its size, keeps the table bounded and the page responsive', async ({ page }) => {
  await openApp(page);
  const big = await addSqlCell(page);
  const other = await addSqlCell(page);
  await setCellText(page, big, 'SELECT range AS i, range * 2 AS j FROM range(1000000)');
  await page.keyboard.press('Control+Enter');

  // While it runs (and after), another cell still takes typing promptly.
  await (await monacoOf(other)).click();
  await page.keyboard.insertText('SELECT 1 AS typed_during_run');
  await expect.poll(() => editorText(other), { timeout: 5_000 }).toBe('SELECT 1 AS typed_during_run');

  await expectStatus(big, 'done', 55_000);
  await expect(big.locator('[data-role=rows]')).toHaveText('1,000,000 rows');
  await expect(big.locator('[data-role=row-count]')).toHaveText('1,000,000 rows');
  // The grid is virtual: only the rows on screen are in the DOM, whatever the result's size.
  const rows = resultOf(big).locator('tbody tr');
  expect(await rows.count()).toBeLessThanOrEqual(40);
  expect(await resultNumber(big, 'i', 0)).toBe(0);

  // Scrolled down, the rows drawn are those further down, read from the engine.
  await big.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 5000));
  await expect(rows.first()).not.toHaveAttribute('aria-rowindex', '2');
  const first = Number(await rows.first().getAttribute('aria-rowindex')) - 2;
  await expect.poll(() => resultNumber(big, 'i', 0)).toBe(first);
  expect(await resultNumber(big, 'j', 0)).toBe(2 * first);
  expect(await page.locator('table tr').count()).toBeLessThanOrEqual(1000 + 20);

  // Still responsive once the result is on screen.
  const t0 = Date.now();
  await setCellText(page, other, 'SELECT 2 AS typed_after_run');
  expect(Date.now() - t0).toBeLessThan(5_000);
  await runWithKeys(page, other, 'Control+Enter', 'done');
  expect(await resultNumber(other, 'typed_after_run')).toBe(2);
});
