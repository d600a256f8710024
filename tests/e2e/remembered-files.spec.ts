/** Issue 5: a notebook remembers the files it opened, lists those missing after a reload, and reopens them. */
import { expect, test, type Page } from '@playwright/test';
import {
  addSqlCell,
  expected,
  openApp,
  openFilesOk,
  resultNumber,
  runCell,
  setCellText,
  sidebar,
  useFileInput,
  fixture,
} from './helpers';

const needed = (page: Page) => sidebar(page).getByRole('region', { name: 'Files this notebook needs' });

test('a file opened before is listed as needed after a reload, a cell reading it says so, and choosing it again restores it', async ({
  page,
}) => {
  const want = expected().sales;
  await openApp(page);
  const { 'sales.csv': table } = await openFilesOk(page, ['sales.csv']);
  const c = await addSqlCell(page);
  await setCellText(page, c, `SELECT count(*) AS n FROM ${table}`);
  await runCell(c);
  expect(await resultNumber(c, 'n')).toBe(want.count);
  await expect(needed(page)).toHaveCount(0);

  await page.reload();
  await openApp(page);
  await expect(needed(page)).toContainText('sales.csv');
  await page.screenshot({ path: test.info().outputPath('needed.png') });
  // The cell names the missing file instead of failing with an engine error.
  const again = page
    .getByRole('article')
    .filter({ hasText: `FROM ${table}` })
    .last();
  await runCell(again, 'error');
  await expect(again.getByRole('alert')).toContainText(`from the file sales.csv`);
  await expect(again.getByRole('alert')).toContainText('not open');

  await useFileInput(page);
  const chooser = page.waitForEvent('filechooser');
  await needed(page).getByRole('button', { name: 'Find sales.csv' }).click();
  await (await chooser).setFiles(fixture('sales.csv'));
  await expect(needed(page)).toHaveCount(0, { timeout: 45_000 });
  await runCell(again);
  expect(await resultNumber(again, 'n')).toBe(want.count);
});

test('a file picked with the File System Access API reopens with one click after a reload', async ({ page }) => {
  await openApp(page);
  // The picker is a native window no test can answer: stand in for it with a real
  // FileSystemFileHandle (from the origin private file system), as the browser would give.
  const installPicker = () =>
    page.evaluate(async () => {
      const dir = await navigator.storage.getDirectory();
      const handle = await dir.getFileHandle('picked.csv', { create: true });
      const w = await handle.createWritable();
      await w.write('k,v\na,1\nb,2\nc,39\n');
      await w.close();
      Object.defineProperty(window, 'showOpenFilePicker', { value: async () => [handle], configurable: true });
    });
  await installPicker();
  await page.getByRole('button', { name: 'Open files' }).click();
  await expect(sidebar(page).getByRole('region', { name: 'Opened files' })).toContainText('picked.csv', {
    timeout: 45_000,
  });

  await page.reload();
  await openApp(page);
  await needed(page).getByRole('button', { name: 'Open picked.csv again' }).click();
  await expect(needed(page)).toHaveCount(0, { timeout: 45_000 });
  const c = await addSqlCell(page);
  await setCellText(page, c, 'SELECT sum(v) AS total FROM picked');
  await runCell(c);
  expect(await resultNumber(c, 'total')).toBe(42);
});
