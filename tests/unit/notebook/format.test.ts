import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Notebook } from '../../../src/notebook/cells';
import { cellsInOrder } from '../../../src/notebook/operations';
import { NotebookError } from '../../../src/sql/errors';
import { notebookFileName, parseNotebook, serializeNotebook } from '../../../src/notebook/format';
import { everything } from './format-cases';

const FIXTURE = new URL('../../fixtures/notebooks/everything.sql', import.meta.url);
const golden = (): string => readFileSync(FIXTURE, 'utf8');

/** What a notebook is, without the cell ids (they are made afresh on every open). */
function shape(nb: Notebook) {
  return { title: nb.title, cells: cellsInOrder(nb).map(({ id: _id, ...rest }) => rest) };
}

function parseError(text: string): NotebookError {
  try {
    parseNotebook(text);
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
  throw new Error('expected the text to be refused');
}

describe('notebook file format', () => {
  test('writes the golden file for a notebook with every kind of cell', () => {
    expect(serializeNotebook(everything())).toBe(golden());
  });

  test('open → save gives the same bytes, and the same notebook', () => {
    const text = golden();
    const { notebook, layout } = parseNotebook(text);
    expect(serializeNotebook(notebook, layout)).toBe(text);
    expect(shape(notebook)).toEqual(shape(everything()));
  });

  test('CRLF files, files without a final newline and files with a BOM round-trip exactly', () => {
    const lf = golden();
    const variants = [
      lf.replace(/\n/g, '\r\n'),
      lf.slice(0, -1),
      `\uFEFF${lf}`,
      `\uFEFF${lf.replace(/\n/g, '\r\n').slice(0, -2)}`,
    ];
    for (const text of variants) {
      const { notebook, layout } = parseNotebook(text);
      expect(serializeNotebook(notebook, layout)).toBe(text);
      expect(shape(notebook)).toEqual(shape(everything()));
    }
  });

  test('a carriage return inside a cell of an LF file is kept', () => {
    const text = golden().replace("SELECT 'héllo", "SELECT '\r\nhéllo");
    const { notebook, layout } = parseNotebook(text);
    expect(layout.eol).toBe('\n');
    expect(serializeNotebook(notebook, layout)).toBe(text);
  });

  test('a hand edit of the SQL in a text editor is read', () => {
    const text = golden().replace('GROUP BY ALL;', 'GROUP BY ALL\nORDER BY total DESC;');
    const cells = cellsInOrder(parseNotebook(text).notebook);
    expect(cells[2]?.source).toMatch(/ORDER BY total DESC;$/);
    expect(cells[2]?.name).toBe('_Odd_Name_2');
  });

  test('the file is a valid SQL script: DuckDB parses every statement', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const statements = await conn.extractStatements(golden());
    // raw_sales, _Odd_Name_2, lite, semi_line, dollar: one statement each; comment-only cells add none.
    expect(statements.count).toBe(5);
    conn.closeSync();
  });

  test('an empty notebook round-trips', () => {
    const text = '-- %% sql-notebook 1\n-- %% title "Empty"\n\n-- %% end\n';
    const { notebook, layout } = parseNotebook(text);
    expect(notebook.order).toEqual([]);
    expect(serializeNotebook(notebook, layout)).toBe(text);
  });

  test('a title with a line or paragraph separator round-trips (JSON leaves U+2028 and U+2029 unescaped)', () => {
    // Found by the fuzzer (tests/unit/fuzz): the title line's pattern stopped at U+2028.
    for (const title of ['a\u2028b', 'a\u2029b']) {
      const text = serializeNotebook({ version: 1, title, order: [], cells: {} });
      expect(parseNotebook(text).notebook.title).toBe(title);
    }
  });
});

