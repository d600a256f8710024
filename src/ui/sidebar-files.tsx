/** The sidebar's files: loads in progress (with Cancel), the open files and where each one's rows live, and memory in use. */
import { ENGINE_LABELS } from '../notebook/cells';
import { FILE_KIND_LABELS } from '../files/kinds';
import { storageOf } from '../session/file-registry';
import type { Storage } from '../session/placement';
import { formatBytes } from '../values/format';
import { useSession } from './session-context';

const STORAGE_LABELS: Record<Storage, string> = {
  memory: 'in memory',
  disk: 'on disk',
  'in-place': 'read in place',
};

const STORAGE_HELP: Record<Storage, string> = {
  memory: 'Copied into DuckDB’s memory: fastest, as long as it fits.',
  disk: 'Copied into this notebook’s DuckDB database in the browser (OPFS): DuckDB pages it through its memory, and it stays between visits.',
  'in-place': 'Read from the file on every query: takes no room, and each query reads the whole file again.',
};

/** Files being loaded, with bytes read out of the total and a Cancel. */
export function Loading() {
  const s = useSession();
  const loading = [...s.state.ingests.value.values()];
  if (loading.length === 0) return null;
  return (
    <section class="catalog" aria-label="Loading files">
      <h2>Loading</h2>
      <ul class="file-list">
        {loading.map((f) => (
          <li key={f.fileName}>
            <div class="file-row">
              <span class="file-name">{f.fileName}</span>
              <button
                type="button"
                class="link"
                aria-label={`Cancel loading ${f.fileName}`}
                onClick={() => s.files.cancelLoad(f.fileName)}
              >
                Cancel
              </button>
            </div>
            <progress
              class="ingest"
              aria-label={`Loading ${f.fileName}`}
              max={Math.max(1, f.total)}
              value={f.bytesRead}
            />
            <span class="ingest-bytes" data-role="ingest-bytes">
              {formatBytes(f.bytesRead)} of {formatBytes(f.total)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The open files, each with its table and where its rows live; a DuckDB CSV or Parquet file can be moved. */
export function OpenedFiles() {
  const s = useSession();
  const opened = s.files.opened.value;
  const onDisk = s.state.duckdbStorage.value.kept;
  const busy = s.state.ingests.value;
  if (opened.length === 0) return null;
  return (
    <section class="catalog" aria-label="Opened files">
      <h2>Opened files</h2>
      <ul class="file-list">
        {opened.map(({ registered: f, folder, file }) => {
          const storage = storageOf(f, onDisk);
          const movable = f.engine === 'duckdb' && !folder && f.kind !== 'duckdb';
          const choices: Storage[] = [
            ...(onDisk ? [] : (['memory'] as const)),
            'disk',
            ...(f.kind === 'csv' || f.kind === 'tsv' ? (['in-place'] as const) : []),
          ];
          return (
            <li key={`${f.engine}:${f.tableName}`} title={`${FILE_KIND_LABELS[f.kind]} in ${ENGINE_LABELS[f.engine]}`}>
              <div class="file-row">
                <span class="file-name">{f.fileName}</span> → <code>{f.tableName}</code>
              </div>
              <div class="file-row muted small">
                {formatBytes(folder ? folder.entries.reduce((n, e) => n + e.file.size, 0) : file.size)},{' '}
                {movable ? (
                  <select
                    class="storage-choice"
                    aria-label={`Where ${f.fileName} lives, for table ${f.tableName}`}
                    title={STORAGE_HELP[storage]}
                    value={storage}
                    disabled={busy.has(f.fileName)}
                    onChange={(ev) => void s.files.moveTo(f.fileName, ev.currentTarget.value as Storage, f.tableName)}
                  >
                    {choices.map((c) => (
                      <option key={c} value={c}>
                        {STORAGE_LABELS[c]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span title={STORAGE_HELP[storage]} data-role="storage">
                    {STORAGE_LABELS[storage]}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** DuckDB's memory in use against its limit, and the disk (OPFS) this page uses. */
export function MemoryUse() {
  const { duckdb, diskUsed, diskQuota } = useSession().state.memoryUse.value;
  if (!duckdb && diskUsed === null) return null;
  return (
    <section class="catalog" aria-label="Memory">
      <h2>Memory</h2>
      {duckdb && (
        <div class="memory-row">
          <span>DuckDB</span>
          <meter
            aria-label="DuckDB memory in use"
            min={0}
            max={Math.max(1, duckdb.limitBytes)}
            high={duckdb.limitBytes * 0.8}
            value={duckdb.usedBytes}
          />
          <span class="muted small" data-role="duckdb-memory">
            {formatBytes(duckdb.usedBytes)} of {formatBytes(duckdb.limitBytes)}
          </span>
        </div>
      )}
      {diskUsed !== null && (
        <div class="memory-row">
          <span>Disk</span>
          <span class="muted small" data-role="disk-use">
            {formatBytes(diskUsed)} used in the browser
            {diskQuota !== null ? ` (${formatBytes(diskQuota)} granted)` : ''}
          </span>
        </div>
      )}
    </section>
  );
}
