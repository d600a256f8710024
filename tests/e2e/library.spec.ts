import { expect, test, type Page } from '@playwright/test';
import { addSqlCell, allCells, cell, editorText, monacoOf, openApp, setCellText } from './helpers';

const library = (page: Page) => page.getByRole('dialog', { name: 'Notebook library' });
const title = (page: Page) => page.getByRole('textbox', { name: 'Notebook title' });

async function openLibrary(page: Page): Promise<void> {
  if (!(await library(page).isVisible())) await page.getByRole('button', { name: 'Notebooks' }).click();
  await expect(library(page)).toBeVisible();
}

test('a reload in the middle of typing loses nothing', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  const n = await allCells(page).count();
  await setCellText(page, c, 'SELECT 4');
  // Then typed on, and the page reloaded right after the last key: no pause for any save to finish.
  // Digits and operators only: they open no completion list.
  for (const key of ['2', ' ', '+', ' ', '1']) await page.keyboard.insertText(key);
  await page.reload();
  await expect(allCells(page)).toHaveCount(n);
  await monacoOf(cell(page, n));
  expect(await editorText(cell(page, n))).toBe('SELECT 42 + 1');
});

test('the library: create, rename, switch, duplicate, delete with undo', async ({ page }) => {
  await openApp(page);
  await title(page).fill('First notebook');
  await setCellText(page, cell(page, 2), 'SELECT 1 AS first_one');

  await openLibrary(page);
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  await expect(allCells(page)).toHaveCount(0);
  await expect(title(page)).toHaveValue('Untitled notebook');
  await title(page).fill('Second notebook');
  const c = await addSqlCell(page);
  await setCellText(page, c, 'SELECT 2 AS second_one');

  await openLibrary(page);
  const list = library(page).getByRole('list', { name: 'Saved notebooks' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: /^First notebook/ }).click();
  await expect(title(page)).toHaveValue('First notebook');
  await monacoOf(cell(page, 2));
  expect(await editorText(cell(page, 2))).toBe('SELECT 1 AS first_one');

  // Rename the other notebook from the list.
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'Rename Second notebook' }).click();
  await library(page).getByRole('textbox', { name: 'New name for Second notebook' }).fill('Renamed second');
  await library(page).getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByRole('button', { name: /^Renamed second/ })).toBeVisible();

  await library(page).getByRole('button', { name: 'Duplicate First notebook' }).click();
  await expect(title(page)).toHaveValue('First notebook (copy)');
  await openLibrary(page);
  await expect(list.getByRole('listitem')).toHaveCount(3);

  // Delete the open notebook: another opens, and Undo brings it back.
  await library(page).getByRole('button', { name: 'Delete First notebook (copy)' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(title(page)).not.toHaveValue('First notebook (copy)');
  await page
    .getByRole('status')
    .filter({ hasText: 'Deleted “First notebook (copy)”' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(title(page)).toHaveValue('First notebook (copy)');

  // Delete for good, then the library survives a reload.
  await library(page).getByRole('button', { name: 'Delete Renamed second' }).click();
  await page.reload();
  await expect(title(page)).toHaveValue('First notebook (copy)');
  await openLibrary(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('button', { name: /^Renamed second/ })).toHaveCount(0);
  await list.getByRole('button', { name: /^First notebook\b(?! \(copy\))/ }).click();
  await expect(title(page)).toHaveValue('First notebook');
});

test('the library and the menu, as they look', async ({ page }) => {
  await openApp(page);
  await openLibrary(page);
  await library(page).getByRole('button', { name: 'New notebook' }).click();
  await openLibrary(page);
  await page.screenshot({ path: test.info().outputPath('library.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await expect(page.getByRole('menu', { name: 'Notebook' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('notebook-menu.png') });
});
