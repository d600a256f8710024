/**
 * Files a cell's COPY … TO wrote inside DuckDB: each named with its size, and handed to the user
 * by a button (a save picker, or a download where there is none). The bytes are copied into the
 * page only on that click, and the label says how many first.
 */
import { useState } from 'preact/hooks';
import type { WrittenFile } from '../engines/engine';
import type { EngineId } from '../notebook/cells';
import { openSink } from '../files/save-sink';
import { toNotebookError } from '../sql/errors';
import { formatBytes } from '../values/format';
import { useSession } from './session-context';

/** Above this, the page says that a download copies the file into its memory first. */
const BIG_BYTES = 256 * 1024 * 1024;

const KINDS = {
  csv: { label: 'CSV', mime: 'text/csv', ext: 'csv' },
  parquet: { label: 'Parquet', mime: 'application/vnd.apache.parquet', ext: 'parquet' },
  json: { label: 'JSON', mime: 'application/json', ext: 'json' },
} as const;

export function WrittenFiles({ files, engine }: { files: readonly WrittenFile[]; engine: EngineId }) {
  return (
    <ul class="written-files" aria-label="Files written">
      {files.map((f) => (
        <li key={f.path}>
          <Written file={f} engine={engine} />
        </li>
      ))}
    </ul>
  );
}

function Written({ file: f, engine }: { file: WrittenFile; engine: EngineId }) {
  const s = useSession();
  const [busy, setBusy] = useState(false);
  const size = f.bytes === null ? 'size unknown' : formatBytes(f.bytes);
  if (f.files !== undefined)
    return (
      <span data-role="written">
        COPY wrote a folder, {f.name}, of {f.files} file{f.files === 1 ? '' : 's'} ({size}) inside DuckDB&apos;s memory.
        It stays there, where other cells can read it, and cannot be downloaded as one file: write one file (no
        PARTITION_BY) to download it.
      </span>
    );
  const kind = KINDS[f.format];
  const save = async () => {
    const sink = await openSink(f.name, kind.mime, kind.ext);
    if (!sink) return;
    setBusy(true);
    try {
      const bytes = await s.readWritten(engine, f.path);
      await sink.write(bytes);
      await sink.close();
      s.state.toast('info', `Saved ${f.name} (${formatBytes(bytes.length)}).`);
    } catch (err) {
      await sink.abort().catch(() => undefined);
      s.state.toast(
        'error',
        `${f.name} could not be saved: ${toNotebookError(err).message}. If DuckDB restarted since the cell ran, run it again.`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <span data-role="written">
      COPY wrote {f.name} ({size}, {kind.label}) inside DuckDB&apos;s memory; it is not on your disk until you save it.{' '}
      {f.bytes !== null && f.bytes > BIG_BYTES && `Saving copies ${size} into this page first. `}
      <button type="button" disabled={busy} onClick={() => void save()}>
        {busy ? `Saving ${f.name}…` : `Download ${f.name}`}
      </button>
    </span>
  );
}
