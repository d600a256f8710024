/** Above the notebook: when another tab edits it (with Take over), or when another tab put it in the trash. */
import { useSession } from './session-context';

export function TabBanner() {
  const lib = useSession().library;
  const mode = lib.tabs.mode.value;
  const entry = lib.currentEntry();
  const inTrash = entry?.deletedAt !== undefined;
  if (mode.mode !== 'following' && mode.mode !== 'taking-over' && !inTrash) return null;
  return (
    <div class="tab-banner" role="region" aria-label="This tab">
      {(mode.mode === 'following' || mode.mode === 'taking-over') && (
        <p>
          <strong>Read only.</strong> Another tab is editing this notebook; its edits show here as they are saved.
          {entry?.persistent &&
            ' Its kept DuckDB tables are open in that tab: DuckDB here keeps tables in memory only.'}{' '}
          <button type="button" disabled={mode.mode === 'taking-over'} onClick={() => void lib.tabs.takeOver()}>
            {mode.mode === 'taking-over' ? 'Taking over…' : 'Take over'}
          </button>
        </p>
      )}
      {inTrash && entry && (
        <p>
          This notebook is in the trash: it was deleted in another tab.{' '}
          <button type="button" onClick={() => void lib.restoreNotebook(entry.id)}>
            Restore it
          </button>
        </p>
      )}
    </div>
  );
}
