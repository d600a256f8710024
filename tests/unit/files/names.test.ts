import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { tableNameForFile } from '../../../src/files/names';
import { quoteIdent, quoteString } from '../../../src/sql/quote';

/** True when the string holds a surrogate half without its partner (invalid UTF-16). */
const hasLoneSurrogate = (s: string): boolean =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('tableNameForFile', () => {
  it('drops the extension and lower-cases', () => {
    expect(tableNameForFile('Sales.CSV')).toBe('sales');
    expect(tableNameForFile('cities.parquet')).toBe('cities');
  });

  it('turns spaces, dots, dashes and other punctuation into single underscores', () => {
    expect(tableNameForFile('My Sales Data.csv')).toBe('my_sales_data');
    expect(tableNameForFile('sales.2024.q1.csv')).toBe('sales_2024_q1');
    expect(tableNameForFile('north-east -- region.csv')).toBe('north_east_region');
    expect(tableNameForFile('a (copy) [2].csv')).toBe('a_copy_2');
    expect(tableNameForFile('  padded  .csv')).toBe('padded');
    expect(tableNameForFile('already_snake_case.csv')).toBe('already_snake_case');
  });

  it('keeps unicode letters, in NFC form', () => {
    expect(tableNameForFile('Ventes été.csv')).toBe('ventes_été');
    expect(tableNameForFile('Cafe\u0301.csv')).toBe('caf\u00e9');
    expect(tableNameForFile('Übersicht.csv')).toBe('übersicht');
    expect(tableNameForFile('продажи.csv')).toBe('продажи');
    expect(tableNameForFile('売上データ.csv')).toBe('売上データ');
  });

  it('keeps the combining vowel signs that scripts like Devanagari and Thai need', () => {
    expect(tableNameForFile('हिन्दी.csv')).toBe('हिन्दी');
    expect(tableNameForFile('ข้อมูล.csv')).toBe('ข้อมูล');
    expect(tableNameForFile('İstanbul.csv')).toBe('i\u0307stanbul');
  });

  it('drops emoji, including their joiners and variation selectors', () => {
    expect(tableNameForFile('📊 sales.csv')).toBe('sales');
    expect(tableNameForFile('sales 🚀🚀.csv')).toBe('sales');
    expect(tableNameForFile('❤️ data.csv')).toBe('data');
    expect(tableNameForFile('team 👩‍💻 stats.csv')).toBe('team_stats');
    expect(tableNameForFile('👍🏽.csv')).toBe('file');
  });

  it('prefixes names that start with a digit', () => {
    expect(tableNameForFile('2024 sales.csv')).toBe('t_2024_sales');
    expect(tableNameForFile('123.csv')).toBe('t_123');
    expect(tableNameForFile('-7-.csv')).toBe('t_7');
  });

  it("falls back to 'file' for stems with nothing usable", () => {
    expect(tableNameForFile('---.csv')).toBe('file');
    expect(tableNameForFile('.csv.csv')).toBe('csv');
    expect(tableNameForFile('...')).toBe('file');
    expect(tableNameForFile('')).toBe('file');
    expect(tableNameForFile('🙂')).toBe('file');
  });

  it('treats a leading dot as part of a hidden name, not as an extension', () => {
    expect(tableNameForFile('.hidden')).toBe('hidden');
    expect(tableNameForFile('.csv')).toBe('csv');
  });

  it('still drops the extension of a hidden file', () => {
    expect(tableNameForFile('.hidden.csv')).toBe('hidden');
    expect(tableNameForFile('..sales.parquet')).toBe('sales');
  });

  it('ignores directories in POSIX and Windows paths', () => {
    expect(tableNameForFile('/home/me/data/sales.csv')).toBe('sales');
    expect(tableNameForFile('C:\\Users\\me\\My Data\\sales.csv')).toBe('sales');
    expect(tableNameForFile('dir.v2/readme')).toBe('readme');
    expect(tableNameForFile('dir/')).toBe('file');
  });

  it('bounds very long names to 63 characters without a trailing underscore', () => {
    const long = tableNameForFile(`${'a'.repeat(200)}.csv`);
    expect(long).toBe('a'.repeat(63));
    const cut = tableNameForFile(`${'b'.repeat(62)} tail.csv`);
    expect(cut).toBe('b'.repeat(62));
  });

  it('never cuts a letter outside the BMP in half', () => {
    // 𝒜 (U+1D49C) is a letter made of two UTF-16 code units.
    const name = tableNameForFile(`${'𝒜'.repeat(100)}.csv`);
    expect(hasLoneSurrogate(name)).toBe(false);
    expect([...name]).toHaveLength(63);
    expect(hasLoneSurrogate(tableNameForFile(`x${'𝒜'.repeat(100)}.csv`))).toBe(false);
  });

  it('adds _2, _3 … on collisions, case-insensitively', () => {
    expect(tableNameForFile('sales.csv', new Set(['sales']))).toBe('sales_2');
    expect(tableNameForFile('sales.csv', new Set(['SALES', 'Sales_2']))).toBe('sales_3');
    expect(tableNameForFile('Sales.tsv', new Set(['sales', 'sales_2', 'sales_3']))).toBe('sales_4');
    expect(tableNameForFile('sales.csv', new Set(['sales_2']))).toBe('sales');
    expect(tableNameForFile('.csv', new Set(['csv']))).toBe('csv_2');
    expect(tableNameForFile('???.csv', new Set(['file']))).toBe('file_2');
  });

  it('gives the same file dropped repeatedly a fresh name each time', () => {
    const taken = new Set<string>();
    const names = Array.from({ length: 4 }, () => {
      const name = tableNameForFile('data.csv', taken);
      taken.add(name);
      return name;
    });
    expect(names).toEqual(['data', 'data_2', 'data_3', 'data_4']);
  });

  it('keeps SQL keywords as names: quoting makes them safe', () => {
    expect(tableNameForFile('select.csv')).toBe('select');
    expect(tableNameForFile('Order.csv')).toBe('order');
    expect(tableNameForFile('table.parquet')).toBe('table');
  });
});

