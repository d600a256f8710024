/**
 * The result grid's speed, in the built app in Chromium:
 *  - first paint: from a new 1M-row x 9-column result reaching the view (the
 *    engine has finished) to the first painted frame of the grid;
 *  - scrolling that result for 5 s: frame times from requestAnimationFrame;
 *  - sorting a 10M-row result by one column (click to first sorted rows
 *    painted) against the same ORDER BY … LIMIT page query run as a cell;
 *  - main-thread long tasks (> 50 ms) during all of it.
 * Standalone: `node bench/grid.mjs [--runs 3] [--no-build]`; bench/run.mjs can
 * call measureGrid(browser, baseURL). Writes bench/results/grid-<date>.json.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (...m) => console.log(`[grid ${new Date().toISOString().slice(11, 19)}]`, ...m);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const WIDE =
  `SELECT range AS id, 'id' || (range % 100) AS id1, 'id' || (range % 1000) AS id2, 'id' || (range % 10000) AS id3,
  (range % 100)::INTEGER AS id4, (range % 1000)::INTEGER AS id5, hash(range) % 1000000 AS id6, (range % 5)::INTEGER AS v1, (hash(range) % 10000) / 100.0 AS v3 FROM range(1000000)`.replace(
    /\s+/g,
    ' ',
  );
const TALL =
  "SELECT range AS id, hash(range) % 100000000 AS v, range * 0.5 AS x, 's' || (range % 1000) AS s FROM range(10000000)";

async function longTaskObserver(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) =>
      window.__longTasks.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))),
    ).observe({ type: 'longtask', buffered: true });
  });
}

async function addCellAndRun(page, sql) {
  const before = await page.getByRole('article').count();
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  const cell = page.getByRole('article', { name: `Cell ${before + 1}`, exact: true });
  const editor = cell.locator('.monaco-editor');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Control+Enter');
  await page.waitForTimeout(200);
  await page.waitForFunction(
    (el) => el?.getAttribute('data-status') === 'done' || el?.getAttribute('data-status') === 'error',
    await cell.elementHandle(),
    { timeout: 600_000 },
  );
  if ((await cell.getAttribute('data-status')) !== 'done') throw new Error(`cell failed: ${await cell.innerText()}`);
  return cell;
}

/** ms from the view receiving the new result to the grid's first painted frame. */
async function firstPaint(page) {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('grid:painted').length > 0 &&
      performance.getEntriesByName('result-view:new').length > 0,
  );
  return page.evaluate(() => {
    const start = performance.getEntriesByName('result-view:new').at(-1).startTime;
    const painted = performance.getEntriesByName('grid:painted').filter((m) => m.startTime >= start)[0];
    return painted ? painted.startTime - start : null;
  });
}

/** Scrolls the grid down for `ms` by `step` px a frame; returns frame times and frames that showed unloaded rows. */
async function scrollFrames(cell, ms, step) {
  return cell.locator('.grid-scroll').evaluate(
    (el, { ms, step }) =>
      new Promise((resolve) => {
        const times = [];
        let blank = 0;
        const t0 = performance.now();
        const frame = (t) => {
          times.push(t);
          if (el.querySelector('td.loading')) blank++;
          el.scrollTop += step;
          if (t - t0 < ms) requestAnimationFrame(frame);
          else
            resolve({
              deltas: times.slice(1).map((x, i) => x - times[i]),
              blank,
              frames: times.length,
              end: el.scrollTop,
              start: t0,
            });
        };
        requestAnimationFrame(frame);
      }),
    { ms, step },
  );
}

