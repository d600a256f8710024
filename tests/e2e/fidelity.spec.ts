/**
 * The fidelity suite (issue 16): queries from DuckDB's and SQLite's own test suites
 * (tests/fidelity/cases.json, with their sources) run through the built app; every grid value,
 * and the CSV and JSON exports, must be what native DuckDB and SQLite give
 * (tests/fidelity/reference.json, written by `npm run fidelity:reference`), apart from the
 * differences tests/fidelity/allowlist.ts chooses. Single-row cases share a cell (one column
 * each, up to 36 a cell); a case of several rows has a cell of its own.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addSqlCell, openApp, resultOf, setCellText, watchRun } from './helpers';
import { ALLOWED, SKIPPED, type Part } from '../fidelity/allowlist';
import { csvFields, exactJson, jsonRows } from '../fidelity/compare';

interface Case {
  readonly id: string;
  readonly engine: 'duckdb' | 'sqlite';
  readonly source: string;
  readonly sql: string;
}
interface Reference {
  readonly columns: string[];
  readonly types: string[];
  readonly text: (string | null)[][];
  readonly csv: string;
  readonly json: string;
}
const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fidelity/${name}`, import.meta.url), 'utf8'));
const { cases } = read('cases.json') as { cases: Case[] };
const reference = (read('reference.json') as { cases: Record<string, Reference> }).cases;

/** Columns in one cell: the grid renders every column up to 40. */
const MAX_COLUMNS = 36;

interface Batch {
  readonly engine: 'duckdb' | 'sqlite';
  readonly cases: readonly Case[];
}

const refOf = (c: Case): Reference => {
  const r = reference[c.id];
  if (!r) throw new Error(`No reference for case ${c.id}: run npm run fidelity:reference`);
  return r;
};

function batches(engine: 'duckdb' | 'sqlite'): Batch[] {
  const out: Batch[] = [];
  let open: Case[] = [];
  let width = 0;
  for (const c of cases) {
    if (c.engine !== engine || c.id in SKIPPED) continue;
    const r = refOf(c);
    if (r.text.length !== 1) {
      out.push({ engine, cases: [c] });
      continue;
    }
    if (width + r.columns.length > MAX_COLUMNS) {
      out.push({ engine, cases: open });
      open = [];
      width = 0;
    }
    open.push(c);
    width += r.columns.length;
  }
  if (open.length) out.push({ engine, cases: open });
  return out;
}

/** A case's SQL on one line: the editor would indent the lines typed after the first. */
const oneLine = (c: Case): string => c.sql.replace(/\s*\n\s*/g, ' ');

/** One SELECT for the batch, each case's columns renamed as the reference names them. */
function batchSql(b: Batch): string {
  if (b.engine === 'duckdb')
    return `SELECT * FROM ${b.cases.map((c) => `(${oneLine(c)}) AS ${c.id}(${refOf(c).columns.join(', ')})`).join(', ')}`;
  const ctes = b.cases.map((c) => `${c.id}(${refOf(c).columns.join(', ')}) AS (${oneLine(c)})`);
  return `WITH ${ctes.join(', ')} SELECT * FROM ${b.cases.map((c) => c.id).join(', ')}`;
}

type Shown = Record<string, (string | null)[]>;

/** Every value of the grid by column name: the exact value (the hover title) where there is one, NULL as null. */
async function gridValues(c: Locator, rows: number): Promise<Shown> {
  const grid = resultOf(c);
  await expect(grid.locator('tbody tr')).toHaveCount(rows);
  await expect(grid.locator('tbody td.loading')).toHaveCount(0);
  return grid.evaluate((table) => {
    const names = Array.from(table.querySelectorAll('thead .col-name'), (el) => el.textContent ?? '');
    const out: Record<string, (string | null)[]> = {};
    for (const tr of Array.from(table.querySelectorAll<HTMLElement>('tbody tr'))) {
      for (const td of Array.from(tr.querySelectorAll<HTMLElement>('td[data-c]'))) {
        const name = names[Number(td.dataset.c)] ?? '';
        const cls = td.className.split(' ');
        // An empty title is a reused cell's cleared one.
        const text = td.getAttribute('title') || (td.textContent ?? '').replace(cls.includes('num') ? /,/g : /^$/, '');
        (out[name] ??= [])[Number(tr.dataset.r)] = cls.includes('null') ? null : text;
      }
    }
    return out;
  });
}

async function exported(page: Page, c: Locator, format: 'csv' | 'json'): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await c.getByRole('combobox', { name: 'Export as' }).selectOption(format);
  return readFileSync(await (await download).path(), 'utf8');
}

interface Difference {
  readonly case: string;
  readonly source: string;
  readonly column: string;
  readonly part: Part;
  readonly row: number;
  readonly want: string | null;
  readonly got: string | null;
}

