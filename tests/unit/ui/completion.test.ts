import { describe, expect, it } from 'vitest';
import { complete, type CompletionItem } from '../../../src/ui/completion/provider';
import { quoteName } from '../../../src/ui/completion/dialect';
import type { Catalog, CatalogTable } from '../../../src/session/catalog';
import type { EngineId } from '../../../src/notebook/cells';

const sales: CatalogTable = {
  schema: null,
  name: 'sales',
  kind: 'file',
  source: 'sales.csv',
  columns: [
    { name: 'id', type: 'BIGINT' },
    { name: 'region', type: 'VARCHAR' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'order date', type: 'DATE' },
  ],
};
const regions: CatalogTable = {
  schema: null,
  name: 'regions',
  kind: 'table',
  source: null,
  columns: [
    { name: 'region', type: 'VARCHAR' },
    { name: 'manager', type: 'VARCHAR' },
  ],
};
const odd: CatalogTable = {
  schema: null,
  name: 'my table',
  kind: 'view',
  source: null,
  columns: [
    { name: 'größe', type: 'INTEGER' },
    { name: 'select', type: 'INTEGER' },
    { name: 'say "hi"', type: 'TEXT' },
  ],
};
const books: CatalogTable = {
  schema: 'library',
  name: 'books',
  kind: 'table',
  source: null,
  columns: [
    { name: 'title', type: 'TEXT' },
    { name: 'pages', type: 'INTEGER' },
  ],
};
const cell: CatalogTable = {
  schema: null,
  name: 'top_regions',
  kind: 'cell',
  source: 'cell 2',
  columns: [{ name: 'region', type: 'Utf8' }],
};

function catalog(dialect: EngineId, tables: CatalogTable[] = [sales, regions, odd, books, cell]): Catalog {
  return { dialect, tables, schemas: ['library'], functions: [], status: 'idle' };
}

/** Completes at the `|` in `sql`. */
function at(sql: string, dialect: EngineId = 'duckdb', cat = catalog(dialect)) {
  const offset = sql.indexOf('|');
  const list = complete(sql.replace('|', ''), offset, cat);
  const by = (kind: CompletionItem['kind']) => list.items.filter((i) => i.kind === kind);
  return {
    list,
    by,
    labels: (kind: CompletionItem['kind']) => by(kind).map((i) => i.label),
    item: (label: string) => list.items.find((i) => i.label === label),
  };
}

describe('completion after FROM and JOIN', () => {
  it('offers tables, views, files, cells, schemas and table functions', () => {
    const r = at('SELECT * FROM |');
    expect(r.labels('file')).toEqual(['sales']);
    expect(r.labels('table')).toEqual(expect.arrayContaining(['regions', 'library.books']));
    expect(r.labels('cell')).toEqual(['top_regions']);
    expect(r.labels('schema')).toEqual(['library']);
    expect(r.labels('function')).toContain('read_csv');
    expect(r.labels('keyword')).toEqual([]);
    expect(r.labels('column')).toEqual([]);
  });
  it('works after JOIN, after a comma in FROM, with a partial name, and shows the source', () => {
    expect(at('SELECT * FROM sales s JOIN |').labels('table')).toContain('regions');
    expect(at('SELECT * FROM sales, |').labels('table')).toContain('regions');
    const r = at('SELECT * FROM sa|');
    expect(r.list.from).toBe('SELECT * FROM '.length);
    expect(r.item('sales')?.detail).toBe('file sales.csv · 4 columns');
    expect(r.item('top_regions')?.detail).toBe('result of cell 2 · 1 column');
  });
  it('offers names WITH defines', () => {
    expect(at('WITH big AS (SELECT 1) SELECT * FROM |').labels('table')).toContain('big');
  });
  it('after `FROM t ` it offers keywords such as JOIN and WHERE, not tables', () => {
    const r = at('SELECT * FROM sales |');
    expect(r.labels('keyword')).toEqual(expect.arrayContaining(['JOIN', 'WHERE']));
    expect(r.labels('table')).toEqual([]);
  });
});

