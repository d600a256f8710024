/** Issue 4: named cells read as tables across both engines, dependency-aware runs, cancelling and recovery. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  expected,
  notifications,
  openApp,
  openFilesOk,
  rename,
  resultNumber,
  runCell,
  setCellText,
  sqlCell,
  statusOf,
} from './helpers';

const manifest = JSON.parse(
  readFileSync(new URL('../../public/datasets/manifest.json', import.meta.url), 'utf8'),
) as Array<{ table: string; rows: number }>;
const tripRows = manifest.find((d) => d.table === 'trips')?.rows ?? NaN;

test('a three-cell chain across both engines gives the right values, running its inputs first', async ({ page }) => {
  await openApp(page);
  const a = await sqlCell(
    page,
    'by_type',
    'SELECT member_type, count(*) AS n FROM trips GROUP BY member_type',
    'duckdb',
  );
  const b = await sqlCell(page, 'b_total', 'SELECT sum(n) AS total, count(*) AS types FROM by_type', 'sqlite');
  const c = await sqlCell(page, 'doubled', 'SELECT total * 2 AS doubled FROM b_total', 'duckdb');
  // Running only the last cell runs the two it depends on, in order.
  await runCell(c);
  await expect(statusOf(a)).toHaveText('done');
  await expect(statusOf(b)).toHaveText('done');
  expect(await resultNumber(b, 'total')).toBe(tripRows);
  expect(await resultNumber(c, 'doubled')).toBe(2 * tripRows);
});

test('editing a cell marks the cells that read it stale, and a rerun gives the new values', async ({ page }) => {
  await openApp(page);
  const members = await sqlCell(
    page,
    'members_check',
    "SELECT count(*) AS n FROM trips WHERE member_type = 'member'",
    'duckdb',
  );
  await runCell(members);
  const memberRows = await resultNumber(members, 'n');
  const a = await sqlCell(page, 'picked', 'SELECT * FROM trips', 'duckdb');
  const b = await sqlCell(page, 'counted', 'SELECT count(*) AS n FROM picked', 'sqlite');
  await runCell(b);
  expect(await resultNumber(b, 'n')).toBe(tripRows);
  await setCellText(page, a, "SELECT * FROM trips WHERE member_type = 'member'");
  await expect(a.locator('[data-role=stale]')).toBeVisible();
  await expect(b.locator('[data-role=stale]')).toBeVisible();
  await runCell(b);
  expect(await resultNumber(b, 'n')).toBe(memberRows);
  await expect(b.locator('[data-role=stale]')).toHaveCount(0);
});

for (const [engine, sql] of [
  ['duckdb', 'SELECT count(*) FROM range(1000000000000) a'],
  ['sqlite', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c'],
] as const) {
  test(`Stop cancels a long ${engine} query, and the engine answers the next one`, async ({ page }) => {
    await openApp(page);
    const long = await sqlCell(page, 'forever', sql, engine);
    await long.getByRole('button', { name: 'Run cell' }).click();
    await expect(statusOf(long)).toHaveText('running', { timeout: 30_000 });
    await page.waitForTimeout(500);
    const stop = long.getByRole('button', { name: 'Stop' });
    const t0 = Date.now();
    await stop.click();
    await expect(statusOf(long)).toHaveText('cancelled', { timeout: 5_000 });
    test.info().annotations.push({ type: 'cancel-ms', description: String(Date.now() - t0) });
    await expect(long.getByRole('alert')).toContainText(/cancelled/i);
    const next = await sqlCell(
      page,
      'after',
      engine === 'duckdb' ? 'SELECT count(*) AS n FROM trips' : 'SELECT count(*) AS n FROM stations',
      engine,
    );
    await runCell(next);
    expect(await resultNumber(next, 'n')).toBeGreaterThan(0);
  });
}

test('Escape in a running cell cancels it', async ({ page }) => {
  await openApp(page);
  const long = await sqlCell(page, 'forever', 'SELECT count(*) FROM range(1000000000000) a', 'duckdb');
  await long.locator('.monaco-editor').click();
  await page.keyboard.press('Control+Enter');
  await expect(statusOf(long)).toHaveText('running', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(statusOf(long)).toHaveText('cancelled', { timeout: 5_000 });
});

test('a killed DuckDB worker restarts, registers opened files again, and keeps every result on screen', async ({
  page,
}) => {
  await openApp(page);
  await openFilesOk(page, ['sales.csv']);
  const first = await sqlCell(page, 'sales_count', 'SELECT count(*) AS n FROM sales', 'duckdb');
  await runCell(first);
  const lite = await sqlCell(page, 'lite', 'SELECT count(*) AS n FROM stations', 'sqlite');
  await runCell(lite);
  await page.evaluate(() =>
    (window as unknown as { __notebookDebug: { killEngine(id: string): Promise<void> } }).__notebookDebug.killEngine(
      'duckdb',
    ),
  );
  await expect(notifications(page)).toContainText('DuckDB stopped; it was restarted and your file was opened again.');
  // Results already on screen stay, in both engines.
  expect(await resultNumber(first, 'n')).toBe(expected().sales.count);
  expect(await resultNumber(lite, 'n')).toBeGreaterThan(0);
  const again = await sqlCell(page, 'again', 'SELECT count(*) AS n FROM sales', 'duckdb');
  await runCell(again);
  expect(await resultNumber(again, 'n')).toBe(expected().sales.count);
  // SQLite was untouched: its cell result is still reusable by a reader.
  const reader = await sqlCell(page, 'reader', 'SELECT n FROM lite', 'sqlite');
  await runCell(reader);
  expect(await resultNumber(reader, 'n')).toBe(await resultNumber(lite, 'n'));
});

test('bad names and bad references get clear messages on the cells involved', async ({ page }) => {
  await openApp(page);
  await openFilesOk(page, ['sales.csv']);
  const a = await sqlCell(page, 'first_one', 'SELECT 1 AS x', 'duckdb');
  const name = a.getByRole('textbox', { name: 'Cell name' });
  for (const [bad, why] of [
    ['select', /SQL keyword/],
    ['trips_by_type', /already named/],
    ['two words', /not a plain name/],
  ] as const) {
    await name.fill(bad);
    await name.press('Enter');
    await expect(a.getByRole('alert')).toContainText(why);
  }
  await name.press('Escape');
  await expect(name).toHaveValue('first_one');
  // A name that is an opened file's table.
  await rename(a, 'sales');
  await runCell(a, 'error');
  await expect(a.getByRole('alert')).toContainText('already the table opened from sales.csv');
  // A cell reading a cell that failed.
  await rename(a, 'broken');
  await setCellText(page, a, 'SELECT nope FROM trips');
  const b = await sqlCell(page, 'reads_broken', 'SELECT * FROM broken', 'sqlite');
  await runCell(b, 'error');
  await expect(b.getByRole('alert')).toContainText('reads broken, which did not run successfully');
  // Cycles.
  const c1 = await sqlCell(page, 'ping', 'SELECT * FROM pong', 'duckdb');
  await sqlCell(page, 'pong', 'SELECT * FROM ping', 'duckdb');
  await runCell(c1, 'error');
  await expect(c1.getByRole('alert')).toContainText(/cycle: ping, pong|cycle: pong, ping/);
  // Deleting a cell that another reads.
  await a.getByRole('button', { name: 'Delete cell' }).click();
  await expect(notifications(page)).toContainText('Deleted broken, which reads_broken reads');
});
