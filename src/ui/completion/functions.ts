/**
 * Built-in function lists, used until an engine has started and listed its
 * own: completion must answer from the first keystroke, and DuckDB's 34 MB
 * wasm may still be downloading.
 */
import type { EngineId } from '../../notebook/cells';
import type { FunctionInfo } from '../../engines/engine';
import { SQLITE_FUNCTION_DOCS } from '../../engines/sqlite-function-docs';

type Kind = FunctionInfo['kind'];

const SQLITE_KINDS: Readonly<Record<string, Kind>> = {
  avg: 'aggregate',
  count: 'aggregate',
  group_concat: 'aggregate',
  string_agg: 'aggregate',
  sum: 'aggregate',
  total: 'aggregate',
  json_group_array: 'aggregate',
  json_group_object: 'aggregate',
  json_each: 'table',
  json_tree: 'table',
  row_number: 'window',
  rank: 'window',
  dense_rank: 'window',
  percent_rank: 'window',
  cume_dist: 'window',
  ntile: 'window',
  lag: 'window',
  lead: 'window',
  first_value: 'window',
  last_value: 'window',
  nth_value: 'window',
};

/** The kind of a SQLite function by name, for the engine's own list too. */
export function sqliteFunctionKind(name: string): Kind {
  return SQLITE_KINDS[name] ?? 'scalar';
}

const SQLITE: readonly FunctionInfo[] = Object.entries(SQLITE_FUNCTION_DOCS).map(
  ([name, [signature, description]]) => ({
    name,
    kind: sqliteFunctionKind(name),
    signatures: [signature],
    description,
  }),
);

// [name, kind, signature, description]: the functions people reach for first.
const DUCKDB_ROWS: readonly (readonly [string, Kind, string, string])[] = [
  ['abs', 'scalar', 'abs(x) → NUMERIC', 'The absolute value.'],
  ['avg', 'aggregate', 'avg(x) → DOUBLE', 'The average of the non-NULL values.'],
  ['coalesce', 'scalar', 'coalesce(x, …)', 'The first argument that is not NULL.'],
  ['concat', 'scalar', 'concat(s, …) → VARCHAR', 'The arguments joined as text; NULLs are skipped.'],
  ['contains', 'scalar', 'contains(s, search) → BOOLEAN', 'True when s contains search.'],
  ['count', 'aggregate', 'count(x) → BIGINT', 'Rows (where x is not NULL).'],
  ['count_star', 'aggregate', 'count_star() → BIGINT', 'Rows in the group, same as count(*).'],
  ['date_diff', 'scalar', 'date_diff(part, start, end) → BIGINT', 'Part boundaries between two dates or times.'],
  ['date_part', 'scalar', 'date_part(part, ts) → BIGINT', 'A part (year, month, …) of a date or time.'],
  ['date_trunc', 'scalar', 'date_trunc(part, ts) → TIMESTAMP', 'A date or time truncated to part.'],
  ['epoch', 'scalar', 'epoch(ts) → DOUBLE', 'Seconds since 1970-01-01.'],
  ['first', 'aggregate', 'first(x)', 'The first value of the group.'],
  ['greatest', 'scalar', 'greatest(x, …)', 'The largest argument.'],
  ['ifnull', 'scalar', 'ifnull(x, y)', 'x, or y when x is NULL.'],
  ['least', 'scalar', 'least(x, …)', 'The smallest argument.'],
  ['length', 'scalar', 'length(s) → BIGINT', 'Characters in a string.'],
  ['list', 'aggregate', 'list(x) → LIST', "The group's values as a list."],
  ['lower', 'scalar', 'lower(s) → VARCHAR', 's in lower case.'],
  ['max', 'aggregate', 'max(x)', 'The largest value.'],
  ['median', 'aggregate', 'median(x)', 'The middle value.'],
  ['min', 'aggregate', 'min(x)', 'The smallest value.'],
  ['now', 'scalar', 'now() → TIMESTAMP WITH TIME ZONE', 'The current date and time.'],
  ['nullif', 'scalar', 'nullif(x, y)', 'NULL when x equals y, otherwise x.'],
  ['quantile_cont', 'aggregate', 'quantile_cont(x, q) → DOUBLE', 'The interpolated q-quantile.'],
  ['read_csv', 'table', 'read_csv(path, …)', 'Reads a CSV file as a table.'],
  ['regexp_matches', 'scalar', 'regexp_matches(s, pattern) → BOOLEAN', 'True when s matches the regular expression.'],
  [
    'regexp_replace',
    'scalar',
    'regexp_replace(s, pattern, replacement) → VARCHAR',
    "Replaces the first match (all with 'g').",
  ],
  ['replace', 'scalar', 'replace(s, from, to) → VARCHAR', 'Replaces every from with to.'],
  ['round', 'scalar', 'round(x, digits) → NUMERIC', 'x rounded to digits after the point.'],
  ['row_number', 'window', 'row_number() → BIGINT', 'The number of the row in its partition.'],
  ['rank', 'window', 'rank() → BIGINT', 'The rank of the row, with gaps.'],
  ['lag', 'window', 'lag(x, offset, default)', 'x from an earlier row.'],
  ['lead', 'window', 'lead(x, offset, default)', 'x from a later row.'],
  ['split_part', 'scalar', 'split_part(s, sep, index) → VARCHAR', 'The index-th piece of s split by sep.'],
  ['stddev', 'aggregate', 'stddev(x) → DOUBLE', 'The sample standard deviation.'],
  ['strftime', 'scalar', 'strftime(ts, format) → VARCHAR', 'A date or time formatted by format.'],
  ['string_agg', 'aggregate', 'string_agg(s, sep) → VARCHAR', "The group's strings joined with sep."],
  ['strptime', 'scalar', 'strptime(s, format) → TIMESTAMP', 'Parses s as a timestamp by format.'],
  ['substring', 'scalar', 'substring(s, start, length) → VARCHAR', 'Part of s from start (1-based).'],
  ['sum', 'aggregate', 'sum(x)', 'The sum of the non-NULL values.'],
  ['trim', 'scalar', 'trim(s) → VARCHAR', 's without spaces on both ends.'],
  ['upper', 'scalar', 'upper(s) → VARCHAR', 's in upper case.'],
];

const DUCKDB: readonly FunctionInfo[] = DUCKDB_ROWS.map(([name, kind, signature, description]) => ({
  name,
  kind,
  signatures: [signature],
  description,
}));

export const BUILTIN_FUNCTIONS: Readonly<Record<EngineId, readonly FunctionInfo[]>> = {
  duckdb: DUCKDB,
  sqlite: SQLITE,
};