describe('completion after a dot', () => {
  it("gives a table's columns with their types", () => {
    const r = at('SELECT sales.| FROM sales');
    expect(r.labels('column')).toEqual(['id', 'region', 'amount', 'order date']);
    expect(r.item('amount')?.detail).toBe('DOUBLE');
  });
  it('resolves an alias, with or without AS', () => {
    expect(at('SELECT s.| FROM sales AS s').labels('column')).toContain('region');
    expect(at('SELECT r.| FROM sales s JOIN regions r ON s.region = r.region').labels('column')).toEqual([
      'region',
      'manager',
    ]);
  });
  it('resolves an alias that is defined after the caret, in WHERE and ON too', () => {
    expect(at('SELECT * FROM sales s WHERE s.am|').labels('column')).toContain('amount');
    expect(at('SELECT * FROM sales s JOIN regions r ON r.|').labels('column')).toContain('manager');
  });
  it("lists a schema's tables, and a schema-qualified table's columns", () => {
    expect(at('SELECT * FROM library.|', 'sqlite').labels('table')).toEqual(['books']);
    expect(at('SELECT library.books.| FROM library.books', 'sqlite').labels('column')).toEqual(['title', 'pages']);
  });
  it('offers nothing for an unknown qualifier', () => {
    expect(at('SELECT nope.| FROM sales').list.items).toEqual([]);
  });
});

