/**
 * Messages that say what happened (issue 20, part 5): a second file with a taken name, COPY … TO,
 * and a stack of toasts that merges repeats and stays within the window.
 */
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  addSqlCell,
  choosePaths,
  notifications,
  openApp,
  openedToast,
  query,
  resultValue,
  runCell,
  setCellText,
  sidebar,
  statusOf,
} from './helpers';

const SHOTS = process.env.H2_SHOTS;

/** `name` with `text` in a fresh folder `sub` of `root`, modified at `time` (seconds). */
function fileIn(root: string, sub: string, name: string, text: string, time: number): string {
  mkdirSync(join(root, sub), { recursive: true });
  const path = join(root, sub, name);
  writeFileSync(path, text);
  utimesSync(path, time, time);
  return path;
}

async function valueOf(page: Page, sql: string): Promise<string> {
  const c = await addSqlCell(page);
  await query(page, c, sql);
  return resultValue(c, 'v');
}

test('a second file named same.csv never silently replaces table same', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'same-'));
  // Same name and same size: only the time (and the content) tells them apart.
  const d1 = fileIn(root, 'd1', 'same.csv', 'v\n111\n', 1_700_000_000);
  const d2 = fileIn(root, 'd2', 'same.csv', 'v\n222\n', 1_700_000_600);
  const d3 = fileIn(root, 'd3', 'same.csv', 'v\n333\n', 1_700_001_200);
  await openApp(page);

  await choosePaths(page, [d1]);
  await expect(openedToast(page, 'same.csv')).toContainText('as table "same" in DuckDB');
  const reader = await addSqlCell(page);
  await query(page, reader, 'SELECT v FROM same');
  expect(await resultValue(reader, 'v')).toBe('111');

  // Another same.csv: the user is asked, and "Open as same_2" leaves table same alone.
  await choosePaths(page, [d2]);
  const dialog = page.getByRole('dialog', { name: 'Another same.csv' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Table same holds a different file named same.csv');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/same-name-dialog.png` });
  await dialog.getByRole('button', { name: 'Open as same_2' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(notifications(page)).toContainText(
    'Opened same.csv as table "same_2" in DuckDB. Table "same" is another file named same.csv, and is unchanged.',
  );
  expect(await valueOf(page, 'SELECT v FROM same')).toBe('111');
  expect(await valueOf(page, 'SELECT v FROM same_2')).toBe('222');
  await expect(reader.locator('[data-role=stale]')).toHaveCount(0);
  // Each table's file has its own control, named for its table.
  for (const table of ['same', 'same_2'])
    await expect(
      sidebar(page).getByRole('combobox', { name: `Where same.csv lives, for table ${table}`, exact: true }),
    ).toHaveCount(1);

  // The same file again is no question: it keeps its table. The toasts so far are dismissed one by
  // one (they also expire on their own, so "Dismiss all", shown for two or more, may go first).
  const region = notifications(page);
  for (let left = await region.locator('.toast').count(); left > 0; left = await region.locator('.toast').count())
    await region
      .getByRole('button', { name: 'Dismiss', exact: true })
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  await expect(region.locator('.toast')).toHaveCount(0);
  await choosePaths(page, [d2]);
  await expect(openedToast(page, 'same.csv')).toContainText('as table "same_2" in DuckDB.');
  await expect(dialog).toHaveCount(0);

  // A third one, replacing table same: the cell that read it is stale until it runs again.
  await choosePaths(page, [d3]);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace table same' }).click();
  // Two cells have read it: the first one, and the check of its rows above.
  await expect(notifications(page)).toContainText(
    'Opened same.csv as table "same" in DuckDB. It replaced the other same.csv. 2 cells read it: run again to see its rows.',
  );
  await expect(reader.locator('[data-role=stale]')).toBeVisible();
  await runCell(reader);
  expect(await resultValue(reader, 'v')).toBe('333');
  await expect(reader.locator('[data-role=stale]')).toHaveCount(0);
  expect(await valueOf(page, 'SELECT v FROM same_2')).toBe('222');

  // After a reload both files are needed again, each for its own table: one does not forget the other.
  await page.reload();
  await openApp(page);
  const needed = sidebar(page).getByRole('region', { name: 'Files this notebook needs' });
  await expect(needed.getByRole('button', { name: 'Find same.csv, for table same', exact: true })).toBeVisible();
  await expect(needed.getByRole('button', { name: 'Find same.csv, for table same_2', exact: true })).toBeVisible();
});

test('COPY … TO offers the file it wrote as a download, with its name and size', async ({ page }) => {
  // Headless Chromium has showSaveFilePicker, but no one to answer it: take the download path.
  await page.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, "COPY (SELECT 42 AS x) TO 'x.csv'");
  await runCell(c);
  const written = c.getByRole('list', { name: 'Files written' });
  await expect(written).toContainText("COPY wrote x.csv (5 B, CSV) inside DuckDB's memory");
  if (SHOTS) await c.screenshot({ path: `${SHOTS}/copy-download.png` });
  const download = page.waitForEvent('download');
  await written.getByRole('button', { name: 'Download x.csv' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('x.csv');
  expect(readFileSync(await file.path(), 'utf8')).toBe('x\n42\n');
  await expect(notifications(page)).toContainText('Saved x.csv (5 B).');

  // Parquet needs an extension the app does not have: said, with what works instead.
  await setCellText(page, c, "SELECT 1;\nCOPY (SELECT 42 AS x) TO 'x.parquet'");
  await runCell(c, 'error');
  await expect(c.getByRole('alert')).toContainText('Statement 2 of 2: COPY cannot write Parquet here');
  // The statement as the user wrote it, not as it was sent.
  await expect(c.getByRole('alert')).toContainText("COPY (SELECT 42 AS x) TO 'x.parquet'");
  await expect(statusOf(c)).toHaveText('error');
});

test('identical toasts merge, and twenty failures stay within the window', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const root = mkdtempSync(join(tmpdir(), 'toasts-'));
  // An empty file is refused before any engine sees it, with a message that names it.
  const different = Array.from({ length: 20 }, (_, i) => fileIn(root, 'many', `bad${i + 1}.csv`, '', 1_700_000_000));
  await openApp(page);
  await choosePaths(page, different);
  const region = notifications(page);
  await expect(region.getByRole('button', { name: '+16 more' })).toBeVisible();
  await expect(region.locator('.toast')).toHaveCount(4);
  const box = await region.boundingBox();
  expect(box?.height ?? Infinity).toBeLessThanOrEqual(900 * 0.4 + 1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/toast-stack.png` });
  await region.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(region.locator('.toast')).toHaveCount(0);

  // Fifteen times the same failure: one toast, ×15.
  const same = Array.from({ length: 15 }, (_, i) => fileIn(root, `d${i}`, 'empty.csv', '', 1_700_000_000 + i));
  await choosePaths(page, same);
  await expect(region.locator('.toast')).toHaveCount(1);
  await expect(region.locator('[data-role=toast-count]')).toHaveText('×15');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/toast-merged.png` });
});

test('local storage that refuses the notebook is said once, not once per keystroke', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, 'SELECT 1');
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.keyboard.type(' -- fifteen chars');
  const warning = notifications(page).getByRole('status').filter({ hasText: 'local storage refused the notebook' });
  await expect(warning).toHaveCount(1);
  await expect(warning.locator('[data-role=toast-count]')).toHaveCount(0);
});
