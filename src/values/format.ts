/** Display formatting for Arrow values and types. Pure functions; the result grid renders their output. */
import { DataType, Type, type Field } from 'apache-arrow';
import { formatDays, formatDuration, formatTime, formatTimestamp, intervalFromWords } from './format-temporal';
import { DUCKDB_TYPE, isNumberType } from '../engines/duckdb-types';
import { duckdbBlob, duckdbFloat } from './format-number';

export const MAX_TEXT = 300;

export interface Formatted {
  readonly text: string;
  /** Right-aligned (numbers). */
  readonly numeric: boolean;
  readonly isNull: boolean;
  /** The full value when `text` was shortened. */
  readonly full?: string;
}

const NULL: Formatted = { text: 'NULL', numeric: false, isNull: true };

export function typeLabel(type: DataType): string {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int8:
    case Type.Int16:
    case Type.Int32:
    case Type.Int64:
    case Type.Uint8:
    case Type.Uint16:
    case Type.Uint32:
    case Type.Uint64: {
      const t = type as unknown as { bitWidth: number; isSigned: boolean };
      return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    }
    case Type.Float:
    case Type.Float16:
    case Type.Float32:
    case Type.Float64:
      return (type as unknown as { precision: number }).precision === 2 ? 'double' : 'float';
    case Type.Decimal: {
      const d = type as unknown as { precision: number; scale: number };
      return `decimal(${d.precision},${d.scale})`;
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'text';
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return 'blob';
    case Type.Bool:
      return 'boolean';
    case Type.Timestamp: {
      // A TIMESTAMPTZ: its values are shown in this zone (DuckDB's session zone; UTC here, as
      // DuckDB-Wasm has no ICU to hold another), and the header says which.
      const zone = (type as unknown as { timezone?: string | null }).timezone;
      return zone ? `timestamptz, ${zone}` : 'timestamp';
    }
    case Type.Null:
      return 'null';
    default:
      return String(type).toLowerCase().replace(/<.*$/, '');
  }
}

export function isNumericType(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

/** How a column is treated by sorting, filtering, profiling and charting. */
export function columnKind(type: DataType): 'number' | 'text' | 'temporal' | 'boolean' | 'nested' | 'binary' | 'other' {
  if (isNumericType(type)) return 'number';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isDictionary(type)) return 'text';
  if (
    DataType.isDate(type) ||
    DataType.isTimestamp(type) ||
    DataType.isTime(type) ||
    DataType.isInterval(type) ||
    DataType.isDuration(type)
  )
    return 'temporal';
  if (DataType.isBool(type)) return 'boolean';
  if (
    DataType.isList(type) ||
    DataType.isStruct(type) ||
    DataType.isMap(type) ||
    DataType.isFixedSizeList(type) ||
    DataType.isUnion(type)
  )
    return 'nested';
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) return 'binary';
  return 'other';
}

