import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addSqlCell, openApp, query } from './helpers';

test('a chart is suggested, drawn from engine aggregates, changed, saved and exported', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    "SELECT CASE range % 4 WHEN 0 THEN 'north' WHEN 1 THEN 'south' WHEN 2 THEN 'east' ELSE 'west' END AS region, range % 97 AS amount, range AS id FROM range(1000000)",
  );
  await c.getByRole('button', { name: 'Chart' }).click();
  // Text and number columns: a bar chart of sum(amount) by region, four bars from a million rows.
  await expect(c.getByRole('combobox', { name: 'Chart type' })).toHaveValue('bar');
  const plot = c.getByRole('figure');
  await expect(plot.locator('svg g[aria-label="bar"] rect')).toHaveCount(4);

  await c.getByRole('combobox', { name: 'Chart type' }).selectOption('histogram');
  await c.getByRole('combobox', { name: 'x', exact: true }).selectOption('amount');
  await expect(plot.locator('svg g[aria-label="rect"] rect').first()).toBeAttached();
  expect(await plot.locator('svg g[aria-label="rect"] rect').count()).toBeGreaterThan(10);

  await c.getByRole('combobox', { name: 'Chart type' }).selectOption('scatter');
  await c.getByRole('combobox', { name: 'x', exact: true }).selectOption('id');
  await c.getByRole('combobox', { name: 'y', exact: true }).selectOption('amount');
  await expect(plot.locator('svg g[aria-label="dot"] circle').first()).toBeAttached();
  expect(await plot.locator('svg g[aria-label="dot"] circle').count()).toBeLessThanOrEqual(5000);
  await expect(c.locator('.chart-note')).toContainText('A sample of');

  await c.getByRole('combobox', { name: 'Chart type' }).selectOption('heatmap');
  await c.getByRole('combobox', { name: 'x', exact: true }).selectOption('region');
  await expect(plot.locator('svg g[aria-label="cell"] rect').first()).toBeAttached();

  await c.getByRole('combobox', { name: 'Chart type' }).selectOption('line');
  await expect(plot.locator('svg g[aria-label="line"] path').first()).toBeAttached();

  const download = page.waitForEvent('download');
  await c.getByRole('button', { name: 'SVG' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = page.waitForEvent('download');
  await c.getByRole('button', { name: 'PNG' }).click();
  expect(
    readFileSync(await (await png).path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');

  // The chart settings are saved with the notebook.
  await page.reload();
  const again = page.getByRole('article', { name: /^Cell \d+$/ }).last();
  await again.getByRole('button', { name: 'Run cell' }).click();
  await expect(again.getByRole('combobox', { name: 'Chart type' })).toHaveValue('line', { timeout: 45_000 });
  await expect(again.getByRole('combobox', { name: 'y', exact: true })).toHaveValue('amount');
});
