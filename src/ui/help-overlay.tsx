/** The keyboard-shortcut overlay (press `?` outside an editor). Focus returns where it was on close. */
import { useEffect, useRef } from 'preact/hooks';
import { helpOpen } from './keyboard';

type Row = readonly [keys: string, what: string];

const COMMAND: readonly Row[] = [
  ['Enter', 'Edit the selected cell'],
  ['↑ / K, ↓ / J', 'Select the cell above / below'],
  ['Home / End', 'Select the first / last cell'],
  ['A', 'Add a cell above'],
  ['B', 'Add a cell below'],
  ['D D', 'Delete the selected cell'],
  ['M', 'Make it a Markdown cell'],
  ['Y', 'Make it a SQL cell'],
  ['Ctrl/Cmd+Shift+↑ / ↓', 'Move the cell up / down'],
  ['Shift+Enter', 'Run, then go to the next cell'],
  ['Ctrl/Cmd+Enter', 'Run the cell'],
  ['? or H', 'Show this help'],
];

const EDIT: readonly Row[] = [
  ['Escape', 'Leave the editor (command mode); stops a running query first'],
  ['Shift+Enter', 'Run, then go to the next cell'],
  ['Ctrl/Cmd+Enter', 'Run the cell'],
  ['Ctrl+Space', 'Suggest tables, columns, functions and keywords'],
  ['Shift+Alt+F', 'Format the SQL'],
  ['F8 / Shift+F8', 'Go to the next / previous error'],
  ['Ctrl/Cmd+/', 'Comment or uncomment the line'],
  ['Ctrl/Cmd+F', 'Find in the cell'],
];

export function HelpOverlay() {
  if (!helpOpen.value) return null;
  return <HelpDialog />;
}

function HelpDialog() {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus({ preventScroll: true });
  }, []);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' || e.key === '?') {
      e.preventDefault();
      e.stopPropagation();
      helpOpen.value = false;
    } else if (e.key === 'Tab') {
      // One focusable control: keep focus inside the dialog.
      e.preventDefault();
    }
  };
  return (
    <div class="help-backdrop" onClick={(e) => e.target === e.currentTarget && (helpOpen.value = false)}>
      <div class="help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onKeyDown={onKey}>
        <header>
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button
            ref={close}
            type="button"
            class="icon"
            aria-label="Close keyboard shortcuts"
            onClick={() => (helpOpen.value = false)}
          >
            ✕
          </button>
        </header>
        <div class="help-columns">
          <Section title="Command mode (press Escape in a cell)" rows={COMMAND} />
          <Section title="In the editor" rows={EDIT} />
        </div>
      </div>
    </div>
  );
}

function Section({ title, rows }: { title: string; rows: readonly Row[] }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {rows.map(([keys, what]) => (
          <div class="help-row" key={keys}>
            <dt>
              {keys
                .split(/( \/ |, |\+| or | )/)
                .map((part) => (/^( \/ |, |\+| or | )$/.test(part) ? part : <kbd>{part}</kbd>))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
