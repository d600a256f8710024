import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addSqlCell,
  openApp,
  query,
  resultColumns,
  resultNumber,
  resultOf,
  resultValue,
  runCell,
  setCellText,
} from './helpers';

/** The text of the cell in `column` of the row whose row number (1-based, as shown) is `rowNumber`. */
async function shownValue(c: Locator, column: string, rowNumber: number): Promise<string> {
  const names = await resultColumns(c);
  const index = names.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  const row = resultOf(c).locator(`tbody tr[aria-rowindex="${rowNumber + 1}"]`);
  await expect(row).toBeVisible();
  // Rows scrolled to are drawn at once and filled when their page arrives from the engine.
  await expect(row.locator('td.loading')).toHaveCount(0);
  // td 0 is the row number; spacer cells only appear with more than 40 columns.
  return row
    .locator('td')
    .nth(index + 1)
    .innerText();
}

async function sortBy(c: Locator, column: string, clicks: number): Promise<void> {
  for (let i = 0; i < clicks; i++)
    await resultOf(c)
      .getByRole('button', { name: new RegExp(`^${column}, `) })
      .click();
}

async function filter(_page: Page, c: Locator, column: string, text: string): Promise<void> {
  const box = resultOf(c).getByRole('textbox', { name: `Filter ${column}` });
  await box.fill(text);
  await box.press('Enter');
}

test('a 1M-row result scrolls to its last row and shows the right values', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, "SELECT range AS i, range * 2 AS j, 'row ' || range AS s FROM range(1000000)");
  await expect(c.locator('[data-role=row-count]')).toHaveText('1,000,000 rows');
  // Only the rows on screen are in the DOM.
  expect(await resultOf(c).locator('tbody tr').count()).toBeLessThan(40);
  expect(await resultValue(c, 'i', 0)).toBe('0');

  // Drag the scrollbar to the end: the last rows are fetched from the engine.
  await c.locator('.grid-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  expect(await shownValue(c, 'i', 1_000_000)).toBe('999,999');
  expect(await shownValue(c, 's', 1_000_000)).toBe('row 999999');
  expect(await shownValue(c, 'j', 999_999)).toBe('1,999,996');

  // Row elements are reused as the window moves: after scrolling in small steps, every drawn row
  // shows its own row number and its own values.
  await c.locator('.grid-scroll').evaluate(async (el) => {
    el.scrollTop = 0;
    for (let k = 0; k < 20; k++) {
      el.scrollTop += 260;
      await new Promise(requestAnimationFrame);
    }
  });
  await expect(resultOf(c).locator('tbody td.loading')).toHaveCount(0);
  const drawn = await resultOf(c)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        row: Number(tr.getAttribute('aria-rowindex')) - 2,
        number: tr.children[0]?.textContent,
        i: tr.children[1]?.textContent,
      })),
    );
  expect(drawn.length).toBeGreaterThan(5);
  expect(drawn[0]?.row).toBeGreaterThan(100);
  for (const d of drawn)
    expect(d).toEqual({ row: d.row, number: (d.row + 1).toLocaleString('en-US'), i: d.row.toLocaleString('en-US') });

  // The middle, by keyboard: Ctrl+Home, then Page Down moves by a screen.
  await resultOf(c).locator('tbody td[data-c="0"]').first().click();
  await page.keyboard.press('Control+Home');
  await expect(resultOf(c).locator('tbody tr[aria-rowindex="2"]')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(resultOf(c).locator('td.active')).not.toHaveText('0');
});

