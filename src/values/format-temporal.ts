/**
 * Dates, times, timestamps and intervals as text, exact over the engines' whole
 * ranges: DuckDB dates run to ±5.8 million years and timestamps to ±290,000,
 * far beyond what JavaScript's Date can hold, so the calendar is done here.
 */

const DAY_US = 86_400_000_000n;
/** Units per second for Arrow's TimeUnit: SECOND, MILLISECOND, MICROSECOND, NANOSECOND. */
const PER_SECOND = [1n, 1_000n, 1_000_000n, 1_000_000_000n] as const;

const pad = (n: number | bigint, width = 2): string => String(n).padStart(width, '0');

/** The proleptic Gregorian date of a day number (days since 1970-01-01), after Howard Hinnant's civil_from_days. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** DuckDB's ±infinity dates: the largest day numbers of an INT32, past the last real date. */
const DATE_INFINITY = 2_147_483_647;
/** DuckDB's ±infinity timestamps, in every unit: the largest values of an INT64. */
const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

/** As DuckDB prints it: year 0 and before are written as BC years (astronomical year 0 is 1 BC); ±infinity as words. */
export function formatDays(days: number): string {
  if (Math.abs(days) === DATE_INFINITY) return days > 0 ? 'infinity' : '-infinity';
  const { year, month, day } = civilFromDays(days);
  const bc = year <= 0;
  const y = bc ? 1 - year : year;
  return `${pad(y, 4)}-${pad(month)}-${pad(day)}${bc ? ' (BC)' : ''}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** A time of day in microseconds (and `nanos` beyond them) as HH:MM:SS, with the fraction when there is one. */
export function formatTimeOfDay(us: bigint, nanos = 0n): string {
  const secs = us / 1_000_000n;
  const frac = `${pad(us % 1_000_000n, 6)}${nanos === 0n ? '' : pad(nanos, 3)}`.replace(/0+$/, '');
  const base = `${pad(secs / 3600n)}:${pad((secs / 60n) % 60n)}:${pad(secs % 60n)}`;
  return frac === '' ? base : `${base}.${frac}`;
}

/** A raw value in `unit` (0–3) as microseconds, nanoseconds rounded down. */
export function toMicros(value: bigint | number, unit: number): bigint {
  const per = PER_SECOND[unit] ?? 1_000n;
  if (typeof value === 'number') {
    // Arrow's getter gives milliseconds, possibly with a fraction, for every unit.
    const whole = Math.floor(value);
    return BigInt(whole) * 1000n + BigInt(Math.round((value - whole) * 1000));
  }
  return per >= 1_000_000n ? floorDiv(value, per / 1_000_000n) : value * (1_000_000n / per);
}

export function formatTimestamp(value: bigint | number, unit: number, timezone: string | null): string {
  if (value === TIMESTAMP_INFINITY || value === -TIMESTAMP_INFINITY) return value > 0n ? 'infinity' : '-infinity';
  const us = toMicros(value, unit);
  // TIMESTAMP_NS keeps its nanoseconds, as DuckDB prints them.
  const nanos = unit === 3 && typeof value === 'bigint' ? value - us * 1000n : 0n;
  const days = floorDiv(us, DAY_US);
  const text = `${formatDays(Number(days))} ${formatTimeOfDay(us - days * DAY_US, nanos)}`;
  // Shown in UTC: the offline build has no ICU time zones to convert with.
  return timezone ? `${text}+00` : text;
}

export function formatTime(value: bigint | number, unit: number): string {
  // Time32 values arrive as numbers in their unit, Time64 as bigints.
  return formatTimeOfDay(toMicros(typeof value === 'number' ? BigInt(Math.round(value)) : value, unit));
}

const plural = (n: number | bigint, word: string): string =>
  `${n} ${word}${n === 1 || n === 1n || n === -1 || n === -1n ? '' : 's'}`;

/** DuckDB's interval text: "1 year 2 months 3 days 04:05:06.789". */
export function formatInterval(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  const m = months % 12;
  if (years) parts.push(plural(years, 'year'));
  if (m) parts.push(plural(m, 'month'));
  if (days) parts.push(plural(days, 'day'));
  if (micros !== 0n || parts.length === 0)
    parts.push(`${micros < 0n ? '-' : ''}${formatTimeOfDay(micros < 0n ? -micros : micros)}`);
  return parts.join(' ');
}

/** An Arrow MONTH_DAY_NANO interval from its four 32-bit words: months, days, nanoseconds (low, high). */
export function intervalFromWords(words: ArrayLike<number>): string {
  const lo = BigInt((words[2] ?? 0) >>> 0);
  const hi = BigInt(words[3] ?? 0);
  const nanos = (hi << 32n) + lo;
  return formatInterval(words[0] ?? 0, words[1] ?? 0, nanos / 1000n);
}

export function formatDuration(value: bigint | number, unit: number): string {
  const us = toMicros(typeof value === 'number' ? BigInt(Math.round(value)) : value, unit);
  const days = us / DAY_US;
  return formatInterval(0, Number(days), us - days * DAY_US);
}
