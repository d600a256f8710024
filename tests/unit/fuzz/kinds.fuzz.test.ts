/** File-kind sniffing under random names and bytes, and damaged heads of real file types. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NotebookError } from '../../../src/sql/errors';
import {
  FILE_KIND_LABELS,
  SNIFF_BYTES,
  detectFileKind,
  engineForKind,
  extensionOf,
  readEnds,
  sniff,
} from '../../../src/files/kinds';
import { RUNS, onlyNotebookErrors } from './arbitraries';

const KINDS = Object.keys(FILE_KIND_LABELS);
const SNIFFED = [...KINDS, 'text', 'binary', 'empty'];

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const REAL = ['sales.csv', 'cities.parquet', 'events.ndjson', 'semicolon.csv'].map(fixture);
const SIGNATURES = [
  'PAR1',
  'SQLite format 3\0',
  '\0\0\0\0\0\0\0\0DUCK',
  'ARROW1',
  '\xff\xff\xff\xff',
  '[',
  '{',
  '\uFEFF[',
];

/** Extensions the app knows, names an object inherits, and anything else. */
const fileName = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constantFrom('csv', 'TSV', 'parquet', 'json', 'jsonl', 'arrows', 'db', 'duckdb', 'sqlite3', 'txt', ''),
      fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'),
      fc.string({ maxLength: 6 }),
    ),
  )
  .map(([stem, ext]) => (ext === '' ? stem : `${stem}.${ext}`));

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(fc.constantFrom(...SIGNATURES), fc.uint8Array({ maxLength: 32 }))
    .map(([sig, rest]) => new Uint8Array([...Array.from(sig, (c) => c.charCodeAt(0) & 0xff), ...rest])),
  // A real file, cut and with bytes overwritten.
  fc
    .tuple(
      fc.constantFrom(...REAL),
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    )
    .map(([real, cut, writes]) => {
      const out = real.slice(0, 1 + (cut % real.length));
      for (const [at, b] of writes) out[at % out.length] = b;
      return out;
    }),
);

describe('file kinds, fuzzed', () => {
  test('detection gives a kind the app knows, or a NotebookError naming the file', () => {
    fc.assert(
      fc.property(fileName, bytes, (name, content) => {
        const head = content.subarray(0, SNIFF_BYTES);
        const tail = content.subarray(Math.max(0, content.length - SNIFF_BYTES));
        expect(SNIFFED).toContain(sniff(head, tail, content.length));
        const kind = onlyNotebookErrors(() => detectFileKind(name, head, tail, content.length));
        if (kind instanceof NotebookError) {
          expect(kind.code).toBe('file');
          expect(kind.file).toBe(name);
          expect(kind.message.startsWith(`${name}: `)).toBe(true);
        } else {
          expect(KINDS).toContain(kind);
          expect(['duckdb', 'sqlite']).toContain(engineForKind(kind));
        }
      }),
      RUNS,
    );
  });

  test('a file read through readEnds is sniffed from the same head and tail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: SNIFF_BYTES * 2 + 10 }), async (content) => {
        const { head, tail } = await readEnds(new Blob([new Uint8Array(content)]));
        expect(Array.from(head)).toEqual(Array.from(content.subarray(0, SNIFF_BYTES)));
        expect(Array.from(tail)).toEqual(Array.from(content.subarray(Math.max(0, content.length - SNIFF_BYTES))));
      }),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 3) },
    );
  });

  test('an extension is what follows the last dot, lower-cased, without separators', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (name) => {
        const ext = extensionOf(name);
        expect(ext).toBe(ext.toLowerCase());
        expect(ext).not.toMatch(/[./\\]/);
        if (ext !== '') expect(name.toLowerCase().endsWith(`.${ext}`)).toBe(true);
      }),
      RUNS,
    );
  });
});
