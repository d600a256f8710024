import { describe, expect, it } from 'vitest';
import {
  MAX_LINE_BYTES,
  countFields,
  firstLineTooLong,
  likelyDelimiter,
  oneColumnError,
  readFirstLine,
} from '../../../src/engines/csv-checks';

const file = (text: string | Uint8Array<ArrayBuffer>, name = 'x.csv') => new File([text], name);

describe('readFirstLine', () => {
  it('reads up to the first line break, \\n, \\r\\n or \\r', async () => {
    expect(await readFirstLine(file('a,b,c\n1,2,3\n'))).toEqual({ ok: true, text: 'a,b,c' });
    expect(await readFirstLine(file('a;b\r\n1;2\r\n'))).toEqual({ ok: true, text: 'a;b' });
    expect(await readFirstLine(file('a|b\r1|2\r'))).toEqual({ ok: true, text: 'a|b' });
  });

  it('takes a whole short file with no line break as its first line', async () => {
    expect(await readFirstLine(file('a,b,c'))).toEqual({ ok: true, text: 'a,b,c' });
    expect(await readFirstLine(file(''))).toEqual({ ok: true, text: '' });
  });

  it('says how long a first line is that DuckDB would not take', async () => {
    const size = 3 * 1024 * 1024;
    expect(await readFirstLine(file(new Uint8Array(size).fill(0x61)))).toEqual({ ok: false, length: size });
    const bytes = new Uint8Array(MAX_LINE_BYTES + 5000).fill(0x2c);
    bytes[MAX_LINE_BYTES + 1234] = 10;
    expect(await readFirstLine(file(bytes))).toEqual({ ok: false, length: MAX_LINE_BYTES + 1234 });
  });

  it('takes a first line of exactly the limit', async () => {
    const bytes = new Uint8Array(MAX_LINE_BYTES + 3).fill(0x62);
    bytes[MAX_LINE_BYTES] = 10;
    const got = await readFirstLine(file(bytes));
    expect(got.ok && got.text.length).toBe(MAX_LINE_BYTES);
  });
});

describe('firstLineTooLong', () => {
  it('names the file and the length, and asks whether it is a CSV', () => {
    const e = firstLineTooLong('x.csv', 48 * 1024 * 1024, 'CSV');
    expect(e.code).toBe('file');
    expect(e.message).toBe('x.csv: the first line is 48 MB long, with no line break: is it a CSV?');
    expect(e.hint).toContain('2,000,000 bytes');
    expect(firstLineTooLong('x.csv', null, 'CSV').message).toContain('longer than 256 MB');
  });
});

describe('the header against the table', () => {
  it('counts fields, not delimiters inside quotes', () => {
    expect(countFields('a,b,c', ',')).toBe(3);
    expect(countFields('"last, first",age', ',')).toBe(2);
    expect(countFields('only', ',')).toBe(1);
    expect(countFields('a\tb', '\t')).toBe(2);
  });

  it('picks the most frequent common delimiter', () => {
    expect(likelyDelimiter('a;b;c,d')).toBe(';');
    expect(likelyDelimiter('plain')).toBeNull();
  });

  it('refuses one column from a header of several fields, and only that', () => {
    const e = oneColumnError('r.csv', { fields: 3, delim: ',' }, 1);
    expect(e?.message).toBe(
      'r.csv: its first line has 3 fields separated by commas, but DuckDB read the file as one column. Nothing was loaded.',
    );
    expect(oneColumnError('r.csv', { fields: 3, delim: ',' }, 3)).toBeNull();
    expect(oneColumnError('r.csv', { fields: 1, delim: null }, 1)).toBeNull();
    expect(oneColumnError('r.csv', { fields: 2, delim: ';' }, 4)).toBeNull();
  });
});
