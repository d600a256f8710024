/**
 * Hive partitions of a folder opened as one table (`year=2024/month=1/x.parquet` → year, month),
 * read from the paths and typed as DuckDB types them, so a Parquet folder (whose partition
 * columns we add ourselves) gets the same columns as a CSV folder (whose DuckDB reads them).
 * Pure: unit-tested against native DuckDB's `hive_partitioning` (tests/unit/engines/).
 */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import { FILES_DIR } from './duckdb-network';

/** The types DuckDB's `hive_types_autocast` tries, in its order; VARCHAR when none fits. */
export type HiveType = 'DATE' | 'TIMESTAMP' | 'BIGINT' | 'VARCHAR';

export interface FolderPartitions {
  /** Partition keys in DuckDB's order (sorted by key, as its std::map has them), with their types. */
  readonly columns: readonly { readonly name: string; readonly type: HiveType }[];
  /** Per file, in the order given: each key's raw value from its path. */
  readonly values: readonly ReadonlyMap<string, string>[];
}

/** The path inside the folder in clean segments: no empty, `.` or `..` parts, `\` read as `/`. */
export function folderSegments(path: string): string[] {
  return path.split(/[/\\]/).filter((s) => s !== '' && s !== '.' && s !== '..');
}

/** Where a file of a folder opened as `table` is registered: its path inside the folder, `key=value` directories kept. */
export function registeredFolderPath(table: string, path: string): string {
  return `${FILES_DIR}${table}/${folderSegments(path).join('/')}`;
}

/**
 * The `key=value` directories of a path inside the folder (the file name is not one). As in
 * DuckDB, a segment is a partition only with exactly one `=` and a key before it; keys are
 * kept as written, values raw (decoded by {@link hiveValueSql}).
 */
export function partitionsOf(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const segment of folderSegments(path).slice(0, -1)) {
    const parts = segment.split('=');
    if (parts.length === 2 && parts[0]) out.set(parts[0], parts[1] ?? '');
  }
  return out;
}

/** `NULL` in any case: DuckDB reads it as a NULL value and leaves it out of type detection. */
export function isHiveNull(raw: string): boolean {
  return raw.toLowerCase() === 'null';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isBigint(raw: string): boolean {
  const s = raw.trim();
  let n: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s) || /^0[bB][01]+$/.test(s)) n = BigInt(s);
  // A leading zero keeps the text (`month=01` stays '01'), unless it is the number 0 itself.
  else if (/^-?\d+$/.test(s) && !/^0\d/.test(s)) n = BigInt(s);
  else return false;
  return n >= INT64_MIN && n <= INT64_MAX;
}

const DATE_PART = String.raw`(\d{1,7})([- ])(\d{1,2})\2(\d{1,2})`;
const DATE = new RegExp(`^${DATE_PART}$`);
const TIMESTAMP = new RegExp(
  `^${DATE_PART}[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.\\d+)?)?(?:Z|[+-]\\d{1,2}(?::?\\d{2})?)?$`,
);

function validDate(m: RegExpExecArray): boolean {
  // Year 0 is a date to DuckDB too.
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days;
}

function isDate(raw: string): boolean {
  const s = raw.trim();
  if (/^(-?infinity|epoch)$/i.test(s)) return true;
  const m = DATE.exec(s);
  return m !== null && validDate(m);
}

function isTimestamp(raw: string): boolean {
  const m = TIMESTAMP.exec(raw.trim());
  if (!m || !validDate(m)) return false;
  const [h, min, sec] = [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
  return h < 24 && min < 60 && sec < 60;
}

/** The type DuckDB gives one raw partition value: the first of DATE, TIMESTAMP, BIGINT it casts to strictly. */
export function hiveType(raw: string): HiveType {
  if (isDate(raw)) return 'DATE';
  if (isTimestamp(raw)) return 'TIMESTAMP';
  if (isBigint(raw)) return 'BIGINT';
  return 'VARCHAR';
}

/**
 * The partitions of a folder's files, at `paths` inside it. Every file must have the same keys
 * (DuckDB refuses a mismatch too); a key whose files disagree on a type is VARCHAR, and NULLs
 * take no part in that. Throws a NotebookError naming the folder and two files that disagree.
 */
export function folderPartitions(folder: string, paths: readonly string[]): FolderPartitions {
  const values = paths.map(partitionsOf);
  const first = values[0] ?? new Map<string, string>();
  const keys = [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  values.forEach((v, i) => {
    if (v.size === first.size && [...v.keys()].every((k) => first.has(k))) return;
    const list = (m: ReadonlyMap<string, string>) => [...m.keys()].join(', ') || 'none';
    throw new NotebookError({
      code: 'file',
      file: folder,
      message: `${folder}: its files are partitioned differently: ${paths[0]} by ${list(first)}, ${paths[i]} by ${list(v)}.`,
      hint: 'A folder opens as one table when every file sits under the same key=value folders.',
    });
  });
  const columns = keys.map((name) => {
    const types = new Set(
      values
        .map((v) => v.get(name) ?? '')
        .filter((raw) => !isHiveNull(raw))
        .map(hiveType),
    );
    const type: HiveType = types.size === 1 ? ([...types][0] as HiveType) : 'VARCHAR';
    return { name, type };
  });
  return { columns, values };
}

/** `%2F` and friends decoded, as DuckDB does; a `%` that starts no escape stays as it is. */
export function decodeHiveValue(raw: string): string {
  return raw.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** One partition value as a SQL expression of its column's type (DuckDB itself parses it). */
export function hiveValueSql(raw: string | undefined, type: HiveType): string {
  if (raw === undefined || isHiveNull(raw)) return `CAST(NULL AS ${type})`;
  return `CAST(${quoteString(decodeHiveValue(raw))} AS ${type})`;
}

/** The select-list items that add one file's partition columns: `CAST('2024' AS BIGINT) AS "year", …`. */
export function partitionSelect(p: FolderPartitions, file: number): string[] {
  const values = p.values[file];
  return p.columns.map((c) => `${hiveValueSql(values?.get(c.name), c.type)} AS ${quoteIdent(c.name)}`);
}
