/**
 * DuckDB's type names (as DESCRIBE writes them) and what crosses to the page for each. Arrow, as
 * DuckDB-Wasm writes it, loses some types on the way: UHUGEINT and BIT arrive as bytes, TIMETZ
 * without its offset, TIME_NS not at all ("Unsupported Arrow type"), and nested values lose
 * DuckDB's own text (decimal points, map order). Those columns are cast to VARCHAR in the SQL
 * that reads a result, so the page shows DuckDB's own text; the stored result keeps its type,
 * and sorting and filtering run on the stored column.
 */
import { DataType, Field, RecordBatch, Schema, Table } from 'apache-arrow';
import type { ColumnKind } from './view-filter';

/** The Arrow field metadata key that carries a column's DuckDB type name to the page. */
export const DUCKDB_TYPE = 'duckdb.type';

/** A parsed DuckDB type: its base name (upper case, `LIST` and `ARRAY` for `[]` and `[n]`) and its members. */
export interface DuckType {
  readonly base: string;
  readonly children: readonly DuckType[];
  /** The member names of a STRUCT or UNION, in order (as written, unquoted). */
  readonly names?: readonly string[];
}

/**
 * Who reads the column: the grid and CSV/TSV (`show`: DuckDB's text), JSON (`json`: nested
 * values stay structured where every leaf crosses exactly), Arrow and Parquet (`typed`: the type
 * is kept, and only what cannot cross at all is cast).
 */
export type WireUse = 'show' | 'json' | 'typed';

/** Numbers, text and UUIDs: Arrow carries them faithfully, at the top level and nested. */
const PLAIN_SCALARS = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'FLOAT',
  'DOUBLE',
  'DECIMAL',
  'VARCHAR',
  'UUID',
  'NULL',
];
/** Scalars Arrow carries faithfully and values/format.ts prints as DuckDB does (±infinity included). */
const SHOWN_NATIVELY = new Set([
  ...PLAIN_SCALARS,
  'BLOB',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
  'INTERVAL',
]);
const NESTED = new Set(['LIST', 'ARRAY', 'STRUCT', 'MAP']);
/**
 * Types an Arrow or Parquet export writes as DuckDB's text: Arrow cannot carry them as DuckDB
 * means them (TIME_NS not at all, UHUGEINT and BIT as opaque bytes, TIMETZ without its offset).
 */
const WIDENED_IN_TYPED = new Set(['TIME_NS', 'UHUGEINT', 'BIT', 'TIME WITH TIME ZONE']);
/** Leaves a JSON export writes exactly from Arrow's nested values (values/json-value.ts). */
const JSON_LEAVES = new Set(PLAIN_SCALARS);
const NUMBERS = new Set([...JSON_LEAVES].filter((t) => /INT|FLOAT|DOUBLE|DECIMAL/.test(t)).concat(['UHUGEINT']));
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|INTERVAL)/;

type Token = { readonly kind: 'word' | 'quoted' | 'punct'; readonly text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s+|("(?:[^"]|"")*")|('(?:[^']|'')*')|([A-Za-z0-9_.]+)|(.)/gy;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
    if (m[1]) out.push({ kind: 'quoted', text: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[2]) out.push({ kind: 'quoted', text: m[2] });
    else if (m[3]) out.push({ kind: 'word', text: m[3] });
    else if (m[4]) out.push({ kind: 'punct', text: m[4] });
  }
  return out;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === text;
  }

  private skipBalanced(): void {
    let depth = 0;
    do {
      const t = this.tokens[this.at++];
      if (!t) return;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
    } while (depth > 0);
  }

  /** Members of STRUCT(name T, …) or UNION(name T, …), or the two types of MAP(K, V). */
  private members(named: boolean, names: string[] = []): DuckType[] {
    const out: DuckType[] = [];
    this.at++; // (
    while (this.peek() && !this.isPunct(')')) {
      if (named) names.push(this.tokens[this.at++]?.text ?? '');
      out.push(this.type());
      if (this.isPunct(',')) this.at++;
    }
    this.at++; // )
    return out;
  }

  type(): DuckType {
    const words: string[] = [];
    for (let t = this.peek(); t && t.kind !== 'punct'; t = this.peek()) {
      words.push(t.text.toUpperCase());
      this.at++;
    }
    let node: DuckType = { base: words.join(' '), children: [] };
    if (this.isPunct('(')) {
      const base = node.base;
      if (base === 'STRUCT' || base === 'UNION') {
        const names: string[] = [];
        node = { base, children: this.members(true, names), names };
      } else if (base === 'MAP') node = { base, children: this.members(false) };
      else this.skipBalanced();
    }
    while (this.isPunct('[')) {
      this.at++;
      const sized = this.peek()?.kind === 'word';
      while (this.peek() && !this.isPunct(']')) this.at++;
      this.at++;
      node = { base: sized ? 'ARRAY' : 'LIST', children: [node] };
    }
    return node;
  }
}

