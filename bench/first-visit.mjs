/**
 * The first seconds of a first visit, each in a fresh browser context with service workers
 * allowed (as a new user meets the app):
 *
 * - bytes: the response bodies of every request the page, its workers and the service worker
 *   make, summed per URL (Chromium's own count of the encoded body; a 304 or a cache hit counts
 *   0), from navigation until the service worker is active and the first DuckDB result is shown;
 * - click → new cell: "Add SQL cell" clicked while the welcome notebook's editors are being built
 *   (the moment the first Monaco editor is attached), from the click's input timestamp to the
 *   first frame that shows the new cell;
 *   and the longest main-thread task of the first 10 s (what a click at the worst moment waits for);
 * - editor accepts typing: navigation → a key typed into the first SQL cell is on screen.
 *
 * Standalone: `node bench/first-visit.mjs [--runs N] --url U [--url U2 …]` measures running
 * servers side by side, interleaved; bench/run.mjs calls
 * measureFirstVisit(browser, url) instead.
 */
import { chromium } from '@playwright/test';
import { coldStart, runFirstCell } from './notebook.mjs';
import { median } from './report.mjs';

/** Sums response bodies per URL for every request of `context` (page, workers, service worker). */
function countBytes(context) {
  const byUrl = new Map();
  const pending = [];
  context.on('requestfinished', (req) =>
    pending.push(
      req.sizes().then(
        (s) => {
          const url = req.url().replace(/^https?:\/\/[^/]+/, '');
          const who = req.serviceWorker() ? 'sw' : 'page';
          const key = `${who} ${url}`;
          byUrl.set(key, (byUrl.get(key) ?? 0) + s.responseBodySize);
        },
        () => undefined,
      ),
    ),
  );
  return async () => {
    await Promise.all(pending);
    const rows = [...byUrl].sort((a, b) => b[1] - a[1]);
    return { total: rows.reduce((a, [, n]) => a + n, 0), rows };
  };
}

/** Waits until the page's service worker is activated (or 60 s). */
async function swActive(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const sw = reg.active;
    if (sw && sw.state !== 'activated')
      await new Promise((resolve) => sw.addEventListener('statechange', () => sw.state === 'activated' && resolve()));
    return performance.now();
  });
}

/** Bytes of one first visit. */
export async function firstVisitBytes(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const done = countBytes(context);
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  const [resultMs, swMs] = await Promise.all([runFirstCell(page), swActive(page)]);
  // Whatever the service worker still fetches once active (nothing is expected) gets a moment to show.
  await page.waitForTimeout(3000);
  const { total, rows } = await done();
  await context.close();
  return { bytes: total, resultMs, swMs, top: rows.slice(0, 12).map(([u, n]) => [u, n]) };
}

/** Click "Add SQL cell" as the first Monaco editor is attached; ms from the click's timestamp to the frame showing the new cell. */
export async function clickWhileEditorsBuild(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.addInitScript(() => {
    window.__click = null;
    document.addEventListener(
      'click',
      (e) => {
        const b = e.target instanceof Element ? e.target.closest('button') : null;
        if (b?.getAttribute('aria-label') === 'Add SQL cell' || b?.textContent?.includes('Add SQL cell')) {
          const before = document.querySelectorAll('article.cell').length;
          const at = e.timeStamp;
          window.__click = new Promise((resolve) => {
            const check = () => {
              if (document.querySelectorAll('article.cell').length > before) {
                mo.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - at));
              }
            };
            const mo = new MutationObserver(check);
            mo.observe(document.body, { childList: true, subtree: true });
            check();
          });
        }
      },
      true,
    );
  });
  await context.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url, { waitUntil: 'commit' });
  const button = page.getByRole('button', { name: 'Add SQL cell' }).first();
  await button.waitFor();
  await page.locator('.monaco-editor').first().waitFor({ state: 'attached' });
  const editorsThen = await page.locator('.monaco-editor').count();
  await button.click({ noWaitAfter: true });
  const ms = await page.waitForFunction(() => window.__click).then(() => page.evaluate(() => window.__click));
  const editorsAfter = await page.locator('.monaco-editor').count();
  // The longest main-thread task of the first 10 s: what a click at the worst moment waits for.
  await page.waitForFunction(() => performance.now() > 10000, null, { polling: 200 });
  const longestTaskMs = await page.evaluate(() => window.__longest);
  await context.close();
  return { ms, editorsThen, editorsAfter, longestTaskMs };
}

/** Navigation → a key typed in the first SQL cell is on screen (the stand-in or Monaco), in a fresh context. */
async function coldEditor(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    return (await coldStart(context, url)).editorMs;
  } finally {
    await context.close();
  }
}

/** The three figures over `runs` fresh contexts for each app in `urls`, interleaved (alternating order). */
export async function measureFirstVisit(browser, urls, runs = 3) {
  const list = Array.isArray(urls) ? urls : [urls];
  const out = list.map(() => ({ bytes: [], click: [], longest: [], editor: [], samples: [] }));
  for (let i = 0; i < runs; i++) {
    const order = list.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const b = await firstVisitBytes(browser, list[k]);
      const c = await clickWhileEditorsBuild(browser, list[k]);
      const e = await coldEditor(browser, list[k]);
      out[k].bytes.push(b.bytes);
      out[k].click.push(c.ms);
      out[k].longest.push(c.longestTaskMs);
      out[k].editor.push(e);
      out[k].samples.push({ bytes: b, click: c, editorMs: e });
    }
  }
  return out.map((o) => ({
    bytes: median(o.bytes),
    clickToCellMs: median(o.click),
    longestTaskMs: median(o.longest),
    editorMs: median(o.editor),
    samples: o.samples,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const urls = args.flatMap((a, i) => (a === '--url' || a === '--base-url' ? [args[i + 1]] : []));
  if (urls.length === 0) urls.push('http://localhost:4199/');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const res = await measureFirstVisit(browser, urls, Number(opt('--runs', 3)));
    res.forEach((r, k) => {
      console.log(`\n${urls[k]}`);
      console.log(
        `bytes ${(r.bytes / 1e6).toFixed(1)} MB; click → new cell ${r.clickToCellMs?.toFixed(0)} ms; longest task in the first 10 s ${r.longestTaskMs?.toFixed(0)} ms; editor accepts typing ${r.editorMs?.toFixed(0)} ms`,
      );
      for (const s of r.samples)
        console.log(
          JSON.stringify({
            MB: (s.bytes.bytes / 1e6).toFixed(1),
            click: Math.round(s.click.ms),
            longest: Math.round(s.click.longestTaskMs),
            editors: [s.click.editorsThen, s.click.editorsAfter],
            editorMs: Math.round(s.editorMs),
            resultMs: Math.round(s.bytes.resultMs),
            top: s.bytes.top.slice(0, 6).map(([u, n]) => `${u} ${(n / 1e6).toFixed(1)}`),
          }),
        );
    });
  } finally {
    await browser.close();
  }
}