function shorten(text: string): Formatted {
  if (text.length <= MAX_TEXT) return { text, numeric: false, isNull: false };
  // The whole string is kept by reference (no copy); the grid decides how much of it to show.
  return { text: `${text.slice(0, MAX_TEXT)}…`, numeric: false, isNull: false, full: text };
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return duckdbBlob(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

/** Inserts the decimal point into an unscaled integer string. */
export function scaleDecimal(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const neg = unscaled.startsWith('-');
  const digits = (neg ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Thousands separators in the integer part of a plain decimal string; exact at any length. */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${(m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

const GROUPED = new Intl.NumberFormat('en-US');
/** A count or row number with thousands separators (one shared formatter: `toLocaleString` builds one per call). */
export const formatInt = (n: number): string => GROUPED.format(n);
const DOUBLE = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 12 });
const SINGLE = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 7 });

/**
 * A float at a sensible precision: 12 significant digits for doubles (so a sum
 * of cents reads 6,793.07, not 6793.069999999994) and 7 for floats; the exact
 * value, as DuckDB writes it (2.0, 1e+16), is kept in `full`.
 */
export function formatFloat(v: number, single = false): Formatted {
  if (!Number.isFinite(v)) return { text: duckdbFloat(v), numeric: true, isNull: false };
  const a = Math.abs(v);
  const digits = single ? 7 : 12;
  const text =
    a !== 0 && (a >= 1e15 || a < 1e-6)
      ? Number(v.toPrecision(digits)).toExponential()
      : (single ? SINGLE : DOUBLE).format(v);
  const exact = duckdbFloat(v, single);
  return { text, numeric: true, isNull: false, ...(text.replace(/,/g, '') !== exact ? { full: exact } : {}) };
}

function formatInteger(v: number | bigint): Formatted {
  return { text: GROUPED.format(v), numeric: true, isNull: false, full: v.toString() };
}

function typeField<T>(type: DataType, key: string): T {
  return (type as unknown as Record<string, T>)[key] as T;
}

/** Dates, times, timestamps, intervals and durations; null when the type is none of those. */
function formatTemporal(value: unknown, type: DataType): Formatted | null {
  const unit = typeField<number>(type, 'unit');
  let text: string | null = null;
  if (DataType.isDate(type)) {
    const ms = value instanceof Date ? value.getTime() : Number(value);
    text = unit === 0 ? formatDays(Math.round(ms / 86_400_000)) : formatTimestamp(ms, 1, null);
  } else if (DataType.isTimestamp(type)) {
    const v = value instanceof Date ? value.getTime() : (value as number | bigint);
    text = formatTimestamp(v, typeof v === 'number' ? 1 : unit, typeField<string | null>(type, 'timezone') ?? null);
  } else if (DataType.isTime(type)) {
    text = formatTime(value as number | bigint, unit);
  } else if (DataType.isInterval(type)) {
    text = typeof value === 'number' ? `${value} months` : intervalFromWords(value as ArrayLike<number>);
  } else if (DataType.isDuration(type)) {
    text = formatDuration(value as number | bigint, unit);
  }
  return text === null ? null : { text, numeric: false, isNull: false };
}

/**
 * One value as shown in the grid. Never throws: a value of a shape not
 * foreseen falls back to its JSON or string form.
 */
export function formatValue(value: unknown, field: Field): Formatted {
  if (value === null || value === undefined) return NULL;
  try {
    const duckdbType = field.metadata.get(DUCKDB_TYPE);
    // A number DuckDB sent as its text (UHUGEINT): every digit, grouped like the other numbers.
    if (typeof value === 'string' && duckdbType !== undefined && isNumberType(duckdbType))
      return { text: groupDigits(value), numeric: true, isNull: false, full: value };
    return formatKnown(value, field.type as DataType);
  } catch {
    return shorten(String(value));
  }
}

function formatKnown(value: unknown, type: DataType): Formatted {
  if (DataType.isDecimal(type)) {
    const exact = scaleDecimal(String(value), typeField<number>(type, 'scale'));
    return { text: groupDigits(exact), numeric: true, isNull: false, full: exact };
  }
  const temporal = formatTemporal(value, type);
  if (temporal) return temporal;
  if (typeof value === 'bigint') return formatInteger(value);
  if (typeof value === 'number') {
    if (DataType.isFloat(type)) return formatFloat(value, typeField<number>(type, 'precision') < 2);
    return Number.isInteger(value) ? formatInteger(value) : formatFloat(value);
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', numeric: false, isNull: false };
  if (typeof value === 'string') return shorten(value);
  if (value instanceof Date) return shorten(formatDays(Math.floor(value.getTime() / 86_400_000)));
  if (value instanceof Uint8Array) return shorten(duckdbBlob(value));
  if (isNested(type)) return shorten(nestedJson(value, type));
  return shorten(JSON.stringify(toPlain(value), jsonReplacer) ?? String(value));
}

function isNested(t: DataType): boolean {
  return DataType.isList(t) || DataType.isFixedSizeList(t) || DataType.isStruct(t) || DataType.isMap(t);
}

const childType = (t: DataType, i: number): DataType => (t.children[i]?.type ?? t) as DataType;

/** One value inside a nested one as a JSON token: numbers bare with every digit, NaN and infinities null. */
function jsonLeaf(v: unknown, t: DataType): string {
  if (v === null || v === undefined) return 'null';
  if (isNested(t)) return nestedJson(v, t);
  if (DataType.isDecimal(t)) return scaleDecimal(String(v), typeField<number>(t, 'scale'));
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && isNumericType(t)) return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  const f = formatKnown(v, t);
  return JSON.stringify(f.full ?? (f.numeric ? f.text.replace(/,/g, '') : f.text));
}

/**
 * A list, struct or map as JSON, walked with its Arrow child types, so decimals keep their point
 * and 64-bit integers their digits, as bare numbers; a map is an object in its entry order.
 * JSON exports write nested values with it, and the grid shows those DuckDB did not send as its
 * own text (engines/duckdb-types.ts) with it.
 */
export function nestedJson(value: unknown, t: DataType): string {
  if (DataType.isList(t) || DataType.isFixedSizeList(t))
    return `[${Array.from(value as Iterable<unknown>, (v) => jsonLeaf(v, childType(t, 0))).join(',')}]`;
  const pairs = Array.from(value as Iterable<[unknown, unknown]>);
  if (DataType.isMap(t)) {
    const entry = childType(t, 0);
    const key = (k: unknown) => {
      const leaf = jsonLeaf(k, childType(entry, 0));
      return leaf.startsWith('"') ? leaf : JSON.stringify(leaf);
    };
    return `{${pairs.map(([k, v]) => `${key(k)}:${jsonLeaf(v, childType(entry, 1))}`).join(',')}}`;
  }
  return `{${pairs.map(([k, v], i) => `${JSON.stringify(String(k))}:${jsonLeaf(v, childType(t, i))}`).join(',')}}`;
}

/** Arrow rows, vectors and maps have toJSON/toArray; fall back to the value itself. */
function toPlain(value: unknown): unknown {
  const v = value as { toJSON?: () => unknown; toArray?: () => unknown };
  if (typeof v.toJSON === 'function') return v.toJSON();
  if (typeof v.toArray === 'function') return Array.from(v.toArray() as Iterable<unknown>);
  return value;
}

export function formatElapsed(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatCount(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** A byte count for people: 1.5 MB, 230 kB (binary units), as load errors write it too. */
export { sizeText as formatBytes } from '../engines/load-errors';
