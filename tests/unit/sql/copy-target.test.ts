import { describe, expect, it } from 'vitest';
import { copyTarget } from '../../../src/sql/copy-target';

const target = (sql: string) => {
  const t = copyTarget(sql);
  return t && { path: t.path, quoted: sql.slice(t.start, t.end), format: t.format, folder: t.folder };
};

describe('copyTarget', () => {
  it('finds the path a COPY of a query or a table writes, and where it is in the text', () => {
    expect(target("COPY (SELECT 42 AS x) TO 'x.csv'")).toEqual({
      path: 'x.csv',
      quoted: "'x.csv'",
      format: 'csv',
      folder: false,
    });
    expect(target("copy sales to 'out/it''s.parquet'")).toMatchObject({ path: "out/it's.parquet", format: 'parquet' });
    expect(target("COPY t (a, b) TO 'a.json'")).toMatchObject({ path: 'a.json', format: 'json' });
  });

  it('reads the FORMAT option over the extension, in either spelling', () => {
    expect(target("COPY t TO 'x.out' (FORMAT parquet)")?.format).toBe('parquet');
    expect(target("COPY t TO 'x.parquet' WITH (FORMAT 'csv', HEADER)")?.format).toBe('csv');
    expect(target("COPY t TO 'x.ndjson.gz'")?.format).toBe('json');
    expect(target("COPY t TO 'x.txt'")?.format).toBe('csv');
  });

  it('notices a write of a folder', () => {
    expect(target("COPY t TO 'dir' (FORMAT parquet, PARTITION_BY (year))")?.folder).toBe(true);
    expect(target("COPY t TO 'dir' (PER_THREAD_OUTPUT true)")?.folder).toBe(true);
  });

  it('does not mistake a TO inside the query, a comment or a string for the target', () => {
    expect(target("COPY (SELECT 'TO' AS to_x FROM t /* TO 'no' */) TO 'yes.csv'")?.path).toBe('yes.csv');
    expect(target("-- COPY t TO 'a.csv'\nSELECT 1")).toBeNull();
  });

  it('is null for anything that is not a COPY … TO a plain string', () => {
    expect(target("COPY t FROM 'in.csv'")).toBeNull();
    expect(target('COPY FROM DATABASE a TO b')).toBeNull();
    expect(target("SELECT 'COPY t TO x'")).toBeNull();
    expect(target('COPY t TO $$x.csv$$')).toBeNull();
    expect(target("COPY t TO 'unclosed")).toBeNull();
  });
});
