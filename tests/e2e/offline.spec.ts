import { expect, test, type Page } from '@playwright/test';
import { answer, cell, expected, expectStatus, openApp, openFilesOk } from './helpers';

const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

/** A whole session: load, run everything, open files of every engine and query them. */
async function session(page: Page): Promise<void> {
  const want = expected();
  await openApp(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  for (const n of [2, 3, 4]) await expectStatus(cell(page, n), 'done');
  const tables = await openFilesOk(page, [
    'sales.csv',
    'cities.parquet',
    'events.ndjson',
    'cities.arrow',
    'library.db',
  ]);
  expect(Number(await answer(page, 'SELECT count(*) FROM sales'))).toBe(want.sales.count);
  expect(Number(await answer(page, `SELECT sum(population)::BIGINT FROM "${tables['cities.parquet']}"`))).toBe(
    want.cities.sum_population,
  );
  expect(Number(await answer(page, `SELECT count(*) FROM "${tables['cities.arrow']}"`))).toBe(want.cities.count);
  expect(Number(await answer(page, `SELECT sum(value)::BIGINT FROM "${tables['events.ndjson']}"`))).toBe(
    want.events.sum_value,
  );
  expect(Number(await answer(page, 'SELECT count(*) FROM library.books', 'sqlite'))).toBe(want.library.books);
}

test('every request of a whole session goes to the page origin', async ({ page, context }) => {
  const urls = new Set<string>();
  context.on('request', (r) => urls.add(r.url()));
  page.on('request', (r) => urls.add(r.url()));
  page.on('worker', (w) => urls.add(w.url()));
  context.on('serviceworker', (w) => urls.add(w.url()));

  await session(page);
  const origin = new URL(page.url()).origin;
  const list = [...urls];
  const foreign = list.filter((u) => {
    const url = new URL(u);
    return !LOCAL_SCHEMES.has(url.protocol) && url.origin !== origin;
  });
  expect(foreign).toEqual([]);
  // The record is not vacuous: it saw the page, the sample data and both engines' WebAssembly.
  const paths = list.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
  expect(paths).toContain('/');
  expect(paths.some((p) => p.endsWith('/datasets/trips.csv'))).toBe(true);
  expect(paths.some((p) => p.endsWith('/datasets/stations.sqlite'))).toBe(true);
  expect(paths.filter((p) => p.endsWith('.wasm')).length).toBeGreaterThanOrEqual(2);
});

test('the app works with every non-local request blocked', async ({ page, context }) => {
  const aborted: string[] = [];
  const allowed: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || LOCAL_SCHEMES.has(url.protocol)) {
      allowed.push(url.href);
      await route.continue();
    } else {
      aborted.push(url.href);
      await route.abort('internetdisconnected');
    }
  });
  await session(page);
  expect(aborted).toEqual([]);
  expect(allowed.length).toBeGreaterThan(5);
});
