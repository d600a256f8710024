/** A bounded view of a query result: the window the engine sent, shown 100 rows at a time. */
import { useState } from 'preact/hooks';
import type { Table } from 'apache-arrow';
import type { QueryResult } from '../engines/engine';
import { formatCount, formatValue, isNumericType, typeLabel } from './format';

const PAGE = 100;

export function ResultView({ result }: { result: QueryResult }) {
  if (result.kind === 'done') {
    const text = result.changes === null ? 'Done.' : `Done: ${formatCount(result.changes, 'row')} affected.`;
    return <p class="result-done" data-role="result-summary">{text}</p>;
  }
  return <ResultTable table={result.table} totalRows={result.totalRows} />;
}

function ResultTable({ table, totalRows }: { table: Table; totalRows: number }) {
  const [shown, setShown] = useState(PAGE);
  const fields = table.schema.fields;
  if (fields.length === 0) return <p class="result-done" data-role="result-summary">Done: the statement returned no columns.</p>;
  const rows = Math.min(shown, table.numRows);
  const columns = fields.map((_, i) => table.getChildAt(i));
  const summary =
    rows < totalRows ? `${formatCount(totalRows, 'row')}, showing the first ${rows.toLocaleString('en-US')}` : formatCount(totalRows, 'row');
  return (
    <div class="result">
      <div class="result-scroll">
        <table aria-label="Result">
          <thead>
            <tr>
              <th class="rownum" scope="col" aria-label="Row number">
                #
              </th>
              {fields.map((f) => (
                <th scope="col" class={isNumericType(f.type) ? 'num' : ''} title={`${f.name}: ${String(f.type)}`}>
                  <span class="col-name">{f.name}</span>
                  <span class="col-type">{typeLabel(f.type)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr>
                <td class="rownum">{r + 1}</td>
                {fields.map((f, c) => {
                  const v = formatValue(columns[c]?.get(r), f);
                  const cls = [v.numeric ? 'num' : '', v.isNull ? 'null' : ''].join(' ').trim();
                  return (
                    <td class={cls || undefined} title={v.full}>
                      {v.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="result-footer">
        <span data-role="row-count">{summary}</span>
        {rows < table.numRows && (
          <button type="button" class="link" onClick={() => setShown(shown + PAGE)}>
            Show more rows
          </button>
        )}
        {table.numRows < totalRows && rows >= table.numRows && <span class="muted">The full result stays in the engine.</span>}
      </div>
    </div>
  );
}
