/** Engine settings in the sidebar: DuckDB threads, off by default (see engines/duckdb-bundle.ts for why). */
import { useState } from 'preact/hooks';
import { THREADS_SETTING, threadsWanted } from '../engines/duckdb-bundle';
import { useSession } from './session-context';

export function EngineSettings() {
  const { state } = useSession();
  const [on, setOn] = useState(threadsWanted());
  const isolated = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  return (
    <section class="catalog settings" aria-label="Engine settings">
      <h2>Settings</h2>
      <label class="setting" title="Faster long queries on several cores; file loading and cancelling are slower.">
        <input
          type="checkbox"
          checked={on}
          disabled={!isolated}
          onChange={(e) => {
            const next = (e.target as HTMLInputElement).checked;
            setOn(next);
            try {
              localStorage.setItem(THREADS_SETTING, next ? 'on' : 'off');
            } catch {
              // Private windows may refuse storage; the choice then lasts only for this page.
            }
            state.toast('info', `DuckDB threads ${next ? 'on' : 'off'}: this takes effect when the page is reloaded.`);
          }}
        />{' '}
        DuckDB threads <span class="muted small">(experimental)</span>
      </label>
    </section>
  );
}
