/**
 * Run in both engines (issue 13): one cell's SQL answered by DuckDB and SQLite side by side, the
 * difference marked and explained, and inputs from either engine moved to the other.
 */
import { expect, test } from '@playwright/test';
import { openApp, runCell, sqlCell } from './helpers';

test('one query in both engines: differences marked and explained, agreement said', async ({ page }) => {
  await openApp(page);
  const half = await sqlCell(page, 'halves', 'SELECT 7 / 2 AS half, 1 AS same', 'duckdb');
  await half.getByRole('button', { name: 'Run in both engines' }).click();
  const view = half.getByRole('region', { name: 'Both engines' });
  await expect(view.getByRole('list', { name: 'Differences' })).toHaveText(
    '1 value differs; the first, row 1 half: 3.5 in DuckDB, 3 in SQLite.',
    { timeout: 45_000 },
  );
  await expect(view.getByRole('list', { name: 'Why the dialects differ' })).toContainText(
    'Integer division: in SQLite, / between two integers drops the fraction',
  );
  // Only the note that explains this difference.
  await expect(view.getByRole('list', { name: 'Why the dialects differ' }).getByRole('listitem')).toHaveCount(1);
  await expect(view.getByRole('group', { name: 'DuckDB' }).locator('td.differs')).toHaveText('3.5');
  await expect(view.getByRole('group', { name: 'SQLite' }).locator('td.differs')).toHaveText('3');
  // The cell's own result is its usual one.
  await expect(half).toHaveAttribute('data-status', 'done');
  await half.screenshot({ path: test.info().outputPath('both-engines.png') });

  // A SQLite cell reading a DuckDB cell: DuckDB answers over its own result, SQLite over the moved copy.
  const counts = await sqlCell(page, 'counts', 'SELECT member_type, count(*) AS n FROM trips GROUP BY 1', 'duckdb');
  await runCell(counts);
  const lite = await sqlCell(page, 'lite_counts', 'SELECT member_type, n FROM counts ORDER BY member_type', 'sqlite');
  await lite.getByRole('button', { name: 'Run in both engines' }).click();
  const same = lite.getByRole('region', { name: 'Both engines' });
  await expect(same.locator('.both-title')).toHaveText(
    'Both engines give the same answer (first 1,000 rows compared).',
    { timeout: 45_000 },
  );
  await expect(same.getByRole('group', { name: 'DuckDB' }).locator('tbody tr')).toHaveCount(2);
  await expect(same.getByRole('group', { name: 'SQLite' }).locator('tbody tr')).toHaveCount(2);

  // One side's error is shown on its side, the other side's rows on theirs.
  const plus = await sqlCell(page, 'plus', "SELECT 'a' + 'b' AS s", 'sqlite');
  await plus.getByRole('button', { name: 'Run in both engines' }).click();
  const err = plus.getByRole('region', { name: 'Both engines' });
  await expect(err.getByRole('group', { name: 'DuckDB' }).locator('.both-error')).toBeVisible({ timeout: 45_000 });
  await expect(err.getByRole('group', { name: 'SQLite' }).locator('td')).toHaveText('0');
  await expect(err.getByRole('list', { name: 'Why the dialects differ' })).toContainText('String concatenation');
  await err.getByRole('button', { name: 'Close comparison' }).click();
  await expect(err).toHaveCount(0);
});
