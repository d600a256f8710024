/** Shared steps for the e2e suite: they drive the built app the way a user does. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Expected {
  sales: {
    count: number;
    sum_amount: number;
    null_amount_count: number;
    north_count: number;
    north_sum_amount: number;
    columns: string[];
  };
  ragged: { header: string[]; data_lines: number };
  cities: { count: number; sum_population: number; max_population_city: string; columns: string[] };
  events: { count: number; sum_value: number; click_count: number; columns: string[] };
  library: {
    authors: number;
    books: number;
    sum_pages: number;
    min_year: number;
    author: string;
    author_books: number;
    author_pages: number;
  };
}

/** The path of a fixture file; fails clearly when the fixture generator has not made it. */
export function fixture(name: string): string {
  const p = FIXTURES + name;
  if (!existsSync(p)) throw new Error(`Missing fixture ${p}: run node tests/fixtures/make-fixtures.mjs`);
  return p;
}

/** The aggregates the fixture generator computed; read at test time so they always match the files. */
export function expected(): Expected {
  return JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Expected;
}

export const allCells = (page: Page): Locator => page.getByRole('article', { name: /^Cell \d+$/ });
export const cell = (page: Page, n: number): Locator => page.getByRole('article', { name: `Cell ${n}`, exact: true });
export const statusOf = (c: Locator): Locator => c.locator('[data-role=status]');
export const resultOf = (c: Locator): Locator => c.getByRole('grid', { name: 'Result' });
export const sidebar = (page: Page): Locator => page.getByRole('complementary', { name: 'Tables' });
export const notifications = (page: Page): Locator => page.getByRole('region', { name: 'Notifications' });

/** Loads the app (a fresh browser context starts on the welcome notebook) and waits for its cells. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(cell(page, 1)).toBeVisible();
}

/** Waits until Monaco has replaced the textarea stand-in in this cell. */
export async function monacoOf(c: Locator): Promise<Locator> {
  const editor = c.locator('.monaco-editor');
  await expect(editor).toBeVisible();
  return editor;
}

/** Replaces a cell's text like a user: click into the editor, select all, type. */
export async function setCellText(page: Page, c: Locator, text: string): Promise<void> {
  const editor = await monacoOf(c);
  await editor.click();
  // Keys go wherever focus is: a click that left it elsewhere (the cell, the page) would select the page instead.
  await expect
    .poll(() => editor.evaluate((el) => el.contains(document.activeElement)), {
      message: 'the click put focus in the editor',
    })
    .toBe(true);
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  // insertText, not type(): Monaco would auto-close brackets and quotes as they are typed.
  else await page.keyboard.insertText(text);
  await expect
    .poll(() => editorText(c))
    .toBe(
      text
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n'),
    );
}

