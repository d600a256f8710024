/** Query plans as a tree (issue 13): DuckDB's JSON profile and SQLite's EXPLAIN QUERY PLAN, from the real engines. */
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { duckdbPlan, explainOperator, sqlitePlan, type PlanNode } from '../../../src/engines/plans';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import { wasmDuckdb, type WasmDuckdb } from '../values/wasm-duckdb';

let duck: WasmDuckdb;
beforeAll(async () => {
  duck = await wasmDuckdb();
  duck.query('CREATE TABLE t AS SELECT range % 10 AS k, range AS v FROM range(1000)');
  duck.query('CREATE TABLE u AS SELECT range AS k FROM range(5)');
}, 60_000);

const names = (nodes: readonly PlanNode[]): unknown[] =>
  nodes.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));

describe('plans', () => {
  it("reads DuckDB's EXPLAIN ANALYZE as operators with their time and rows", () => {
    const t = duck.query(
      'EXPLAIN (ANALYZE, FORMAT JSON) SELECT t.k, sum(v) FROM t JOIN u USING (k) WHERE v > 5 GROUP BY t.k ORDER BY 2 DESC LIMIT 3',
    );
    const plan = duckdbPlan(String(t.getChild('explain_value')?.get(0)));
    // The query's root and EXPLAIN_ANALYZE itself are left out: the plan starts at TOP_N.
    expect(plan).toHaveLength(1);
    const top = plan[0] as PlanNode;
    expect(top.name).toBe('TOP_N');
    expect(top.rows).toBe(3);
    expect(top.detail).toContain('Order By: sum(v) DESC');
    const flat: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      flat.push(n);
      n.children.forEach(walk);
    };
    walk(top);
    const join = flat.find((n) => n.name === 'HASH_JOIN');
    expect(join?.children).toHaveLength(2);
    const scans = flat.filter((n) => n.name === 'SEQ_SCAN');
    expect(scans.map((n) => n.rows).sort()).toEqual([495, 5]);
    expect(flat.every((n) => typeof n.ms === 'number' && n.ms >= 0)).toBe(true);
    expect(explainOperator('duckdb', 'HASH_JOIN')).toMatch(/hash table/);
  });

  it("reads SQLite's EXPLAIN QUERY PLAN as a tree of steps", async () => {
    const core = new SqliteCore(await initSqlJs());
    core.query('CREATE TABLE t (k, v); CREATE TABLE u (k); CREATE INDEX ik ON u (k)', 1);
    const plan = core.explain(
      'SELECT k, (SELECT count(*) FROM u WHERE u.k = t.k) AS n FROM t WHERE v > 5 GROUP BY k ORDER BY 2',
    );
    expect(names(plan)).toEqual([
      'SCAN t',
      'USE TEMP B-TREE FOR GROUP BY',
      ['CORRELATED SCALAR SUBQUERY 1', ['SEARCH u USING COVERING INDEX ik (k=?)']],
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(explainOperator('sqlite', 'SEARCH u USING COVERING INDEX ik (k=?)')).toMatch(/index/);
    expect(explainOperator('sqlite', 'SCAN t')).toBe('Reads every row of the table, from start to end.');
  });

  it('builds the tree from parent ids', () => {
    expect(
      names(
        sqlitePlan([
          [2, 0, 'COMPOUND QUERY'],
          [3, 2, 'LEFT-MOST SUBQUERY'],
          [5, 3, 'SCAN a'],
          [7, 2, 'UNION ALL'],
          [9, 7, 'SCAN b'],
        ]),
      ),
    ).toEqual([
      [
        'COMPOUND QUERY',
        [
          ['LEFT-MOST SUBQUERY', ['SCAN a']],
          ['UNION ALL', ['SCAN b']],
        ],
      ],
    ]);
  });
});
