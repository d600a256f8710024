/**
 * Comparing what the app showed and exported with the fidelity reference: a CSV split into its
 * fields as written (quotes kept), JSON objects with every number kept as its exact digits.
 */

/** The rows of a CSV text, each field exactly as written (quotes and all). */
export function csvFields(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = at;
    if (text[at] === '"') {
      end++;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      end++;
    } else while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
    row.push(text.slice(at, end));
    if (text[end] === ',') at = end + 1;
    else {
      rows.push(row);
      row = [];
      at = end + 1;
    }
  }
  return rows;
}

/** A number token in one canonical form: trailing zeros of a fraction dropped, exponents expanded by JS. */
function canonicalNumber(t: string): string {
  if (/[eE]/.test(t)) return `#${String(Number(t))}`;
  return `#${t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t}`;
}

/**
 * One JSON value parsed with every number as `#digits` (JSON.parse would round past 2^53).
 * DuckDB writes a DECIMAL as 1.5 where the app writes 1.50: both read as #1.5.
 */
export function exactJson(text: string): unknown {
  // DuckDB's COPY … TO json writes NaN and ±Infinity bare, which JSON has not: kept as #NaN.
  const tokens = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|-?(?:NaN|Infinity)/g;
  const number = (t: string) => (/[NI]/.test(t) ? `#${t}` : canonicalNumber(t));
  return JSON.parse(text.replace(tokens, (t) => (t.startsWith('"') ? t : JSON.stringify(number(t))))) as unknown;
}

/** The objects of a JSON array export (one per line, as the app writes it) or of NDJSON. */
export function jsonRows(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => l.startsWith('{'))
    .map((l) => exactJson(l) as Record<string, unknown>);
}
