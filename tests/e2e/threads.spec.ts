import { expect, test } from '@playwright/test';
import { addSqlCell, expected, openApp, openFilesOk, query, resultNumber } from './helpers';

// Threads are a setting (off by default: the threaded build loads files several times slower).
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('sqlnb:duckdb-threads', 'on'));
});

// The preview server sends COOP/COEP, so the page is isolated and, with the setting on, DuckDB starts its threaded (coi) build.
test('an isolated page runs DuckDB with threads over a local CSV', async ({ page }) => {
  const want = expected().sales;
  await openApp(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const tables = await openFilesOk(page, ['sales.csv']);
  const c = await addSqlCell(page);
  const sql = `SELECT current_setting('threads') AS threads, count(*) AS n, sum(amount) AS total FROM "${tables['sales.csv']}"`;
  await query(page, c, sql);
  expect(await resultNumber(c, 'n')).toBe(want.count);
  expect(await resultNumber(c, 'total')).toBeCloseTo(want.sum_amount, 2);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(await resultNumber(c, 'threads')).toBe(Math.min(16, cores));
  expect(cores).toBeGreaterThan(1);
});

test('the threaded build and its pthread worker load from our own origin', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, 'SELECT 1 AS one');
  const origin = new URL(page.url()).origin;
  expect(urls.some((u) => /duckdb-coi[^/]*\.wasm$/.test(u) && u.startsWith(origin))).toBe(true);
  expect(urls.some((u) => /duckdb-browser-coi\.worker[^/]*\.js$/.test(u) && u.startsWith(origin))).toBe(true);
  expect(urls.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});

test('threads are off by default: DuckDB starts its single-threaded build', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, "SELECT current_setting('threads') AS threads");
  expect(await resultNumber(c, 'threads')).toBe(1);
  expect(urls.some((u) => /duckdb-eh[^/]*\.wasm$/.test(u))).toBe(true);
  expect(urls.some((u) => /duckdb-coi/.test(u))).toBe(false);
  await context.close();
});
