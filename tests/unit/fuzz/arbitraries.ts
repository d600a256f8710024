/** Generators shared by the fuzz tests: notebooks, view settings, SQL-ish text, and mutations of real files. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { createCellId, type Cell, type Notebook } from '../../../src/notebook/cells';
import { NotebookError } from '../../../src/sql/errors';
import { cellsInOrder } from '../../../src/notebook/operations';
import type { NetworkAccess } from '../../../src/notebook/network';
import {
  CHART_AGGREGATES,
  CHART_TYPES,
  FILTER_OPS,
  type ResultViewSettings,
} from '../../../src/notebook/view-settings';

/**
 * Fixed seed and a few hundred runs per property: deterministic, and the suite stays within
 * seconds. FUZZ_SEED and FUZZ_RUNS explore further by hand (`FUZZ_RUNS=20000 npx vitest run tests/unit/fuzz`).
 */
export const RUNS = {
  seed: Number(process.env.FUZZ_SEED ?? 192_026),
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
} as const;

/** Runs `f`; anything thrown must be a NotebookError. Returns what `f` returned, or the error. */
export function onlyNotebookErrors<T>(f: () => T): T | NotebookError {
  try {
    return f();
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
}

export async function onlyNotebookErrorsAsync<T>(f: () => Promise<T>): Promise<T | NotebookError> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
}

/** What a notebook is, without cell ids (made afresh on every open). */
export function shape(nb: Notebook): unknown {
  return {
    title: nb.title,
    network: nb.network ?? null,
    cells: cellsInOrder(nb).map(({ id: _id, ...rest }) => rest),
  };
}

export function expectSameNotebook(a: Notebook, b: Notebook): void {
  expect(shape(a)).toEqual(shape(b));
}

/** Pieces that mean something to the file format, the SQL lexers, or JSON. */
const TRICKY = [
  '-- %% end',
  '-- %% sql name=x engine=duckdb',
  '-- %% markdown name=y engine=sqlite semicolon=added',
  '-- %% view {"mode":"chart"}',
  '-- %% title "t"',
  '-- %% sql-notebook 1',
  '-- %% network {"hosts":[],"extensions":[]}',
  '-- \\%% escaped',
  '-- \\\\%% twice',
  '--',
  '-- ',
  '%%',
  ';',
  '',
  '\r',
  '\\',
  "'",
  '"',
  '`',
  '$$',
  '$t$',
  '/*',
  '*/',
  'SELECT 1',
  '\uFEFF',
  '\u2028',
  '日本語 🦆',
  '\uD83E',
];

/** A line of text: often one of the tricky pieces, otherwise any characters (no newline). */
const lineText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/\n/g, ' ')) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...TRICKY, ' ', 'a'), { maxLength: 4 })
      .map((xs) => xs.join('').replace(/\n/g, ' ')),
  },
);

/** A cell's text: a few lines, as a person might write them, including the format's own markers. */
export const cellSource: fc.Arbitrary<string> = fc.array(lineText, { maxLength: 6 }).map((lines) => lines.join('\n'));

const columnName = fc.oneof(
  fc.constantFrom('id', 'na"me', 'x y', '日付', "it's"),
  fc.string({ minLength: 1, maxLength: 8 }),
);

export const viewSettings: fc.Arbitrary<ResultViewSettings> = fc.record(
  {
    mode: fc.constantFrom('table' as const, 'chart' as const),
    sort: fc.array(fc.record({ column: columnName, desc: fc.boolean() }), { maxLength: 3 }),
    filters: fc.array(
      fc.record({ column: columnName, op: fc.constantFrom(...FILTER_OPS), value: fc.string({ maxLength: 12 }) }),
      { maxLength: 3 },
    ),
    chart: fc.record(
      {
        type: fc.constantFrom(...CHART_TYPES),
        x: columnName,
        y: columnName,
        color: columnName,
        aggregate: fc.constantFrom(...CHART_AGGREGATES),
      },
      { requiredKeys: ['type'] },
    ),
  },
  { requiredKeys: [] },
);

const cellName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,9}$/);

const network: fc.Arbitrary<NetworkAccess> = fc
  .record({
    hosts: fc.uniqueArray(fc.constantFrom('https://data.example.org', 'https://a.b.c', 'http://localhost:8080'), {
      maxLength: 3,
    }),
    extensions: fc.uniqueArray(fc.constantFrom('json', 'parquet', 'spatial', 'httpfs'), { maxLength: 3 }),
  })
  .map((n) => ({ hosts: [...n.hosts].sort(), extensions: [...n.extensions].sort() }));

