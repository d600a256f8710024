/**
 * Issue 4 figures, in the built app: the dependency graph's overhead on a cell
 * whose input is cached, and moving a 1M-row × 9-column result from DuckDB to
 * SQLite (Arrow IPC, transferred; no JS row objects).
 * Usage: node bench/deps.mjs [baseURL]   (serve a build first: vite preview)
 * Also exported as measureDeps(browser, baseURL) for bench/run.mjs.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function cellWith(page, name, engine, sql) {
  const n = await page.locator('article').count();
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  const cell = page.locator('article').nth(n);
  await cell.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  const box = cell.getByRole('textbox', { name: 'Cell name' });
  await box.fill(name);
  await box.press('Enter');
  await cell.locator('.monaco-editor').waitFor();
  await cell.locator('.monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(sql);
  return cell;
}

/** Click Run → status done and painted; returns [wall ms, engine ms]. */
function timedRun(cell) {
  return cell.evaluate(async (article) => {
    const until = (ok) =>
      new Promise((resolve) => {
        const check = () => (ok(article.dataset.status) ? resolve() : setTimeout(check, 0));
        check();
      });
    const t0 = performance.now();
    article.querySelector('button[aria-label="Run cell"]').click();
    await until((s) => s === 'queued' || s === 'running');
    await until((s) => s === 'done' || s === 'error');
    await new Promise((r) => requestAnimationFrame(() => r()));
    if (article.dataset.status !== 'done') throw new Error(article.innerText);
    const engineText = article.querySelector('[data-role=elapsed]')?.textContent ?? '';
    const m = /([\d.]+)\s*(ms|s)/.exec(engineText);
    const engineMs = m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
    return [performance.now() - t0, engineMs];
  });
}

export async function measureDeps(browser, baseURL, runs = 5) {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(baseURL);
  await page.locator('article .monaco-editor').first().waitFor();
  const cols = [
    'range AS id',
    'range % 100 AS k1',
    'range % 1000 AS k2',
    "'id' || (range % 100) AS s1",
    'range * 0.5 AS v1',
    'range % 7 AS v2',
    'range % 13 AS v3',
    "'x' || (range % 10) AS s2",
    'range / 3 AS v4',
  ];
  const big = await cellWith(page, 'big', 'duckdb', `SELECT ${cols.join(', ')} FROM range(1000000)`);
  const small = await cellWith(page, 'small', 'duckdb', 'SELECT range AS x FROM range(10)');
  const reader = await cellWith(page, 'reader', 'duckdb', 'SELECT count(*) AS n FROM small');
  const lite = await cellWith(page, 'lite', 'sqlite', 'SELECT count(*) AS n, sum(v2) AS s FROM big');
  await timedRun(big);
  await timedRun(small);
  const overhead = [];
  const beforeQuery = [];
  for (let i = 0; i < runs; i++) {
    const [wall, engineMs] = await timedRun(reader);
    overhead.push(wall - engineMs);
    // The app marks Run, and the moment the query goes to the engine (session/run.ts).
    beforeQuery.push(
      await page.evaluate(
        () =>
          performance.getEntriesByName('sqlnb:query:reader')[0].startTime -
          performance.getEntriesByName('sqlnb:run:reader')[0].startTime,
      ),
    );
  }
  const moves = [];
  const cached = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    // A new comment changes big's fingerprint, so the SQLite cell must copy it again.
    await big.locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\n-- run ${i}`);
    await timedRun(big);
    const [first] = await timedRun(lite);
    const [again] = await timedRun(lite);
    moves.push(first - again);
    cached.push(again);
  }
  await page.close();
  return {
    loadavg: loadavg(),
    graphOverheadMs: {
      median: median(beforeQuery),
      samples: beforeQuery,
      note: 'Run pressed → query handed to the engine (graph, staleness, input checks), from the app’s performance marks',
    },
    runWallMinusEngineMs: {
      median: median(overhead),
      samples: overhead,
      note: 'Run → result painted, minus the engine time the cell shows (includes rendering the result)',
    },
    duckdbToSqlite1Mx9: {
      copyMs: median(moves),
      copySamples: moves,
      sqliteQueryMs: median(cached),
      note: 'copy = first run of the SQLite cell (copy + query) minus a rerun (query only)',
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    console.log(JSON.stringify(await measureDeps(browser, process.argv[2] || 'http://localhost:4500/'), null, 2));
  } finally {
    await browser.close();
  }
}
