/** Boot: paint the notebook first; Monaco and the engines load afterwards, on demand. */
import { render, h } from 'preact';
import { App } from './ui/app';
import { boot } from './session/session';
import { preloadMonaco } from './ui/editor';
import './ui/styles.css';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(h(App, {}), root);
}
void boot().then(() => {
  // After first paint, fetch the editor; the textarea stand-in keeps typing working meanwhile.
  requestAnimationFrame(() => setTimeout(preloadMonaco, 0));
});

