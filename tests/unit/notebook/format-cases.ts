/** Notebooks that exercise the file format: every cell kind, odd names, the format's own markers, unicode. */
import type { Cell, CellKind, EngineId, Notebook } from '../../../src/notebook/cells';
import { createCellId } from '../../../src/notebook/cells';
import { notebookFromCells } from '../../../src/notebook/operations';
import type { ResultViewSettings } from '../../../src/notebook/view-settings';

function cell(
  kind: CellKind,
  name: string,
  source: string,
  engine: EngineId = 'duckdb',
  view?: ResultViewSettings,
): Cell {
  return { id: createCellId(), kind, engine, source, name, ...(view ? { view } : {}) };
}

export function everything(): Notebook {
  return notebookFromCells('Sales — review "Q3" ✓', [
    cell(
      'markdown',
      'intro',
      '# Sales review\n\nNotes with *emphasis*.\n\n%% not a marker\n-- %% sql name=x engine=duckdb\n',
    ),
    cell('sql', 'raw_sales', "SELECT * FROM read_csv('sales.csv')", 'duckdb', {
      sort: [{ column: 'amount', desc: true }],
    }),
    cell(
      'sql',
      '_Odd_Name_2',
      '-- %% markdown name=fake engine=duckdb\n-- \\%% escaped already\n-- %% end\nSELECT region, sum(amount) AS total -- trailing comment\nFROM raw_sales GROUP BY ALL;',
      'duckdb',
      {
        mode: 'chart',
        chart: { type: 'bar', x: 'region', y: 'total', aggregate: 'sum' },
        filters: [{ column: 'region', op: 'equals', value: 'Nörth "quoted"' }],
      },
    ),
    cell('sql', 'lite', "SELECT 'héllo 日本語 🦆' AS greeting;\n\n\n", 'sqlite'),
    cell('sql', 'empty_cell', ''),
    cell('markdown', 'blank_md', '', 'sqlite'),
    cell('sql', 'only_comment', '-- nothing to run yet'),
    cell('sql', 'semi_line', 'SELECT 1\n;'),
    cell('sql', 'dollar', 'SELECT $$ a ; b $$ AS s, \'--\' AS dashes, "we""ird" FROM (SELECT 1 AS "we""ird")'),
  ]);
}
