/** Storage: how much this app keeps in the browser, and a way to clear it. */
import { useEffect, useState } from 'preact/hooks';
import { visibleEntries } from '../storage/library-records';
import { useSession } from './session-context';
import type { KeptDatabase } from '../storage/opfs';
import { Modal } from './modal';
import { formatBytes } from '../values/format';

export function StorageDialog({ onClose }: { onClose: () => void }) {
  const lib = useSession().library;
  const library = lib.library;
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [kept, setKept] = useState<KeptDatabase[]>([]);
  const refresh = () => {
    void lib.keptDatabases().then(setKept, () => setKept([]));
    void navigator.storage?.estimate().then(setEstimate, () => setEstimate(null));
    void navigator.storage?.persisted().then(setPersisted, () => setPersisted(null));
  };
  useEffect(refresh, []);
  const count = visibleEntries(library.value).length;
  return (
    <Modal label="Storage" onClose={onClose}>
      <p>
        {count} notebook{count === 1 ? '' : 's'} in the library.{' '}
        {estimate?.usage !== undefined
          ? `This app uses ${formatBytes(estimate.usage)} of this browser’s storage`
          : 'This browser does not report storage use'}
        {estimate?.quota !== undefined ? ` (up to ${formatBytes(estimate.quota)} available).` : '.'}
      </p>
      <p>
        {persisted
          ? 'The browser keeps this storage even when disk space runs low.'
          : `The browser may clear this storage when disk space runs low: ${evictable(count, lib.trash().length, kept)}.`}{' '}
        {!persisted && navigator.storage?.persist && (
          <button type="button" class="link" onClick={() => void navigator.storage.persist().then(refresh)}>
            Ask to keep it
          </button>
        )}
      </p>
      {kept.length > 0 && (
        <section aria-label="Kept DuckDB tables">
          <p>DuckDB tables kept between visits:</p>
          <ul class="kept-list">
            {kept.map((d) => {
              const title = library.value.find((e) => e.id === d.id)?.title ?? 'a deleted notebook';
              return (
                <li key={d.id}>
                  {title}: {formatBytes(d.size)}{' '}
                  <button
                    type="button"
                    class="link"
                    aria-label={`Delete the tables kept for ${title}`}
                    onClick={() => void lib.deleteKeptTables(d.id).then(refresh)}
                  >
                    Delete
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {confirming ? (
        <p role="alert">
          Delete every notebook in the library? This cannot be undone. Files on your disk are not touched.{' '}
          <button
            type="button"
            class="danger"
            onClick={() => void lib.clearEverything().then(() => (setConfirming(false), refresh()))}
          >
            Delete all notebooks
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Clear storage…
        </button>
      )}
    </Modal>
  );
}

/** What a browser that evicts this origin's storage would take with it. */
function evictable(notebooks: number, trashed: number, kept: readonly KeptDatabase[]): string {
  const parts = [`${notebooks} notebook${notebooks === 1 ? '' : 's'}`];
  if (trashed > 0) parts.push(`${trashed} in the trash`);
  if (kept.length > 0) parts.push(`kept DuckDB tables (${formatBytes(kept.reduce((n, d) => n + d.size, 0))})`);
  parts.push('and the files it remembers (not the files on your disk)');
  return parts.join(', ');
}