describe('quoteIdent / quoteString', () => {
  it('wraps in the right quotes and doubles embedded ones', () => {
    expect(quoteIdent('sales')).toBe('"sales"');
    expect(quoteIdent('say "hi"')).toBe('"say ""hi"""');
    expect(quoteIdent('"')).toBe('""""');
    expect(quoteIdent("it's")).toBe(`"it's"`);
    expect(quoteString("it's")).toBe("'it''s'");
    expect(quoteString("''")).toBe("''''''");
    expect(quoteString('say "hi"')).toBe(`'say "hi"'`);
    expect(quoteString('')).toBe("''");
  });

  it('round-trips awkward names through a real SQL engine', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    try {
      for (const file of ['select.csv', 'Order.csv', 'my "quoted" data.csv', 'ข้อมูล.csv', '2024 sales.csv']) {
        const table = tableNameForFile(file);
        const value = `from ${file}; it's "fine"`;
        db.run(`CREATE TABLE ${quoteIdent(table)} (${quoteIdent('select')} TEXT)`);
        db.run(`INSERT INTO ${quoteIdent(table)} VALUES (${quoteString(value)})`);
        const rows = db.exec(`SELECT ${quoteIdent('select')} FROM ${quoteIdent(table)}`);
        expect(rows[0]?.values).toEqual([[value]]);
      }
      // An identifier with embedded quotes survives exactly, too.
      db.run(`CREATE TABLE ${quoteIdent('we"ird')} (x)`);
      const names = db.exec(`SELECT name FROM sqlite_master WHERE name = ${quoteString('we"ird')}`);
      expect(names[0]?.values).toEqual([['we"ird']]);
    } finally {
      db.close();
    }
  });
});
