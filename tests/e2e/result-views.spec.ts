/**
 * Results DuckDB can compute but not store as a table (ROW(…) without field names) are kept as a
 * view: shown, counted and read by other cells; the same cell run again as a table replaces it.
 */
import { expect, test } from '@playwright/test';
import { openApp, resultNumber, resultValue, runCell, setCellText, sqlCell } from './helpers';

test('an unnamed struct result shows, other cells read it, and a rerun as a table replaces the view', async ({
  page,
}) => {
  await openApp(page);
  // Before: "A table cannot be created from an unnamed struct", and no result at all.
  const rows = await sqlCell(page, 'pairs', "SELECT ROW(i, 'x' || i) AS r, i FROM range(3) t(i)", 'duckdb');
  await runCell(rows);
  await expect(rows.locator('[data-role=row-count]')).toHaveText('3 rows');
  expect(await resultNumber(rows, 'i', 2)).toBe(2);
  const reader = await sqlCell(page, 'reader', 'SELECT count(*) AS n, sum(i) AS s FROM pairs', 'duckdb');
  await runCell(reader);
  expect(await resultNumber(reader, 'n')).toBe(3);
  expect(await resultNumber(reader, 's')).toBe(3);
  // Before: "Existing object pairs is of type View, trying to replace with type Table".
  await setCellText(page, rows, "SELECT 'table again' AS note");
  await runCell(rows);
  expect(await resultValue(rows, 'note')).toBe('table again');
  await setCellText(page, reader, 'SELECT count(*) AS n FROM pairs');
  await runCell(reader);
  expect(await resultNumber(reader, 'n')).toBe(1);
});
