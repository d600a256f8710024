import { expect, test, type Locator, type Page } from '@playwright/test';
import { addSqlCell, editorText, expected, monacoOf, openApp, openFilesOk, runCell, setCellText } from './helpers';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/e2e/shots';

const suggestions = (page: Page): Locator => page.locator('.suggest-widget.visible .monaco-list-row');

async function suggestionLabels(page: Page): Promise<string[]> {
  await expect(suggestions(page).first()).toBeVisible();
  return suggestions(page).locator('.label-name').allInnerTexts();
}

/** The vertical centre of an element, to compare lines. */
async function middleY(l: Locator): Promise<number> {
  const box = await l.boundingBox();
  if (!box) throw new Error('not on screen');
  return box.y + box.height / 2;
}

/** The line (1-based) the cell's first error squiggle is drawn on. */
async function squiggleLine(c: Locator): Promise<number> {
  const squiggle = c.locator('.monaco-editor .squiggly-error').first();
  await expect(squiggle).toBeVisible();
  const y = await middleY(squiggle);
  const lines = c.locator('.monaco-editor .view-lines .view-line');
  const tops = await lines.evaluateAll((els) =>
    els.map((el) => parseFloat((el as HTMLElement).style.top || '0')).sort((a, b) => a - b),
  );
  const first = await middleY(lines.first());
  const lineHeight = 19;
  const minTop = tops[0] ?? 0;
  return Math.round((y - first) / lineHeight + minTop / lineHeight) + 1;
}

/** Moves the mouse onto `word` in the cell's first line that holds it (monospace: width per character). */
async function hoverWord(page: Page, c: Locator, word: string): Promise<void> {
  const line = c.locator('.monaco-editor .view-line', { hasText: word }).first();
  const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
  const span = line.locator(':scope > span');
  const box = await span.boundingBox();
  if (!box) throw new Error('line not on screen');
  const charWidth = box.width / text.length;
  await page.mouse.move(box.x + charWidth * (text.indexOf(word) + word.length - 0.5), box.y + box.height / 2);
}

test('completion knows an opened CSV: its table after FROM, its columns after a dot and in the select list', async ({
  page,
}) => {
  await openApp(page);
  const tables = await openFilesOk(page, ['sales.csv']);
  const table = tables['sales.csv'] ?? 'sales';
  const c = await addSqlCell(page);
  await (await monacoOf(c)).click();
  await page.keyboard.type('SELECT  FROM ');
  const afterFrom = await suggestionLabels(page);
  expect(afterFrom).toContain(table);
  await page.screenshot({ path: `${SHOTS}/completion-tables.png` });
  await page.keyboard.type(table.slice(0, 3));
  await expect(suggestions(page).first().locator('.label-name')).toHaveText(table);
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(c)).toBe(`SELECT  FROM ${table}`);

  // Back into the select list: `table.` lists its columns, with their types.
  await page.keyboard.press('Home');
  for (let i = 0; i < 'SELECT '.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(`${table}.`);
  const columns = await suggestionLabels(page);
  expect(columns).toEqual(expect.arrayContaining(expected().sales.columns));
  await expect(suggestions(page).filter({ hasText: 'amount' })).toContainText('DOUBLE');
  await page.screenshot({ path: `${SHOTS}/completion-columns.png` });
  await page.keyboard.type('amo');
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(c)).toBe(`SELECT ${table}.amount FROM ${table}`);

  // A bare name in the select list: the columns of the tables in scope come first.
  await page.keyboard.type(', reg');
  await expect(suggestions(page).first().locator('.label-name')).toHaveText('region');
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(c)).toBe(`SELECT ${table}.amount, region FROM ${table}`);
  await runCell(c, 'done');

  // Hover a column: its type, the row count and sample values.
  await hoverWord(page, c, 'region');
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'region' });
  await expect(hover).toContainText('VARCHAR');
  await expect(hover).toContainText(`${expected().sales.count} rows`);
  await expect(hover).toContainText('Sample values');
});

