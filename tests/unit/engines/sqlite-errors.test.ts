import { describe, expect, it } from 'vitest';
import { sqliteErrorHint } from '../../../src/engines/sqlite-errors';

describe('sqliteErrorHint', () => {
  it('explains that DuckDB tables are not visible to SQLite', () => {
    expect(sqliteErrorHint('no such table: foo')).toMatch(/DuckDB/);
    expect(sqliteErrorHint('integer overflow')).toBeUndefined();
  });
});
