/**
 * Explain (issue 13): a cell's query plan as a tree, with each operator's time and rows in DuckDB
 * and SQLite's steps, and a one-line explanation on hover.
 */
import { expect, test } from '@playwright/test';
import { openApp, sqlCell } from './helpers';

test('Explain shows the plan of a DuckDB and a SQLite query as a tree', async ({ page }) => {
  await openApp(page);
  const duck = await sqlCell(
    page,
    'by_member',
    'SELECT member_type, count(*) AS n FROM trips GROUP BY member_type ORDER BY n DESC',
    'duckdb',
  );
  await duck.getByRole('button', { name: 'Explain' }).click();
  const plan = duck.getByRole('region', { name: 'Query plan' });
  const tree = plan.getByRole('tree', { name: 'Operators' });
  await expect(tree).toBeVisible({ timeout: 45_000 });
  // Explain runs a cell that has no current result first, so its result shows too.
  await expect(duck).toHaveAttribute('data-status', 'done');
  await expect(plan).toContainText('EXPLAIN ANALYZE');
  const order = tree.getByRole('treeitem', { name: 'ORDER_BY' });
  await expect(order).toBeVisible();
  await expect(order.locator('.plan-name').first()).toHaveAttribute('title', 'Sorts all rows by the ORDER BY keys.');
  // The scan sits below the grouping, and reports how many rows it read.
  const scan = tree.getByRole('treeitem', { name: /SCAN/ }).first();
  await expect(scan.locator('.plan-stats').first()).toContainText(/[\d.]+ (ms|s)/);
  await expect(scan.locator('.plan-stats').first()).toContainText(/[\d,]+ rows/);
  await expect(
    tree
      .getByRole('treeitem', { name: /GROUP_BY/ })
      .getByRole('treeitem', { name: /SCAN/ })
      .first(),
  ).toBeVisible();
  await duck.screenshot({ path: test.info().outputPath('explain-duckdb.png') });

  const lite = await sqlCell(
    page,
    'big_stations',
    'SELECT name, capacity FROM stations WHERE capacity > 20 ORDER BY capacity DESC',
    'sqlite',
  );
  await lite.getByRole('button', { name: 'Explain' }).click();
  const litePlan = lite.getByRole('region', { name: 'Query plan' });
  await expect(litePlan.getByRole('treeitem', { name: 'SCAN stations', exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(litePlan.getByRole('treeitem', { name: 'USE TEMP B-TREE FOR ORDER BY', exact: true })).toBeVisible();
  await expect(
    litePlan.getByRole('treeitem', { name: 'SCAN stations', exact: true }).locator('.plan-name'),
  ).toHaveAttribute('title', 'Reads every row of the table, from start to end.');
  await litePlan.getByRole('button', { name: 'Close plan' }).click();

  // A join: one step per table, the second looked up for each row of the first.
  const join = await sqlCell(
    page,
    'per_area',
    'SELECT n.name, count(*) AS stations FROM stations s JOIN neighbourhoods n ON n.name = s.neighbourhood GROUP BY n.name',
    'sqlite',
  );
  await join.getByRole('button', { name: 'Explain' }).click();
  const joinTree = join.getByRole('region', { name: 'Query plan' }).getByRole('tree', { name: 'Operators' });
  await expect(joinTree.getByRole('treeitem', { name: /^SCAN (s|n)\b/ })).toHaveCount(1, { timeout: 45_000 });
  await expect(joinTree.getByRole('treeitem', { name: /^SEARCH (s|n)\b/ })).toHaveCount(1);
  await expect(litePlan).toHaveCount(0);

  // A statement that is not a query has no plan to show: said, and nothing runs.
  const create = await sqlCell(page, 'maker', 'CREATE TABLE made AS SELECT 1 AS x', 'duckdb');
  await create.getByRole('button', { name: 'Explain' }).click();
  await expect(create.getByRole('region', { name: 'Query plan' }).getByRole('alert')).toHaveText(
    'Explain shows the plan of a query (SELECT, WITH, …), and the last statement of maker is not one.',
  );
  await expect(create).not.toHaveAttribute('data-status', 'done');
});
