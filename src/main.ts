/** Boot: paint the notebook first; Monaco and DuckDB load afterwards, SQLite on demand. */
import { render, h } from 'preact';
import { App } from './ui/app';
import { boot } from './session/session';
import { preloadMonaco } from './ui/editor';
import { engine } from './session/engines';
import { installDebugHook } from './session/debug';
import './ui/styles.css';

installDebugHook();

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(h(App, {}), root);
}
void boot().then(() => {
  // After first paint, fetch the editor; the textarea stand-in keeps typing working meanwhile.
  // DuckDB starts at the same time, in its worker: its wasm takes seconds to instantiate, and
  // waiting for Monaco and an idle moment first only made the first result later.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void engine('duckdb').catch(() => undefined);
      void preloadMonaco();
    }, 0),
  );
});
