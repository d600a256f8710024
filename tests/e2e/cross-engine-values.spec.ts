/**
 * Values moved between the engines, in the built app (issue 16): every DuckDB type read from a
 * SQLite cell, and every SQLite storage class read from a DuckDB cell, with the value that
 * arrives and the note under the reading cell.
 */
import { expect, test, type Locator } from '@playwright/test';
import { openApp, runCell, sqlCell } from './helpers';
import { MOVE_CASES, MOVE_NOTED } from './support/move-cases';

/** The grid's rows as text, row-number column left out. */
async function gridRows(c: Locator): Promise<string[][]> {
  await expect(c.locator('table tbody tr').first()).toBeVisible();
  return c
    .locator('table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td:not(.rownum)'), (td) => (td as HTMLElement).innerText)),
    );
}

async function notesOf(c: Locator): Promise<string[]> {
  return c.getByRole('list', { name: 'Notes' }).getByRole('listitem').allInnerTexts();
}

test('every DuckDB type read from a SQLite cell arrives exactly, or as the note says', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const names = Object.keys(MOVE_CASES);
  const select = names.map((n) => `${MOVE_CASES[n]?.[0]} AS ${n}`).join(', ');
  await sqlCell(page, 'duck_values', `SELECT ${select}`, 'duckdb');
  // One row per column: its storage class and its text (a blob as hex), '∅' for NULL. The grid
  // draws the rows in view, so the columns are read 14 at a time, by one SQLite cell each.
  const readRow = (n: string) =>
    `SELECT '${n}' AS col, typeof(${n}) AS class, ` +
    `coalesce(CASE typeof(${n}) WHEN 'blob' THEN hex(${n}) ELSE CAST(${n} AS TEXT) END, '∅') AS text FROM duck_values`;
  const got: string[][] = [];
  let notes: string[] = [];
  for (let at = 0; at < names.length; at += 14) {
    const part = names.slice(at, at + 14);
    const lite = await sqlCell(page, `lite_read${at}`, part.map(readRow).join(' UNION ALL '), 'sqlite');
    await runCell(lite);
    got.push(...(await gridRows(lite)));
    // The first SQLite cell moves the result; later ones reuse the copy, and show the same notes.
    const said = await notesOf(lite);
    if (at > 0) expect(said).toEqual(notes);
    else await lite.screenshot({ path: test.info().outputPath('move-notes.png') });
    notes = said;
  }
  const want = names.map((n) => {
    const [, type, text] = MOVE_CASES[n] ?? ['', '', ''];
    return [n, type, type === 'null' ? '∅' : text];
  });
  expect(got).toEqual(want);
  expect(notes.map((n) => n.replace(/^duck_values\.(\w+):.*$/s, '$1'))).toEqual(MOVE_NOTED);
  expect(notes).toContain(
    "duck_values.ub: UBIGINT → TEXT, since some values pass SQLite's 64-bit INTEGER (largest 9223372036854775807)",
  );
  expect(notes).toContain('duck_values.iv_years: INTERVAL → TEXT, an ISO-8601 duration, e.g. P1Y2M3DT4H5M6S');
});

test('every SQLite storage class read from a DuckDB cell arrives exactly, or as the note says', async ({ page }) => {
  await openApp(page);
  await sqlCell(
    page,
    'lite_values',
    [
      "SELECT 9223372036854775807 AS big, -9223372036854775808 AS small, 0.1 AS r, 1e308 AS huge, 'naïve 🦆' AS t,",
      "  x'00ff' AS b, NULL AS n, 1 AS mixed, 9007199254740993 AS wide",
      "UNION ALL SELECT 1, 2, -0.5, -1e-300, '', x'', NULL, 'one', 2.5",
    ].join(' '),
    'sqlite',
  );
  const duck = await sqlCell(
    page,
    'duck_read',
    [
      'SELECT typeof(big) AS big_t, big::VARCHAR AS big, small::VARCHAR AS small, typeof(r) AS r_t, r::VARCHAR AS r,',
      '  huge::VARCHAR AS huge, t, typeof(b) AS b_t, hex(b) AS b, typeof(mixed) AS mixed_t, mixed,',
      '  typeof(wide) AS wide_t, wide::VARCHAR AS wide',
      'FROM lite_values',
    ].join(' '),
    'duckdb',
  );
  await runCell(duck);
  expect(await gridRows(duck)).toEqual([
    [
      'BIGINT',
      '9223372036854775807',
      '-9223372036854775808',
      'DOUBLE',
      '0.1',
      '1e+308',
      'naïve 🦆',
      'BLOB',
      '00FF',
      'VARCHAR',
      '1',
      'DOUBLE',
      '9007199254740992.0',
    ],
    ['BIGINT', '1', '2', 'DOUBLE', '-0.5', '-1e-300', '', 'BLOB', '', 'VARCHAR', 'one', 'DOUBLE', '2.5'],
  ]);
  expect(await notesOf(duck)).toEqual([
    "lite_values.mixed: INTEGER and TEXT values → VARCHAR, each as SQLite's text of it",
    'lite_values.wide: INTEGER and REAL values → DOUBLE, which rounds integers beyond 2^53',
  ]);
});
