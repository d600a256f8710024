import { expect, test } from '@playwright/test';
import { addSqlCell, allCells, cell, openApp, query, resultNumber, runCell } from './helpers';

// Every other spec blocks service workers (playwright.config.ts); this one is about them.
test.use({ serviceWorkers: 'allow' });

test('after one visit, the app loads and runs queries with the network off', async ({ page, context }) => {
  test.setTimeout(120_000);
  // Every response body of the visit, by URL, whoever asked (the page, a worker, the service worker).
  const downloads = new Map<string, number>();
  context.on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    void r.sizes().then(
      (s) => s.responseBodySize > 0 && downloads.set(path, (downloads.get(path) ?? 0) + 1),
      () => undefined,
    );
  });
  await openApp(page);
  const duck = await addSqlCell(page);
  await query(page, duck, 'SELECT 1 AS one');
  // The service worker registers when the page is idle and precaches the app; DuckDB's build is
  // not precached but kept from the page's own download (src/sw.ts, public/duckdb/worker.js).
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // ready resolves once a worker is active, which may still be 'activating': wait for it to finish.
    const sw = reg.active;
    if (sw && sw.state !== 'activated')
      await new Promise<void>((resolve) =>
        sw.addEventListener('statechange', () => sw.state === 'activated' && resolve()),
      );
    const wasm = async () => {
      const urls: string[] = [];
      for (const n of await caches.keys())
        for (const r of await (await caches.open(n)).keys())
          if (r.url.endsWith('.wasm')) urls.push(new URL(r.url).pathname);
      return urls;
    };
    // The page's DuckDB worker stores its build as the bytes arrive: wait until the store is done.
    const t0 = Date.now();
    let urls = await wasm();
    while (!urls.some((u) => /duckdb-eh/.test(u)) && Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 200));
      urls = await wasm();
    }
    return { active: reg.active?.state, urls };
  });
  expect(cached.active).toBe('activated');
  // The build in use (eh: threads are off by default) is kept; the other is fetched when first used.
  expect(cached.urls.filter((u) => /duckdb-eh-[^/]*\.wasm$/.test(u))).toHaveLength(1);
  expect(cached.urls.filter((u) => /duckdb-coi/.test(u))).toEqual([]);
  expect(cached.urls.some((u) => /sql-wasm/.test(u))).toBe(true);
  // Each wasm crossed the network at most once, and the build not in use not at all.
  const wasmDownloads = [...downloads].filter(([path]) => path.endsWith('.wasm'));
  expect(wasmDownloads.filter(([path]) => /duckdb-eh/.test(path))).toEqual([[expect.any(String), 1]]);
  expect(wasmDownloads.filter(([, n]) => n > 1)).toEqual([]);
  expect(wasmDownloads.filter(([path]) => /duckdb-coi/.test(path))).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(cell(page, 1)).toBeVisible();
  // The network is really off (Chromium 150 no longer reports it in navigator.onLine): a file the
  // service worker has not cached cannot be fetched.
  const uncached = await page.evaluate(() =>
    fetch(`/not-cached-${Date.now()}.txt`).then(
      (r) => `status ${r.status}`,
      () => 'failed',
    ),
  );
  expect(uncached).toBe('failed');
  // What the service worker serves carries the app's policy: strict for the page, and for
  // DuckDB's worker path the one exception it needs (src/security/csp.ts).
  const policies = await page.evaluate(async () => {
    const csp = async (url: string) => (await fetch(url)).headers.get('content-security-policy') ?? '';
    return { page: await csp('/'), duckdb: await csp('/duckdb/worker.js?src=%2Fx.js&connect=') };
  });
  expect(policies.page).toContain("connect-src 'self';");
  expect(policies.page).not.toContain("'unsafe-eval'");
  expect(policies.duckdb).toContain("'unsafe-eval'");
  expect(policies.duckdb).toContain("connect-src 'self';");
  // DuckDB over the bundled sample data, and SQLite.
  await runCell(cell(page, 2));
  await runCell(cell(page, 4));
  const c = await addSqlCell(page);
  await query(page, c, 'SELECT 6 * 7 AS answer');
  expect(await resultNumber(c, 'answer')).toBe(42);
  await context.setOffline(false);
});

test('the build not used on the first visit is fetched when first used, once, and kept for offline', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await query(page, await addSqlCell(page), 'SELECT 1 AS one');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const sw = reg.active;
    if (sw && sw.state !== 'activated')
      await new Promise<void>((resolve) =>
        sw.addEventListener('statechange', () => sw.state === 'activated' && resolve()),
      );
  });
  // Threads on: the next start runs the coi build, through the service worker that now controls the page.
  const coi: number[] = [];
  context.on('requestfinished', (r) => {
    if (/duckdb-coi-[^/]*\.wasm$/.test(r.url()))
      void r.sizes().then((s) => s.responseBodySize > 0 && coi.push(s.responseBodySize));
  });
  await page.evaluate(() => localStorage.setItem('sqlnb:duckdb-threads', 'on'));
  const cells = await allCells(page).count();
  await page.reload();
  await expect(allCells(page)).toHaveCount(cells);
  const c = await addSqlCell(page);
  await query(page, c, "SELECT current_setting('threads')::INT AS threads");
  expect(await resultNumber(c, 'threads')).toBeGreaterThan(1);
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await caches.open('sqlnb-engines')).keys()).map((r) => /duckdb-(eh|coi)/.exec(r.url)?.[0]),
      ),
    )
    .toEqual(expect.arrayContaining(['duckdb-eh', 'duckdb-coi']));
  expect(coi).toHaveLength(1);
  // Offline, the threaded build starts from the cache.
  await context.setOffline(true);
  await page.reload();
  await expect(allCells(page)).toHaveCount(cells + 1);
  const o = await addSqlCell(page);
  await query(page, o, "SELECT current_setting('threads')::INT AS threads");
  expect(await resultNumber(o, 'threads')).toBeGreaterThan(1);
  await context.setOffline(false);
});

test('the app is installable: it has a web app manifest', async ({ page }) => {
  await openApp(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await page.request.get(href as string)).json();
  expect(manifest).toMatchObject({ name: 'SQL Notebook', display: 'standalone' });
});
