/** The catalog: every table in both engines, with columns and types. Clicking a name inserts a query cell. */
import { useState } from 'preact/hooks';
import { ENGINE_LABELS, type EngineId } from '../notebook/cells';
import type { TableInfo } from '../engines/engine';
import { EngineSettings } from './engine-settings';
import { NetworkSettings } from './network-settings';
import { useSession } from './session-context';
import { formatBytes } from '../values/format';
import { chooseDataFiles } from './open-data';
import { Loading, MemoryUse, OpenedFiles } from './sidebar-files';

export function Sidebar() {
  return (
    <aside class="sidebar" aria-label="Tables">
      {(['duckdb', 'sqlite'] as EngineId[]).map((id) => (
        <EngineTables key={id} id={id} />
      ))}
      <Loading />
      <NeededFiles />
      <OpenedFiles />
      <MemoryUse />
      <NetworkSettings />
      <EngineSettings />
    </aside>
  );
}

function EngineTables({ id }: { id: EngineId }) {
  const { state } = useSession();
  const list = state.tables.value[id];
  const status = state.engineStatus.value[id];
  return (
    <section class="catalog" aria-label={`${ENGINE_LABELS[id]} tables`}>
      <h2>
        {ENGINE_LABELS[id]}
        {id === 'duckdb' && state.duckdbStorage.value.kept && (
          <span
            class="kept-badge"
            title="This notebook keeps its DuckDB tables in the browser between visits (Notebook menu)"
          >
            kept
          </span>
        )}{' '}
        <span class={`engine-status engine-${status}`}>{status === 'idle' ? 'not started' : status}</span>
      </h2>
      {list.length === 0 ? (
        <p class="muted small">{status === 'ready' ? 'No tables yet.' : 'Starts when a cell runs.'}</p>
      ) : (
        <ul class="table-list">
          {list.map((t) => (
            <TableItem key={`${t.schema ?? ''}.${t.name}`} t={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TableItem({ t }: { t: TableInfo }) {
  const s = useSession();
  const [open, setOpen] = useState(false);
  const name = t.schema ? `${t.schema}.${t.name}` : t.name;
  return (
    <li>
      <div class="table-row">
        <button
          type="button"
          class="icon toggle"
          aria-expanded={open}
          aria-label={`Columns of ${name}`}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'}
        </button>
        <button
          type="button"
          class="table-name"
          title={`Insert a query on ${name}`}
          onClick={() => s.insertQueryCell(t)}
        >
          {name}
        </button>
        <span class="muted small">{t.kind === 'view' ? 'view' : ''}</span>
      </div>
      {open && (
        <ul class="column-list" aria-label={`Columns of ${name}`}>
          {t.columns.map((c) => (
            <li>
              <span class="col-name">{c.name}</span> <span class="col-type">{c.type.toLowerCase()}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Files the notebook opened before that are not open now: one click reopens each. */
function NeededFiles() {
  const s = useSession();
  const missing = s.files.missing.value;
  if (missing.length === 0) return null;
  return (
    <section class="catalog needed" aria-label="Files this notebook needs">
      <h2>Files this notebook needs</h2>
      <ul class="file-list">
        {missing.map((f) => (
          <li key={f.tableName} title={`${f.fileName}, ${formatBytes(f.size)}: the table ${f.tableName}`}>
            <span class="file-name">{f.fileName}</span> → <code>{f.tableName}</code>{' '}
            {f.handle ? (
              <button
                type="button"
                class="link"
                aria-label={`Open ${f.fileName} again, for table ${f.tableName}`}
                onClick={() => void s.files.reopen(f)}
              >
                Open again
              </button>
            ) : (
              <button
                type="button"
                class="link"
                aria-label={`Find ${f.fileName}, for table ${f.tableName}`}
                onClick={() => void chooseDataFiles(s)}
              >
                Find…
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