describe('completion of columns in scope', () => {
  it('in the select list, before FROM is even reached', () => {
    const r = at('SELECT | FROM sales');
    expect(r.labels('column')).toEqual(['id', 'region', 'amount', 'order date']);
    expect(r.list.items[0]?.kind).toBe('column');
  });
  it('in WHERE, GROUP BY and after an operator, from every table in scope, naming the table when there are several', () => {
    const r = at('SELECT * FROM sales s JOIN regions r USING (region) WHERE amount > 1 AND |');
    expect(r.labels('column')).toEqual(expect.arrayContaining(['amount', 'manager']));
    expect(r.by('column').find((i) => i.label === 'manager')?.detail).toBe('VARCHAR · r');
    expect(at('SELECT region, count(*) FROM sales GROUP BY |').labels('column')).toContain('region');
    expect(at('SELECT * FROM sales WHERE amount > |').labels('column')).toContain('id');
  });
  it('inside a function call and offers aliases, functions and keywords after columns', () => {
    const r = at('SELECT sum(|) FROM sales s');
    expect(r.labels('column')).toContain('amount');
    expect(r.labels('alias')).toEqual(['s']);
    expect(r.labels('function')).toContain('sum');
    const sorted = [...r.list.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    expect(sorted[0]?.kind).toBe('column');
    expect(sorted.at(-1)?.kind).toBe('keyword');
  });
  it('offers nothing in a string, a comment, or after AS', () => {
    expect(at("SELECT * FROM sales WHERE region = 'No|").list.items).toEqual([]);
    expect(at('SELECT * -- FROM |').list.items).toEqual([]);
    expect(at('SELECT amount AS |').list.items).toEqual([]);
  });
  it('looks only at the statement the caret is in', () => {
    const r = at('SELECT * FROM regions;\nSELECT | FROM sales;\nSELECT 1');
    expect(r.labels('column')).toContain('amount');
    expect(r.labels('column')).not.toContain('manager');
  });
});

describe('functions and keywords', () => {
  it("functions come with a signature and a one-line description; the engine's own list wins", () => {
    const builtin = at('SELECT | FROM sales', 'sqlite').item('substr');
    expect(builtin?.detail).toBe('substr(X, START, LEN)');
    expect(builtin?.documentation).toMatch(/1-based/);
    expect(builtin?.insertText).toBe('substr($0)');
    expect(builtin?.snippet).toBe(true);
    const own = catalog('duckdb');
    const cat = {
      ...own,
      functions: [
        {
          name: 'my_macro',
          kind: 'macro' as const,
          signatures: ['my_macro(a, b)', 'my_macro(a)'],
          description: 'Mine.',
        },
      ],
    };
    const r = at('SELECT | FROM sales', 'duckdb', cat);
    expect(r.labels('function')).toEqual(['my_macro']);
    expect(r.item('my_macro')?.detail).toBe('my_macro(a, b)  (+1 overload)');
  });
  it("keywords are the dialect's, in the case being typed", () => {
    expect(at('|').labels('keyword')).toContain('SUMMARIZE');
    expect(at('|', 'sqlite').labels('keyword')).not.toContain('SUMMARIZE');
    expect(at('|', 'sqlite').labels('keyword')).toContain('PRAGMA');
    expect(at('sel|').labels('keyword')).toContain('select');
    expect(at('SEL|').labels('keyword')).toContain('SELECT');
  });
});

describe('names that need quotes', () => {
  it('quotes spaces, unicode, keywords and inner quotes, in both dialects', () => {
    for (const d of ['duckdb', 'sqlite'] as const) {
      const r = at('SELECT "my table".| FROM "my table"', d);
      expect(r.item('größe')?.insertText).toBe('"größe"');
      expect(r.item('select')?.insertText).toBe('"select"');
      expect(r.item('say "hi"')?.insertText).toBe('"say ""hi"""');
      expect(at('SELECT * FROM |', d).item('my table')?.insertText).toBe('"my table"');
      expect(at('SELECT | FROM sales', d).item('order date')?.insertText).toBe('"order date"');
    }
  });
  it('knows which words each dialect reserves', () => {
    // SQLite reserves ABORT and PLAN; DuckDB (PostgreSQL's list) reserves neither, but reserves QUALIFY and PIVOT.
    expect(quoteName('abort', 'sqlite')).toBe('"abort"');
    expect(quoteName('abort', 'duckdb')).toBe('abort');
    expect(quoteName('qualify', 'duckdb')).toBe('"qualify"');
    expect(quoteName('qualify', 'sqlite')).toBe('qualify');
    expect(quoteName('amount', 'sqlite')).toBe('amount');
  });
  it('an opening quote is part of the replaced text and is matched against the quoted name', () => {
    const r = at('SELECT * FROM "my t|');
    expect(r.list.from).toBe('SELECT * FROM '.length);
    expect(r.item('my table')?.filterText).toBe('"my table"');
  });
});

describe('bad input', () => {
  it('a table with 2,000 columns completes them all, quickly', () => {
    const wide: CatalogTable = {
      schema: null,
      name: 'wide',
      kind: 'table',
      source: null,
      columns: Array.from({ length: 2000 }, (_, i) => ({ name: `c${i}`, type: 'INTEGER' })),
    };
    const t0 = performance.now();
    const r = at('SELECT | FROM wide WHERE c1 > 0', 'duckdb', catalog('duckdb', [wide]));
    const t1 = performance.now();
    expect(r.labels('column')).toHaveLength(2000);
    expect(at('SELECT wide.c19| FROM wide', 'duckdb', catalog('duckdb', [wide])).labels('column')).toHaveLength(2000);
    expect(t1 - t0).toBeLessThan(200);
  });
  it('while the engine is starting or busy: answers from the cache (empty or not), never throws', () => {
    const starting: Catalog = { dialect: 'duckdb', tables: [], schemas: [], functions: [], status: 'starting' };
    const r = at('SELECT | FROM sales', 'duckdb', starting);
    expect(r.labels('function').length).toBeGreaterThan(10);
    expect(r.labels('keyword')).toContain('SELECT');
    const busy: Catalog = { ...catalog('duckdb'), status: 'ready' };
    expect(at('SELECT * FROM |', 'duckdb', busy).labels('file')).toEqual(['sales']);
    for (const sql of ['', '"', "'", '(((', 'SELECT "', 'SELECT * FROM "a""b', '/*', 'SELECT .|.', '$$']) {
      expect(() => complete(sql, sql.length, starting)).not.toThrow();
      expect(() => complete(sql, 0, busy)).not.toThrow();
    }
  });
});
