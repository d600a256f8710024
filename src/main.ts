/** Boot: paint the notebook first; Monaco and DuckDB load afterwards, SQLite on demand. */
import { render, h } from 'preact';
import { App } from './ui/app';
import { SessionContext } from './ui/session-context';
import { releaseVisibleEditors } from './ui/editor';
import { createAppSession } from './session/app-session';
import { installDebugHook } from './session/debug';
import './ui/styles.css';

const session = createAppSession();
installDebugHook(session);

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(h(SessionContext.Provider, { value: session }, h(App, {})), root);
}
void session.boot().then(() => {
  // DuckDB starts after first paint, in its worker: its wasm takes seconds to instantiate, and
  // waiting for Monaco and an idle moment first only made the first result later.
  // Monaco loads once DuckDB has started (or after 4 s), in an idle moment: its load and first
  // editor are long tasks, and during the start they made clicks and keys wait (ui/editor.tsx).
  // A cell focused or clicked before then gets its editor at once; the textarea stand-ins take
  // typing meanwhile.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const started = session.engines.get('duckdb').catch(() => undefined);
      const capped = new Promise((r) => setTimeout(r, 4000));
      void Promise.race([started, capped]).then(() => whenIdle(releaseVisibleEditors));
    }, 0),
  );
});

function whenIdle(f: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: 1000 });
  else setTimeout(f, 0);
}
