import { describe, expect, it } from 'vitest';
import type { CellId } from '../../../src/notebook/cells';
import { buildGraph, downstreamOf, topologicalOrder, upstreamOf, type GraphCell } from '../../../src/notebook/graph';

const id = (s: string) => s as CellId;
const cell = (name: string | null, source: string, cid = name ?? 'md'): GraphCell => ({
  id: id(cid),
  name,
  source,
  engine: 'duckdb',
});

describe('buildGraph', () => {
  const cells = [
    cell('raw', 'SELECT * FROM sales'),
    cell('monthly', 'SELECT month, sum(x) AS total FROM raw GROUP BY 1'),
    cell(null, '# Notes mention FROM raw', 'notes'),
    cell('top', 'SELECT * FROM Monthly ORDER BY total DESC LIMIT 3'),
    cell('both', 'SELECT * FROM top JOIN raw USING (month)'),
  ];
  const g = buildGraph(cells);

  it('links cells through the names they reference, case-insensitively', () => {
    expect(g.inputs.get(id('monthly'))).toEqual([id('raw')]);
    expect(g.inputs.get(id('top'))).toEqual([id('monthly')]);
    expect(g.inputs.get(id('both'))).toEqual([id('top'), id('raw')]);
    expect(g.dependents.get(id('raw'))).toEqual([id('monthly'), id('both')]);
  });

  it('ignores Markdown cells and keeps other table names apart', () => {
    expect(g.inputs.get(id('notes'))).toEqual([]);
    expect(g.otherRefs.get(id('raw'))).toEqual(['sales']);
  });

  it('orders upstream cells dependencies first', () => {
    expect(upstreamOf(g, id('both'))).toEqual([id('raw'), id('monthly'), id('top')]);
    expect(upstreamOf(g, id('raw'))).toEqual([]);
  });

  it('finds every downstream cell', () => {
    expect([...downstreamOf(g, id('monthly'))].sort()).toEqual([id('both'), id('top')]);
  });

  it('sorts cells topologically, keeping notebook order for ties', () => {
    const reversed = [id('both'), id('top'), id('monthly'), id('raw')];
    expect(topologicalOrder(g, reversed)).toEqual([id('raw'), id('monthly'), id('top'), id('both')]);
  });

  it('has no cycles here', () => expect(g.cyclic.size).toBe(0));
});

describe('cycles', () => {
  it('marks every cell of a cycle, and a cell that reads itself', () => {
    const g = buildGraph([
      cell('a', 'SELECT * FROM c'),
      cell('b', 'SELECT * FROM a'),
      cell('c', 'SELECT * FROM b'),
      cell('d', 'SELECT * FROM a'),
      cell('e', 'SELECT * FROM e'),
    ]);
    expect([...g.cyclic].sort()).toEqual([id('a'), id('b'), id('c'), id('e')]);
    expect(upstreamOf(g, id('d'))).toEqual([]);
    expect(topologicalOrder(g, [id('a'), id('b'), id('c'), id('d')])).toHaveLength(4);
  });

  it('does not treat a CTE or a qualified name as a cell reference', () => {
    const g = buildGraph([
      cell('a', 'SELECT 1'),
      cell('b', 'WITH a AS (SELECT 2) SELECT * FROM a'),
      cell('c', 'SELECT * FROM other.a'),
    ]);
    expect(g.inputs.get(id('b'))).toEqual([]);
    expect(g.inputs.get(id('c'))).toEqual([]);
  });
});
