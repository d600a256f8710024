import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import {
  aggregateSql,
  binSql,
  countSql,
  filterSql,
  groupedChartSql,
  histogramSql,
  orderSql,
  pageSql,
  profileSql,
  sampleSql,
  topKSql,
  viewSql,
  whereSql,
  type ViewColumn,
} from '../../../src/engines/view-sql';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import type { BoundSql } from '../../../src/engines/engine';
import { NotebookError } from '../../../src/sql/errors';
import type { ChartAggregate, ColumnFilter } from '../../../src/notebook/view-settings';
import { tableFromIPC } from 'apache-arrow';

const cols: ViewColumn[] = [
  { name: 'id', kind: 'number' },
  { name: 'na"me', kind: 'text' },
  { name: 'when', kind: 'temporal' },
  { name: 'tags', kind: 'nested' },
];

describe('view SQL', () => {
  it('wraps the stored result with quoted names', () => {
    expect(pageSql('duckdb', 'my "cell"', {}, cols, 0, 256)).toEqual({
      sql: 'SELECT * FROM cells."my ""cell""" LIMIT 256',
      params: [],
    });
    expect(pageSql('sqlite', 'c', {}, cols, 512, 256).sql).toBe('SELECT * FROM cells."c" LIMIT 256 OFFSET 512');
  });

  it('sorts with NULLs last and a rowid tiebreak, ignoring unknown columns', () => {
    expect(
      orderSql(
        [
          { column: 'id', desc: true },
          { column: 'na"me', desc: false },
          { column: 'gone', desc: false },
        ],
        cols,
      ),
    ).toBe(' ORDER BY "id" DESC NULLS LAST, "na""me" ASC NULLS LAST, rowid');
    expect(orderSql([{ column: 'rowid', desc: false }], [{ name: 'rowid', kind: 'number' }])).toBe(
      ' ORDER BY "rowid" ASC NULLS LAST',
    );
    expect(orderSql([], cols)).toBe('');
  });

  it('builds filters per dialect, with every value a bound parameter', () => {
    expect(filterSql('duckdb', { column: 'na"me', op: 'contains', value: "50%_o'k" }, 'text')).toEqual({
      sql: 'contains(lower(CAST("na""me" AS VARCHAR)), lower(?))',
      params: ["50%_o'k"],
    });
    expect(filterSql('sqlite', { column: 'na"me', op: 'contains', value: 'x' }, 'text')).toEqual({
      sql: 'instr(lower(CAST("na""me" AS TEXT)), lower(?)) > 0',
      params: ['x'],
    });
    expect(filterSql('duckdb', { column: 'id', op: 'gte', value: ' 1e3 ' }, 'number')).toEqual({
      sql: '"id" >= CAST(? AS DOUBLE)',
      params: ['1e3'],
    });
    expect(filterSql('sqlite', { column: 'id', op: 'gte', value: ' 1e3 ' }, 'number')).toEqual({
      sql: '"id" >= CAST(? AS NUMERIC)',
      params: ['1e3'],
    });
    expect(filterSql('duckdb', { column: 'id', op: 'lt', value: '1; DROP TABLE x' }, 'number')).toEqual({
      sql: '"id" < ?',
      params: ['1; DROP TABLE x'],
    });
    expect(filterSql('duckdb', { column: 'when', op: 'gt', value: '2024-01-01' }, 'temporal')).toEqual({
      sql: '"when" > ?',
      params: ['2024-01-01'],
    });
    expect(filterSql('duckdb', { column: 'tags', op: 'equals', value: '[1]' }, 'nested')).toEqual({
      sql: 'CAST("tags" AS VARCHAR) = ?',
      params: ['[1]'],
    });
    expect(filterSql('duckdb', { column: 'ok', op: 'equals', value: 'TRUE' }, 'boolean')).toEqual({
      sql: '"ok" = CAST(? AS BOOLEAN)',
      params: ['true'],
    });
    expect(filterSql('sqlite', { column: 'ok', op: 'equals', value: 'false' }, 'boolean')).toEqual({
      sql: '"ok" = ?',
      params: [0],
    });
    expect(filterSql('sqlite', { column: 'id', op: 'is-null', value: 'ignored' }, 'number')).toEqual({
      sql: '"id" IS NULL',
      params: [],
    });
    expect(
      whereSql(
        'duckdb',
        [
          { column: 'id', op: 'not-null', value: '' },
          { column: 'id', op: 'not-equals', value: '3' },
          { column: 'na"me', op: 'equals', value: 'a' },
        ],
        cols,
      ),
    ).toEqual({
      sql: ' WHERE ("id" IS NOT NULL) AND ("id" <> CAST(? AS INTEGER)) AND ("na""me" = ?)',
      params: ['3', 'a'],
    });
    expect(countSql('sqlite', 'c', { filters: [{ column: 'missing', op: 'equals', value: '1' }] }, cols)).toEqual({
      sql: 'SELECT count(*) AS n FROM cells."c"',
      params: [],
    });
  });

  it('types a number for DuckDB as its literal would be typed, so comparisons stay exact', () => {
    const typeOf = (value: string) => filterSql('duckdb', { column: 'id', op: 'gt', value }, 'number').sql;
    expect(typeOf('100')).toBe('"id" > CAST(? AS INTEGER)');
    expect(typeOf('-2147483648')).toBe('"id" > CAST(? AS INTEGER)');
    expect(typeOf('2147483648')).toBe('"id" > CAST(? AS BIGINT)');
    expect(typeOf('9007199254740993')).toBe('"id" > CAST(? AS BIGINT)');
    expect(typeOf('9223372036854775808')).toBe('"id" > CAST(? AS HUGEINT)');
    expect(typeOf('1'.repeat(40))).toBe('"id" > CAST(? AS DOUBLE)');
    expect(typeOf('1.5')).toBe('"id" > CAST(? AS DECIMAL(2, 1))');
    expect(typeOf('-000.25')).toBe('"id" > CAST(? AS DECIMAL(2, 2))');
    expect(typeOf('5.')).toBe('"id" > CAST(? AS DECIMAL(1, 0))');
    expect(typeOf('.5')).toBe('"id" > CAST(? AS DECIMAL(1, 1))');
    expect(typeOf(`0.${'1'.repeat(39)}`)).toBe('"id" > CAST(? AS DOUBLE)');
  });

  it('puts parameters in the order of their placeholders', () => {
    const q = {
      filters: [
        { column: 'na"me', op: 'contains', value: 'first' },
        { column: 'id', op: 'lt', value: '10' },
      ],
      sort: [{ column: 'id', desc: false }],
    } as const;
    for (const b of [
      viewSql('duckdb', 'c', q, cols),
      pageSql('duckdb', 'c', q, cols, 256, 256),
      profileSql('sqlite', 'c', q, cols),
      histogramSql('sqlite', 'c', q, cols, 'id', 0, 10, 4),
      topKSql('duckdb', 'c', q, cols, 'na"me', 3),
      groupedChartSql('duckdb', 'c', q, cols, { keys: ['"id"'], value: 'count(*)', limit: 5 }),
      sampleSql('sqlite', 'c', q, cols, ['id'], 3, 5),
    ]) {
      expect(b.params).toEqual(['first', '10']);
      expect(b.sql.split('?')).toHaveLength(3);
      expect(b.sql.indexOf('contains') >= 0 || b.sql.indexOf('instr') >= 0).toBe(true);
    }
  });

  it('takes aggregates only from its own table', () => {
    expect(aggregateSql('sum', 'a"b')).toBe('sum("a""b")');
    expect(aggregateSql('none', 'x')).toBe('"x"');
    expect(aggregateSql('count', 'x')).toBe('count(*)');
    expect(aggregateSql('avg', undefined)).toBe('count(*)');
    // Settings that skipped their check: nothing of the value reaches the SQL.
    for (const bad of ['sum(1); DROP TABLE x; --', 'constructor', 'toString', '__proto__']) {
      expect(aggregateSql(bad as ChartAggregate, 'x')).toBe('count(*)');
    }
  });

  it('refuses numbers that are not finite, and unknown filter operators', () => {
    expect(() => pageSql('duckdb', 'c', {}, cols, Number.NaN, 256)).toThrow(NotebookError);
    expect(() => histogramSql('duckdb', 'c', {}, cols, 'id', 0, Number.POSITIVE_INFINITY, 24)).toThrow(NotebookError);
    expect(() => binSql('sqlite', 'id', Number.NaN, 1, 24)).toThrow(NotebookError);
    expect(() => sampleSql('duckdb', 'c', {}, cols, ['id'], 2, Number.POSITIVE_INFINITY)).toThrow(NotebookError);
    expect(binSql('duckdb', 'id', -5, 5, 10)).toBe(
      'least(9, CAST(floor((CAST("id" AS DOUBLE) - (-5)) / 1) AS BIGINT))',
    );
    const unchecked = { column: 'id', op: 'constructor', value: '1' } as unknown as ColumnFilter;
    expect(() => filterSql('duckdb', unchecked, 'number')).toThrow(NotebookError);
  });

  it('profiles with approximate distinct counts in DuckDB and exact ones in SQLite', () => {
    const d = profileSql('duckdb', 'c', {}, cols).sql;
    expect(d).toContain('approx_count_distinct("id") AS distinct_0');
    expect(d).toContain('avg("id") AS mean_0');
    expect(d).toContain('approx_count_distinct(CAST("tags" AS VARCHAR)) AS distinct_3');
    expect(d).toContain('NULL AS min_3');
    expect(profileSql('sqlite', 'c', {}, cols).sql).toContain('count(DISTINCT "id") AS distinct_0');
  });
});

