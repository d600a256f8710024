/** Cell names: the table name other cells use for a cell's result. */
import type { CellId, Notebook } from './cells';

/** Words both dialects reserve; a cell named like one would need quoting everywhere it is used. */
const RESERVED = new Set(
  (
    'ALL ALTER AND ANY AS ASC BETWEEN BY CASE CAST CHECK COLLATE COLUMN CONSTRAINT CREATE CROSS CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP DEFAULT DELETE DESC DISTINCT DROP ELSE END EXCEPT EXISTS FALSE FETCH FOR ' +
    'FOREIGN FROM FULL GROUP HAVING IN INNER INSERT INTERSECT INTO IS JOIN LEFT LIKE LIMIT NATURAL NOT NULL ' +
    'OFFSET ON OR ORDER OUTER PRIMARY REFERENCES RIGHT SELECT SET TABLE THEN TO TRUE UNION UNIQUE UPDATE USING ' +
    'VALUES WHEN WHERE WINDOW WITH'
  ).split(' '),
);

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot name cell `id`, or null when it can. */
export function cellNameProblem(nb: Notebook, id: CellId | null, name: string): string | null {
  if (name === '') return 'A cell needs a name.';
  if (name.length > 63) return `"${name.slice(0, 20)}…" is too long: use at most 63 characters.`;
  if (!NAME_PATTERN.test(name))
    return `"${name}" is not a plain name: use letters, digits and _, starting with a letter or _.`;
  if (RESERVED.has(name.toUpperCase())) return `"${name}" is an SQL keyword: choose another name.`;
  const clash = Object.values(nb.cells).find((c) => c.id !== id && c.name.toLowerCase() === name.toLowerCase());
  if (clash) return `Another cell is already named "${clash.name}".`;
  return null;
}

/** The first free default name: cell1, cell2, … */
export function defaultCellName(nb: Notebook, prefix = 'cell'): string {
  const taken = new Set(Object.values(nb.cells).map((c) => c.name.toLowerCase()));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** A free name derived from `base` (for duplicates): base_2, base_3, … */
export function freeNameLike(nb: Notebook, base: string): string {
  const taken = new Set(Object.values(nb.cells).map((c) => c.name.toLowerCase()));
  const stem = base.replace(/_\d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}`.toLowerCase())) return `${stem}_${i}`;
}
