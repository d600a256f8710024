import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  duckdbErrorSummary,
  duckdbReadError,
  normalizeDuckdbError,
  stripNativeAdvice,
} from '../../../src/engines/duckdb-errors';
import { NotebookError } from '../../../src/sql/errors';
import { duckdbErrorPosition } from '../../../src/sql/positions';

/** Real messages from DuckDB-Wasm 1.32 (captured with its Node build), keyed by the SQL that caused them. */
const golden = JSON.parse(readFileSync(new URL('./golden/duckdb-errors.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

function at(sql: string) {
  const message = golden[sql];
  if (!message) throw new Error(`no golden message for ${sql}`);
  return { message, summary: duckdbErrorSummary(message) };
}

describe('duckdbErrorSummary', () => {
  it('keeps the message and drops the LINE context', () => {
    expect(at('SELEC * FROM sales').summary).toBe('Parser Error: syntax error at or near "SELEC"');
    expect(at('SELECT nope FROM sales').summary).toBe(
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "amount"',
    );
  });

  it("drops DuckDB's suggestion of its own catalog tables", () => {
    expect(at('SELECT * FROM nosuch').summary).toBe('Catalog Error: Table with name nosuch does not exist!');
  });
});

describe('normalizeDuckdbError', () => {
  it('reads the JSON form of the pending-query path, with its offset', () => {
    // As DuckDB-Wasm 1.32 reported `SELEC 1` through conn.send().
    const json =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"SELEC\\"\\n\\nLINE 1: SELEC 1\\n        ^","error_subtype":"SYNTAX_ERROR","position":"0"}';
    const { text, offset } = normalizeDuckdbError(json);
    expect(duckdbErrorSummary(text)).toBe('Parser Error: syntax error at or near "SELEC"');
    expect(offset).toBe(0);
    expect(duckdbErrorPosition(text, 'SELEC 1')).toEqual({ line: 1, column: 1 });
  });

  it("turns a read's JSON payload into one line that names the type", () => {
    // As DuckDB-Wasm 1.32 (its Node build) reported `SELECT '12:00'::TIME_NS` read as Arrow.
    const raw = new Error('{"exception_type":"Not implemented","exception_message":"Unsupported Arrow type TIME_NS"}');
    const e = duckdbReadError(raw);
    expect(e.message).toBe('Not implemented Error: Unsupported Arrow type TIME_NS');
    expect(e.code).toBe('sql');
    expect(e.cause).toBe(raw);
    // Its LINE context is dropped too; an error that is already the notebook's passes through.
    const parser =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"x\\"\\n\\nLINE 1: x\\n        ^","position":"0"}';
    expect(duckdbReadError(parser).message).toBe('Parser Error: syntax error at or near "x"');
    const crashed = new NotebookError({ code: 'engine-crashed', message: 'gone' });
    expect(duckdbReadError(crashed)).toBe(crashed);
  });

  it('leaves plain messages alone', () => {
    expect(normalizeDuckdbError('Binder Error: x')).toEqual({ text: 'Binder Error: x', offset: null });
    expect(normalizeDuckdbError('{not json').text).toBe('{not json');
  });
});

describe('DuckDB advice for a native install', () => {
  const load = JSON.parse(readFileSync(new URL('./golden/duckdb-load-errors.json', import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
  const oom = load['out of memory: a 400 MB CSV with memory_limit 256MB'] ?? '';
  const ceiling = load['out of memory at the tab ceiling: 2.3 MB with no line break, 180,000 fields'] ?? '';

  it('is stripped from every message: no temp_directory, no SET advice, no tuning link', () => {
    for (const m of [oom, ceiling]) {
      const stripped = stripNativeAdvice(m);
      expect(stripped).not.toMatch(/temp_directory|in-memory mode|Possible solutions|SET threads|how_to_tune/);
      expect(stripped).toMatch(/^Out of Memory Error: /);
    }
  });

  it('leaves other advice alone', () => {
    const ragged = load['field count: a short row near the end'] ?? '';
    expect(stripNativeAdvice(ragged)).toContain('null_padding=true');
  });

  it('says a query’s out of memory in the browser’s words', () => {
    const summary = duckdbErrorSummary(ceiling);
    expect(summary).toBe(
      "Out of memory: DuckDB's memory in this tab is full (3.1 GiB of its 3.1 GiB limit in use). Drop tables or results you no longer need, or close other tabs. Tables kept on disk (Notebook → Keep DuckDB tables between visits) are paged out as needed, but a query’s own working memory (a GROUP BY over many keys, a large sort or join) must fit in DuckDB’s limit: DuckDB cannot spill it to disk in the browser.",
    );
    expect(duckdbErrorSummary('Out of Memory Error: Allocation failure')).toMatch(
      /^Out of memory: DuckDB's memory in this tab is full\. /,
    );
  });

  it('says a file that went away or changed under a query', () => {
    expect(duckdbErrorSummary(load['file deleted on disk after it was registered'] ?? '')).toMatch(
      /^A file this query reads is no longer there: it was deleted, moved or renamed/,
    );
    expect(duckdbErrorSummary(load['file overwritten on disk after it was registered'] ?? '')).toMatch(
      /^A file this query reads changed on disk/,
    );
  });

  it('cuts a quoted line of megabytes', () => {
    const long = `Invalid Input Error: CSV Error on Line: 1\nOriginal Line: ${'x'.repeat(5000)}\nMaximum line size of 2000000 bytes exceeded.`;
    const summary = duckdbErrorSummary(long);
    expect(summary.length).toBeLessThan(500);
    expect(summary).toContain('(5,015 characters)');
    expect(summary).toContain('Maximum line size of 2000000 bytes exceeded.');
  });
});
