import { describe, expect, test } from 'vitest';
import { choosePlacement, type Room } from '../../../src/session/placement';

const GB = 1e9;
const MB = 1e6;
const room = (r: Partial<Room> = {}): Room => ({
  memoryLimit: 3.1 * GB,
  memoryUsed: 0,
  diskFree: 50 * GB,
  onDisk: false,
  ...r,
});

describe('where a file lives', () => {
  test('a file that fits in half the free memory is copied into memory', () => {
    const c = choosePlacement('csv', 50 * MB, room());
    expect(c).toMatchObject({ ok: true, storage: 'memory' });
  });

  test('in a notebook that keeps its tables, a copy lives on disk', () => {
    expect(choosePlacement('csv', 50 * MB, room({ onDisk: true }))).toMatchObject({ ok: true, storage: 'disk' });
  });

  test('the 2.07 GB CSV that once loaded as one column goes to disk, and says why', () => {
    const c = choosePlacement('csv', 2.07 * GB, room());
    expect(c).toMatchObject({ ok: true, storage: 'disk' });
    if (c.ok)
      expect(c.why).toMatch(/needs about 4.4 GB in memory, and DuckDB has 2.9 GB of 2.9 GB free: it is kept on disk/);
  });

  test('with the memory already used by other tables, a smaller file goes to disk too', () => {
    expect(choosePlacement('csv', 400 * MB, room({ memoryUsed: 2.5 * GB }))).toMatchObject({ storage: 'disk' });
  });

  test('too big for memory and for the disk granted: a CSV is read in place, a Parquet file is refused', () => {
    const small = room({ memoryLimit: 256 * MB, diskFree: 100 * MB });
    expect(choosePlacement('csv', 600 * MB, small)).toMatchObject({ ok: true, storage: 'in-place' });
    const p = choosePlacement('parquet', 600 * MB, small);
    expect(p.ok).toBe(false);
    expect(p.why).toMatch(/only 95 MB is free on disk, and a Parquet file cannot be read in place here/);
    // No OPFS at all.
    expect(choosePlacement('csv', 600 * MB, room({ memoryLimit: 256 * MB, diskFree: null }))).toMatchObject({
      storage: 'in-place',
    });
  });

  test('a 256 MB limit sends a 600 MB CSV to disk when the disk has room', () => {
    expect(choosePlacement('csv', 600 * MB, room({ memoryLimit: 256 * MB }))).toMatchObject({ storage: 'disk' });
  });

  test('database files are never copied, and an engine that gives no limit takes the file into memory', () => {
    expect(choosePlacement('sqlite', 5 * GB, room())).toMatchObject({ storage: 'memory' });
    expect(choosePlacement('csv', 5 * GB, room({ memoryLimit: null }))).toMatchObject({ storage: 'memory' });
  });
});