describe('view SQL run by SQLite', () => {
  it('pages, sorts, filters, counts, profiles and bins a stored result', async () => {
    const core = new SqliteCore(await initSqlJs());
    core.query(
      `WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 1000) SELECT x AS id, CASE WHEN x % 10 = 0 THEN NULL ELSE 'v' || (x % 3) END AS label, x * 0.5 AS half FROM r`,
      10,
      'res',
    );
    const read = ({ sql, params }: BoundSql) => tableFromIPC(core.read(sql, params));
    const c: ViewColumn[] = [
      { name: 'id', kind: 'number' },
      { name: 'label', kind: 'text' },
      { name: 'half', kind: 'number' },
    ];
    const view = {
      sort: [
        { column: 'label', desc: true },
        { column: 'id', desc: true },
      ],
      filters: [{ column: 'id', op: 'lte', value: '100' }],
    } as const;
    const page = read(pageSql('sqlite', 'res', view, c, 2, 3));
    expect(page.toArray().map((r) => Number(r.id))).toEqual([92, 89, 86]);
    // An export reads the same view whole, in one query: its rows from the third on are that page.
    const whole = read(viewSql('sqlite', 'res', view, c));
    expect(whole.numRows).toBe(100);
    expect(
      whole
        .toArray()
        .slice(2, 5)
        .map((r) => Number(r.id)),
    ).toEqual([92, 89, 86]);
    expect(
      Number(
        read(countSql('sqlite', 'res', { filters: [{ column: 'label', op: 'contains', value: 'V1' }] }, c))
          .getChildAt(0)
          ?.get(0),
      ),
    ).toBe(300);
    const prof = read(profileSql('sqlite', 'res', {}, c))
      .toArray()[0]
      ?.toJSON() as Record<string, unknown>;
    expect(Number(prof.n)).toBe(1000);
    expect(Number(prof.nulls_1)).toBe(100);
    expect(Number(prof.distinct_1)).toBe(3);
    expect(prof.min_0).toBe('1');
    expect(prof.max_2).toBe('500.0');
    expect(prof.mean_2).toBeCloseTo(250.25);
    const bins = read(histogramSql('sqlite', 'res', {}, c, 'id', 1, 1000, 10))
      .toArray()
      .map((r) => Number(r.n));
    expect(bins).toHaveLength(10);
    expect(bins.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(
      read(topKSql('sqlite', 'res', {}, c, 'label', 2))
        .toArray()
        .map((r) => r.value),
    ).toEqual(['v0', 'v1']); // a three-way tie at 300, broken by value;
    const groups = read(groupedChartSql('sqlite', 'res', {}, c, { keys: ['"label"'], value: 'count(*)', limit: 10 }));
    expect(groups.numRows).toBe(4);
    expect(read(sampleSql('sqlite', 'res', {}, c, ['id'], 100, 50)).numRows).toBe(10);
  });
});
