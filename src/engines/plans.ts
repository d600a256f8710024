/**
 * Query plans as one tree for both engines (issue 13): DuckDB's `EXPLAIN (ANALYZE, FORMAT JSON)`
 * (each operator's time and rows, measured by running the query) and SQLite's `EXPLAIN QUERY
 * PLAN` (its steps; SQLite measures nothing). Each operator carries a one-line explanation for
 * a learner.
 */

/** One operator of a plan. */
export interface PlanNode {
  /** The operator (`HASH_GROUP_BY`) or SQLite's step (`SCAN trips`). */
  readonly name: string;
  /** What it works on: DuckDB's extra info as `key: value` lines; empty for SQLite. */
  readonly detail: string;
  /** DuckDB: the operator's own time, in milliseconds. */
  readonly ms?: number;
  /** DuckDB: the rows it produced. */
  readonly rows?: number;
  readonly children: readonly PlanNode[];
}

interface DuckdbJsonNode {
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: DuckdbJsonNode[];
}

function detailText(info: Record<string, unknown> | undefined): string {
  return Object.entries(info ?? {})
    .filter(([key]) => key !== 'Estimated Cardinality')
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('\n');
}

function fromDuckdb(n: DuckdbJsonNode): PlanNode {
  const name = (n.operator_name ?? n.operator_type ?? '?').trim();
  return {
    name,
    detail: detailText(n.extra_info),
    ...(typeof n.operator_timing === 'number' ? { ms: n.operator_timing * 1000 } : {}),
    ...(typeof n.operator_cardinality === 'number' ? { rows: n.operator_cardinality } : {}),
    children: (n.children ?? []).map(fromDuckdb),
  };
}

/**
 * DuckDB's JSON profile as a tree of operators: the query's own root and the EXPLAIN_ANALYZE
 * operator, which only wrap the plan, are left out.
 */
export function duckdbPlan(json: string): PlanNode[] {
  let top = JSON.parse(json) as DuckdbJsonNode;
  let nodes = top.children ?? [];
  while (nodes.length === 1 && (nodes[0]?.operator_type ?? nodes[0]?.operator_name) === 'EXPLAIN_ANALYZE') {
    top = nodes[0] as DuckdbJsonNode;
    nodes = top.children ?? [];
  }
  return nodes.map(fromDuckdb);
}

/** SQLite's EXPLAIN QUERY PLAN rows (id, parent, detail) as a tree, in SQLite's order. */
export function sqlitePlan(rows: readonly (readonly [id: number, parent: number, detail: string])[]): PlanNode[] {
  const children = new Map<number, (readonly [number, number, string])[]>();
  for (const row of rows) children.set(row[1], [...(children.get(row[1]) ?? []), row]);
  const build = (id: number): PlanNode[] =>
    (children.get(id) ?? []).map(([own, , detail]) => ({ name: detail, detail: '', children: build(own) }));
  return build(0);
}

