import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../../src/engines/duckdb-introspect';

describe('parseByteSize: DuckDB’s sizes, as current_setting and its errors write them', () => {
  it('reads binary and decimal units', () => {
    expect(parseByteSize('3.1 GiB')).toBeCloseTo(3.1 * 2 ** 30);
    expect(parseByteSize('244.1 MiB')).toBeCloseTo(244.1 * 2 ** 20);
    expect(parseByteSize('256MB')).toBe(256e6);
    expect(parseByteSize('12 KB')).toBe(12e3);
    expect(parseByteSize('0 bytes')).toBeNaN();
  });
  it('is NaN for anything else, so a limit is never made up', () => {
    expect(parseByteSize('')).toBeNaN();
    expect(parseByteSize('unlimited')).toBeNaN();
    expect(parseByteSize('5 PB')).toBeNaN();
  });
});