/** CSV fields by column name, rows in order, as written. */
function csvByColumn(text: string): Record<string, string[]> {
  const [head = [], ...rows] = csvFields(text);
  return Object.fromEntries(head.map((h, i) => [h, rows.map((r) => r[i] ?? '')]));
}

const jsonText = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Runs SQL in the cell; the error shown when the run failed, else null. */
async function run(page: Page, c: Locator, sql: string, engine: Batch['engine']): Promise<string | null> {
  await c.getByRole('combobox', { name: 'Engine' }).selectOption(engine);
  await setCellText(page, c, sql);
  const finished = await watchRun(c);
  await c.getByRole('button', { name: 'Run cell' }).click();
  await finished('done').catch(() => undefined);
  if ((await c.getAttribute('data-status')) === 'done') return null;
  return c.getByRole('alert').innerText();
}

async function checkBatch(page: Page, c: Locator, b: Batch): Promise<Difference[]> {
  const rows = refOf(b.cases[0] as Case).text.length;
  const failed = await run(page, c, batchSql(b), b.engine);
  if (failed !== null) {
    // Find the case that fails: each alone.
    if (b.cases.length > 1) {
      const diffs: Difference[] = [];
      for (const k of b.cases) diffs.push(...(await checkBatch(page, c, { engine: b.engine, cases: [k] })));
      return diffs;
    }
    const k = b.cases[0] as Case;
    return [{ case: k.id, source: k.source, column: '*', part: 'grid', row: 0, want: 'a result', got: failed }];
  }
  const grid = await gridValues(c, rows);
  const csv = csvByColumn(await exported(page, c, 'csv'));
  const json = jsonRows(await exported(page, c, 'json'));
  const diffs: Difference[] = [];
  for (const k of b.cases) {
    const ref = refOf(k);
    const refCsv = csvByColumn(ref.csv);
    const refJson = jsonRows(ref.json);
    ref.columns.forEach((col, n) => {
      const allowed = (part: Part) => ALLOWED.find((a) => a.case === k.id && a.column === n && a.part === part);
      const compare = (part: Part, row: number, want: string | null, got: string | null) => {
        const a = allowed(part);
        if (a) {
          if (got !== a.got) diffs.push({ case: k.id, source: k.source, column: col, part, row, want: a.got, got });
          else if (want === got)
            diffs.push({
              case: k.id,
              source: k.source,
              column: col,
              part,
              row,
              want: 'an allowlist entry',
              got: 'none needed',
            });
        } else if (want !== got) diffs.push({ case: k.id, source: k.source, column: col, part, row, want, got });
      };
      for (let r = 0; r < rows; r++) {
        compare('grid', r, ref.text[r]?.[n] ?? null, grid[col]?.[r] ?? null);
        compare('csv', r, refCsv[col]?.[r] ?? null, csv[col]?.[r] ?? null);
        compare('json', r, jsonText(refJson[r]?.[col]), jsonText(json[r]?.[col]));
      }
    });
  }
  return diffs;
}

test.describe.configure({ mode: 'parallel' });

test.beforeEach(async ({ page }) => {
  // Headless Chromium has showSaveFilePicker, but no one to answer it: take the download path.
  await page.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
});

const all = [...batches('duckdb'), ...batches('sqlite')];
/** Four tests, so the suite's two workers share the load. */
const PARTS = 4;
for (let part = 0; part < PARTS; part++) {
  const mine = all.filter((_, i) => i % PARTS === part);
  const ids = mine.flatMap((b) => b.cases.map((k) => k.id));
  test(`values as native DuckDB and SQLite give them, part ${part + 1} of ${PARTS} (${ids.length} cases)`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openApp(page);
    const c = await addSqlCell(page);
    const diffs: Difference[] = [];
    for (const b of mine) diffs.push(...(await checkBatch(page, c, b)));
    expect(diffs, `values that differ from the reference (case, its source, column, part, row)`).toEqual([]);
  });
}

test('the allowlist names only cases and columns that exist', () => {
  for (const a of ALLOWED) {
    const k = cases.find((x) => x.id === a.case);
    expect(k, `allowlisted case ${a.case}`).toBeDefined();
    expect(refOf(k as Case).columns.length, `columns of ${a.case}`).toBeGreaterThan(a.column);
    expect(a.reason.length, `the reason for ${a.case}`).toBeGreaterThan(10);
  }
  for (const id of Object.keys(SKIPPED))
    expect(
      cases.some((x) => x.id === id),
      `skipped case ${id}`,
    ).toBe(true);
  // exactJson is what the comparison trusts for numbers past 2^53: it keeps every digit.
  expect(exactJson('{"a":18446744073709551615}')).toEqual({ a: '#18446744073709551615' });
});
