/**
 * The raw engines on the bench's bare page (bench/raw/): AsyncDuckDB with no
 * notebook around it, and sql.js on the page's own thread. Each question is
 * timed inside the page around the engine call alone.
 */
import { COLUMNS } from './make-data.mjs';
import { asAnswer, duckdbQueries, sqliteQueries } from './queries.mjs';

async function rawPage(browser, url, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (!(await page.evaluate(() => window.raw.isolated()))) throw new Error('the raw page is not cross-origin isolated');
  await page.locator('#file').setInputFiles(path);
  return { context, page };
}

/** Raw DuckDB-Wasm: `bundle` 'eh' (one thread, what peers ship) or 'coi' with `threads`. */
export async function runRawDuckdb(browser, url, { csv, bundle, threads, runs, memory }) {
  const { context, page } = await rawPage(browser, url, csv);
  try {
    const boot = await page.evaluate(([b, t]) => window.raw.boot(b, t), [bundle, threads]);
    memory?.mark();
    const load = await page.evaluate((cols) => window.raw.loadCsv(cols), COLUMNS);
    const loadMem = memory?.mark();
    const rows = Number(await page.evaluate(() => window.raw.duckValue('SELECT count(*) FROM x')));
    const queries = [];
    for (const q of duckdbQueries('x')) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await page.evaluate((sql) => window.raw.duck(sql), asAnswer(q)));
      queries.push(samples);
    }
    return {
      bundle,
      threads: boot.threads,
      bootMs: boot.ms,
      csvLoadMs: load.ms,
      loadPeakMB: loadMem?.peakMB ?? null,
      rows,
      queries,
    };
  } finally {
    await context.close();
  }
}

/** Raw sql.js: opens the SQLite database made from the same data, then the questions SQLite can answer. */
export async function runRawSqlite(browser, url, { sqlite, runs }) {
  const { context, page } = await rawPage(browser, url, sqlite);
  try {
    const open = await page.evaluate(() => window.raw.sqliteOpen());
    const queries = [];
    for (const q of sqliteQueries('x')) {
      if (q === null) {
        queries.push(null);
        continue;
      }
      const samples = [];
      for (let i = 0; i < runs; i++)
        samples.push(
          await page.evaluate((sql) => window.raw.sqlite(sql), `DROP TABLE IF EXISTS ans; CREATE TABLE ans AS ${q}`),
        );
      queries.push(samples);
    }
    return { openMs: open.ms, queries };
  } finally {
    await context.close();
  }
}
