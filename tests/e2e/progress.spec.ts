/** Issue 4: long queries and big file loads show how far they have got. */
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cell, choosePaths, openApp, resultNumber, runCell, sidebar, sqlCell, statusOf } from './helpers';

/** A CSV of `rows` rows, the same every time, written where this test keeps its files. */
function bigCsv(path: string, rows: number): number {
  const lines = ['id,city,amount,note'];
  for (let i = 0; i < rows; i++)
    lines.push(`${i},city_${i % 97},${((i * 7919) % 100000) / 100},"row ${i} of a generated file"`);
  const text = lines.join('\n') + '\n';
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

test('a long DuckDB query shows its progress and elapsed time', async ({ page }) => {
  await openApp(page);
  // range() gives DuckDB nothing to estimate with; a scan of a stored table does.
  const make = await sqlCell(page, 'make_big', 'CREATE TABLE big AS SELECT range AS a FROM range(50000000)', 'duckdb');
  await runCell(make);
  const long = await sqlCell(page, 'slow', 'SELECT count(DISTINCT hash(a) % 1000000) AS n FROM big', 'duckdb');
  await long.getByRole('button', { name: 'Run cell' }).click();
  await expect(statusOf(long)).toHaveText('running', { timeout: 30_000 });
  const bar = long.getByRole('progressbar', { name: 'Query progress' });
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(long.locator('.elapsed')).toHaveText(/\d/);
  await long.getByRole('button', { name: 'Stop' }).click();
  await expect(statusOf(long)).toHaveText('cancelled', { timeout: 5_000 });
  await expect(bar).toHaveCount(0);
  // A quick query never shows a bar.
  const quick = await sqlCell(page, 'quick', 'SELECT count(*) AS n FROM big', 'duckdb');
  await runCell(quick);
  expect(await resultNumber(quick, 'n')).toBe(50_000_000);
  await expect(quick.getByRole('progressbar')).toHaveCount(0);
});

test('loading a big CSV shows bytes read out of the total', async ({ page }, info) => {
  const path = info.outputPath('big.csv');
  const size = bigCsv(path, 600_000);
  await openApp(page);
  // Every reading of the loading line, as the page showed it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __ingestSeen: string[] }).__ingestSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-role=ingest-bytes]')) {
        const t = el.textContent ?? '';
        if (seen[seen.length - 1] !== t) seen.push(t);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await choosePaths(page, [path]);
  await expect(sidebar(page).getByRole('progressbar', { name: 'Loading big.csv' })).toBeVisible();
  await expect(sidebar(page).getByRole('progressbar', { name: 'Loading big.csv' })).toHaveCount(0, { timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { __ingestSeen: string[] }).__ingestSeen);
  const mb = size / 1024 / 1024;
  const totalText = `${mb.toFixed(mb < 10 ? 1 : 0)} MB`;
  expect(
    seen.every((t) => t.endsWith(`of ${totalText}`)),
    seen.join(' | '),
  ).toBe(true);
  // Some reading between none and all of it.
  expect(
    seen.some((t) => !t.startsWith('0 B') && !t.startsWith(totalText)),
    seen.join(' | '),
  ).toBe(true);
  await expect(cell(page, 1)).toBeVisible();
});