/** DuckDB's type text (`DECIMAL(38,3)[]`, `STRUCT(a INTEGER, "b c" MAP(VARCHAR, UHUGEINT))`) as a tree. */
export function parseDuckdbType(text: string): DuckType {
  const t = new Parser(tokenize(text)).type();
  // DuckDB writes TIMETZ as TIME WITH TIME ZONE; the short names are the same types.
  const alias: Record<string, string> = { TIMETZ: 'TIME WITH TIME ZONE', TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE' };
  return alias[t.base] ? { ...t, base: alias[t.base] as string } : t;
}

function some(t: DuckType, test: (t: DuckType) => boolean): boolean {
  return test(t) || t.children.some((c) => some(c, test));
}

function every(t: DuckType, test: (t: DuckType) => boolean): boolean {
  return t.children.length === 0 ? test(t) : t.children.every((c) => every(c, test));
}

/** Whether a column of this DuckDB type is read as VARCHAR (DuckDB's own text) for `use`. */
export function castsToText(typeText: string, use: WireUse): boolean {
  const t = parseDuckdbType(typeText);
  if (use === 'typed') return some(t, (n) => WIDENED_IN_TYPED.has(n.base));
  if (NESTED.has(t.base)) return use === 'show' || !every(t, (n) => JSON_LEAVES.has(n.base));
  return !SHOWN_NATIVELY.has(t.base);
}

/** The columns a typed (Arrow, Parquet) export writes as text, as `name (TYPE)`: the user is told. */
export function widenedInTyped(columns: readonly { readonly name: string; readonly type: string }[]): string[] {
  return columns.filter((c) => castsToText(c.type, 'typed')).map((c) => `${c.name} (${c.type})`);
}

/** How sorting and filtering treat a column cast to text, from its DuckDB type (the stored column is what they run on). */
export function duckdbKind(typeText: string): ColumnKind {
  const { base } = parseDuckdbType(typeText);
  if (NUMBERS.has(base) || base === 'BIGNUM' || base === 'VARINT') return 'number';
  if (TEMPORAL.test(base)) return 'temporal';
  if (NESTED.has(base) || base === 'UNION') return 'nested';
  if (base === 'VARCHAR' || base === 'ENUM' || base === 'UUID') return 'text';
  if (base === 'BOOLEAN') return 'boolean';
  if (base === 'BLOB') return 'binary';
  return 'other';
}

/** Whether a column cast to text holds a number (right-aligned, grouped digits in the grid). */
export function isNumberType(typeText: string): boolean {
  return duckdbKind(typeText) === 'number';
}

/** The table with each field stamped with its DuckDB type (undefined leaves a field as it is). */
export function withDuckdbTypes(table: Table, types: readonly (string | undefined)[]): Table {
  if (!types.some((t) => t !== undefined)) return table;
  const fields = table.schema.fields.map((f, i) => {
    const t = types[i];
    return t === undefined ? f : new Field(f.name, f.type, f.nullable, new Map([...f.metadata, [DUCKDB_TYPE, t]]));
  });
  const schema = new Schema(fields, table.schema.metadata);
  return new Table(
    schema,
    table.batches.map((b) => new RecordBatch(schema, b.data)),
  );
}

/**
 * Whether every column of a result read as it is arrived as DuckDB meant it, so no DESCRIBE is
 * needed: numbers, decimals, text, booleans, dates, timestamps, intervals. A time may be a TIMETZ
 * (its offset dropped), bytes may be a BIT or a UHUGEINT, and nested, dictionary (ENUM) and union
 * columns need DuckDB's text: those results are described and read again.
 */
export function arrivesExact(table: Table): boolean {
  return table.schema.fields.every((f) => {
    const t = f.type as DataType;
    return (
      DataType.isInt(t) ||
      DataType.isFloat(t) ||
      DataType.isDecimal(t) ||
      DataType.isUtf8(t) ||
      DataType.isLargeUtf8(t) ||
      DataType.isBool(t) ||
      DataType.isDate(t) ||
      DataType.isTimestamp(t) ||
      DataType.isInterval(t) ||
      DataType.isDuration(t) ||
      DataType.isNull(t)
    );
  });
}
