/** Boot: paint the notebook first; Monaco and the engines load afterwards, on demand. */
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
  // Then, once the editor is in, warm DuckDB up in idle time so the first query does not wait for it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void preloadMonaco().then(() => requestIdleCallback(() => void engine('duckdb').catch(() => undefined), { timeout: 2000 }));
    }, 0),
  );
});