test('a DuckDB syntax error draws a marker on the line the engine names', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, 'SELECT 1 AS a,\n2 AS b\nFROM WHERE');
  await runCell(c, 'error');
  await expect(c.getByRole('alert')).toContainText('syntax error at or near "WHERE" (line 3, column 6)');
  expect(await squiggleLine(c)).toBe(3);
});

test('a SQLite syntax error draws a marker on its line, with the message on hover', async ({ page }) => {
  await openApp(page);
  const s = await addSqlCell(page);
  await s.getByRole('combobox', { name: 'Engine' }).selectOption('sqlite');
  await setCellText(page, s, 'SELECT 1;\nSELECT 2\nFORM x');
  await runCell(s, 'error');
  expect(await squiggleLine(s)).toBe(3);
  await hoverWord(page, s, 'FORM x');
  await expect(page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'syntax error' })).toBeVisible();
});

test('an error without a position marks the whole failing statement', async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, "SELECT 1;\nSELECT error('boom')");
  await runCell(c, 'error');
  await expect(c.getByRole('alert')).toContainText('boom');
  expect(await squiggleLine(c)).toBe(2);
  // Fixing the text and running again clears the marker.
  await setCellText(page, c, 'SELECT 1');
  await runCell(c, 'done');
  await expect(c.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
});

test("Shift+Alt+F formats the SQL for the cell's dialect", async ({ page }) => {
  await openApp(page);
  const c = await addSqlCell(page);
  await setCellText(page, c, 'select region, sum(amount) as total from sales where amount > 1 group by region');
  await page.keyboard.press('Shift+Alt+F');
  await expect
    .poll(() => editorText(c))
    .toBe('select\n  region,\n  sum(amount) as total\nfrom\n  sales\nwhere\n  amount > 1\ngroup by\n  region');
  // Text the formatter cannot parse is left alone.
  await setCellText(page, c, 'select # from t');
  await page.keyboard.press('Shift+Alt+F');
  await page.waitForTimeout(300);
  expect(await editorText(c)).toBe('select # from t');
});

test('keys typed in a new cell at once, before and while Monaco replaces its stand-in, are all kept', async ({
  page,
}) => {
  await openApp(page);
  const c = await addSqlCell(page);
  // No wait for Monaco: the keys start in the textarea stand-in, and go on until Monaco has taken
  // over, so the handover happens between two of them.
  const typed: string[] = ['SELECT 0 AS c0'];
  await page.keyboard.type(typed[0] ?? '');
  for (let i = 1; (await c.locator('.monaco-editor').count()) === 0 && i < 200; i++) {
    const column = `, ${i} AS c${i}`;
    await page.keyboard.type(column);
    typed.push(column);
  }
  expect(typed.length).toBeGreaterThan(0);
  await page.keyboard.type(' FROM range(1)');
  typed.push(' FROM range(1)');
  await monacoOf(c);
  await expect.poll(() => editorText(c)).toBe(typed.join(''));
  // The text is the cell's own, not only drawn: it runs.
  await runCell(c);
  await expect(c.getByRole('grid')).toBeVisible();
});

test("an editor is named by its cell's place, also after a cell is added above it", async ({ page }) => {
  await openApp(page);
  const n = await page.getByRole('article', { name: /^Cell \d+$/ }).count();
  const c = await addSqlCell(page);
  await monacoOf(c);
  await expect(c.getByRole('textbox', { name: `SQL editor, cell ${n + 1}`, exact: true })).toHaveCount(1);
  await c.getByRole('button', { name: 'Insert cell above' }).click();
  // That cell is now one place further down, and its editor says so.
  const moved = page.getByRole('article', { name: `Cell ${n + 2}`, exact: true });
  await monacoOf(moved);
  await expect(moved.getByRole('textbox', { name: `SQL editor, cell ${n + 2}`, exact: true })).toHaveCount(1);
  await expect(moved.getByRole('textbox', { name: `SQL editor, cell ${n + 1}`, exact: true })).toHaveCount(0);
});
