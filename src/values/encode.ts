/**
 * Result chunks as CSV, TSV, JSON and NDJSON text, value by value from the
 * Arrow columns. Numbers keep every digit (64-bit integers and decimals are
 * written from their exact text); dates use the grid's ISO-style text.
 */
import { DataType, type Field, type Table } from 'apache-arrow';
import { formatValue, nestedJson } from './format';
import { DUCKDB_TYPE, isNumberType } from '../engines/duckdb-types';
import { readCell } from './read-cell';
import { duckdbBlob, duckdbFloat } from './format-number';

export type TextFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

/** A value as plain text, without display touches (no thousands separators, no cutting); null for NULL. */
export function plainText(value: unknown, field: Field): string | null {
  if (value === null || value === undefined) return null;
  // The common cases first, without building the grid's display text: this runs for every value.
  if ((typeof value === 'number' || typeof value === 'bigint') && DataType.isInt(field.type)) return String(value);
  if (typeof value === 'number' && DataType.isFloat(field.type))
    return duckdbFloat(value, (field.type as unknown as { precision: number }).precision < 2);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Uint8Array && !DataType.isInterval(field.type)) return duckdbBlob(value);
  if (typeof value === 'string' && !DataType.isDecimal(field.type)) return value;
  const f = formatValue(value, field);
  if (f.full !== undefined) return f.full;
  return f.numeric ? f.text.replace(/,/g, '') : f.text;
}

function delimited(v: string | null, sep: string): string {
  if (v === null) return '';
  return v.includes(sep) || /["\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A JSON token: exact digits for integers and decimals, null for NaN and infinities (JSON has neither). */
export function jsonToken(value: unknown, field: Field): string {
  if (value === null || value === undefined) return 'null';
  const t: DataType = field.type as DataType;
  // A number DuckDB sent as its text (UHUGEINT) is still a number, with every digit.
  const duckdbType = field.metadata.get(DUCKDB_TYPE);
  if (typeof value === 'string' && duckdbType !== undefined && isNumberType(duckdbType)) return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && (DataType.isFloat(t) || DataType.isInt(t)))
    return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint' && DataType.isInt(t)) return value.toString();
  if (DataType.isDecimal(t)) return plainText(value, field) ?? 'null';
  if (DataType.isList(t) || DataType.isFixedSizeList(t) || DataType.isStruct(t) || DataType.isMap(t))
    return nestedJson(value, t);
  return JSON.stringify(plainText(value, field));
}

export function header(fields: readonly Field[], format: TextFormat): string {
  if (format === 'csv') return `${fields.map((f) => delimited(f.name, ',')).join(',')}\n`;
  if (format === 'tsv') return `${fields.map((f) => delimited(f.name, '\t')).join('\t')}\n`;
  return format === 'json' ? '[\n' : '';
}

export function footer(format: TextFormat, rowsWritten: number): string {
  if (format !== 'json') return '';
  return rowsWritten > 0 ? '\n]\n' : ']\n';
}

/** One chunk as text; `first` tells JSON whether a separating comma is needed. */
export function encodeChunk(t: Table, fields: readonly Field[], format: TextFormat, first: boolean): string {
  const cols = fields.map((_, i) => t.getChildAt(i));
  const pageFields = t.schema.fields;
  const lines: string[] = [];
  for (let r = 0; r < t.numRows; r++) {
    const values = cols.map((col) => readCell(col, r));
    if (format === 'csv' || format === 'tsv') {
      const sep = format === 'csv' ? ',' : '\t';
      lines.push(values.map((v, c) => delimited(plainText(v, pageFields[c] ?? (fields[c] as Field)), sep)).join(sep));
    } else {
      const obj = values
        .map(
          (v, c) => `${JSON.stringify(fields[c]?.name ?? '')}:${jsonToken(v, pageFields[c] ?? (fields[c] as Field))}`,
        )
        .join(',');
      lines.push(`{${obj}}`);
    }
  }
  if (lines.length === 0) return '';
  if (format === 'json') return `${first ? '' : ',\n'}${lines.join(',\n')}`;
  return `${lines.join('\n')}\n`;
}
