/**
 * The filter box under each column header: what the user types becomes a
 * ColumnFilter (saved with the notebook, run in the engine), and back.
 *   text       contains (text columns) or equals (others)
 *   =x != x    equals, not equals          > x >= x < x <= x   comparisons
 *   null       is NULL                     !null               is not NULL
 */
import type { ColumnFilter, FilterOp } from '../../notebook/view-settings';
import type { ColumnKind } from '../../engines/view-sql';

const PREFIXES: readonly [string, FilterOp][] = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'not-equals'],
  ['<>', 'not-equals'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'equals'],
];

export function parseFilter(text: string, column: string, kind: ColumnKind): ColumnFilter | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^(is\s+)?null$/i.test(t)) return { column, op: 'is-null', value: '' };
  if (/^(!|not\s+|is\s+not\s+)null$/i.test(t)) return { column, op: 'not-null', value: '' };
  for (const [prefix, op] of PREFIXES) {
    if (t.startsWith(prefix)) return { column, op, value: unquote(t.slice(prefix.length).trim()) };
  }
  return {
    column,
    op: kind === 'text' || kind === 'nested' || kind === 'other' ? 'contains' : 'equals',
    value: unquote(t),
  };
}

/** "=  'a b'" and '"x"' are the text inside the quotes, so a value can start with > or be "null". */
function unquote(v: string): string {
  const m = /^(['"])(.*)\1$/.exec(v);
  return m ? (m[2] ?? '') : v;
}

const SHOWN: Record<FilterOp, string> = {
  contains: '',
  equals: '=',
  'not-equals': '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  'is-null': 'null',
  'not-null': '!null',
};

/** The text that parses back to `f` for a column of `kind`. */
export function filterText(f: ColumnFilter, kind: ColumnKind): string {
  if (f.op === 'is-null' || f.op === 'not-null') return SHOWN[f.op];
  const needsQuotes = /^\s|\s$|^[<>=!]|^(!|not\s+|is\s+)?null$/i.test(f.value);
  const value = needsQuotes ? `"${f.value}"` : f.value;
  if (f.op === 'contains') return value;
  if (f.op === 'equals' && kind !== 'text') return value;
  return `${SHOWN[f.op]}${value}`;
}
