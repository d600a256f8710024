/**
 * Never a stuck engine (issue 20): hovering endless views leaves the engines free, a wasm trap is
 * reported as a crash and the engine comes back with its files, and a queued cell says what it
 * waits for.
 */
import { writeFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addSqlCell,
  choosePaths,
  notifications,
  openApp,
  openFilesOk,
  query,
  resultValue,
  setCellText,
  sidebar,
  sidebarTable,
  watchRun,
} from './helpers';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/e2e/shots';

/** Moves the mouse onto `word` in the cell's first line that holds it (monospace: width per character). */
async function hoverWord(page: Page, c: Locator, word: string): Promise<void> {
  const line = c.locator('.monaco-editor .view-line', { hasText: word }).first();
  const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
  const box = await line.locator(':scope > span').boundingBox();
  if (!box) throw new Error('line not on screen');
  const charWidth = box.width / text.length;
  await page.mouse.move(box.x + charWidth * (text.indexOf(word) + word.length - 0.5), box.y + box.height / 2);
}

const hoverBox = (page: Page, text: string): Locator =>
  page.locator('.monaco-hover:not(.hidden)').filter({ hasText: text });

/** A new cell of `engine` runs `SELECT 42` and must answer within two seconds of Run. */
async function answersQuickly(page: Page, engine: 'duckdb' | 'sqlite'): Promise<void> {
  const c = await addSqlCell(page);
  await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await setCellText(page, c, 'SELECT 42 AS answer');
  const t0 = Date.now();
  await page.keyboard.press('Control+Enter');
  await expect(c, `${engine} answers SELECT 42 within 2 s`).toHaveAttribute('data-status', 'done', { timeout: 2000 });
  console.log(`${engine}: SELECT 42 answered in ${Date.now() - t0} ms after the hovers`);
  expect(await resultValue(c, 'answer')).toBe('42');
}

test('hovering endless views, in the editor and the sidebar, leaves both engines free to answer at once', async ({
  page,
}) => {
  await openApp(page);
  const endless =
    'CREATE VIEW endless AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r';
  await query(page, await addSqlCell(page), endless, 'sqlite');
  await query(page, await addSqlCell(page), 'CREATE VIEW big AS SELECT * FROM range(1000000000000)', 'duckdb');
  await expect(sidebarTable(page, 'endless')).toBeVisible();
  await expect(sidebarTable(page, 'big')).toBeVisible();

  // In the editor: the view's name, then one of its columns.
  const lite = await addSqlCell(page);
  await lite.getByRole('combobox', { name: 'Engine' }).selectOption('sqlite');
  await setCellText(page, lite, 'SELECT n FROM endless');
  await hoverWord(page, lite, 'endless');
  await expect(hoverBox(page, 'view endless')).toContainText('rows not counted');
  await hoverWord(page, lite, 'SELECT n');
  await expect(hoverBox(page, 'Column of')).toContainText('rows not counted');
  const duck = await addSqlCell(page);
  await setCellText(page, duck, 'SELECT range FROM big');
  await hoverWord(page, duck, 'big');
  await expect(hoverBox(page, 'view big')).toContainText('rows not counted');
  await hoverWord(page, duck, 'SELECT range');
  await expect(hoverBox(page, 'Column of')).toContainText('rows not counted');

  // In the sidebar: the names, and their columns opened.
  for (const name of ['endless', 'big']) {
    await sidebarTable(page, name).hover();
    await sidebar(page)
      .getByRole('button', { name: `Columns of ${name}` })
      .click();
  }
  await page.mouse.move(0, 0);

  await answersQuickly(page, 'sqlite');
  await answersQuickly(page, 'duckdb');
});

