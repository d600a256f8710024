import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import {
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
import { tableFromIPC } from 'apache-arrow';

const cols: ViewColumn[] = [
  { name: 'id', kind: 'number' },
  { name: 'na"me', kind: 'text' },
  { name: 'when', kind: 'temporal' },
  { name: 'tags', kind: 'nested' },
];

describe('view SQL', () => {
  it('wraps the stored result with quoted names', () => {
    expect(pageSql('duckdb', 'my "cell"', {}, cols, 0, 256)).toBe('SELECT * FROM cells."my ""cell""" LIMIT 256');
    expect(pageSql('sqlite', 'c', {}, cols, 512, 256)).toBe('SELECT * FROM cells."c" LIMIT 256 OFFSET 512');
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

  it('builds filters per dialect, with literals that cannot inject', () => {
    expect(filterSql('duckdb', { column: 'na"me', op: 'contains', value: "50%_o'k" }, 'text')).toBe(
      `contains(lower(CAST("na""me" AS VARCHAR)), lower('50%_o''k'))`,
    );
    expect(filterSql('sqlite', { column: 'na"me', op: 'contains', value: 'x' }, 'text')).toBe(
      `instr(lower(CAST("na""me" AS TEXT)), lower('x')) > 0`,
    );
    expect(filterSql('duckdb', { column: 'id', op: 'gte', value: ' 1e3 ' }, 'number')).toBe('"id" >= 1e3');
    expect(filterSql('duckdb', { column: 'id', op: 'lt', value: '1; DROP TABLE x' }, 'number')).toBe(
      `"id" < '1; DROP TABLE x'`,
    );
    expect(filterSql('duckdb', { column: 'when', op: 'gt', value: '2024-01-01' }, 'temporal')).toBe(
      `"when" > '2024-01-01'`,
    );
    expect(filterSql('duckdb', { column: 'tags', op: 'equals', value: '[1]' }, 'nested')).toBe(
      `CAST("tags" AS VARCHAR) = '[1]'`,
    );
    expect(filterSql('sqlite', { column: 'id', op: 'is-null', value: '' }, 'number')).toBe('"id" IS NULL');
    expect(
      whereSql(
        'duckdb',
        [
          { column: 'id', op: 'not-null', value: '' },
          { column: 'id', op: 'not-equals', value: '3' },
        ],
        cols,
      ),
    ).toBe(' WHERE ("id" IS NOT NULL) AND ("id" <> 3)');
    expect(countSql('sqlite', 'c', { filters: [{ column: 'missing', op: 'equals', value: '1' }] }, cols)).toBe(
      'SELECT count(*) AS n FROM cells."c"',
    );
  });

  it('profiles with approximate distinct counts in DuckDB and exact ones in SQLite', () => {
    const d = profileSql('duckdb', 'c', {}, cols);
    expect(d).toContain('approx_count_distinct("id") AS distinct_0');
    expect(d).toContain('avg("id") AS mean_0');
    expect(d).toContain('approx_count_distinct(CAST("tags" AS VARCHAR)) AS distinct_3');
    expect(d).toContain('NULL AS min_3');
    expect(profileSql('sqlite', 'c', {}, cols)).toContain('count(DISTINCT "id") AS distinct_0');
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
    const read = (sql: string) => tableFromIPC(core.read(sql));
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