/** DuckDB's operators, in a learner's words. */
const DUCKDB_OPERATORS: Record<string, string> = {
  SEQ_SCAN: 'Reads the table from start to end (only the columns the query needs).',
  TABLE_SCAN: 'Reads the table from start to end (only the columns the query needs).',
  READ_CSV: 'Reads rows from a CSV file.',
  READ_CSV_AUTO: 'Reads rows from a CSV file.',
  READ_PARQUET: 'Reads rows from a Parquet file.',
  ARROW_SCAN: 'Reads rows handed over as Arrow.',
  COLUMN_DATA_SCAN: 'Reads rows held in memory (VALUES, or a result computed before).',
  DUMMY_SCAN: 'Produces one empty row, for a SELECT without FROM.',
  EMPTY_RESULT: 'Produces no rows: the planner proved none can match.',
  FILTER: 'Keeps only the rows for which the WHERE condition is true.',
  PROJECTION: 'Computes the expressions of the SELECT list for each row.',
  HASH_GROUP_BY: 'Puts rows into groups by their GROUP BY values (in a hash table) and aggregates each group.',
  PERFECT_HASH_GROUP_BY: 'Groups by small integer keys directly by value, which is faster than hashing.',
  UNGROUPED_AGGREGATE: 'Aggregates all rows into one (count, sum, … without GROUP BY).',
  SIMPLE_AGGREGATE: 'Aggregates all rows into one (count, sum, … without GROUP BY).',
  HASH_JOIN: 'Joins two inputs: builds a hash table of one side, then looks up each row of the other.',
  NESTED_LOOP_JOIN: 'Joins by comparing every row of one side with every row of the other: slow on big inputs.',
  PIECEWISE_MERGE_JOIN: 'Joins on a range condition (<, >) by sorting both sides.',
  BLOCKWISE_NL_JOIN: 'Joins on an arbitrary condition by comparing blocks of rows of both sides.',
  CROSS_PRODUCT: 'Pairs every row of one side with every row of the other (a join without condition).',
  POSITIONAL_JOIN: 'Pairs rows of both sides by their position.',
  ASOF_JOIN: 'Joins each row with the nearest earlier row of the other side.',
  DELIM_JOIN: 'Runs a correlated subquery once per distinct outer value, then joins the results back.',
  LEFT_DELIM_JOIN: 'Runs a correlated subquery once per distinct outer value, then joins the results back.',
  RIGHT_DELIM_JOIN: 'Runs a correlated subquery once per distinct outer value, then joins the results back.',
  DELIM_SCAN: 'Reads the distinct outer values a correlated subquery is run for.',
  ORDER_BY: 'Sorts all rows by the ORDER BY keys.',
  TOP_N: 'Keeps only the first N rows in ORDER BY order, without sorting everything (ORDER BY … LIMIT N).',
  LIMIT: 'Stops after the first N rows (LIMIT).',
  STREAMING_LIMIT: 'Stops after the first N rows (LIMIT), as they stream through.',
  WINDOW: 'Computes window functions (… OVER (PARTITION BY … ORDER BY …)), which need rows sorted per partition.',
  STREAMING_WINDOW: 'Computes window functions that need no sorting, as rows stream through.',
  UNION: 'Puts the rows of both inputs one after the other.',
  UNNEST: 'Turns each element of a list into a row of its own.',
  CTE: 'Computes a WITH query once, for the parts of the query that read it.',
  CTE_SCAN: 'Reads the rows of a WITH query computed before.',
  RECURSIVE_CTE: 'Computes a WITH RECURSIVE query, step by step, until no new rows appear.',
  INSERT: 'Writes rows into a table.',
  CREATE_TABLE_AS: 'Creates a table from the rows of a query.',
  RESULT_COLLECTOR: 'Collects the rows of the result.',
  STREAMING_SAMPLE: 'Keeps a random sample of the rows.',
  RESERVOIR_SAMPLE: 'Keeps a random sample of a fixed number of rows.',
};

/** SQLite's plan steps, by how their text starts. */
const SQLITE_STEPS: [RegExp, string][] = [
  [
    /^SCAN .* USING COVERING INDEX/,
    'Reads every entry of an index that holds all the columns needed: the table is not read.',
  ],
  [/^SCAN .* USING INDEX/, 'Reads every row, in the order of an index.'],
  [/^SCAN CONSTANT ROW/, 'Produces one row, for a SELECT without FROM.'],
  [/^SCAN /, 'Reads every row of the table, from start to end.'],
  [/^SEARCH .* USING INTEGER PRIMARY KEY/, 'Goes straight to rows by their rowid (the INTEGER PRIMARY KEY).'],
  [/^SEARCH .* USING AUTOMATIC/, 'Builds a temporary index for this query, then uses it to find matching rows.'],
  [
    /^SEARCH .* USING (COVERING )?INDEX/,
    'Uses an index to go straight to the matching rows instead of reading them all.',
  ],
  [/^SEARCH /, 'Finds only the matching rows, through an index or the rowid.'],
  [/^USE TEMP B-TREE FOR ORDER BY/, 'Sorts the rows for ORDER BY (no index gives them in that order).'],
  [/^USE TEMP B-TREE FOR .*GROUP BY/, 'Sorts the rows to bring each GROUP BY group together.'],
  [/^USE TEMP B-TREE FOR DISTINCT/, 'Remembers the rows seen, to drop duplicates (DISTINCT).'],
  [/^CO-ROUTINE/, 'Computes a subquery or view step by step, as the outer query asks for its rows.'],
  [/^MATERIALIZE/, 'Computes a subquery or view once and keeps its rows in a temporary table.'],
  [/^COMPOUND QUERY/, 'Combines SELECTs with UNION, INTERSECT or EXCEPT.'],
  [/^(LEFT-MOST SUBQUERY|UNION ALL|UNION USING|INTERSECT USING|EXCEPT USING)/, 'One part of a compound query.'],
  [/^(CORRELATED )?SCALAR SUBQUERY/, 'A subquery that gives one value (run for each outer row when correlated).'],
  [/^(CORRELATED )?LIST SUBQUERY/, 'A subquery that gives a list of values, for IN (…).'],
  [/^MULTI-INDEX OR/, 'Uses a different index for each side of an OR, then combines the rows.'],
  [/^BLOOM FILTER/, 'A quick filter that skips rows that cannot match a join.'],
];

/** A one-line explanation of an operator, for its hover text; a general line when it is not known. */
export function explainOperator(engine: 'duckdb' | 'sqlite', name: string): string {
  if (engine === 'duckdb') return DUCKDB_OPERATORS[name] ?? 'An operator of DuckDB’s plan.';
  return SQLITE_STEPS.find(([re]) => re.test(name))?.[1] ?? 'A step of SQLite’s plan.';
}
