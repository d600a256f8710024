/**
 * Floats and blobs as DuckDB's CLI prints them (`x::VARCHAR`, and what `COPY … TO csv` writes):
 * the grid shows these on hover and the text exports write them.
 */

/** The shortest digits that read back as `v`: JS's own for a double, searched for a FLOAT (single). */
function shortest(v: number, single: boolean): string {
  if (!single) return v.toExponential();
  for (let p = 1; p < 9; p++) {
    const s = v.toExponential(p - 1);
    if (Math.fround(Number(s)) === v) return s;
  }
  return v.toExponential(8);
}

/**
 * A DOUBLE (or FLOAT, `single`) as DuckDB writes it: the shortest round-trip digits, an exponent
 * below 1e-4 and from 1e16 on (`1e+16`, `1.5e-07`), `.0` on whole numbers, `nan`, `inf`, `-inf`.
 */
export function duckdbFloat(v: number, single = false): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exp = '0'] = shortest(v, single).split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const fixed = String(Number(`${mantissa}e${e}`));
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** A blob as DuckDB prints one: printable ASCII as it is; quotes, the backslash and every other byte as \xAA. */
export function duckdbBlob(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const plain = b >= 0x20 && b <= 0x7e && b !== 0x5c && b !== 0x22 && b !== 0x27;
    out += plain ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
