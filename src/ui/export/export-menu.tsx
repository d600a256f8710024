/** The Export control of a result: pick a format, then a file (or get a download); progress shows beside it. */
import { useRef, useState } from 'preact/hooks';
import type { ViewQuery } from '../../engines/view-sql';
import { toNotebookError } from '../../sql/errors';
import type { ResultTarget } from '../../session/result-view';
import { useSession } from '../session-context';
import { ExportCancelled, FORMATS, widenedColumns, type ExportFormat } from '../../session/exports';
import { openSink } from '../../files/save-sink';

export function ExportMenu({ target, query, name }: { target: ResultTarget | null; query: ViewQuery; name: string }) {
  const { state, exports } = useSession();
  const toast = state.toast.bind(state);
  const [status, setStatus] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const start = async (format: ExportFormat) => {
    if (!target) return;
    const f = FORMATS[format];
    const fileName = `${name}.${f.ext}`;
    const sink = await openSink(fileName, f.mime, f.ext);
    if (!sink) return;
    setStatus(`Exporting ${f.label}…`);
    const controller = new AbortController();
    running.current = controller;
    try {
      const rows = await exports.run(
        target,
        query,
        format,
        sink,
        (n) => setStatus(`Exporting ${f.label}: ${n.toLocaleString('en-US')} rows`),
        controller.signal,
      );
      const widened = widenedColumns(target, format);
      const asText = widened.length
        ? ` Written as text, since ${f.label} cannot hold their DuckDB type as DuckDB means it: ${widened.join(', ')}.`
        : '';
      toast(
        'info',
        `Exported ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} as ${f.label} to ${fileName}.${asText}`,
      );
    } catch (err) {
      if (err instanceof ExportCancelled)
        toast('info', `The ${f.label} export of ${name} was cancelled; no file was written.`);
      else toast('error', `The ${f.label} export failed: ${toNotebookError(err).message}`);
    } finally {
      running.current = null;
      setStatus(null);
    }
  };
  return (
    <>
      {status && (
        <span class="export-status" data-role="export-status" role="status">
          {status}{' '}
          <button type="button" class="link" aria-label="Cancel export" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </span>
      )}
      <select
        aria-label="Export as"
        class="export-select"
        disabled={!target || status !== null}
        value=""
        onChange={(e) => {
          const el = e.target as HTMLSelectElement;
          const format = el.value as ExportFormat;
          el.value = '';
          if (format) void start(format);
        }}
      >
        <option value="">Export…</option>
        {(Object.keys(FORMATS) as ExportFormat[]).map((k) => (
          <option value={k}>{FORMATS[k].label}</option>
        ))}
      </select>
    </>
  );
}
