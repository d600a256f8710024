/**
 * Drives the built notebook like a user: the file chooser, cells, the Run
 * button. Times are taken inside the page (performance.now), from the click
 * to the frame that shows the result.
 */
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
};

/** "Open files" uses the page's file input: Chromium's File System Access picker is a native window nothing answers here. */
const FILE_INPUT = () => Object.defineProperty(window, 'showOpenFilePicker', { value: undefined, configurable: true });

export async function notebookPage(browser, url) {
  const context = await browser.newContext();
  return { context, page: await openNotebook(context, url) };
}

/** The notebook in a new page of `context` (a browser context, or a persistent one with a profile on disk). */
export async function openNotebook(context, url) {
  await context.addInitScript(LONG_TASKS);
  await context.addInitScript(FILE_INPUT);
  const page = await context.newPage();
  // A wait that cannot end fails the phase (and names what it waited for) instead of stalling the bench.
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await page.locator('article .monaco-editor').first().waitFor();
  return page;
}

/** Long tasks (over 50 ms) on the main thread that overlap any of the [start, end] windows. */
export function longTasksIn(page, windows) {
  return page.evaluate(
    (ws) => window.__longTasks.filter(([s, e]) => ws.some(([a, b]) => s < b && e > a)).length,
    windows,
  );
}

/** Adds a SQL cell at the end with `sql` (typed like a user would paste it) on `engine`, and returns it. */
export async function newCell(page, sql, engine = 'duckdb') {
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  const cell = page.locator('article').last();
  await cell.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await setText(page, cell, sql);
  return cell;
}

/** Replaces a cell's text like a user: click into the editor, select all, paste. */
export async function setText(page, cell, sql) {
  const box = cell.locator('.monaco-editor');
  await box.waitFor();
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(sql);
}

/** Click Run → result painted. Returns { ms, window: [t0, t1] } in page time. */
export async function runToResult(cell, timeoutMs = 300000) {
  return cell.evaluate(async (article, timeout) => {
    const finished = (s) => s === 'done' || s === 'error';
    const t0 = performance.now();
    // The status is watched with a MutationObserver, not by polling: a polling loop would itself
    // keep the main thread busy during the run it measures.
    await new Promise((resolve, reject) => {
      let left = false; // The status first leaves the previous run's 'done', then comes back to it.
      const timer = setTimeout(() => {
        mo.disconnect();
        reject(new Error('timeout'));
      }, timeout);
      const mo = new MutationObserver(() => {
        const s = article.dataset.status;
        if (!finished(s)) left = true;
        else if (left) {
          mo.disconnect();
          clearTimeout(timer);
          resolve();
        }
      });
      mo.observe(article, { attributes: true, attributeFilter: ['data-status'] });
      article.querySelector('button[aria-label="Run cell"]').click();
    });
    await new Promise((r) => requestAnimationFrame(() => r()));
    if (article.dataset.status !== 'done') throw new Error(article.innerText.slice(0, 500));
    const t1 = performance.now();
    return { ms: t1 - t0, window: [t0, t1] };
  }, timeoutMs);
}

/** Chooses `path` in the real file chooser; resolves when it is announced as opened. Returns ms from the choice and its table name. */
export async function openFile(page, path) {
  const name = path.split('/').pop();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open files' }).click();
  const t0 = Date.now();
  await (await chooser).setFiles(path);
  const toast = page.getByRole('region', { name: 'Notifications' }).getByText(`Opened ${name} as`).first();
  await toast.waitFor({ timeout: 600000 });
  const ms = Date.now() - t0;
  const table = /as (?:table|database) "([^"]+)"/.exec(await toast.innerText())?.[1];
  return { ms, table };
}

/** Runs the welcome notebook's first SQL cell (DuckDB, bundled data); resolves with the page time its result is painted. */
export function runFirstCell(page) {
  return page
    .locator('article')
    .nth(1)
    .evaluate(async (article) => {
      const t = () => article.dataset.status;
      while (!article.querySelector('button[aria-label="Run cell"]')) await new Promise((r) => setTimeout(r, 5));
      article.querySelector('button[aria-label="Run cell"]').click();
      const t0 = performance.now();
      while (t() !== 'done' && t() !== 'error') {
        if (performance.now() - t0 > 120000) throw new Error(`the first cell did not finish: ${t()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now();
    });
}

/** Navigation → the first SQL editor accepts a keystroke; then → DuckDB ready and → first result on bundled data. */
export async function coldStart(context, url) {
  await context.addInitScript(() => {
    const seen = () => document.querySelector('[aria-label="DuckDB tables"] .engine-ready');
    new MutationObserver(() => {
      if (!window.__duckReady && seen()) window.__duckReady = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const first = page.locator('article').nth(1);
  const editor = first.locator('textarea, .monaco-editor textarea').first();
  await editor.waitFor({ state: 'attached' });
  await editor.focus();
  await page.keyboard.type('x');
  const editorMs = await page.evaluate(async () => {
    const has = () =>
      [...document.querySelectorAll('article textarea')].some((t) => t.value.includes('x')) ||
      document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('x');
    const t0 = performance.now();
    while (!has()) {
      if (performance.now() - t0 > 60000) return null;
      await new Promise((r) => setTimeout(r, 1));
    }
    return performance.now();
  });
  if (editorMs !== null) await page.keyboard.press('Backspace');
  const firstResultMs = await runFirstCell(page);
  const duckReadyMs = await page
    .waitForFunction(() => window.__duckReady, null, { timeout: 60000 })
    .then((h) => h.jsonValue());
  return { page, editorMs, duckReadyMs, firstResultMs };
}

/** The three figures DEVELOPERS.md races peers on: file chosen → first GROUP BY result, and Run → result after. */
export async function fileToGroupBy(browser, url, csv, table, runs) {
  const { context, page } = await notebookPage(browser, url);
  const cell = await newCell(page, `SELECT id1, sum(v1) AS v1 FROM ${table} GROUP BY id1 ORDER BY id1`);
  await page.waitForTimeout(1500); // the page has settled, as a user's would before choosing a file
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open files' }).click();
  const t0 = Date.now();
  await (await chooser).setFiles(csv);
  await page
    .getByRole('region', { name: 'DuckDB tables' })
    .getByRole('button', { name: table, exact: true })
    .waitFor({ timeout: 120000 });
  const loaded = Date.now() - t0;
  await runToResult(cell);
  const total = Date.now() - t0;
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push((await runToResult(cell)).ms);
  await context.close();
  return { total, loaded, runs: samples };
}