test('a wasm trap in DuckDB is reported as a crash, the engine comes back with its files, and the next query answers', async ({
  page,
}) => {
  // A repeat that traps in half a second (DuckDB writes past its memory). The issue's own
  // repeat('x', 1e9) fills a gigabyte first: it trapped ("null function") after 14 s alone, and was
  // still at 20% after 150 s in CI beside another worker, so it is no test for CI.
  await openApp(page);
  const tables = await openFilesOk(page, ['sales.csv']);
  const sales = tables['sales.csv'] ?? 'sales';
  const boom = await addSqlCell(page);
  const n = (await page.getByRole('article', { name: /^Cell \d+$/ }).count()).toString();
  await setCellText(page, boom, "SELECT repeat('xxxxxxxxxx', 400000000)");
  const finished = await watchRun(boom);
  await page.keyboard.press('Control+Enter');
  await finished('error', 60_000);
  // Every call that waited on the engine gets these words: before, the cell could get those of
  // whichever call saw the trap first ("DuckDB stopped: crashed (…)").
  await expect(boom.getByRole('alert')).toContainText(
    'DuckDB crashed (memory access out of bounds): a WebAssembly trap, after which the engine cannot be trusted.',
  );
  const notice = notifications(page).filter({
    hasText: `DuckDB crashed (memory access out of bounds) while running cell ${n}; it was restarted and your file was opened again.`,
  });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(sidebar(page).locator('.engine-status').first()).toHaveText('ready');
  await page.screenshot({ path: `${SHOTS}/engine-crash.png` });

  const after = await addSqlCell(page);
  await setCellText(page, after, 'SELECT 42 AS answer');
  const next = await watchRun(after);
  await page.keyboard.press('Control+Enter');
  await next('done', 10_000);
  expect(await resultValue(after, 'answer')).toBe('42');
  // The opened file was registered again in the new engine.
  const rows = await addSqlCell(page);
  await query(page, rows, `SELECT count(*) AS n FROM ${sales}`, 'duckdb');
  expect(Number(await resultValue(rows, 'n'))).toBeGreaterThan(0);
});

test('a cell queued behind a running one says what it waits for, and runs once that one stops', async ({ page }) => {
  await openApp(page);
  const slow = await addSqlCell(page);
  const slowN = (await page.getByRole('article', { name: /^Cell \d+$/ }).count()).toString();
  await query(page, slow, 'SELECT 1 AS warm', 'duckdb');
  await setCellText(page, slow, 'SELECT sum(hash(i)) AS h FROM range(100000000000) t(i)');
  await page.keyboard.press('Control+Enter');
  await expect(slow).toHaveAttribute('data-status', 'running');
  const next = await addSqlCell(page);
  await setCellText(page, next, 'SELECT 42 AS answer');
  const done = await watchRun(next);
  await page.keyboard.press('Control+Enter');
  await expect(next.locator('[data-role=waiting]')).toHaveText(`Waiting for DuckDB: cell ${slowN} is running`);
  await expect(next).toHaveAttribute('data-status', 'queued');
  await next.screenshot({ path: `${SHOTS}/waiting-cell.png` });
  await slow.getByRole('button', { name: 'Stop' }).click();
  await done('done', 20_000);
  await expect(next.locator('[data-role=waiting]')).toHaveCount(0);
  expect(await resultValue(next, 'answer')).toBe('42');
});

test('a DuckDB cell run while a file loads says it waits for that file, then answers', async ({ page }, info) => {
  const path = info.outputPath('slow_load.csv');
  const lines = ['id,city,amount,note'];
  for (let i = 0; i < 1_200_000; i++) lines.push(`${i},city_${i % 97},${(i * 7919) % 100000},"row ${i} of a file"`);
  writeFileSync(path, lines.join('\n') + '\n');
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, 'SELECT 42 AS answer');
  await choosePaths(page, [path]);
  const loading = sidebar(page).getByRole('progressbar', { name: 'Loading slow_load.csv' });
  await expect(loading).toBeVisible();
  const done = await watchRun(c);
  await c.getByRole('button', { name: 'Run cell' }).click();
  await expect(c.locator('[data-role=waiting]')).toHaveText('Waiting for DuckDB: the file slow_load.csv is loading');
  await expect(loading).toBeVisible();
  await done('done', 60_000);
  await expect(loading).toHaveCount(0);
  await expect(c.locator('[data-role=waiting]')).toHaveCount(0);
  expect(await resultValue(c, 'answer')).toBe('42');
});
