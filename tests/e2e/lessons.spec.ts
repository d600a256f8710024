/**
 * Errors that teach (issue 13): a beginner's mistake gets one plain line beside the engine's own
 * message, in both engines, and a query that runs but matches nothing because of `= NULL` says why.
 */
import { expect, test } from '@playwright/test';
import { openApp, runCell, sqlCell } from './helpers';

test('a misspelt column in DuckDB and a missing FROM in SQLite get a plain line beside the message', async ({
  page,
}) => {
  await openApp(page);
  const duck = await sqlCell(page, 'typo', 'SELECT member_typ, count(*) AS n FROM trips GROUP BY 1', 'duckdb');
  await runCell(duck, 'error');
  const alert = duck.getByRole('alert');
  // The engine's own message stays, and the lesson is beside it.
  await expect(alert.locator('.error-message')).toContainText('member_typ');
  await expect(alert.locator('.error-lesson')).toHaveText(
    'No table in FROM has a column member_typ: did you mean member_type? Check the spelling.',
  );
  const lite = await sqlCell(page, 'no_from', 'SELECT capacity WHERE capacity > 10', 'sqlite');
  await runCell(lite, 'error');
  await expect(lite.getByRole('alert').locator('.error-message')).toContainText('no such column: capacity');
  await expect(lite.getByRole('alert').locator('.error-lesson')).toHaveText(
    'A SELECT finds its columns in the tables named after FROM, and this one has no FROM: add FROM stations (it has a column capacity).',
  );
  await lite.screenshot({ path: test.info().outputPath('lesson.png') });
});

test('= NULL and a string in double quotes run, and a note says what they really mean', async ({ page }) => {
  await openApp(page);
  const c = await sqlCell(
    page,
    'nulls',
    'SELECT count(*) AS n FROM stations WHERE neighbourhood = NULL OR name = "Nowhere"',
    'sqlite',
  );
  await runCell(c);
  await expect(c.getByRole('list', { name: 'Notes' }).getByRole('listitem')).toHaveText([
    'neighbourhood = NULL is true for no row, since NULL means "unknown": to find missing values, write neighbourhood IS NULL.',
    `"Nowhere" worked as text only because no column is named Nowhere; text goes in single quotes: 'Nowhere' (DuckDB refuses the double quotes).`,
  ]);
});