/** The text Monaco shows in a cell (lines in order, trailing spaces trimmed). */
export async function editorText(c: Locator): Promise<string> {
  const lines = await c.locator('.monaco-editor .view-lines .view-line').evaluateAll((els) =>
    els
      .map((el) => ({
        top: parseFloat((el as HTMLElement).style.top || '0'),
        text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
      }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.trimEnd()),
  );
  return lines.join('\n');
}

/** Waits for a cell's run to finish and returns its final status. */
export async function settled(c: Locator, timeout = 45_000): Promise<string> {
  await expect(c).toHaveAttribute('data-status', /^(done|error)$/, { timeout });
  return (await c.getAttribute('data-status')) ?? '';
}

type Watched = HTMLElement & { statusLog?: string[]; statusObserver?: MutationObserver };

/**
 * Starts recording a cell's status changes. The returned function waits for the
 * run started after this call to end, so a status left over from an earlier run
 * ('done' or 'error') is never mistaken for the new one's.
 */
export async function watchRun(c: Locator): Promise<(want: 'done' | 'error', timeout?: number) => Promise<void>> {
  await c.evaluate((el: Watched) => {
    el.statusObserver?.disconnect();
    const log: string[] = [];
    el.statusLog = log;
    el.statusObserver = new MutationObserver(() => log.push(el.getAttribute('data-status') ?? ''));
    el.statusObserver.observe(el, { attributes: true, attributeFilter: ['data-status'] });
  });
  return async (want, timeout = 45_000) => {
    const ended = () =>
      c.evaluate((el: Watched) => {
        const log = el.statusLog ?? [];
        const start = log.findIndex((s) => s === 'queued' || s === 'running');
        return start < 0 ? '' : (log.slice(start).find((s) => s === 'done' || s === 'error') ?? '');
      });
    await expect.poll(ended, { timeout, message: 'the cell ran and finished' }).not.toBe('');
    await expectStatus(c, want, timeout);
  };
}

/** Clicks the cell's Run button and expects the run to end in `want`. */
export async function runCell(c: Locator, want: 'done' | 'error' = 'done'): Promise<void> {
  const finished = await watchRun(c);
  await c.getByRole('button', { name: 'Run cell' }).click();
  await finished(want);
}

/** Runs the cell with a keyboard shortcut (the caret must be in its editor) and expects `want`. */
export async function runWithKeys(
  page: Page,
  c: Locator,
  keys: 'Control+Enter' | 'Shift+Enter',
  want: 'done' | 'error',
): Promise<void> {
  const finished = await watchRun(c);
  await page.keyboard.press(keys);
  await finished(want);
}

/** Expects the run to end in `want`, showing the cell's error text when it did not. */
export async function expectStatus(c: Locator, want: 'done' | 'error', timeout = 45_000): Promise<void> {
  const got = await settled(c, timeout);
  if (got !== want) {
    const why =
      got === 'error'
        ? await c
            .getByRole('alert')
            .innerText()
            .catch(() => '(no alert)')
        : '';
    throw new Error(`Expected the cell to end "${want}" but it ended "${got}". ${why}`);
  }
  await expect(statusOf(c)).toHaveText(want);
}

/** Writes SQL into a cell, picks its engine, runs it with Control+Enter and waits for success. */
export async function query(
  page: Page,
  c: Locator,
  sql: string,
  engine: 'duckdb' | 'sqlite' = 'duckdb',
): Promise<void> {
  await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await setCellText(page, c, sql);
  await runWithKeys(page, c, 'Control+Enter', 'done');
}

/** Adds a SQL cell at the end and returns it. */
export async function addSqlCell(page: Page): Promise<Locator> {
  const before = await allCells(page).count();
  await page.getByRole('button', { name: 'Add SQL cell' }).click();
  await expect(allCells(page)).toHaveCount(before + 1);
  return cell(page, before + 1);
}

/** The result grid's column names, from the header cells (the row-number column excluded). */
export async function resultColumns(c: Locator): Promise<string[]> {
  return resultOf(c).locator('thead th:not(.rownum) .col-name').allInnerTexts();
}

/** One value of the result grid as shown (numbers without thousands separators), by column name and 0-based row. */
export async function resultValue(c: Locator, column: string, row = 0): Promise<string> {
  const table = resultOf(c);
  await expect(table).toBeVisible();
  const names = await table
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => th.querySelector('.col-name')?.textContent ?? ''));
  const index = names.indexOf(column);
  if (index < 0) throw new Error(`No column "${column}" in the result: ${names.join(', ')}`);
  const td = table.locator('tbody tr').nth(row).locator('td').nth(index);
  const text = await td.innerText();
  // Numbers are shown with thousands separators; tests compare the plain digits.
  return (await td.getAttribute('class'))?.split(' ').includes('num') ? text.replace(/,/g, '') : text;
}

/** A numeric result value; thousands separators are not expected but tolerated. */
export async function resultNumber(c: Locator, column: string, row = 0): Promise<number> {
  const text = await resultValue(c, column, row);
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new Error(`Column "${column}" row ${row} is "${text}", not a number`);
  return n;
}

/**
 * Makes "Open files" use the page's <input type=file>: Chromium's File System
 * Access picker is a native window Playwright cannot answer.
 */
export async function useFileInput(page: Page): Promise<void> {
  await page.evaluate(() =>
    Object.defineProperty(window, 'showOpenFilePicker', { value: undefined, configurable: true }),
  );
}

