import { readFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../src/sql/errors';
import {
  ACCEPT,
  SNIFF_BYTES,
  detectFileKind,
  engineForKind,
  extensionOf,
  readEnds,
  type FileKind,
} from '../../../src/files/kinds';

/** Bytes of a committed fixture (see tests/fixtures/make-fixtures.mjs). */
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A Blob of the bytes; the copy gives Blob the plain ArrayBuffer-backed view its type wants. */
const blobOf = (bytes: Uint8Array): Blob => new Blob([new Uint8Array(bytes)]);

/** Detects through readEnds on a real Blob, the way the app reads a dropped file. */
async function detect(fileName: string, bytes: Uint8Array): Promise<FileKind> {
  const blob = blobOf(bytes);
  const { head, tail } = await readEnds(blob);
  return detectFileKind(fileName, head, tail, blob.size);
}

/** The NotebookError that detection throws; fails the test if it returns a kind instead. */
async function detectError(fileName: string, bytes: Uint8Array): Promise<NotebookError> {
  try {
    const kind = await detect(fileName, bytes);
    throw new Error(`expected ${fileName} to be rejected, got ${kind}`);
  } catch (err) {
    if (!(err instanceof NotebookError)) throw err;
    expect(err.code).toBe('file');
    expect(err.file).toBe(fileName);
    expect(err.message.startsWith(`${fileName}: `)).toBe(true);
    expect(err.hint).toBeTruthy();
    return err;
  }
}

/** A DuckDB header: 8-byte checksum, 'DUCK', then a little-endian uint64 storage version. */
function duckdbHeader(): Uint8Array {
  const bytes = new Uint8Array(8192);
  bytes.set([0x1f, 0x8b, 0x3c, 0x11, 0x52, 0x9a, 0x07, 0xe4]);
  bytes.set(text('DUCK'), 8);
  bytes.set([64, 0, 0, 0, 0, 0, 0, 0], 12);
  return bytes;
}

/** Head and tail magic around a body bigger than SNIFF_BYTES, so head and tail are separate reads. */
function bigParquetShape(withFooter: boolean): Uint8Array {
  const bytes = new Uint8Array(SNIFF_BYTES * 3).fill(7);
  bytes.set(text('PAR1'));
  if (withFooter) bytes.set(text('PAR1'), bytes.length - 4);
  return bytes;
}

describe('detectFileKind: delimited text', () => {
  it('recognises CSV, TSV and semicolon CSV by extension', async () => {
    expect(await detect('sales.csv', fixture('sales.csv'))).toBe('csv');
    expect(await detect('sales.tsv', fixture('sales.tsv'))).toBe('tsv');
    expect(await detect('semicolon.csv', fixture('semicolon.csv'))).toBe('csv');
    expect(await detect('ragged.csv', fixture('ragged.csv'))).toBe('csv');
  });

  it('treats .txt as CSV and .tab as TSV, case-insensitively', async () => {
    expect(await detect('export.TXT', fixture('sales.csv'))).toBe('csv');
    expect(await detect('export.Tab', fixture('sales.tsv'))).toBe('tsv');
  });

  it('keeps a CSV whose bytes 8..12 happen to spell DUCK a CSV', async () => {
    expect(await detect('birds.csv', text('species,DUCK,count\nmallard,DUCK,3\n'))).toBe('csv');
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    expect(await detect('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...text('a,b\n1,2\n')]))).toBe('csv');
  });
});

describe('detectFileKind: Parquet', () => {
  it('accepts a real Parquet file (PAR1 at head and tail)', async () => {
    expect(await detect('cities.parquet', fixture('cities.parquet'))).toBe('parquet');
  });

  it('trusts the content over the name', async () => {
    expect(await detect('cities.bin', fixture('cities.parquet'))).toBe('parquet');
    expect(await detect('cities.csv', fixture('cities.parquet'))).toBe('parquet');
  });

  it('reads the footer from the tail of a file larger than the sniff window', async () => {
    expect(await detect('big.parquet', bigParquetShape(true))).toBe('parquet');
    const err = await detectError('big.parquet', bigParquetShape(false));
    expect(err.message).toContain('truncated');
  });

  it('rejects a truncated Parquet file, naming the file and the missing footer', async () => {
    const err = await detectError('truncated.parquet', fixture('truncated.parquet'));
    expect(err.message).toBe(
      'truncated.parquet: the Parquet file is truncated: its footer (the closing "PAR1" marker) is missing.',
    );
  });

  it('rejects a file too short to hold a footer', async () => {
    const err = await detectError('tiny.parquet', text('PAR1PAR1'));
    expect(err.message).toContain('truncated');
  });

  it('rejects a text file named .parquet', async () => {
    const err = await detectError('not-really.parquet', fixture('not-really.parquet'));
    expect(err.message).toBe(
      'not-really.parquet: this is not a Parquet file: its contents do not start with the Parquet signature.',
    );
  });
});

describe('detectFileKind: databases', () => {
  it('recognises SQLite by its magic, whatever the name', async () => {
    expect(await detect('library.db', fixture('library.db'))).toBe('sqlite');
    expect(await detect('library.sqlite3', fixture('library.db'))).toBe('sqlite');
    expect(await detect('library', fixture('library.db'))).toBe('sqlite');
  });

  it('recognises DuckDB by DUCK at bytes 8..12, even when named .db', async () => {
    expect(await detect('warehouse.duckdb', duckdbHeader())).toBe('duckdb');
    expect(await detect('warehouse.db', duckdbHeader())).toBe('duckdb');
  });

  it('rejects a text file named .db', async () => {
    const err = await detectError('not-really.db', fixture('not-really.db'));
    expect(err.message).toBe(
      'not-really.db: this is not a SQLite database file: its contents do not start with the SQLite database signature.',
    );
  });

  it('rejects a text file named .duckdb', async () => {
    const err = await detectError('notes.duckdb', text('hello'));
    expect(err.message).toContain('this is not a DuckDB database file');
  });
});

describe('detectFileKind: Arrow IPC', () => {
  const table = tableFromArrays({ n: Int32Array.from([1, 2, 3]) });

  it('recognises the file format by ARROW1', async () => {
    expect(await detect('cities.arrow', fixture('cities.arrow'))).toBe('arrow');
    expect(await detect('cities.feather', tableToIPC(table, 'file'))).toBe('arrow');
  });

  it('recognises the stream format by the 0xFFFFFFFF continuation marker', async () => {
    const stream = tableToIPC(table, 'stream');
    expect(Array.from(stream.slice(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(await detect('numbers.arrows', stream)).toBe('arrow');
    expect(await detect('numbers', stream)).toBe('arrow');
  });

  it('rejects a text file named .arrow', async () => {
    const err = await detectError('fake.arrow', text('a,b\n1,2\n'));
    expect(err.message).toBe(
      'fake.arrow: this is not an Arrow IPC file: its contents do not start with the Arrow IPC signature.',
    );
  });
});

describe('detectFileKind: JSON', () => {
  it('recognises a JSON array and NDJSON', async () => {
    expect(await detect('events.json', fixture('events.json'))).toBe('json');
    expect(await detect('events.ndjson', fixture('events.ndjson'))).toBe('ndjson');
    expect(await detect('events.jsonl', fixture('events.ndjson'))).toBe('ndjson');
  });

  it('lets the content pick between the two JSON shapes', async () => {
    expect(await detect('events.json', fixture('events.ndjson'))).toBe('ndjson');
    expect(await detect('events.ndjson', fixture('events.json'))).toBe('json');
  });

  it('recognises JSON content under an unknown extension, after whitespace', async () => {
    expect(await detect('events.log', fixture('events.ndjson'))).toBe('ndjson');
    expect(await detect('dump.out', text('\n  [{"a": 1}]'))).toBe('json');
  });

  it('falls back to the extension for JSON that starts oddly', async () => {
    expect(await detect('scalar.json', text('42'))).toBe('json');
  });
});

describe('detectFileKind: rejected files', () => {
  it('rejects an empty file, whatever its name', async () => {
    const err = await detectError('empty.csv', fixture('empty.csv'));
    expect(err.message).toBe('empty.csv: the file is empty (0 bytes).');
    expect((await detectError('empty.parquet', new Uint8Array())).message).toContain('empty');
  });

  it('rejects a binary file with an unknown extension', async () => {
    const err = await detectError('photo.raw', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    expect(err.message).toBe('photo.raw: this kind of file is not supported.');
    expect(err.hint).toContain('Supported:');
  });

  it('rejects a binary file named .csv', async () => {
    const err = await detectError('data.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]));
    expect(err.message).toBe('data.csv: this does not look like a CSV file: it contains binary data.');
  });

  it('rejects text with an unknown extension, naming the extension', async () => {
    const err = await detectError('notes.xyz', fixture('notes.xyz'));
    expect(err.message).toBe('notes.xyz: files of type ".xyz" are not supported.');
    expect(err.hint).toContain('CSV');
  });

  it('rejects text with no extension at all', async () => {
    const err = await detectError('README', text('just some words'));
    expect(err.message).toBe('README: files of type ".(none)" are not supported.');
  });

  it('rejects an extension that names what every object inherits', async () => {
    // Found by the fuzzer: x.constructor was opened as kind Object, the extension table's inherited constructor.
    for (const name of ['x.constructor', 'x.__proto__']) {
      const err = await detectError(name, text('a,b\n1,2\n'));
      expect(err.message).toMatch(/files of type ".+" are not supported/);
    }
  });
});

describe('helpers', () => {
  it('extensionOf lower-cases the last extension and ignores directories', () => {
    expect(extensionOf('a/b.c/Data.CSV')).toBe('csv');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('dir.v2/README')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });

  it('engineForKind opens SQLite files in SQLite and everything else in DuckDB', () => {
    expect(engineForKind('sqlite')).toBe('sqlite');
    for (const kind of ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'arrow', 'duckdb'] as const)
      expect(engineForKind(kind)).toBe('duckdb');
  });

  it('ACCEPT lists every extension for the file chooser', () => {
    const accepted = ACCEPT.split(',');
    for (const ext of ['.csv', '.tsv', '.parquet', '.json', '.ndjson', '.arrow', '.db', '.sqlite', '.duckdb'])
      expect(accepted).toContain(ext);
  });

  it('readEnds returns the whole file as head and tail when it is small', async () => {
    const { head, tail } = await readEnds(blobOf(text('a,b\n')));
    expect(Array.from(head)).toEqual(Array.from(text('a,b\n')));
    expect(tail).toBe(head);
  });

  it('readEnds returns the last SNIFF_BYTES bytes as the tail of a large file', async () => {
    const bytes = bigParquetShape(true);
    const { head, tail } = await readEnds(blobOf(bytes));
    expect(head.length).toBe(SNIFF_BYTES);
    expect(tail.length).toBe(SNIFF_BYTES);
    expect(new TextDecoder().decode(tail.slice(-4))).toBe('PAR1');
  });
});
