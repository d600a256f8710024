import { describe, expect, it } from 'vitest';
import {
  Binary,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int64,
  Interval,
  IntervalUnit,
  Time,
  TimeUnit,
  Timestamp,
  Uint64,
  Utf8,
  type DataType,
} from 'apache-arrow';
import { formatFloat, formatValue, groupDigits } from '../../../src/values/format';
import {
  civilFromDays,
  formatDays,
  formatInterval,
  formatTimestamp,
  intervalFromWords,
} from '../../../src/values/format-temporal';

const f = (type: DataType) => new Field('x', type, true);
const text = (v: unknown, type: DataType) => formatValue(v, f(type)).text;

describe('numbers', () => {
  it('groups thousands and keeps 64-bit integers exact beyond 2^53', () => {
    expect(text(9007199254740993n, new Int64())).toBe('9,007,199,254,740,993');
    expect(text(-9223372036854775808n, new Int64())).toBe('-9,223,372,036,854,775,808');
    expect(text(18446744073709551615n, new Uint64())).toBe('18,446,744,073,709,551,615');
    expect(formatValue(9007199254740993n, f(new Int64())).full).toBe('9007199254740993');
  });

  it('shows floats at a sensible precision and keeps the exact value', () => {
    expect(text(6793.069999999994, new Float64())).toBe('6,793.07');
    expect(formatValue(6793.069999999994, f(new Float64())).full).toBe('6793.069999999994');
    expect(text(0.1 + 0.2, new Float64())).toBe('0.3');
    expect(text(1e21, new Float64())).toBe('1e+21');
    expect(text(1.5e-9, new Float64())).toBe('1.5e-9');
    expect(text(0.1, new Float32())).toBe('0.1');
    expect(text(-0, new Float64())).toBe('-0');
  });

  it('shows NaN and infinities as DuckDB writes them', () => {
    expect(formatFloat(Number.NaN).text).toBe('nan');
    expect(formatFloat(Infinity).text).toBe('inf');
    expect(formatFloat(-Infinity).text).toBe('-inf');
    expect(formatFloat(Number.NaN).numeric).toBe(true);
  });

  it('shows DECIMAL(38,10) exactly, grouped', () => {
    expect(text('12345678901234567890123456789012345678', new Decimal(10, 38, 128))).toBe(
      '1,234,567,890,123,456,789,012,345,678.9012345678',
    );
    expect(text('-5000000000', new Decimal(10, 38, 128))).toBe('-0.5000000000');
    expect(groupDigits('-1234567.125')).toBe('-1,234,567.125');
    expect(groupDigits('abc')).toBe('abc');
  });
});

describe('dates, times and intervals', () => {
  it('handles the calendar at the type limits', () => {
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(formatDays(2146045306)).toBe('5877642-06-25');
    expect(formatDays(-2147483646)).toBe('5877642-06-25 (BC)');
    expect(formatDays(-719528)).toBe('0001-01-01 (BC)');
    expect(formatDays(-719162)).toBe('0001-01-01');
    expect(text(2146045306 * 86_400_000, new DateDay())).toBe('5877642-06-25');
  });

  it('formats timestamps from raw microseconds, past what Date can hold', () => {
    expect(formatTimestamp(9223372036854775806n, TimeUnit.MICROSECOND, null)).toBe('294247-01-10 04:00:54.775806');
    expect(formatTimestamp(-9223372022400000000n, TimeUnit.MICROSECOND, null)).toBe('290309-12-22 (BC) 00:00:00'); // as DuckDB prints it
    expect(text(1717223926123456n, new Timestamp(TimeUnit.MICROSECOND))).toBe('2024-06-01 06:38:46.123456');
    expect(text(1717223926000000n, new Timestamp(TimeUnit.MICROSECOND, 'UTC'))).toBe('2024-06-01 06:38:46+00');
    expect(text(1717223926000, new Timestamp(TimeUnit.MILLISECOND))).toBe('2024-06-01 06:38:46');
    expect(text(-1n, new Timestamp(TimeUnit.NANOSECOND))).toBe('1969-12-31 23:59:59.999999999');
  });

  it('formats times and intervals as DuckDB does', () => {
    expect(text(86399999999n, new Time(TimeUnit.MICROSECOND, 64))).toBe('23:59:59.999999');
    expect(intervalFromWords(Int32Array.from([14, 3, 820978496, 3424]))).toBe('1 year 2 months 3 days 04:05:06.789');
    expect(text(Int32Array.from([0, 0, 0, 0]), new Interval(IntervalUnit.MONTH_DAY_NANO))).toBe('00:00:00');
    expect(formatInterval(-1, -2, -1_000_000n)).toBe('-1 month -2 days -00:00:01');
  });
});

describe('text and other values', () => {
  it('distinguishes NULL from the empty string', () => {
    expect(formatValue(null, f(new Utf8()))).toMatchObject({ text: 'NULL', isNull: true });
    expect(formatValue('', f(new Utf8()))).toMatchObject({ text: '', isNull: false });
  });

  it('cuts a 1 MB string for the cell and keeps it whole', () => {
    const big = 'x'.repeat(1 << 20);
    const v = formatValue(big, f(new Utf8()));
    expect(v.text.length).toBeLessThan(400);
    expect(v.full).toBe(big);
  });

  it('keeps right-to-left text, emoji and combining marks intact', () => {
    for (const s of ['مرحبا بالعالم', '👩‍👩‍👧‍👦', 'e\u0301', 'ﷺ']) expect(text(s, new Utf8())).toBe(s);
  });

  it('shows blobs as size and hex, nested values as JSON, and never throws', () => {
    expect(text(new Uint8Array([0xaa, 0xbb]), new Binary())).toBe('\\xAA\\xBB');
    expect(text({ toJSON: () => ({ a: 1n, b: [NaN] }) }, new Utf8())).toBe('{"a":"1","b":["NaN"]}');
    const hostile = {
      toJSON: () => {
        throw new Error('boom');
      },
      toString: () => 'hostile',
    };
    expect(text(hostile, new Utf8())).toBe('hostile');
  });
});
