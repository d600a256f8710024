/**
 * Reading one value out of an Arrow column for display. Arrow JS 17's own
 * getter throws for timestamps past ±2^53 µs (DuckDB's limits) and drops the
 * nanoseconds of MONTH_DAY_NANO intervals, so those are read from the buffers.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';

function locate(vector: Vector<DataType>, row: number): { data: Data; index: number } | null {
  const chunks: readonly Data[] = vector.data;
  let index = row;
  for (const data of chunks) {
    if (index < data.length) return { data, index };
    index -= data.length;
  }
  return null;
}

/** The value at `row`, in the shape format.ts expects; null for NULL. */
export function readCell(vector: Vector | null | undefined, row: number): unknown {
  if (!vector || row < 0 || row >= vector.length) return null;
  const type = vector.type as DataType;
  if (!vector.isValid(row)) return null;
  if (DataType.isTimestamp(type) || (DataType.isInterval(type) && (type as unknown as { unit: number }).unit === 2)) {
    const at = locate(vector as Vector<DataType>, row);
    const values = at?.data.values as
      (ArrayLike<number | bigint> & { subarray?: (a: number, b: number) => unknown }) | undefined;
    if (at && values) {
      if (DataType.isTimestamp(type)) return values[at.index];
      return (values as Int32Array).subarray(at.index * 4, at.index * 4 + 4);
    }
  }
  try {
    return vector.get(row);
  } catch (err) {
    return `(unreadable: ${err instanceof Error ? err.message : String(err)})`;
  }
}