const cellContent = fc.record({
  kind: fc.constantFrom('sql' as const, 'markdown' as const),
  engine: fc.constantFrom('duckdb' as const, 'sqlite' as const),
  source: cellSource,
  view: fc.option(viewSettings, { nil: undefined }),
});

/** Cells with unique names (ignoring case), any text, and optional views. */
const cells: fc.Arbitrary<Cell[]> = fc
  .uniqueArray(cellName, { maxLength: 6, selector: (n) => n.toLowerCase() })
  .chain((names) =>
    fc.array(cellContent, { minLength: names.length, maxLength: names.length }).map((contents) =>
      contents.map((c, i): Cell => {
        const view = c.view && Object.keys(c.view).length > 0 ? c.view : undefined;
        const name = names[i] ?? `c${i}`;
        return {
          id: createCellId(),
          kind: c.kind,
          engine: c.engine,
          source: c.source,
          name,
          ...(view ? { view } : {}),
        };
      }),
    ),
  );

/** A notebook as the app could hold it, with an optional network request. */
export const notebook: fc.Arbitrary<Notebook> = fc
  .record({
    title: fc.string({ unit: 'grapheme', maxLength: 20 }),
    cells,
    network: fc.option(network, { nil: undefined }),
  })
  .map(({ title, cells: list, network: net }) => {
    const map: Record<string, Cell> = {};
    for (const c of list) map[c.id] = c;
    const asks = net && (net.hosts.length > 0 || net.extensions.length > 0);
    return { version: 1, title, order: list.map((c) => c.id), cells: map, ...(asks ? { network: net } : {}) };
  });

/** One edit of a text: characters or whole lines inserted, deleted, replaced, duplicated or swapped. */
type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'replace'; readonly at: number; readonly text: string }
  | { readonly op: 'insert-line' | 'replace-line'; readonly at: number; readonly text: string }
  | { readonly op: 'delete-line' | 'duplicate-line' | 'swap-lines'; readonly at: number; readonly other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(lineText, fc.constantFrom('\n', '\r\n', '"', '{', '}')),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }),
  }),
  fc.record({ op: fc.constantFrom('insert-line' as const, 'replace-line' as const), at: fc.nat(), text: lineText }),
  fc.record({
    op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'swap-lines' as const),
    at: fc.nat(),
    other: fc.nat(),
  }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    default: {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      if (m.op === 'insert-line') lines.splice(i, 0, m.text);
      else if (m.op === 'replace-line') lines[i] = m.text;
      else if (m.op === 'delete-line') lines.splice(i, 1);
      else if (m.op === 'duplicate-line') lines.splice(i, 0, lines[i] ?? '');
      else {
        const j = ('other' in m ? m.other : 0) % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
      return lines.join('\n');
    }
  }
}

/** `base` with one to five random edits. */
export function mutated(base: string): fc.Arbitrary<string> {
  return fc.array(mutation, { minLength: 1, maxLength: 5 }).map((ms) => ms.reduce(apply, base));
}

/** Text that looks like SQL often enough to reach the lexers' corners. */
export const sqlish: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          'SELECT ',
          ' FROM ',
          ' JOIN ',
          'WITH ',
          ' AS ',
          ' RECURSIVE ',
          'MATERIALIZED ',
          'EXTRACT(',
          'TRIM(',
          ' DISTINCT ',
          'LATERAL ',
          'SUMMARIZE ',
          'DESCRIBE ',
          'TABLE ',
          'read_csv(',
          ' ',
          '\n',
          '\r\n',
          '\t',
          ',',
          '(',
          ')',
          ';',
          '.',
          "'",
          '"',
          '`',
          '[',
          ']',
          '--',
          '/*',
          '*/',
          '$$',
          '$tag$',
          '$1',
          '$name',
          '$"q"',
          "E'",
          '\\',
          '\r',
          ':x',
          '@y',
          'a',
          'b.c',
          'cells."x"',
          '1.5e3',
          '.5',
          '日本',
          '🦆',
          '\u00a0',
          '\uFEFF',
          '::',
          '<>',
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    ),
    { maxLength: 30 },
  )
  .map((xs) => xs.join(''));
