import { describe, expect, it } from 'vitest';
import {
  DateDay,
  Decimal,
  Field,
  Float64,
  Int64,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  Binary,
  Bool,
  Int32,
} from 'apache-arrow';
import { formatCount, formatElapsed, formatValue, scaleDecimal, typeLabel, MAX_TEXT } from '../../../src/values/format';

const f = (type: ConstructorParameters<typeof Field>[1]) => new Field('x', type, true);

describe('formatValue', () => {
  it('shows NULL distinctly from an empty string', () => {
    expect(formatValue(null, f(new Utf8()))).toMatchObject({ text: 'NULL', isNull: true });
    expect(formatValue('', f(new Utf8()))).toMatchObject({ text: '', isNull: false });
  });

  it('keeps 64-bit integers beyond 2^53 exact and right-aligned', () => {
    const v = formatValue(9007199254740993n, f(new Int64()));
    expect(v).toMatchObject({ text: '9,007,199,254,740,993', numeric: true, full: '9007199254740993' });
  });

  it('formats doubles, NaN and infinities', () => {
    expect(formatValue(0.1 + 0.2, f(new Float64())).text).toBe('0.3');
    expect(formatValue(Number.NaN, f(new Float64())).text).toBe('nan');
    expect(formatValue(-Infinity, f(new Float64())).text).toBe('-inf');
    expect(formatValue(42, f(new Int32())).numeric).toBe(true);
  });

  it('scales decimals from their unscaled digits', () => {
    expect(scaleDecimal('12345', 2)).toBe('123.45');
    expect(scaleDecimal('-5', 3)).toBe('-0.005');
    expect(scaleDecimal('7', 0)).toBe('7');
    expect(formatValue('123456789012345678901234567890', f(new Decimal(10, 38, 128))).text).toBe(
      '12,345,678,901,234,567,890.1234567890',
    );
  });

  it('formats dates and timestamps as ISO text', () => {
    expect(formatValue(Date.UTC(2024, 5, 1), f(new DateDay())).text).toBe('2024-06-01');
    expect(formatValue(Date.UTC(2024, 5, 1, 6, 38, 46), f(new TimestampMillisecond())).text).toBe(
      '2024-06-01 06:38:46',
    );
  });

  it('shortens long text but keeps the full value', () => {
    const long = 'x'.repeat(MAX_TEXT * 3);
    const v = formatValue(long, f(new Utf8()));
    expect(v.text.length).toBe(MAX_TEXT + 1);
    expect(v.full).toBe(long);
  });

  it('keeps unicode intact', () => {
    for (const s of ['مرحبا', '👩‍👩‍👧', 'e\u0301']) expect(formatValue(s, f(new Utf8())).text).toBe(s);
  });

  it('shows blobs as size and hex, and booleans as words', () => {
    expect(formatValue(new Uint8Array([0, 255, 16]), f(new Binary())).text).toBe('\\x00\\xFF\\x10');
    expect(formatValue(true, f(new Bool())).text).toBe('true');
  });
});

describe('labels', () => {
  it('names types briefly', () => {
    expect(typeLabel(new Int64())).toBe('int64');
    expect(typeLabel(new Utf8())).toBe('text');
    expect(typeLabel(new Float64())).toBe('double');
    expect(typeLabel(new Decimal(2, 10, 128))).toBe('decimal(10,2)');
    // A TIMESTAMPTZ's header says the zone its values are shown in.
    expect(typeLabel(new TimestampMicrosecond('UTC'))).toBe('timestamptz, UTC');
    expect(typeLabel(new TimestampMillisecond())).toBe('timestamp');
  });

  it('formats counts and durations', () => {
    expect(formatCount(1, 'row')).toBe('1 row');
    expect(formatCount(1000000, 'row')).toBe('1,000,000 rows');
    expect(formatElapsed(0.4)).toBe('<1 ms');
    expect(formatElapsed(57.4)).toBe('57 ms');
    expect(formatElapsed(1234)).toBe('1.23 s');
  });
});
