/**
 * Filters on columns of every kind, with any value: the SQL is one of a few fixed shapes with a
 * single `?`, and the value travels only as the parameter. The type a number is bound as in
 * DuckDB always holds it exactly (checked in native DuckDB).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filterSql, type ColumnKind } from '../../../src/engines/view-sql';
import { FILTER_OPS } from '../../../src/notebook/view-settings';
import { RUNS } from './arbitraries';

const KINDS: ColumnKind[] = ['number', 'text', 'temporal', 'boolean', 'nested', 'binary', 'other'];

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** Numbers as people type them, and as long as they come: signs, leading zeros, fractions, exponents. */
const numberText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    digits(0, 42),
    fc.option(digits(0, 42), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3)), { nil: undefined }),
  )
  .map(([sign, whole, fraction, exp]) => {
    const body = fraction === undefined ? whole || '0' : `${whole}.${fraction}`;
    return `${sign}${body === '.' ? '0' : body}${exp ? exp.join('') : ''}`;
  });

const value = fc.oneof(
  numberText,
  fc.string({ maxLength: 20 }),
  fc.constantFrom('true', 'FALSE', ' 1 ', "'); DROP TABLE x; --"),
);

const COMPARED = /^("id"|CAST\("id" AS (VARCHAR|TEXT)\)) (=|<>|>|>=|<|<=) /;
const OPERAND = /^(\?|CAST\(\? AS (INTEGER|BIGINT|HUGEINT|DOUBLE|BOOLEAN|NUMERIC|DECIMAL\(\d+, \d+\))\))$/;

describe('filters, fuzzed', () => {
  test('every filter is a fixed shape around one parameter that carries the value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('duckdb' as const, 'sqlite' as const),
        fc.constantFrom(...KINDS),
        fc.constantFrom(...FILTER_OPS),
        value,
        (d, kind, op, v) => {
          const { sql, params } = filterSql(d, { column: 'id', op, value: v }, kind);
          if (op === 'is-null' || op === 'not-null') {
            expect(params).toEqual([]);
            return;
          }
          expect(params).toHaveLength(1);
          if (op === 'contains') {
            expect(params).toEqual([v]);
            expect(sql).toMatch(/^(contains|instr)\(lower\(CAST\("id" AS (VARCHAR|TEXT)\)\), lower\(\?\)\)( > 0)?$/);
            return;
          }
          const m = COMPARED.exec(sql);
          expect(m).not.toBeNull();
          expect(sql.slice(m?.[0].length)).toMatch(OPERAND);
          const p = params[0];
          if (typeof p === 'number') expect(kind === 'boolean' && d === 'sqlite' && (p === 0 || p === 1)).toBe(true);
          else expect(p === v.trim() || (kind === 'boolean' && p === v.trim().toLowerCase())).toBe(true);
        },
      ),
      RUNS,
    );
  });

  describe('in native DuckDB', () => {
    let run: (sql: string, p: string) => Promise<unknown>;
    let close = (): void => undefined;
    beforeAll(async () => {
      const conn = await (await DuckDBInstance.create(':memory:')).connect();
      close = () => conn.closeSync();
      run = async (sql, p) => {
        const stmt = await conn.prepare(sql);
        stmt.bindVarchar(1, p);
        return (await stmt.runAndReadAll()).getRowsJS()[0]?.[0];
      };
    });
    afterAll(() => close());

    test('a number is bound as a type that holds it: whole numbers exactly', async () => {
      await fc.assert(
        fc.asyncProperty(numberText, async (v) => {
          const { sql } = filterSql('duckdb', { column: 'id', op: 'equals', value: v }, 'number');
          const operand = sql.slice('"id" = '.length);
          const got = await run(`SELECT ${operand}`, v);
          if (/^CAST\(\? AS (INTEGER|BIGINT|HUGEINT)\)$/.test(operand))
            expect(BigInt(got as number | bigint)).toBe(BigInt(v));
          else {
            const want = Number(v);
            // Past a double's range DuckDB's DOUBLE is infinite too.
            const near = Number(got) === want || Math.abs(Number(got) - want) <= Math.abs(want) * 1e-15;
            expect(near).toBe(true);
          }
        }),
        { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2) },
      );
    });
  });
});
