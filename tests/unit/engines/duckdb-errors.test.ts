import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { duckdbErrorSummary, normalizeDuckdbError } from '../../../src/engines/duckdb-errors';
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

  it('leaves plain messages alone', () => {
    expect(normalizeDuckdbError('Binder Error: x')).toEqual({ text: 'Binder Error: x', offset: null });
    expect(normalizeDuckdbError('{not json').text).toBe('{not json');
  });
});