describe('bad notebook files are refused with a clear message', () => {
  test('a newer format version', () => {
    const e = parseError(golden().replace('sql-notebook 1', 'sql-notebook 3'));
    expect(e.code).toBe('file');
    expect(e.message).toMatch(/format version 3, newer than this app understands/);
    expect(e.hint).toMatch(/Reload the page to update/);
  });

  test('a notebook that asks for network access is version 2 and round-trips; one that does not stays version 1', () => {
    const asks = { ...everything(), network: { hosts: ['https://data.example.org'], extensions: ['parquet'] } };
    const text = serializeNotebook(asks);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '-- %% sql-notebook 2',
      expect.stringMatching(/^-- %% title /),
      '-- %% network {"hosts":["https://data.example.org"],"extensions":["parquet"]}',
    ]);
    const { notebook, layout } = parseNotebook(text);
    expect(notebook.network).toEqual(asks.network);
    expect(serializeNotebook(notebook, layout)).toBe(text);
    expect(serializeNotebook(everything())).toMatch(/^-- %% sql-notebook 1\n/);
  });

  test('an empty network request in a file reads as no request, as the writer writes it', () => {
    // Found by the fuzzer: the request was kept, so the notebook read back changed after one save.
    const text = '-- %% sql-notebook 2\n-- %% title "t"\n-- %% network {"hosts":[],"extensions":[]}\n\n-- %% end\n';
    const { notebook } = parseNotebook(text);
    expect(notebook.network).toBeUndefined();
    expect(parseNotebook(serializeNotebook(notebook)).notebook).toEqual({ ...notebook, order: [], cells: {} });
  });

  test('network settings that are not plain origins and extension names are refused, naming the problem', () => {
    const base = serializeNotebook({
      ...everything(),
      network: { hosts: ['https://data.example.org'], extensions: [] },
    });
    const cases: [string, RegExp][] = [
      ['{"hosts":["http://example.com"],"extensions":[]}', /hosts\[0\]: it is not a plain origin/],
      ['{"hosts":["https://example.com/x.csv"],"extensions":[]}', /hosts\[0\]: it is not a plain origin/],
      ['{"hosts":["https://*.example.com"],"extensions":[]}', /hosts\[0\]/],
      ['{"hosts":[],"extensions":["../../evil"]}', /extensions\[0\]: it is not an extension name/],
      ['{"hosts":[],"extensions":[],"allow":true}', /allow: it is not a setting this app knows/],
      ['[]', /not a JSON object/],
    ];
    for (const [json, message] of cases) {
      const bad = base.replace(/^-- %% network .*$/m, `-- %% network ${json}`);
      const e = parseError(bad);
      expect(e.message).toMatch(/^Line 3: the network settings are not valid/);
      expect(e.message).toMatch(message);
    }
    // A version 1 file cannot carry the line at all.
    expect(parseError(base.replace('sql-notebook 2', 'sql-notebook 1')).message).toMatch(
      /Line 3: expected an empty line/,
    );
  });

  test('a file that is not a notebook', () => {
    for (const text of ['SELECT 1;\n', '', 'PAR1\u0000\u0001', '{"version":1}']) {
      expect(parseError(text).message).toMatch(/not a notebook file/);
    }
  });

  test('a truncated file, cut anywhere', () => {
    const text = golden();
    for (const at of [25, 60, text.length / 2, text.length - 3]) {
      expect(parseError(text.slice(0, Math.floor(at))).message).toMatch(/cut short|Line \d+/);
    }
    expect(parseError(text.slice(0, text.indexOf('-- %% end'))).message).toMatch(/cut short/);
  });

  test('edited structure: a damaged cell line, a bad name, a duplicate name, bad view JSON, a missing blank line', () => {
    const text = golden();
    const cases: [string, RegExp][] = [
      [
        text.replace('-- %% sql name=lite engine=sqlite', '-- %% sql name=lite engine=postgres'),
        /Line 26: expected a cell line/,
      ],
      [text.replace('name=lite', 'name=9lives'), /not a plain cell name/],
      [text.replace('name=lite', 'name=RAW_SALES'), /two cells are named "RAW_SALES"/],
      [
        text.replace('-- %% view {"sort"', '-- %% view {sort'),
        /view settings of cell "\w+" are not valid: the settings are not a JSON object/,
      ],
      [
        text.replace('FROM raw_sales GROUP BY ALL;\n\n', 'FROM raw_sales GROUP BY ALL;\n'),
        /must end with an empty line/,
      ],
      [text.replace('-- Notes with', 'Notes with'), /Markdown cell line must be a comment/],
      [text.replace('-- %% title "Sales', '-- %% title Sales'), /Line 2: expected the title line/],
      [text.replace("read_csv('sales.csv')\n;", "read_csv('sales.csv')"), /its last line is not ";"/],
    ];
    for (const [bad, message] of cases) {
      const e = parseError(bad);
      expect(e.message).toMatch(message);
      expect(e.hint).toBeTruthy();
    }
  });
});

test('file names come from the title', () => {
  expect(notebookFileName('Sales: Q3/Q4 "final"')).toBe('Sales Q3 Q4 final.sql');
  expect(notebookFileName('  ')).toBe('notebook.sql');
});