for (const engine of ['duckdb', 'sqlite'] as const) {
  test(`sorting and filtering run in the engine and are remembered (${engine})`, async ({ page }) => {
    await openApp(page);
    const c = await addSqlCell(page);
    const rows =
      engine === 'duckdb'
        ? 'range(200000) t(x)'
        : '(WITH RECURSIVE r(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM r WHERE x < 199999) SELECT x FROM r)';
    await query(
      page,
      c,
      `SELECT x AS id, (x * 7919) % 1000 AS k, CASE WHEN x % 3 = 0 THEN NULL ELSE 'n' || (x % 10) END AS label FROM ${rows}`,
      engine,
    );
    await expect(c.locator('[data-role=row-count]')).toHaveText('200,000 rows');

    await sortBy(c, 'k', 2); // descending
    await expect(resultOf(c).getByRole('columnheader', { name: /^k, / })).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => resultValue(c, 'k', 0)).toBe('999');
    // Shift+click adds id descending as the second key: the largest id with k = 999 first.
    await resultOf(c)
      .getByRole('button', { name: /^id, / })
      .click({ modifiers: ['Shift'] });
    await resultOf(c)
      .getByRole('button', { name: /^id, / })
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => resultValue(c, 'id', 0)).toBe('199321');

    await filter(page, c, 'label', 'n7');
    await filter(page, c, 'id', '<1000');
    await expect(c.locator('[data-role=row-count]')).toHaveText('67 rows of 200,000');
    await expect.poll(() => resultValue(c, 'label', 0)).toBe('n7');
    expect(await resultValue(c, 'k', 0)).toBe('993');

    await filter(page, c, 'label', 'null');
    await expect(c.locator('[data-role=row-count]')).toHaveText('334 rows of 200,000');
    await expect(resultOf(c).locator('tbody tr').first().locator('td.null')).toHaveText('NULL');

    // The view is saved with the notebook: a reload shows it again (after a re-run).
    await page.reload();
    const again = page.getByRole('article', { name: /^Cell \d+$/ }).last();
    await again.getByRole('button', { name: 'Run cell' }).click();
    await expect(again.locator('[data-role=row-count]')).toHaveText('334 rows of 200,000', { timeout: 45_000 });
    await expect(resultOf(again).getByRole('textbox', { name: 'Filter label' })).toHaveValue('null');
    await again.getByRole('button', { name: 'Clear sort and filters' }).click();
    await expect(again.locator('[data-role=row-count]')).toHaveText('200,000 rows');
    await expect.poll(() => resultValue(again, 'id', 0)).toBe('0');
  });
}

for (const engine of ['duckdb', 'sqlite'] as const) {
  test(`filter values reach the engine as data and compare exactly (${engine})`, async ({ page }) => {
    await openApp(page);
    await query(page, await addSqlCell(page), 'CREATE TABLE canary AS SELECT 1 AS x', engine);
    const c = await addSqlCell(page);
    // Ids past 2^53, one apart: a double cannot tell them apart, the filter must.
    await query(
      page,
      c,
      "SELECT 9007199254740992 AS id, 'plain' AS label UNION ALL SELECT 9007199254740993, '''); DROP TABLE canary; --' UNION ALL SELECT 9007199254740994, '50%'",
      engine,
    );
    await filter(page, c, 'id', '>9007199254740992');
    await expect(c.locator('[data-role=row-count]')).toHaveText('2 rows of 3');
    await filter(page, c, 'label', "'); DROP TABLE canary; --");
    await expect(c.locator('[data-role=row-count]')).toHaveText(/^1 rows? of 3$/);
    await expect.poll(() => resultValue(c, 'label', 0)).toBe("'); DROP TABLE canary; --");
    await filter(page, c, 'label', '%');
    await expect.poll(() => resultValue(c, 'label', 0)).toBe('50%');
    await expect(c.locator('[data-role=row-count]')).toHaveText(/^1 rows? of 3$/);
    const check = await addSqlCell(page);
    await query(page, check, 'SELECT count(*) AS n FROM canary', engine);
    expect(await resultValue(check, 'n', 0)).toBe('1');
  });
}