/** Opens files (fixture names or paths) through the real file chooser behind the "Open files" button. */
export async function choosePaths(page: Page, paths: readonly string[]): Promise<void> {
  await useFileInput(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open files' }).click();
  await (await chooser).setFiles([...paths]);
}

/** Opens fixture files through the real file chooser behind the "Open files" button. */
export async function openFiles(page: Page, names: readonly string[]): Promise<void> {
  await choosePaths(page, names.map(fixture));
}

/** The info toast that says a file was opened. */
export function openedToast(page: Page, fileName: string): Locator {
  return notifications(page)
    .getByRole('status')
    .filter({ hasText: `Opened ${fileName} ` });
}

/**
 * Opens files, waits until each one has been announced as opened, and returns
 * the table (or database) name each got, as the toast states it. The toasts are
 * read as they come: at most four show (older ones under "+N more", which is
 * opened here), and each goes after a few seconds.
 */
export async function openFilesOk(page: Page, names: readonly string[]): Promise<Record<string, string>> {
  await openFiles(page, names);
  const tables: Record<string, string> = {};
  const region = notifications(page);
  await expect
    .poll(
      async () => {
        const more = region.getByRole('button', { name: /^\+\d+ more$/ });
        if (await more.isVisible()) await more.click({ timeout: 2_000 }).catch(() => undefined);
        for (const text of await region.getByRole('status').allInnerTexts())
          for (const name of names) {
            const m = text.startsWith(`Opened ${name} `) ? /as (?:table|database) "([^"]+)"/.exec(text) : null;
            if (m?.[1] && tables[name] === undefined) tables[name] = m[1];
          }
        return names.filter((n) => tables[n] === undefined);
      },
      { message: 'files not yet announced as opened', timeout: 45_000, intervals: [100, 250, 500] },
    )
    .toEqual([]);
  return tables;
}

/** Quotes a SQL string literal (both dialects). */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** An error toast that names the file. */
export function errorToast(page: Page, fileName: string): Locator {
  return notifications(page).getByRole('alert').filter({ hasText: fileName });
}

/** A table's button in the sidebar, by its (schema-qualified) name. */
export function sidebarTable(page: Page, name: string): Locator {
  return sidebar(page).getByRole('button', { name, exact: true });
}

/**
 * Drops a fixture file on the page with real drag events: the bytes are read
 * here, and the File (named `name`) and its DataTransfer are built inside the page.
 */
export async function dropFile(page: Page, fixtureName: string, name = fixtureName): Promise<void> {
  const bytes = Array.from(readFileSync(fixture(fixtureName)));
  // A real drop carries the file's modification time; dropping one file twice is then the same file.
  const lastModified = Math.floor(statSync(fixture(fixtureName)).mtimeMs);
  await page.evaluate(
    ({ name, bytes, lastModified }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { lastModified }));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { name, bytes, lastModified },
  );
}

/** What every cell is, as shown: kind, engine and text (editor text, or rendered Markdown). */
export async function notebookSnapshot(page: Page): Promise<string[]> {
  const out: string[] = [];
  const n = await allCells(page).count();
  for (let i = 1; i <= n; i++) {
    const c = cell(page, i);
    const kind = await c.getByRole('combobox', { name: 'Cell kind' }).inputValue();
    const engine = kind === 'sql' ? await c.getByRole('combobox', { name: 'Engine' }).inputValue() : '-';
    // A Markdown cell shows either its rendered text or its editor; SQL cells wait for Monaco.
    const shown = kind === 'sql' ? c.locator('.monaco-editor') : c.locator('.markdown-body, .monaco-editor').first();
    await expect(shown).toBeVisible();
    const rendered = (await c.locator('.markdown-body').count()) > 0;
    const text = rendered ? `(rendered) ${await c.locator('.markdown-body').innerText()}` : await editorText(c);
    out.push(`${kind}/${engine}: ${text}`);
  }
  return out;
}

/** Runs SQL in a new cell of `engine` and returns the one value it produced. */
export async function answer(page: Page, sql: string, engine: 'duckdb' | 'sqlite' = 'duckdb'): Promise<string> {
  const c = await addSqlCell(page);
  await query(page, c, sql, engine);
  const names = await resultColumns(c);
  return resultValue(c, names[0] ?? '');
}

/** Adds a SQL cell with a name, an engine and a query (not run). */
export async function sqlCell(page: Page, name: string, sql: string, engine: 'duckdb' | 'sqlite'): Promise<Locator> {
  const c = await addSqlCell(page);
  await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await rename(c, name);
  await setCellText(page, c, sql);
  return c;
}

/** Renames a cell through the name field in its toolbar. */
export async function rename(c: Locator, name: string): Promise<void> {
  const box = c.getByRole('textbox', { name: 'Cell name' });
  await box.fill(name);
  await box.press('Enter');
}
