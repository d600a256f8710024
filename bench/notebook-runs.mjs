/**
 * The notebook end to end at one size: a file opened through the file chooser,
 * each question run as a cell (Run press → result shown), long tasks counted
 * during the runs, memory sampled, SELECT * → first paint, and Parquet ingest.
 */
import { duckdbQueries, sqliteQueries } from './queries.mjs';
import { longTasksIn, newCell, notebookPage, openFile, runToResult, setText } from './notebook.mjs';

async function firstValue(page, sql, engine = 'duckdb') {
  const cell = await newCell(page, sql, engine);
  await runToResult(cell);
  // The virtual grid marks each data cell with its row and column.
  return (await cell.locator('tbody tr[data-r="0"] td[data-c="0"]').innerText({ timeout: 60_000 })).replace(/,/g, '');
}

/** Each question in turn in one cell (so only the last result is kept), run `runs` times. */
async function timeCells(page, queries, engine, runs) {
  const times = [];
  const windows = [];
  let cell = null;
  for (const q of queries) {
    if (q === null) {
      times.push(null);
      continue;
    }
    if (cell) await setText(page, cell, q);
    else cell = await newCell(page, q, engine);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const r = await runToResult(cell);
      samples.push(r.ms);
      windows.push(r.window);
    }
    times.push(samples);
  }
  return { times, longTasks: await longTasksIn(page, windows) };
}

/** DuckDB in the notebook: CSV load, the ten questions, SELECT * to grid, then the Parquet load. */
export async function runNotebookDuckdb(browser, url, { csv, parquet, runs, memory, selectStar }) {
  const { context, page } = await notebookPage(browser, url);
  try {
    await firstValue(page, 'SELECT 1'); // DuckDB started, as it is once a user has run anything
    memory?.mark();
    const csvLoad = await openFile(page, csv);
    const csvMem = memory?.mark();
    const threads = Number(await firstValue(page, "SELECT current_setting('threads')"));
    const rows = Number(await firstValue(page, `SELECT count(*) FROM "${csvLoad.table}"`));
    const q = await timeCells(page, duckdbQueries(`"${csvLoad.table}"`), 'duckdb', runs);
    let selectStarMs = null;
    if (selectStar) {
      const cell = await newCell(page, `SELECT * FROM "${csvLoad.table}"`);
      selectStarMs = (await runToResult(cell)).ms;
    }
    let pq = null;
    if (parquet) {
      await firstValue(page, 'SELECT 2'); // the last cell's result replaced by a tiny one
      const before = memory?.mark();
      const load = await openFile(page, parquet);
      const during = memory?.mark();
      const pqRows = Number(await firstValue(page, `SELECT count(*) FROM "${load.table}"`));
      const after = memory?.mark();
      pq = {
        loadMs: load.ms,
        rows: pqRows,
        rssBeforeMB: before?.nowMB ?? null,
        rssPeakMB: during?.peakMB ?? null,
        rssAfterMB: after?.nowMB ?? null,
      };
    }
    const peak = memory?.mark();
    return {
      threads,
      rows,
      csvLoadMs: csvLoad.ms,
      csvLoadPeakMB: csvMem?.peakMB ?? null,
      queries: q.times,
      longTasksDuringRuns: q.longTasks,
      selectStarMs,
      parquet: pq,
      peakMB: peak?.peakMB ?? null,
    };
  } finally {
    await context.close();
  }
}

/** The notebook's SQLite engine over the same data (a SQLite database file), the questions SQLite can answer. */
export async function runNotebookSqlite(browser, url, { sqlite, runs }) {
  const { context, page } = await notebookPage(browser, url);
  try {
    const open = await openFile(page, sqlite);
    const q = await timeCells(page, sqliteQueries('x'), 'sqlite', runs);
    return { openMs: open.ms, queries: q.times, longTasksDuringRuns: q.longTasks };
  } finally {
    await context.close();
  }
}
