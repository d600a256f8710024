/**
 * View settings come from files, links and the library. Whatever arrives, the check never
 * throws, and what it lets through has exactly the shape the app expects: the SQL built from it
 * then never holds a filter value as text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pageSql, type ViewColumn, type ViewQuery } from '../../../src/engines/view-sql';
import { CHART_AGGREGATES, CHART_TYPES, FILTER_OPS, checkViewSettings } from '../../../src/notebook/view-settings';
import { RUNS, mutated, viewSettings } from './arbitraries';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
const only = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));
const name = (x: unknown) => typeof x === 'string' && x.length >= 1 && x.length <= 1024;
const optionalName = (x: unknown) => x === undefined || name(x);
const oneOf = (list: readonly string[], x: unknown) => typeof x === 'string' && list.includes(x);

/** The shape the app relies on, written out by hand, independent of the schema. */
function conforms(v: unknown): boolean {
  if (!isObject(v) || !only(v, ['mode', 'sort', 'filters', 'chart'])) return false;
  if (v.mode !== undefined && !oneOf(['table', 'chart'], v.mode)) return false;
  const list = (x: unknown, item: (y: unknown) => boolean) =>
    x === undefined || (Array.isArray(x) && x.length <= 64 && x.every(item));
  const sortKey = (k: unknown) =>
    isObject(k) && only(k, ['column', 'desc']) && name(k.column) && typeof k.desc === 'boolean';
  const filter = (f: unknown) =>
    isObject(f) &&
    only(f, ['column', 'op', 'value']) &&
    name(f.column) &&
    oneOf(FILTER_OPS, f.op) &&
    typeof f.value === 'string' &&
    f.value.length <= 10_000;
  const c = v.chart;
  const chart =
    c === undefined ||
    (isObject(c) &&
      only(c, ['type', 'x', 'y', 'color', 'aggregate']) &&
      oneOf(CHART_TYPES, c.type) &&
      optionalName(c.x) &&
      optionalName(c.y) &&
      optionalName(c.color) &&
      (c.aggregate === undefined || oneOf(CHART_AGGREGATES, c.aggregate)));
  return list(v.sort, sortKey) && list(v.filters, filter) && chart;
}

/** Sets, deletes or adds keys at random places, as JSON.parse would make them (own properties, even __proto__). */
const KEYS = ['__proto__', 'constructor', 'toString', 'extra', 'op', 'value', 'column', 'desc', 'type', 'aggregate'];
const damaged = fc
  .tuple(
    viewSettings,
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('set', 'delete', 'add'), fc.jsonValue({ maxDepth: 2 })), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([settings, edits]) => {
    const root = JSON.parse(JSON.stringify(settings)) as unknown;
    for (const [where, which, op, value] of edits) {
      const nodes: Record<string, unknown>[] = [];
      const walk = (x: unknown) => {
        if (typeof x !== 'object' || x === null) return;
        nodes.push(x as Record<string, unknown>);
        for (const y of Object.values(x)) walk(y);
      };
      walk(root);
      const node = nodes[where % nodes.length];
      if (!node) continue;
      const own = Object.keys(node);
      const key =
        op === 'add' || own.length === 0 ? (KEYS[which % KEYS.length] as string) : (own[which % own.length] as string);
      if (op === 'delete') delete node[key];
      else Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return root;
  });

describe('view settings, fuzzed', () => {
  test('valid settings pass as they are, and again after a JSON round trip', () => {
    fc.assert(
      fc.property(viewSettings, (s) => {
        const checked = checkViewSettings(s);
        expect(checked).toEqual({ ok: true, value: s });
        expect(checkViewSettings(JSON.parse(JSON.stringify(s))).ok).toBe(true);
      }),
      RUNS,
    );
  });

  test('anything at all is answered, never thrown, and what passes has the expected shape', () => {
    const input = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      damaged,
      viewSettings.chain((s) => mutated(JSON.stringify(s))),
    );
    fc.assert(
      fc.property(input, (raw) => {
        let value: unknown = raw;
        if (typeof raw === 'string') {
          try {
            value = JSON.parse(raw);
          } catch {
            value = raw;
          }
        }
        const checked = checkViewSettings(value);
        if (checked.ok) expect(conforms(checked.value)).toBe(true);
        else expect(checked.problem).toMatch(/\S/);
      }),
      RUNS,
    );
  });

  test('the SQL built from accepted settings never holds a filter value as text', () => {
    const columns: ViewColumn[] = [
      { name: 'id', kind: 'text' },
      { name: 'na"me', kind: 'nested' },
      { name: 'when', kind: 'temporal' },
    ];
    const filters = fc.array(
      fc.record({
        column: fc.constantFrom('id', 'na"me', 'when'),
        op: fc.constantFrom(...FILTER_OPS),
        value: fc.string({ unit: 'grapheme', maxLength: 20 }),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(filters, fc.constantFrom('duckdb' as const, 'sqlite' as const), (fs, d) => {
        const checked = checkViewSettings({ filters: fs });
        expect(checked.ok).toBe(true);
        if (!checked.ok) return;
        const q: ViewQuery = checked.value;
        const real = pageSql(d, 'c', q, columns, 0, 10);
        // The same settings with every value blanked build the same SQL: the values are only parameters.
        const blank = pageSql(d, 'c', { filters: fs.map((f) => ({ ...f, value: '' })) }, columns, 0, 10);
        expect(real.sql).toBe(blank.sql);
        const bound = fs.filter((f) => f.op !== 'is-null' && f.op !== 'not-null');
        expect(real.params).toEqual(bound.map((f) => (f.op === 'contains' ? f.value : f.value.trim())));
        expect(real.sql.split('?')).toHaveLength(bound.length + 1);
      }),
      RUNS,
    );
  });
});
