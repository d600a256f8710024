/**
 * Values the grid and exports got wrong (issue 16), formatted from what DuckDB-Wasm really sends:
 * ±infinity dates and timestamps, numbers sent as text, nested decimals and 64-bit integers in
 * JSON, and a result read the way the app reads one, compared with DuckDB's own text.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { Field, Utf8, type DataType, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_TYPE, duckdbKind, withDuckdbTypes } from '../../../src/engines/duckdb-types';
import { readList } from '../../../src/engines/view-sql';
import { fieldKind, fieldLabel } from '../../../src/values/column-types';
import { jsonToken, plainText } from '../../../src/values/encode';
import { formatValue } from '../../../src/values/format';
import { formatDays, formatTimestamp } from '../../../src/values/format-temporal';
import { readCell } from '../../../src/values/read-cell';
import { wasmDuckdb, type WasmDuckdb } from './wasm-duckdb';
import { arrivesExact } from '../../../src/engines/duckdb-types';

const stamped = (type: string) => new Field('x', new Utf8(), true, new Map([[DUCKDB_TYPE, type]]));

describe('±infinity', () => {
  it('prints DuckDB’s infinite dates and timestamps as words, in every unit', () => {
    expect(formatDays(2_147_483_647)).toBe('infinity');
    expect(formatDays(-2_147_483_647)).toBe('-infinity');
    expect(formatDays(-2_147_483_646)).toBe('5877642-06-25 (BC)');
    for (const unit of [0, 1, 2, 3]) {
      expect(formatTimestamp(9_223_372_036_854_775_807n, unit, null)).toBe('infinity');
      expect(formatTimestamp(-9_223_372_036_854_775_807n, unit, 'UTC')).toBe('-infinity');
    }
    // DuckDB's first real timestamp, as native DuckDB prints make_timestamp(-9223372022400000000).
    expect(formatTimestamp(-9_223_372_022_400_000_000n, 2, null)).toBe('290309-12-22 (BC) 00:00:00');
  });
});

describe('a number DuckDB sent as its text', () => {
  it('is right-aligned with grouped digits, every digit kept', () => {
    const v = formatValue('340282366920938463463374607431768211455', stamped('UHUGEINT'));
    expect(v).toEqual({
      text: '340,282,366,920,938,463,463,374,607,431,768,211,455',
      numeric: true,
      isNull: false,
      full: '340282366920938463463374607431768211455',
    });
    expect(plainText('340282366920938463463374607431768211455', stamped('UHUGEINT'))).toBe(
      '340282366920938463463374607431768211455',
    );
    // JSON writes it as a number, as DuckDB's COPY … TO json does; other text stays a string.
    expect(jsonToken('340282366920938463463374607431768211455', stamped('UHUGEINT'))).toBe(
      '340282366920938463463374607431768211455',
    );
    expect(jsonToken('0110', stamped('BIT'))).toBe('"0110"');
    // Other text read as text stays as it is.
    expect(formatValue('02:30:00-12', stamped('TIME WITH TIME ZONE')).text).toBe('02:30:00-12');
    expect(formatValue('02:30:00-12', stamped('TIME WITH TIME ZONE')).numeric).toBe(false);
  });

  it('keeps the stored type for the header and the kind', () => {
    expect(fieldLabel(stamped('UHUGEINT'))).toBe('uhugeint');
    expect(fieldKind(stamped('UHUGEINT'))).toBe('number');
    expect(fieldKind(stamped('TIME WITH TIME ZONE'))).toBe('temporal');
    expect(fieldLabel(stamped(`STRUCT(${'a INTEGER, '.repeat(10)}b VARCHAR)`))).toMatch(/^struct\(a integer, .{20,}…$/);
    // A VARCHAR column read as it is keeps the Arrow label.
    expect(fieldLabel(stamped('VARCHAR'))).toBe('text');
    expect(fieldKind(new Field('x', new Utf8(), true))).toBe('text');
  });
});

describe('what DuckDB-Wasm sends', () => {
  let wasm: WasmDuckdb;
  const one = (t: Table, name: string) => {
    const i = t.schema.fields.findIndex((f) => f.name === name);
    const field = t.schema.fields[i] as Field;
    return { value: readCell(t.getChildAt(i), 0), field, type: field.type as DataType };
  };

  beforeAll(async () => {
    wasm = await wasmDuckdb();
  }, 60_000);

  it('reads a result of plain columns as it is, and describes one that holds a type Arrow carries wrongly', () => {
    const plain = wasm.query(`SELECT 1::INTEGER i, 2::UBIGINT u, 1.5::DECIMAL(38,3) d, 'x' s, true b,
      DATE '2024-01-02' dt, TIMESTAMP '2024-01-02 03:04:05.123456' ts, TIMESTAMPTZ '2024-01-02 03:04:05+00' tz,
      INTERVAL 3 DAY iv, NULL n, 2.5::DOUBLE f, 'infinity'::DATE inf`);
    expect(arrivesExact(plain)).toBe(true);
    for (const sql of [
      "SELECT '02:30:00-1200'::TIMETZ x",
      "SELECT '12:00:00'::TIME x",
      "SELECT '340282366920938463463374607431768211455'::UHUGEINT x",
      "SELECT '101'::BIT x",
      'SELECT [1, 2] x',
      "SELECT {'a': 1} x",
      "SELECT MAP {'k': 1} x",
      "SELECT 'a'::ENUM('a', 'b') x",
      'SELECT union_value(k := 1) x',
      "SELECT 'ab'::BLOB x",
    ])
      expect(arrivesExact(wasm.query(sql)), sql).toBe(false);
  });

  it('shows ±infinity as DuckDB does, not a date 290,000 years BC', () => {
    const t = wasm.query(`SELECT try_cast('-infinity' AS timestamp) a, 'infinity'::TIMESTAMP_NS b,
      '-infinity'::TIMESTAMPTZ c, try_cast('-infinity' AS date) d, 'infinity'::DATE e, DATE '0001-01-01' - 1 f`);
    const shown = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => {
      const { value, field } = one(t, n);
      return formatValue(value, field).text;
    });
    expect(shown).toEqual(['-infinity', 'infinity', '-infinity', '-infinity', 'infinity', '0001-12-31 (BC)']);
  });

  it('writes nested decimals and 64-bit integers in JSON with their exact digits, maps in entry order', () => {
    const t = wasm.query(`SELECT [99999999999999999999999999999999999.9, 9.9999] a,
      [-100::BIGINT, 9999999999999999999::UBIGINT] b,
      map_concat(MAP([3, 1], ['x', 'y']), MAP([2], ['z'])) m,
      {'k': 1.50::DECIMAL(5,2), 'b': 9999999999999999999::UBIGINT, 'n': NULL::INTEGER} s,
      [1.5, 2.25]::DECIMAL(4,2)[2] arr, [['a"b'], []] nest`);
    const json = (n: string) => {
      const { value, field } = one(t, n);
      return jsonToken(value, field);
    };
    expect(json('a')).toBe('[99999999999999999999999999999999999.900,10.000]');
    expect(json('b')).toBe('[-100,9999999999999999999]');
    expect(json('m')).toBe('{"3":"x","1":"y","2":"z"}');
    expect(json('s')).toBe('{"k":1.50,"b":9999999999999999999,"n":null}');
    expect(json('arr')).toBe('[1.50,2.25]');
    expect(json('nest')).toBe('[["a\\"b"],[]]');
  });

  it('shows a nested value that crossed as Arrow (a result not stored) with exact digits and in entry order', () => {
    const t = wasm.query(`SELECT [99999999999999999999999999999999999.9, 9.9999] a,
      [-100::BIGINT, 9999999999999999999::UBIGINT] b, map_concat(MAP([3, 1], ['x', 'y']), MAP([2], ['z'])) m,
      {'d': DATE '2024-02-29', 'f': [1.5::DOUBLE, 'nan'::DOUBLE]} s`);
    const shown = (n: string) => {
      const { value, field } = one(t, n);
      return formatValue(value, field).text;
    };
    expect(shown('a')).toBe('[99999999999999999999999999999999999.900,10.000]');
    expect(shown('b')).toBe('[-100,9999999999999999999]');
    expect(shown('m')).toBe('{"3":"x","1":"y","2":"z"}');
    expect(shown('s')).toBe('{"d":"2024-02-29","f":[1.5,null]}');
  });

  it("reads a result as the app does and shows each value as DuckDB's own text", async () => {
    const exprs: Record<string, string> = {
      uhuge: `'340282366920938463463374607431768211455'::UHUGEINT`,
      huge: `'-170141183460469231731687303715884105728'::HUGEINT`,
      ubig: `18446744073709551615::UBIGINT`,
      list_dec: `[99999999999999999999999999999999999.9, 9.9999]`,
      list_big: `[-100::BIGINT, 9999999999999999999::UBIGINT]`,
      tz: `'02:30:00-1200'::TIMETZ`,
      bits: `~('1001010101111111000111'::BIT)`,
      map: `map_concat(MAP([3, 1], ['x', 'y']), MAP([2], ['z']))`,
      tns: `'12:00:00.123456789'::TIME_NS`,
      enum: `'b'::ENUM('a', 'b')`,
      uni: `union_value(k := 1)`,
      struct: `{'k': 'a, b', 'v': [1.50::DECIMAL(5,2)]}`,
      ts: `TIMESTAMP '2024-02-29 12:00:00.123456'`,
    };
    const select = Object.entries(exprs)
      .map(([n, e]) => `${e} AS ${n}`)
      .join(', ');
    wasm.query(`CREATE OR REPLACE TABLE r AS SELECT ${select}`);
    // As runLast does: DuckDB's types, then the select list they call for, then the types on the fields.
    const described = wasm.query('SELECT column_name, column_type FROM (DESCRIBE r)');
    const columns = Array.from({ length: described.numRows }, (_, i) => {
      const type = String(described.getChild('column_type')?.get(i));
      return { name: String(described.getChild('column_name')?.get(i)), kind: duckdbKind(type), type };
    });
    const t = withDuckdbTypes(
      wasm.query(`SELECT ${readList(columns, 'show') ?? '*'} FROM r`),
      columns.map((c) => c.type),
    );
    const shown = Object.fromEntries(
      columns.map((c) => {
        const { value, field } = one(t, c.name);
        const f = formatValue(value, field);
        return [c.name, f.full ?? f.text.replace(/,(?=\d{3})/g, '')];
      }),
    );
    const native = await (await DuckDBInstance.create(':memory:')).connect();
    const want = (
      await native.runAndReadAll(
        `SELECT ${Object.keys(exprs)
          .map((n) => `${n}::VARCHAR`)
          .join(', ')} FROM (SELECT ${select})`,
      )
    ).getRowsJS()[0];
    native.closeSync();
    expect(shown).toEqual(Object.fromEntries(Object.keys(exprs).map((n, i) => [n, want?.[i]])));
  });
});
