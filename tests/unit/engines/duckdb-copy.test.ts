import { describe, expect, it } from 'vitest';
import { copyFormatRefusal, isWrittenPath, routeCopy } from '../../../src/engines/duckdb-copy';

const st = (text: string) => ({ text, start: 10, end: 10 + text.length });

describe('routeCopy', () => {
  it('points a local COPY target into /written/, keeping the name the user gave', () => {
    expect(routeCopy(st("COPY (SELECT 42 AS x) TO 'x.csv'"))).toEqual({
      statement: { text: "COPY (SELECT 42 AS x) TO '/written/x.csv'", start: 10, end: 42 },
      write: { name: 'x.csv', path: '/written/x.csv', format: 'csv', folder: false },
    });
    expect(routeCopy(st("COPY t TO '/files/../out/it''s.parquet' (FORMAT parquet)"))).toMatchObject({
      statement: { text: "COPY t TO '/written/files/out/it''s.parquet' (FORMAT parquet)" },
      write: { name: "it's.parquet", path: "/written/files/out/it's.parquet", format: 'parquet' },
    });
  });

  it('leaves URLs (refused unless allowed) and other statements alone', () => {
    for (const text of ["COPY t TO 'https://example.com/x.csv'", 'SELECT 1', "COPY t FROM 'x.csv'"]) {
      const r = routeCopy(st(text));
      expect(r.write).toBeNull();
      expect(r.statement.text).toBe(text);
    }
  });
});

describe('the COPY helpers', () => {
  it('reads back only what COPY wrote', () => {
    expect(isWrittenPath('/written/x.csv')).toBe(true);
    expect(isWrittenPath('/files/sales/sales.csv')).toBe(false);
    expect(isWrittenPath('/written/../files/a.csv')).toBe(false);
  });
  it('says what works instead when a format needs an extension', () => {
    expect(copyFormatRefusal('csv')).toBeNull();
    expect(copyFormatRefusal('parquet')?.hint).toMatch(/Export… → Parquet/);
  });
});
