/**
 * Opens a 200-cell notebook in the built app and measures, from navigation
 * start: when all 200 cells are on the page, when the first Monaco editor is
 * in, and how many Monaco editors exist (they are created lazily, as cells
 * come near the view). Then the time from a keystroke to the next painted frame.
 *
 * Standalone: `node bench/editor-200.mjs` builds to /tmp/ed-dist, serves it on
 * :4411, prints the figures and writes bench/results/editor-200-<date>.json.
 * bench/run.mjs calls measureEditor200(browser, baseURL) instead.
 */
import { spawn, execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const CELLS = 200;
const RUNS = 3;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The notebook in the app's file format (docs/notebook-format.md). */
function notebookText(n) {
  const lines = ['-- %% sql-notebook 1', '-- %% title "Bench 200"', ''];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `-- %% sql name=cell${i} engine=${i % 2 ? 'duckdb' : 'sqlite'}`,
      `-- cell ${i}`,
      `SELECT ${i} AS n, upper('x') AS s`,
      'FROM range(10);',
      '',
    );
  }
  lines.push('-- %% end');
  return lines.join('\n') + '\n';
}

/** A share link (src/notebook/share.ts): the app opens it on boot, as a user following the link would. */
function shareUrl(baseURL, text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const packed = deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
  return `${baseURL.replace(/\/$/, '')}/#notebook=1.${h.toString(36)}.${packed}`;
}

/** Median and worst time from a typed character to the next painted frame. */
async function typingLatency(page) {
  const editor = page.locator('article.cell .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('End');
  const samples = [];
  for (let i = 0; i < 25; i++) {
    await page.evaluate(() => {
      window.__keyAt = 0;
      document.addEventListener('keydown', () => (window.__keyAt = performance.now()), { once: true, capture: true });
    });
    await page.keyboard.press('x');
    samples.push(
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__keyAt)))),
    );
  }
  samples.sort((a, b) => a - b);
  return { medianMs: round(samples[Math.floor(samples.length / 2)]), maxMs: round(samples.at(-1)) };
}

const round = (x) => Math.round(x * 10) / 10;

async function openOnce(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('article.cell').length >= n, CELLS, { timeout: 30000 });
  const cellsMs = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => document.querySelector('article.cell .monaco-editor') !== null, null, {
    timeout: 30000,
  });
  const firstMonacoMs = await page.evaluate(() => performance.now());
  // Let the lazily created editors settle, then count them.
  await page.waitForTimeout(500);
  const monacoEditors = await page.evaluate(() => document.querySelectorAll('.monaco-editor').length);
  const typing = await typingLatency(page);
  // Again once the page has settled: the engines start when the page is idle, and that start costs the main thread too.
  await page
    .locator('[aria-label="DuckDB tables"] .engine-ready')
    .waitFor({ timeout: 60000 })
    .catch(() => undefined);
  await page.waitForTimeout(2000);
  const typingSettled = await typingLatency(page);
  await context.close();
  return { cellsMs: round(cellsMs), firstMonacoMs: round(firstMonacoMs), monacoEditors, typing, typingSettled };
}

/** Measures a 200-cell notebook opening in `browser` against the app at `baseURL`. */
export async function measureEditor200(browser, baseURL) {
  const url = shareUrl(baseURL, notebookText(CELLS));
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await openOnce(browser, url));
  const median = (f) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return {
    cells: CELLS,
    median: {
      cellsMs: median((r) => r.cellsMs),
      firstMonacoMs: median((r) => r.firstMonacoMs),
      typingMs: median((r) => r.typing.medianMs),
      typingSettledMs: median((r) => r.typingSettled.medianMs),
      typingSettledMaxMs: median((r) => r.typingSettled.maxMs),
    },
    runs,
  };
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  const outDir = '/tmp/ed-dist';
  execSync(`npx vite build --outDir ${outDir}`, { cwd: ROOT, stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', '4411', '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  const baseURL = 'http://localhost:4411';
  try {
    await waitFor(baseURL);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const result = await measureEditor200(browser, baseURL);
    await browser.close();
    const out = { bench: 'editor-200', date: new Date().toISOString(), budgetMs: 2000, ...result };
    console.log(JSON.stringify(out, null, 2));
    mkdirSync(new URL('results/', import.meta.url), { recursive: true });
    const file = new URL(`results/editor-200-${out.date.slice(0, 10)}.json`, import.meta.url);
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log(`wrote ${fileURLToPath(file)}`);
  } finally {
    process.kill(-server.pid);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
