/** Display formatting for Arrow values and types. Pure functions; the result grid renders their output. */
import { DataType, Type, type Field } from 'apache-arrow';

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
    case Type.Null:
      return 'null';
    default:
      return String(type).toLowerCase().replace(/<.*$/, '');
  }
}

export function isNumericType(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

function shorten(text: string): Formatted {
  if (text.length <= MAX_TEXT) return { text, numeric: false, isNull: false };
  return { text: `${text.slice(0, MAX_TEXT)}…`, numeric: false, isNull: false, full: text.length > 100_000 ? `${text.slice(0, 100_000)}…` : text };
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return hex(v, 16);
  return v;
}

function hex(bytes: Uint8Array, max: number): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} bytes: ${shown}${bytes.length > max ? ' …' : ''}`;
}

/** Inserts the decimal point into an unscaled integer string. */
export function scaleDecimal(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const neg = unscaled.startsWith('-');
  const digits = (neg ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function formatDate(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const iso = d.toISOString();
  return withTime ? iso.replace('T', ' ').replace(/\.000Z$|Z$/, '') : iso.slice(0, 10);
}

export function formatValue(value: unknown, field: Field): Formatted {
  if (value === null || value === undefined) return NULL;
  const type = field.type;
  if (DataType.isDecimal(type)) return { text: scaleDecimal(String(value), (type as unknown as { scale: number }).scale), numeric: true, isNull: false };
  if (typeof value === 'bigint') return { text: value.toString(), numeric: true, isNull: false };
  if (typeof value === 'number') {
    if (DataType.isDate(type)) return shorten(formatDate(value, (type as unknown as { unit: number }).unit !== 0));
    if (DataType.isTimestamp(type)) return shorten(formatDate(value, true));
    return { text: Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15))), numeric: true, isNull: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', numeric: false, isNull: false };
  if (typeof value === 'string') return shorten(value);
  if (value instanceof Date) return shorten(formatDate(value.getTime(), !DataType.isDate(type)));
  if (value instanceof Uint8Array) return shorten(hex(value, 32));
  return shorten(JSON.stringify(toPlain(value), jsonReplacer) ?? String(value));
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
