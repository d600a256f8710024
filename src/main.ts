/** Boot: paint the notebook first; Monaco and DuckDB load afterwards, SQLite on demand. */
import { render, h } from 'preact';
import { App } from './ui/app';
import { SessionContext } from './ui/session-context';
import { preloadMonaco } from './ui/editor';
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
  // After first paint, fetch the editor; the textarea stand-in keeps typing working meanwhile.
  // DuckDB starts at the same time, in its worker: its wasm takes seconds to instantiate, and
  // waiting for Monaco and an idle moment first only made the first result later.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void session.engines.get('duckdb').catch(() => undefined);
      void preloadMonaco();
    }, 0),
  );
});
