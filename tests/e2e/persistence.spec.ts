import { expect, test } from '@playwright/test';
import { addSqlCell, allCells, cell, editorText, notebookSnapshot, openApp, setCellText } from './helpers';

test('cells, their order, kinds, engines and text survive a reload', async ({ page }) => {
  await openApp(page);
  const title = page.getByRole('textbox', { name: 'Notebook title' });
  await title.fill('Kept across reloads');

  const one = await addSqlCell(page);
  await setCellText(page, one, 'SELECT 1 AS one');
  const lite = await addSqlCell(page);
  await lite.getByRole('combobox', { name: 'Engine' }).selectOption('sqlite');
  await setCellText(page, lite, "SELECT 'lite' AS s,\n  2 AS two");
  await page.getByRole('button', { name: 'Add Markdown cell' }).click();
  await expect(allCells(page)).toHaveCount(9);
  const md = cell(page, 9);
  await expect(md.getByRole('combobox', { name: 'Cell kind' })).toHaveValue('markdown');
  await setCellText(page, md, '# Saved heading\n\nSome *emphasis* here.');
  await md.getByRole('button', { name: 'Render cell' }).click();
  await expect(md.getByRole('heading', { level: 1 })).toHaveText('Saved heading');

  // The SQLite cell moves above the DuckDB one; a welcome cell switches engine.
  await cell(page, 8).getByRole('button', { name: 'Move cell up' }).click();
  await expect(cell(page, 7).getByRole('combobox', { name: 'Engine' })).toHaveValue('sqlite');
  await cell(page, 3).getByRole('combobox', { name: 'Engine' }).selectOption('sqlite');
  // A cell turned into Markdown keeps its text as Markdown source.
  const turned = await addSqlCell(page);
  await setCellText(page, turned, 'Plain words, now Markdown');
  await turned.getByRole('combobox', { name: 'Cell kind' }).selectOption('markdown');
  await turned.getByRole('button', { name: 'Render cell' }).click();
  await expect(turned.locator('.markdown-body')).toHaveText('Plain words, now Markdown');

  const before = await notebookSnapshot(page);
  expect(before).toHaveLength(10);
  expect(before[6]).toBe("sql/sqlite: SELECT 'lite' AS s,\n  2 AS two");
  expect(before[7]).toBe('sql/duckdb: SELECT 1 AS one');
  expect(before[2]).toMatch(/^sql\/sqlite: -- The busiest start stations/);

  await page.reload();
  await expect(cell(page, 1)).toBeVisible();
  await expect(allCells(page)).toHaveCount(10);
  expect(await notebookSnapshot(page)).toEqual(before);
  await expect(title).toHaveValue('Kept across reloads');
  await expect(cell(page, 9).getByRole('heading', { level: 1 })).toHaveText('Saved heading');
  await expect(cell(page, 9).locator('.markdown-body em')).toHaveText('emphasis');
  // The Markdown source itself came back, not only its rendering.
  await cell(page, 9).locator('.markdown-body').dblclick();
  await expect(cell(page, 9).locator('.monaco-editor')).toBeVisible();
  expect(await editorText(cell(page, 9))).toBe('# Saved heading\n\nSome *emphasis* here.');
});
