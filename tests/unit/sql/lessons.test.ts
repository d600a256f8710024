/**
 * Errors that teach (issue 13): each beginner's mistake run in the real engines (DuckDB-Wasm's
 * Node build and sql.js), so the lessons are matched against the messages the engines give.
 */
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { duckdbErrorSummary } from '../../../src/engines/duckdb-errors';
import { distance, errorLesson, nearest, resultLessons, type KnownTable } from '../../../src/sql/lessons';
import { wasmDuckdb, type WasmDuckdb } from '../values/wasm-duckdb';

const SETUP =
  "CREATE TABLE trips (id INTEGER, city VARCHAR, name VARCHAR, fare DOUBLE); CREATE TABLE cities (id INTEGER, city VARCHAR); INSERT INTO trips VALUES (1, 'Paris', 'a', 2.5);";
const TABLES: KnownTable[] = [
  { name: 'trips', columns: ['id', 'city', 'name', 'fare'] },
  { name: 'cities', columns: ['id', 'city'] },
];

let duck: WasmDuckdb;
let lite: Database;
beforeAll(async () => {
  const [d, SQL] = await Promise.all([wasmDuckdb(), initSqlJs()]);
  duck = d;
  for (const statement of SETUP.split(';').filter((s) => s.trim())) duck.query(statement);
  lite = new SQL.Database();
  lite.run(SETUP);
}, 60_000);

/** The engine's message for `sql` (as the cell shows it), or null when it runs. */
function failure(engine: 'duckdb' | 'sqlite', sql: string): string | null {
  try {
    if (engine === 'duckdb') duck.query(sql);
    else lite.exec(sql);
    return null;
  } catch (err) {
    const message = (err as Error).message;
    return engine === 'duckdb' ? duckdbErrorSummary(message) : message;
  }
}

function lesson(engine: 'duckdb' | 'sqlite', sql: string): string | undefined {
  const message = failure(engine, sql);
  if (message === null) throw new Error(`${engine} ran ${sql}`);
  return errorLesson(engine, sql, message, TABLES);
}

