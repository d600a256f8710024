/**
 * Values moved from DuckDB to SQLite (issue 16): each DuckDB column, and the SQLite storage class
 * and text it must arrive as (`typeof(x)`, `CAST(x AS TEXT)`, `hex(x)` for a blob). Shared by the
 * unit test (DuckDB-Wasm's Node build and sql.js) and the e2e test (the built app).
 */
/** Each column: its DuckDB expression, and the SQLite storage class and text it must arrive as. */
export const MOVE_CASES: Record<string, [expr: string, type: string, text: string]> = {
  b: ['true', 'integer', '1'],
  i: ['(-9223372036854775808)::BIGINT', 'integer', '-9223372036854775808'],
  ub_fits: ['42::UBIGINT', 'integer', '42'],
  ub: ['18446744073709551615::UBIGINT', 'text', '18446744073709551615'],
  hu: ["'-170141183460469231731687303715884105728'::HUGEINT", 'text', '-170141183460469231731687303715884105728'],
  uh: ["'340282366920938463463374607431768211455'::UHUGEINT", 'text', '340282366920938463463374607431768211455'],
  d_narrow: ['1.10::DECIMAL(4,2)', 'real', '1.1'],
  d_wide_fits: ['12.345::DECIMAL(38,3)', 'real', '12.345'],
  d_wide: ['-12345678901234567890.123::DECIMAL(38,3)', 'text', '-12345678901234567890.123'],
  nan: ["'nan'::DOUBLE", 'null', ''],
  inf: ["'-inf'::DOUBLE", 'real', '-Inf'],
  ts: ["'2024-01-01 12:00:00.003003'::TIMESTAMP", 'text', '2024-01-01 12:00:00.003003'],
  ts_inf: ["'infinity'::TIMESTAMP", 'text', 'infinity'],
  ts_ns: ["'2024-01-01 12:00:00.123456789'::TIMESTAMP_NS", 'text', '2024-01-01 12:00:00.123456789'],
  ts_s: ["'2024-01-01 12:00:07'::TIMESTAMP_S", 'text', '2024-01-01 12:00:07'],
  tstz: ["'2024-01-01 12:00:00.003003+05'::TIMESTAMPTZ", 'text', '2024-01-01 07:00:00.003003+00:00'],
  d_ninf: ["'-infinity'::DATE", 'text', '-infinity'],
  day: ["'2024-02-29'::DATE", 'text', '2024-02-29'],
  t: ["'12:00:00.5'::TIME", 'text', '12:00:00.5'],
  t_ns: ["'12:00:00.123456789'::TIME_NS", 'text', '12:00:00.123456789'],
  ttz: ["'02:30:00-1200'::TIMETZ", 'text', '02:30:00-12:00'],
  ttz_half: ["'02:30:00+0530'::TIMETZ", 'text', '02:30:00+05:30'],
  iv_years: ["INTERVAL '1210 years 9 months'", 'text', 'P1210Y9M'],
  iv_time: ["INTERVAL '3 days 04:05:06.000007'", 'text', 'P3DT4H5M6.000007S'],
  iv_zero: ['INTERVAL 0 SECOND', 'text', 'PT0S'],
  iv_neg: ["-INTERVAL '1 day 10 seconds'", 'text', 'P-1DT-10S'],
  bits: ["~('1001010101111111000111'::BIT)", 'text', '0110101010000000111000'],
  uuid: ["'6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID", 'text', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
  enm: ["'b'::ENUM('a', 'b')", 'text', 'b'],
  uni: ['union_value(k := 1)', 'text', '1'],
  blob: ["'\\xAA\\x00z'::BLOB", 'blob', 'AA007A'],
  list_dec: [
    '[99999999999999999999999999999999999.9, 9.9999]',
    'text',
    '[99999999999999999999999999999999999.900,10.000]',
  ],
  list_nan: ["[1.5, 'nan'::DOUBLE, NULL, 1e20]", 'text', '[1.5,"nan",null,1e+20]'],
  list_big: ['[-100::BIGINT, 9999999999999999999::UBIGINT]', 'text', '[-100,9999999999999999999]'],
  list_empty: ['[]::INTEGER[]', 'text', '[]'],
  strct: [
    `{'k': 1.50::DECIMAL(5,2), 'b c': 'q"' || chr(10) || '\\', 'n': NULL::INTEGER, 'ok': false}`,
    'text',
    '{"k":1.50,"b c":"q\\"\\u000a\\\\","n":null,"ok":false}',
  ],
  map: ["map_concat(MAP([3, 1], ['x', 'y']), MAP([2], ['z']))", 'text', '{"3":"x","1":"y","2":"z"}'],
  arr: ['[1.5, 2.25]::DECIMAL(4,2)[2]', 'text', '[1.50,2.25]'],
  deep: [
    "[{'t': '2024-01-01 00:00:00.5'::TIMESTAMP, 'm': MAP(['é'], [[INTERVAL 1 DAY]])}]",
    'text',
    '[{"t":"2024-01-01 00:00:00.5","m":{"é":["1 day"]}}]',
  ],
  unicode: ["'naïve 🦆'", 'text', 'naïve 🦆'],
};

/** Columns whose type or form changes on the way, so the cell notes each once. */
export const MOVE_NOTED = [
  'ub',
  'hu',
  'uh',
  'd_wide',
  'nan',
  'tstz',
  'ttz',
  'ttz_half',
  'iv_years',
  'iv_time',
  'iv_zero',
  'iv_neg',
  'bits',
  'uni',
  'list_dec',
  'list_nan',
  'list_big',
  'list_empty',
  'strct',
  'map',
  'arr',
  'deep',
];

/** Columns that arrive value for value, so nothing is said about them. */
export const MOVE_SILENT = Object.keys(MOVE_CASES).filter((c) => !MOVE_NOTED.includes(c));
