/**
 * How a cell's result is viewed: sort, filters and chart. Saved with the notebook, applied in the engine.
 *
 * View settings arrive from notebook files, share links and the library, so they are untrusted: every
 * one is checked against the schema below before use. Names of columns only ever reach SQL quoted,
 * filter values only as bound parameters, and everything else is a value from a fixed list.
 */
import * as v from 'valibot';
import { describeIssue, isPlainObject, type Checked } from './checked';

export const FILTER_OPS = [
  'contains',
  'equals',
  'not-equals',
  'gt',
  'gte',
  'lt',
  'lte',
  'is-null',
  'not-null',
] as const;
export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'histogram', 'heatmap'] as const;
export const CHART_AGGREGATES = ['none', 'count', 'sum', 'avg', 'min', 'max'] as const;

export type FilterOp = (typeof FILTER_OPS)[number];
export type ChartType = (typeof CHART_TYPES)[number];
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];

/** Longer names or values than any real result has; a bound, so a hostile file cannot make the page build huge SQL. */
const MAX_NAME = 1024;
const MAX_VALUE = 10_000;
const MAX_KEYS = 64;

const columnName = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME));

const SortKeySchema = v.strictObject({ column: columnName, desc: v.boolean() });

const ColumnFilterSchema = v.strictObject({
  column: columnName,
  op: v.picklist(FILTER_OPS),
  value: v.pipe(v.string(), v.maxLength(MAX_VALUE)),
});

const ChartSettingsSchema = v.strictObject({
  type: v.picklist(CHART_TYPES),
  x: v.optional(columnName),
  y: v.optional(columnName),
  color: v.optional(columnName),
  aggregate: v.optional(v.picklist(CHART_AGGREGATES)),
});

const ResultViewSettingsSchema = v.strictObject({
  mode: v.optional(v.picklist(['table', 'chart'])),
  sort: v.optional(v.pipe(v.array(SortKeySchema), v.maxLength(MAX_KEYS))),
  filters: v.optional(v.pipe(v.array(ColumnFilterSchema), v.maxLength(MAX_KEYS))),
  chart: v.optional(ChartSettingsSchema),
});

export type SortKey = v.InferOutput<typeof SortKeySchema>;
export type ColumnFilter = v.InferOutput<typeof ColumnFilterSchema>;
export type ChartSettings = v.InferOutput<typeof ChartSettingsSchema>;
export type ResultViewSettings = v.InferOutput<typeof ResultViewSettingsSchema>;

/**
 * Checks untrusted view settings. On failure, `problem` says which setting is wrong and why, in
 * words a person can act on, e.g. `sort[0].desc: expected true or false, got "yes"`.
 */
export function checkViewSettings(input: unknown): Checked<ResultViewSettings> {
  // An array is an object to the schema, and `[].sort` a function: say what it is instead.
  if (!isPlainObject(input)) return { ok: false, problem: 'the settings are not a JSON object' };
  const result = v.safeParse(ResultViewSettingsSchema, input, { abortPipeEarly: true });
  // The input itself, not valibot's copy: the copy puts keys in schema order, and a file opened and
  // saved again must keep its bytes. The strict schema leaves nothing in it unchecked.
  if (result.success) return { ok: true, value: input };
  return { ok: false, problem: describeIssue(result.issues[0]) };
}