describe('errors that teach', () => {
  it('a column missing from GROUP BY (DuckDB; SQLite accepts it)', () => {
    expect(lesson('duckdb', 'SELECT city, name, count(*) FROM trips GROUP BY city')).toBe(
      'Each result row stands for one group, so name must be listed in GROUP BY, or summarised inside an aggregate such as max(name) or count(name).',
    );
    expect(lesson('duckdb', 'SELECT city, count(*) FROM trips')).toBe(
      'An aggregate such as count(*) makes one row of the whole table, so city has no single value there: add GROUP BY city to get one row per city.',
    );
    expect(failure('sqlite', 'SELECT city, count(*) FROM trips')).toBeNull();
    // SQLite runs it, taking name from one row of each group: a note says so.
    const bare = 'SELECT city, name, count(*) FROM trips GROUP BY city';
    expect(failure('sqlite', bare)).toBeNull();
    expect(resultLessons('sqlite', bare, TABLES)).toEqual([
      'name is neither in GROUP BY nor inside an aggregate: SQLite takes it from one row of each group, whichever it meets (DuckDB refuses this). List it in GROUP BY, or write max(name) or count(name).',
    ]);
    expect(resultLessons('sqlite', 'SELECT t.city AS c, count(*) FROM trips t', TABLES)).toEqual([
      expect.stringMatching(/^city is neither in GROUP BY/),
    ]);
    // Grouped by name, by position or by alias, or aggregated: nothing to say.
    for (const fine of [
      'SELECT city, count(*) FROM trips GROUP BY city',
      'SELECT city, name, count(*) FROM trips GROUP BY 1, 2',
      'SELECT city AS c, max(name) FROM trips GROUP BY c',
      'SELECT city, name FROM trips',
      'SELECT count(*), sum(fare) FROM trips',
      'SELECT city, (SELECT count(*) FROM cities) AS n FROM trips',
    ])
      expect(resultLessons('sqlite', fine, TABLES), fine).toEqual([]);
  });

  it('an ambiguous column, in both engines', () => {
    const sql = 'SELECT id FROM trips JOIN cities ON trips.city = cities.city';
    expect(lesson('duckdb', sql)).toBe(
      'More than one table in FROM has a column id: say which one you mean, as in trips.id.',
    );
    expect(lesson('sqlite', sql)).toBe(
      'More than one table in FROM has a column id: say which one you mean, as in trips.id or cities.id.',
    );
  });

  it('a misspelt table or column, with the nearest name, in both engines', () => {
    for (const engine of ['duckdb', 'sqlite'] as const) {
      expect(lesson(engine, 'SELECT * FROM trps')).toMatch(/^There is no table trps( here)?: did you mean trips\?/);
      expect(lesson(engine, 'SELECT nme FROM trips')).toBe(
        'No table in FROM has a column nme: did you mean name? Check the spelling.',
      );
      expect(lesson(engine, "SELECT count(*) FROM trips WHERE nme = 'a'")).toMatch(/did you mean name\?/);
      expect(lesson(engine, 'SELECT trips.nme FROM trips')).toMatch(/did you mean (trips\.)?name\?/);
    }
    // Nothing near: no guess.
    expect(lesson('sqlite', 'SELECT * FROM zzzzzz')).toBeUndefined();
  });

  it('a string in double quotes: an error in DuckDB, a note in SQLite where it happens to work', () => {
    const sql = 'SELECT * FROM trips WHERE city = "Paris"';
    expect(lesson('duckdb', sql)).toBe(
      `"Paris" in double quotes names a column; a text value goes in single quotes: 'Paris'.`,
    );
    expect(failure('sqlite', sql)).toBeNull();
    expect(resultLessons('sqlite', sql, TABLES)).toEqual([
      `"Paris" worked as text only because no column is named Paris; text goes in single quotes: 'Paris' (DuckDB refuses the double quotes).`,
    ]);
    // A real column in double quotes is no mistake.
    expect(resultLessons('sqlite', 'SELECT * FROM trips WHERE name = "city"', TABLES)).toEqual([]);
  });

  it('a missing FROM, in both engines', () => {
    for (const engine of ['duckdb', 'sqlite'] as const)
      expect(lesson(engine, 'SELECT name WHERE fare > 1')).toMatch(
        /^A SELECT finds its columns in the tables named after FROM, and this one has no FROM: add FROM trips \(it has a column (name|fare)\)\.$/,
      );
  });

  it('= NULL runs in both engines and matches nothing, so a note says why', () => {
    const sql = 'SELECT * FROM trips WHERE city = NULL OR NULL <> fare';
    expect(failure('duckdb', sql)).toBeNull();
    expect(failure('sqlite', sql)).toBeNull();
    for (const engine of ['duckdb', 'sqlite'] as const)
      expect(resultLessons(engine, sql, TABLES)).toEqual([
        'city = NULL is true for no row, since NULL means "unknown": to find missing values, write city IS NULL.',
        'fare <> NULL is true for no row, since NULL means "unknown": to find missing values, write fare IS NOT NULL.',
      ]);
    // Setting a value to NULL, a NULL inside a string, and IS NULL are fine.
    expect(
      resultLessons('duckdb', "UPDATE trips SET city = NULL WHERE name = '= NULL' AND fare IS NULL", TABLES),
    ).toEqual([]);
  });

  it('says nothing for other errors', () => {
    expect(errorLesson('duckdb', 'SELEC 1', duckdbErrorSummary(String(failure('duckdb', 'SELEC 1'))), TABLES)).toBe(
      undefined,
    );
  });

  it('finds near names only', () => {
    expect(distance('trps', 'trips')).toBe(1);
    expect(nearest('nme', ['fare', 'name'])).toBe('name');
    expect(nearest('total', ['fare', 'name'])).toBeUndefined();
  });
});
