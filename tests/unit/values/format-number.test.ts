import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbBlob, duckdbFloat } from '../../../src/values/format-number';

describe('floats and blobs as DuckDB prints them', () => {
  it('writes every double and float as native DuckDB casts it to VARCHAR', async () => {
    const doubles = [
      1e15,
      1e16,
      1.5e16,
      Number('123456789012345678'),
      1e21,
      1e-4,
      1e-5,
      1.5e-7,
      -0,
      0,
      0.1,
      2,
      1e300,
      5e-324,
      Number('-1.7014118346046923e37'),
    ];
    const floats = [0.1, 1e10, 16777216, 1e-5, 3.4e38, 1.25, Number('-1.7014118e37')].map(Math.fround);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const list = (xs: number[], t: string) =>
      xs.map((x) => `(${Object.is(x, -0) ? '-0.0' : x}::${t})::VARCHAR`).join(', ');
    const native = (
      await conn.runAndReadAll(`SELECT ${list(doubles, 'DOUBLE')}, ${list(floats, 'FLOAT')}`)
    ).getRowsJS()[0];
    conn.closeSync();
    expect([...doubles.map((d) => duckdbFloat(d)), ...floats.map((f) => duckdbFloat(f, true))]).toEqual(native);
    expect([Number.NaN, Infinity, -Infinity].map((v) => duckdbFloat(v))).toEqual(['nan', 'inf', '-inf']);
  });

  it('writes blobs with escapes for every byte that is not plain ASCII', () => {
    expect(duckdbBlob(new Uint8Array([0x61, 0x5c, 0x22, 0x27, 0x7f, 0x0a, 0xaa, 0x20]))).toBe(
      'a\\x5C\\x22\\x27\\x7F\\x0A\\xAA ',
    );
    expect(duckdbBlob(new Uint8Array([]))).toBe('');
  });
});
