/**
 * Exports in the built app: a 2M-row x 4-column DuckDB result exported as CSV
 * and as Parquet through the download path, timed from choosing the format to
 * the download, with main-thread long tasks (> 50 ms) counted meanwhile.
 * bench/run.mjs calls measureExports(browser, baseURL).
 */
import { statSync } from 'node:fs';
import { newCell, notebookPage, runToResult } from './notebook.mjs';

export const EXPORT_ROWS = 2_000_000;
const SQL = `SELECT range AS id, 'label ' || range AS s, range * 0.5 AS x, range % 7 AS k FROM range(${EXPORT_ROWS})`;
const NO_SAVE_PICKER = () =>
  Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });

async function exportOnce(browser, url, format) {
  const { context, page } = await notebookPage(browser, url);
  try {
    await page.evaluate(NO_SAVE_PICKER); // headless Chromium has the picker but no one to answer it
    const cell = await newCell(page, SQL);
    await runToResult(cell);
    const t0 = await page.evaluate(() => performance.now());
    const download = page.waitForEvent('download', { timeout: 600_000 });
    await cell.getByRole('combobox', { name: 'Export as' }).selectOption(format);
    const d = await download;
    const t1 = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(
      ([a, b]) => window.__longTasks.filter(([s, e]) => s < b && e > a).length,
      [t0, t1],
    );
    return { ms: t1 - t0, longTasks, bytes: statSync(await d.path()).size };
  } finally {
    await context.close();
  }
}

export async function measureExports(browser, url) {
  return {
    rows: EXPORT_ROWS,
    csv: await exportOnce(browser, url, 'csv'),
    parquet: await exportOnce(browser, url, 'parquet'),
  };
}