/** ms from clicking the header to the first sorted row painted. */
async function sortOnce(page, cell, column) {
  return cell.evaluate(
    (el, column) =>
      new Promise((resolve) => {
        const button = [...el.querySelectorAll('th .col-sort')].find(
          (b) => b.querySelector('.col-name')?.textContent === column,
        );
        const th = button.closest('th');
        const before = th.getAttribute('aria-sort');
        const t0 = performance.now();
        button.click();
        const check = () => {
          const first = el.querySelector('tbody tr[aria-rowindex="2"]');
          const ready = th.getAttribute('aria-sort') !== before && first && !first.querySelector('td.loading');
          if (ready)
            requestAnimationFrame(() =>
              setTimeout(() => resolve({ ms: performance.now() - t0, sort: th.getAttribute('aria-sort') })),
            );
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    column,
  );
}

function elapsedMs(text) {
  const m = /([\d.]+)\s*(ms|s)/.exec(text);
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
}

async function busy(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

const longTasksSince = (page, since) =>
  page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since), since);

export async function measureGrid(browser, baseURL, { runs = 3 } = {}) {
  const out = {
    firstPaintMs: [],
    scroll: [],
    sortMs: [],
    rawSortMs: [],
    longTasks: { firstPaint: [], scroll: [], sort: [] },
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await longTaskObserver(page);
  await page.goto(baseURL);
  await page.getByRole('article').first().waitFor();
  for (let i = 0; i < runs; i++) {
    const wide = await addCellAndRun(page, `${WIDE} -- run ${i}`);
    out.firstPaintMs.push(await firstPaint(page));
    // Long tasks between the result reaching the view and the painted frame (typing the cell is not counted).
    out.longTasks.firstPaint.push(
      await page.evaluate(() => {
        const start = performance.getEntriesByName('result-view:new').at(-1).startTime;
        const end = performance.getEntriesByName('grid:painted').at(-1).startTime;
        return window.__longTasks.filter((t) => t.start + t.duration >= start && t.start <= end).length;
      }),
    );
    await wide.scrollIntoViewIfNeeded();
    // Main-thread busy time from Chromium's own counters: on a loaded machine frame times measure the
    // machine; busy time per frame measures the work the grid asks for.
    const before = await busy(cdp);
    const s = await scrollFrames(wide, 5000, 260);
    const after = await busy(cdp);
    out.scroll.push({
      p50: pct(s.deltas, 50),
      p95: pct(s.deltas, 95),
      max: Math.max(...s.deltas),
      frames: s.frames,
      blankFrames: s.blank,
      rowsScrolled: Math.round(s.end / 26),
      busyMsPerFrame: (after.task - before.task) / s.frames,
      scriptMsPerFrame: (after.script - before.script) / s.frames,
    });
    out.longTasks.scroll.push((await longTasksSince(page, s.start)).length);
    await page.getByRole('article').last().getByRole('button', { name: 'Delete cell' }).click();
  }
  log('10M-row result…');
  const tall = await addCellAndRun(page, TALL);
  const name = await tall.getAttribute('data-name');
  const raw = await addCellAndRun(page, `SELECT * FROM ${name} ORDER BY v ASC NULLS LAST, rowid LIMIT 256`);
  for (let i = 0; i < runs; i++) {
    const since = await page.evaluate(() => performance.now());
    const r = await sortOnce(page, tall, 'v'); // ascending
    out.sortMs.push(r.ms);
    out.longTasks.sort.push((await longTasksSince(page, since)).length);
    await sortOnce(page, tall, 'v'); // descending
    await sortOnce(page, tall, 'v'); // off
    await raw.getByRole('button', { name: 'Run cell' }).click();
    await page.waitForTimeout(300);
    await page.waitForFunction((el) => el.getAttribute('data-status') === 'done', await raw.elementHandle(), {
      timeout: 120_000,
    });
    out.rawSortMs.push(elapsedMs(await raw.locator('[data-role=elapsed]').innerText()));
  }
  await context.close();
  const summary = {
    firstPaintMs: median(out.firstPaintMs),
    scrollP95Ms: median(out.scroll.map((s) => s.p95)),
    scrollBusyMsPerFrame: median(out.scroll.map((s) => s.busyMsPerFrame)),
    sortMs: median(out.sortMs),
    rawSortMs: median(out.rawSortMs),
    sortRatio: median(out.sortMs) / median(out.rawSortMs),
    longTasks: Object.fromEntries(Object.entries(out.longTasks).map(([k, v]) => [k, Math.max(...v)])),
  };
  return { summary, runs: out };
}

async function main() {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
  const port = 4197;
  const outDir = '/tmp/grid-bench-dist';
  if (!args.includes('--no-build')) execSync(`npx vite build --outDir ${outDir}`, { cwd: root, stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`http://localhost:${port}/`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const load = { before: loadavg() };
    const result = await measureGrid(browser, `http://localhost:${port}/`, { runs });
    load.after = loadavg();
    const record = { date: new Date().toISOString(), cpus: cpus().length, loadavg: load, ...result };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, `bench/results/grid-${record.date.slice(0, 19).replace(/:/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    log(JSON.stringify(record.summary), 'loadavg', load.before.map((x) => x.toFixed(2)).join(' '));
    log('wrote', file);
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid);
    } catch {
      server.kill();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
