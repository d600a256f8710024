import { expect, test, type Page } from '@playwright/test';
import { allCells, cell, editorText, monacoOf, openApp } from './helpers';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/e2e/shots';
const kindOf = (page: Page, n: number) => cell(page, n).getByRole('combobox', { name: 'Cell kind' });

test('command mode: add, switch kind, move between, reorder and delete cells without the mouse', async ({ page }) => {
  await openApp(page);
  const start = await allCells(page).count();
  const second = cell(page, 2);
  await (await monacoOf(second)).click();
  const text2 = await editorText(second);

  // Escape leaves the editor; the cell itself has the focus.
  await page.keyboard.press('Escape');
  await expect(second).toBeFocused();

  // B adds below and selects the new cell, still in command mode; A adds above it.
  await page.keyboard.press('b');
  await expect(allCells(page)).toHaveCount(start + 1);
  await expect(cell(page, 3)).toBeFocused();
  await page.keyboard.press('a');
  await expect(allCells(page)).toHaveCount(start + 2);
  await expect(cell(page, 3)).toBeFocused();

  // Enter edits it; typing goes there; Escape comes back out.
  await page.keyboard.press('Enter');
  await expect(cell(page, 3).locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  // Typed once Monaco has fully replaced the stand-in textarea. In two full runs on 2 busy cores the
  // text typed right after the focus was lost (both new cells empty); it was not seen in 16 runs
  // of this spec alone, even beside CPU burners, and its cause is not found yet.
  await expect(cell(page, 3).locator('.editor')).toHaveClass(/\beditor-ready\b/);
  await page.keyboard.insertText('SELECT 3');
  await page.keyboard.press('Escape');
  await expect(cell(page, 3)).toBeFocused();
  await expect.poll(() => editorText(cell(page, 3))).toBe('SELECT 3');

  // M and Y switch between Markdown and SQL; the focus stays on the cell.
  await page.keyboard.press('m');
  await expect(kindOf(page, 3)).toHaveValue('markdown');
  await expect(cell(page, 3)).toBeFocused();
  await page.keyboard.press('y');
  await expect(kindOf(page, 3)).toHaveValue('sql');

  // Arrows (and K/J) move the selection.
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 2)).toBeFocused();
  await page.keyboard.press('j');
  await expect(cell(page, 3)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 4)).toBeFocused();

  // Ctrl+Shift+Up moves the cell itself.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Control+Shift+ArrowUp');
  await expect(cell(page, 2)).toBeFocused();
  await expect.poll(() => editorText(cell(page, 2))).toBe('SELECT 3');
  await expect.poll(() => editorText(cell(page, 3))).toBe(text2);
  await page.keyboard.press('Control+Shift+ArrowDown');
  await expect(cell(page, 3)).toBeFocused();

  // D D deletes; a single D does nothing. The next cell takes the focus.
  await page.keyboard.press('d');
  await expect(allCells(page)).toHaveCount(start + 2);
  await page.keyboard.press('d');
  await expect(allCells(page)).toHaveCount(start + 1);
  await expect(cell(page, 3)).toBeFocused();
  await expect.poll(() => editorText(cell(page, 3))).toBe('');
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await expect(allCells(page)).toHaveCount(start);
  await expect(cell(page, 3)).toBeFocused();
  await expect.poll(() => editorText(cell(page, 2))).toBe(text2);
});

test('? opens the shortcut overlay; Escape closes it and gives the focus back', async ({ page }) => {
  await openApp(page);
  const second = cell(page, 2);
  await (await monacoOf(second)).click();
  await page.keyboard.press('Escape');
  await expect(second).toBeFocused();
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Delete the selected cell');
  await expect(dialog).toContainText('Format the SQL');
  await expect(dialog.getByRole('button', { name: 'Close keyboard shortcuts' })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/help-overlay.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(second).toBeFocused();

  // The header button opens it too, and typing ? in an editor types a ?.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await (await monacoOf(second)).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+?');
  await expect(dialog).toHaveCount(0);
});