test('odd values get a sensible view', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await query(
    page,
    c,
    `SELECT 9007199254740993::BIGINT AS big, 12345678901234567890.1234567890::DECIMAL(38,10) AS dec, 'nan'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, '-inf'::DOUBLE AS ninf, 6793.069999999994::DOUBLE AS f, DATE '5877642-06-25' AS dmax, TIMESTAMP '294247-01-10 04:00:54.775806' AS tsmax, INTERVAL '1 year 2 months 3 days 04:05:06.789' AS iv, '' AS empty, NULL::VARCHAR AS nul, chr(1605) || chr(1585) || chr(1581) || chr(1576) || chr(1575) || chr(32) || chr(128105) || chr(8205) || chr(128105) || chr(8205) || chr(128103) || chr(32) || chr(101) || chr(769) AS uni, [1, 2, 3] AS list, {'a': 1, 'b': 'x'} AS struct, '\\xAA\\xBB'::BLOB AS blob, repeat('x', 1000000) AS long`,
  );

  const want: Record<string, string> = {
    big: '9,007,199,254,740,993',
    dec: '12,345,678,901,234,567,890.1234567890',
    nan: 'nan',
    inf: 'inf',
    ninf: '-inf',
    f: '6,793.07',
    dmax: '5877642-06-25',
    tsmax: '294247-01-10 04:00:54.775806',
    iv: '1 year 2 months 3 days 04:05:06.789',
    empty: '',
    nul: 'NULL',
    uni: 'مرحبا 👩‍👩‍👧 e\u0301',
    // Nested values as DuckDB writes them (they cross as DuckDB's text: docs/architecture.md).
    list: '[1, 2, 3]',
    struct: "{'a': 1, 'b': x}",
    blob: '\\xAA\\xBB',
  };
  for (const [column, text] of Object.entries(want)) expect.soft(await shownValue(c, column, 1), column).toBe(text);
  await expect(resultOf(c).locator('td.null')).toHaveCount(1);
  // The 1 MB string is cut in the cell, and whole in the expanded view.
  expect((await shownValue(c, 'long', 1)).length).toBeLessThan(400);
  await resultOf(c).locator('tbody td[data-c="15"]').dblclick();
  const dialog = page.getByRole('dialog', { name: 'long, row 1' });
  await expect(dialog).toContainText('1,000,000 characters');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const wide = await addSqlCell(page);
  const cols = Array.from({ length: 500 }, (_, i) => `${i} AS c${i}`).join(', ');
  await query(page, wide, `SELECT ${cols} FROM range(3)`);
  await expect(resultOf(wide).getByRole('columnheader', { name: /^c0,/ })).toBeVisible();
  // Far fewer than 500 columns are drawn.
  expect(await resultOf(wide).locator('thead th').count()).toBeLessThan(60);
  await wide.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(resultOf(wide).getByRole('columnheader', { name: /^c499,/ })).toBeVisible();

  const empty = await addSqlCell(page);
  await query(page, empty, 'SELECT 1 AS a WHERE false');
  await expect(empty.locator('[data-role=row-count]')).toHaveText('0 rows');
  await expect(resultOf(empty).getByRole('columnheader', { name: /^a,/ })).toBeVisible();

  const ddl = await addSqlCell(page);
  await query(page, ddl, 'CREATE TABLE t_grid AS SELECT 1 AS a; INSERT INTO t_grid VALUES (2), (3)');
  await expect(ddl.locator('[data-role=result-summary]')).toHaveText('Done: 2 rows affected.');
});

test('a range is copied as TSV and as Markdown', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const c = await addSqlCell(page);
  await query(page, c, "SELECT * FROM (VALUES (1, 'a|b', 1234.5), (2, 'tab' || chr(9) || 'here', NULL)) t(n, s, x)");
  await resultOf(c).locator('tbody tr[data-r="0"] td[data-c="0"]').click();
  await resultOf(c)
    .locator('tbody tr[data-r="1"] td[data-c="2"]')
    .click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+C');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe('n\ts\tx\n1\ta|b\t1234.5\n2\t"tab\there"\t');
  await page.keyboard.press('Control+Shift+C');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe('| n | s | x |\n| ---: | --- | ---: |\n| 1 | a\\|b | 1234.5 |\n| 2 | tab\there | NULL |');
});

test('rerunning a cell with fewer or more columns redraws the grid with the new columns', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  const shapes: [string, string[]][] = [
    ['SELECT range AS a, range * 2 AS b, range * 3 AS c, range * 4 AS d FROM range(500)', ['a', 'b', 'c', 'd']],
    ['SELECT range % 7 AS k, count(*) AS n FROM range(500) GROUP BY ALL ORDER BY k', ['k', 'n']],
    ['SELECT 1 AS x, 2 AS y, 3 AS z', ['x', 'y', 'z']],
    ['SELECT range AS only FROM range(3)', ['only']],
  ];
  for (const [sql, columns] of shapes) {
    await setCellText(page, c, sql);
    await runCell(c);
    expect(await resultColumns(c)).toEqual(columns);
    await expect(c.getByRole('alert')).toHaveCount(0);
  }
  expect(await resultNumber(c, 'only', 2)).toBe(2);
});
