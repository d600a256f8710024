import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../src/sql/errors';
import { classifyLoadError, loadError, loadErrorFrom, sizeText } from '../../../src/engines/load-errors';

/** Real messages from DuckDB-Wasm 1.32 in Chromium, keyed by what caused them. */
const golden = JSON.parse(readFileSync(new URL('./golden/duckdb-load-errors.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

function message(key: string): string {
  const m = golden[key];
  if (!m) throw new Error(`no golden message for ${key}`);
  return m;
}

describe('classifyLoadError', () => {
  it('finds field-count errors, and only those, as field counts', () => {
    expect(classifyLoadError(message('field count: a short row near the end'))).toEqual({
      kind: 'field-count',
      line: 199992,
      expected: 3,
      found: 2,
    });
    expect(classifyLoadError(message('field count: a long row near the end, with null_padding'))).toMatchObject({
      kind: 'field-count',
      found: 4,
    });
    const notFieldCounts = Object.keys(golden).filter((k) => k !== '_about' && !k.startsWith('field count'));
    for (const k of notFieldCounts) expect(classifyLoadError(message(k)).kind, k).not.toBe('field-count');
  });

  it('reads out of memory, with DuckDB’s use and limit where it gives them', () => {
    expect(classifyLoadError(message('out of memory: a 400 MB CSV with memory_limit 256MB'))).toEqual({
      kind: 'out-of-memory',
      used: '232.6 MiB',
      limit: '244.1 MiB',
    });
    expect(
      classifyLoadError(message('out of memory at the tab ceiling: 2.3 MB with no line break, 180,000 fields')),
    ).toEqual({ kind: 'out-of-memory', used: '3.1 GiB', limit: '3.1 GiB' });
    expect(
      classifyLoadError(message('out of memory in the allocator: 100 kB with no line break, 51,200 fields')),
    ).toEqual({ kind: 'out-of-memory', used: null, limit: null });
  });

  it('tells a deleted file from a changed one, and a full disk', () => {
    expect(classifyLoadError(message('file deleted on disk after it was registered')).kind).toBe('file-gone');
    expect(classifyLoadError(message('file overwritten on disk after it was registered')).kind).toBe('file-changed');
    // As the ingest worker passes on a File read's DOMException: its message only, no name.
    expect(
      classifyLoadError(
        'x.parquet: could not read the Parquet file: A requested file or directory could not be found at the time an operation was processed.',
      ).kind,
    ).toBe('file-gone');
    expect(classifyLoadError('QuotaExceededError: The operation failed because it would exceed quota').kind).toBe(
      'quota',
    );
  });

  it('reads a too-long line, a sniffing failure and a cancel', () => {
    expect(classifyLoadError(message('line too long: 3 MB with no line break'))).toEqual({
      kind: 'line-too-long',
      line: 1,
      limit: 2_000_000,
    });
    expect(classifyLoadError(message('sniffing: binary bytes')).kind).toBe('sniff');
    expect(classifyLoadError(message('conn.cancelSent() during a load')).kind).toBe('cancelled');
  });

  it('keeps the line that says what went wrong for other CSV errors, not the quoted line', () => {
    expect(
      classifyLoadError(message('conversion: a value late in the file that does not fit the sniffed type')),
    ).toEqual({
      kind: 'other',
      reason: 'line 100,002: Error when converting column "a". Could not convert string "x" to \'BIGINT\'',
    });
  });
});

describe('loadError', () => {
  const oom = classifyLoadError(message('out of memory: a 400 MB CSV with memory_limit 256MB'));

  it('says out of memory in the browser’s words, naming the file, with no native advice', () => {
    const e = loadError('big.csv', oom, { as: 'CSV' });
    expect(e.code).toBe('file');
    expect(e.file).toBe('big.csv');
    expect(e.message).toBe(
      'big.csv: DuckDB ran out of memory in this tab while loading it (232.6 MiB of its 244.1 MiB limit in use). Nothing was loaded.',
    );
    expect(e.hint).toBe('Open it again with less in memory, or close other tabs.');
    expect(`${e.message} ${e.hint}`).not.toMatch(/temp_directory|SET |threads/);
  });

  it('names a very wide first line as the likely cause', () => {
    const e = loadError(
      'wide.csv',
      { kind: 'out-of-memory', used: null, limit: null },
      { as: 'CSV', headerFields: 51200 },
    );
    expect(e.message).toContain('the browser would give it no more');
    expect(e.message).toContain('Its first line has 51,200 fields.');
  });

  it('says a file that vanished or changed after it was chosen, and a full disk', () => {
    expect(loadError('a.csv', { kind: 'file-gone' }, { as: 'CSV' }).message).toBe(
      'a.csv: the file is no longer there: it was deleted, moved or renamed after it was chosen.',
    );
    expect(loadError('a.csv', { kind: 'file-changed' }, { as: 'CSV' }).message).toMatch(
      /^a\.csv: the file changed on disk/,
    );
    expect(loadError('a.csv', { kind: 'quota' }, { as: 'CSV' }).message).toMatch(
      /storage for this site \(OPFS\) is full/,
    );
  });

  it('says a too-long line with its number and DuckDB’s limit', () => {
    const e = loadError('x.csv', { kind: 'line-too-long', line: 40_000_001, limit: 2_000_000 }, { as: 'CSV' });
    expect(e.message).toBe(
      'x.csv: line 40,000,001 is longer than 2,000,000 bytes, the longest line DuckDB reads: is it a CSV?',
    );
  });

  it('gives a cancel its own code', () => {
    const e = loadError('x.parquet', { kind: 'cancelled' }, { as: 'Parquet' });
    expect(e.code).toBe('cancelled');
    expect(e.message).toBe('Loading x.parquet was cancelled.');
  });
});

describe('loadErrorFrom', () => {
  it('keeps a loader’s own file error when nothing better is known, and a cancel as it is', () => {
    const own = new NotebookError({
      code: 'file',
      file: 'x.parquet',
      message: 'x.parquet: could not decode row group 2',
    });
    expect(loadErrorFrom('x.parquet', own, { as: 'Parquet' })).toBe(own);
    const cancelled = new NotebookError({ code: 'cancelled', message: 'Loading x.parquet was cancelled.' });
    expect(loadErrorFrom('x.parquet', cancelled, { as: 'Parquet' })).toBe(cancelled);
  });

  it('turns a raw DuckDB error into the file’s error', () => {
    const e = loadErrorFrom('x.csv', new Error(message('file deleted on disk after it was registered')), { as: 'CSV' });
    expect(e.message).toMatch(/^x\.csv: the file is no longer there/);
  });
});

describe('sizeText', () => {
  it('writes sizes as the sidebar does', () => {
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(48 * 1024 * 1024)).toBe('48 MB');
    expect(sizeText(3_000_000)).toBe('2.9 MB');
  });
});
