import { expect, test } from '@playwright/test';
import { addSqlCell, cell, openApp, query, resultNumber, runCell } from './helpers';

// Every other spec blocks service workers (playwright.config.ts); this one is about them.
test.use({ serviceWorkers: 'allow' });

test('after one visit, the app loads and runs queries with the network off', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openApp(page);
  // The service worker registers when the page is idle and precaches every file, wasm included.
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // ready resolves once a worker is active, which may still be 'activating': wait for it to finish.
    const sw = reg.active;
    if (sw && sw.state !== 'activated')
      await new Promise<void>((resolve) =>
        sw.addEventListener('statechange', () => sw.state === 'activated' && resolve()),
      );
    const names = await caches.keys();
    let count = 0;
    for (const n of names) count += (await (await caches.open(n)).keys()).length;
    return {
      active: reg.active?.state,
      count,
      wasm: (
        await Promise.all(
          names.map(async (n) => (await (await caches.open(n)).keys()).filter((r) => r.url.endsWith('.wasm')).length),
        )
      ).reduce((a, b) => a + b, 0),
    };
  });
  expect(cached.active).toBe('activated');
  expect(cached.wasm).toBeGreaterThanOrEqual(2);

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

test('the app is installable: it has a web app manifest', async ({ page }) => {
  await openApp(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await page.request.get(href as string)).json();
  expect(manifest).toMatchObject({ name: 'SQL Notebook', display: 'standalone' });
});
