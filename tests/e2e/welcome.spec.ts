import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { allCells, cell, expectStatus, openApp, resultNumber, resultOf, resultValue } from './helpers';

interface Dataset {
  file: string;
  engine: 'duckdb' | 'sqlite';
  rows: number;
  tables?: Record<string, number>;
}
const manifest = (): Dataset[] =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../public/datasets/manifest.json', import.meta.url)), 'utf8'),
  ) as Dataset[];

test('the welcome notebook loads with a heading and SQL cells in both engines', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('textbox', { name: 'Notebook title' })).toHaveValue('Welcome');
  await expect(cell(page, 1).getByRole('heading', { level: 1 })).toHaveText('Welcome to SQL Notebook');
  await expect(allCells(page)).toHaveCount(6);
  const engines = [];
  for (const n of [2, 3, 4, 5]) {
    await expect(cell(page, n).getByRole('button', { name: 'Run cell' })).toBeVisible();
    engines.push(await cell(page, n).getByRole('combobox', { name: 'Engine' }).inputValue());
  }
  expect(engines).toEqual(['duckdb', 'duckdb', 'sqlite', 'sqlite']);
  await expect(cell(page, 2).getByRole('combobox', { name: 'Engine' }).locator('option:checked')).toHaveText('DuckDB');
  await expect(cell(page, 4).getByRole('combobox', { name: 'Engine' }).locator('option:checked')).toHaveText('SQLite');
  await expect(cell(page, 1).getByRole('combobox', { name: 'Cell kind' })).toHaveValue('markdown');
  await expect(cell(page, 6).getByRole('heading', { level: 2 })).toHaveText('Your turn');
});

test('Run all fills every SQL cell with results from the bundled data', async ({ page }) => {
  const trips = manifest().find((d) => d.file === 'trips.csv');
  const stations = manifest().find((d) => d.file === 'stations.sqlite');
  if (!trips || !stations?.tables) throw new Error('manifest.json lacks trips.csv or stations.sqlite');
  await openApp(page);
  await page.getByRole('button', { name: 'Run all' }).click();
  for (const n of [2, 3, 4, 5]) {
    await expectStatus(cell(page, n), 'done');
    await expect(resultOf(cell(page, n)).locator('tbody tr').first()).toBeVisible();
    await expect(cell(page, n).locator('[data-role=elapsed]')).toHaveText(/\d/);
  }

  // Cell 2 groups every trip by member and bike type: the groups add up to all trips.
  const byType = cell(page, 2);
  const groups = await resultOf(byType).locator('tbody tr').count();
  expect(groups).toBeGreaterThan(1);
  let total = 0;
  for (let r = 0; r < groups; r++) total += await resultNumber(byType, 'trips', r);
  expect(total).toBe(trips.rows);
  await expect(byType.locator('[data-role=row-count]')).toHaveText(`${groups} rows`);
  await expect(byType.locator('[data-role=rows]')).toHaveText(`${groups} rows`);
  await expect(resultOf(byType).locator('thead th').filter({ hasText: 'trips' })).toContainText('int64');

  // Cell 3: the top ten start stations, busiest first.
  const busiest = cell(page, 3);
  await expect(resultOf(busiest).locator('tbody tr')).toHaveCount(10);
  await expect(busiest.locator('[data-role=row-count]')).toHaveText('10 rows');
  const departures = [];
  for (let r = 0; r < 10; r++) departures.push(await resultNumber(busiest, 'departures', r));
  expect(departures).toEqual([...departures].sort((a, b) => b - a));
  expect(await resultValue(busiest, 'start_station', 0)).not.toBe('');

  // Cell 4 runs in SQLite on the attached stations database: one row per neighbourhood, every station counted.
  const docks = cell(page, 4);
  const hoods = stations.tables.neighbourhoods ?? -1;
  await expect(resultOf(docks).locator('tbody tr')).toHaveCount(hoods);
  let stationCount = 0;
  for (let r = 0; r < hoods; r++) stationCount += await resultNumber(docks, 'stations', r);
  expect(stationCount).toBe(stations.tables.stations);

  // Cell 5, in SQLite, reads the DuckDB cell busiest_stations by name: the same ten stations and departures.
  const perDock = cell(page, 5);
  await expect(resultOf(perDock).locator('tbody tr')).toHaveCount(10);
  const moved = [];
  for (let r = 0; r < 10; r++) moved.push(await resultNumber(perDock, 'departures', r));
  expect([...moved].sort((a, b) => a - b)).toEqual([...departures].sort((a, b) => a - b));
});
