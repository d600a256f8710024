import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { addSqlCell, expected, fixture, openApp, openFilesOk, query, resultColumns, resultOf } from './helpers';

/** One statistic of a column's profile, as the raw value the profile holds. */
async function stat(c: Locator, column: string, name: string): Promise<string> {
  const index = (await resultColumns(c)).indexOf(column);
  const cellOf = resultOf(c).locator('thead tr.profile-row td.profile-cell').nth(index);
  const dd = cellOf.locator(`dd[data-stat="${name}"]`);
  await expect(dd).toBeVisible();
  return (await dd.getAttribute('data-value')) ?? '';
}

test('the profile of a known dataset has the right numbers', async ({ page }) => {
  const want = expected().sales;
  // The reference figures, from the file itself.
  const lines = readFileSync(fixture('sales.csv'), 'utf8').trim().split('\n').slice(1);
  const amounts = lines
    .map((l) => l.match(/,([^,]*),[^,]*$/)?.[1] ?? '')
    .filter((a) => a !== '')
    .map(Number);
  const regions = new Set(lines.map((l) => l.split(',')[1]));

  await openApp(page);
  const tables = await openFilesOk(page, ['sales.csv']);
  for (const engine of ['duckdb'] as const) {
    const c = await addSqlCell(page);
    await query(page, c, `SELECT * FROM "${tables['sales.csv']}"`, engine);
    await c.getByRole('button', { name: 'Profile' }).click();
    expect(Number(await stat(c, 'amount', 'nulls'))).toBe(want.null_amount_count);
    expect(Number(await stat(c, 'amount', 'mean'))).toBeCloseTo(
      want.sum_amount / (want.count - want.null_amount_count),
      6,
    );
    expect(Number(await stat(c, 'amount', 'min'))).toBe(Math.min(...amounts));
    expect(Number(await stat(c, 'amount', 'max'))).toBe(Math.max(...amounts));
    expect(Number(await stat(c, 'region', 'distinct'))).toBe(regions.size);
    expect(Number(await stat(c, 'id', 'nulls'))).toBe(0);
    expect(await stat(c, 'sold_on', 'min')).toMatch(/^2024-01-/);
    // A histogram for numbers, the most frequent values for text.
    const amountIndex = (await resultColumns(c)).indexOf('amount');
    await expect(
      resultOf(c)
        .locator('thead tr.profile-row td.profile-cell')
        .nth(amountIndex)
        .locator('svg.profile-hist rect')
        .first(),
    ).toBeAttached();
    const regionIndex = (await resultColumns(c)).indexOf('region');
    await expect(
      resultOf(c)
        .locator('thead tr.profile-row td.profile-cell')
        .nth(regionIndex)
        .getByRole('list', { name: 'Most frequent values' })
        .locator('li'),
    ).toHaveCount(3);

    // A filter changes the profile: only North rows.
    const box = resultOf(c).getByRole('textbox', { name: 'Filter region' });
    await box.fill('=North');
    await box.press('Enter');
    await expect.poll(() => stat(c, 'region', 'distinct')).toBe('1');
  }
});

test('a SQLite result is profiled in SQLite', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    "SELECT 1 AS n, 'a' AS s UNION ALL SELECT 3, NULL UNION ALL SELECT NULL, 'a' UNION ALL SELECT 8, 'b'",
    'sqlite',
  );
  await c.getByRole('button', { name: 'Profile' }).click();
  expect(await stat(c, 'n', 'nulls')).toBe('1');
  expect(Number(await stat(c, 'n', 'mean'))).toBe(4);
  expect(await stat(c, 's', 'distinct')).toBe('2');
  expect(await stat(c, 'n', 'max')).toBe('8');
});
