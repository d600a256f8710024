import { describe, expect, it } from 'vitest';
import { bodyHeight, colWindow, rowWindow, scrollFor, MAX_SCROLL_PX, ROW_H } from '../../../src/ui/grid/layout';
import { rangeOf, toMarkdown, toTsv } from '../../../src/ui/grid/selection';
import { filterText, parseFilter } from '../../../src/ui/grid/filter-text';
import { nextSort } from '../../../src/ui/result-table';

describe('grid layout', () => {
  it('draws every row of a small result', () => {
    expect(rowWindow(0, 400, 30)).toEqual({ first: 0, count: 30, shift: 0 });
  });

  it('draws only the rows on screen, exactly below the height limit', () => {
    const w = rowWindow(ROW_H * 500 + 10, 400, 100_000);
    expect(w.first).toBe(500);
    expect(w.shift).toBe(10);
    expect(w.count).toBe(Math.ceil(400 / ROW_H) + 1);
  });

  it('maps the scrollbar proportionally past the height limit and reaches the last row', () => {
    const total = 10_000_000;
    expect(bodyHeight(total)).toBe(MAX_SCROLL_PX);
    const end = rowWindow(MAX_SCROLL_PX - 400, 400, total);
    expect(end.first + end.count).toBeGreaterThanOrEqual(total);
    expect(rowWindow(scrollFor(5_000_000, 400, total), 400, total).first).toBe(5_000_000);
  });

  it('draws only the columns on screen when there are many', () => {
    const widths = new Array<number>(500).fill(100);
    const w = colWindow(widths, 10_000, 800);
    expect(w.end - w.first).toBeLessThan(15);
    expect(w.before + w.after + (w.end - w.first) * 100).toBe(50_000);
    expect(colWindow(widths.slice(0, 5), 0, 100)).toEqual({ first: 0, end: 5, before: 0, after: 0 });
  });
});

describe('selection and copy', () => {
  it('normalises a range and writes TSV and Markdown', () => {
    expect(rangeOf({ anchor: { row: 5, col: 2 }, focus: { row: 1, col: 0 } })).toEqual({
      top: 1,
      bottom: 5,
      left: 0,
      right: 2,
    });
    expect(
      toTsv(
        ['a', 'b'],
        [
          ['1', 'x\ty'],
          ['2', 'say "hi"'],
        ],
      ),
    ).toBe('a\tb\n1\t"x\ty"\n2\t"say ""hi"""');
    expect(toMarkdown(['n', 's'], [['1', 'a|b\nc']], [true, false])).toBe(
      '| n | s |\n| ---: | --- |\n| 1 | a\\|b<br>c |',
    );
  });
});

describe('filter boxes and sort clicks', () => {
  it('parses what the user types and shows it back', () => {
    expect(parseFilter('abc', 's', 'text')).toEqual({ column: 's', op: 'contains', value: 'abc' });
    expect(parseFilter('42', 'n', 'number')).toEqual({ column: 'n', op: 'equals', value: '42' });
    expect(parseFilter('>= 10', 'n', 'number')).toEqual({ column: 'n', op: 'gte', value: '10' });
    expect(parseFilter('!null', 'n', 'number')).toEqual({ column: 'n', op: 'not-null', value: '' });
    expect(parseFilter('"null"', 's', 'text')).toEqual({ column: 's', op: 'contains', value: 'null' });
    expect(parseFilter('  ', 's', 'text')).toBeNull();
    for (const [t, kind] of [
      ['abc', 'text'],
      ['=abc', 'text'],
      ['>5', 'number'],
      ['null', 'text'],
      ['"null"', 'text'],
      ['!=x', 'text'],
    ] as const) {
      const f = parseFilter(t, 'c', kind);
      expect(f && filterText(f, kind)).toBe(t);
    }
  });

  it('cycles a sort and adds keys with shift', () => {
    expect(nextSort([], 'a', false)).toEqual([{ column: 'a', desc: false }]);
    expect(nextSort([{ column: 'a', desc: false }], 'a', false)).toEqual([{ column: 'a', desc: true }]);
    expect(nextSort([{ column: 'a', desc: true }], 'a', false)).toEqual([]);
    expect(nextSort([{ column: 'a', desc: false }], 'b', true)).toEqual([
      { column: 'a', desc: false },
      { column: 'b', desc: false },
    ]);
    expect(
      nextSort(
        [
          { column: 'a', desc: false },
          { column: 'b', desc: true },
        ],
        'b',
        true,
      ),
    ).toEqual([{ column: 'a', desc: false }]);
  });
});
