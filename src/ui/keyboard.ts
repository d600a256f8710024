/**
 * Command mode, as in Jupyter: Escape leaves a cell's editor and selects the
 * cell; then single keys act on cells (A/B add above/below, D D deletes, M/Y
 * switch kind, arrows or J/K move the selection, Enter edits). Focus always
 * lands somewhere sensible: on the selected cell, or in the editor being opened.
 */
import { batch, signal } from '@preact/signals';
import type { CellId } from '../notebook/cells';
import type { Session } from '../session/session';

/** The selected cell: the one command-mode keys act on. */
export const selectedCell = signal<CellId | null>(null);
/** Whether the keyboard-shortcut overlay is open. */
export const helpOpen = signal(false);

const DOUBLE_PRESS_MS = 800;
let lastD = 0;

/** Selects a cell and moves keyboard focus to the cell itself (command mode). */
export function enterCommandMode(id: CellId): void {
  selectedCell.value = id;
  focusCellElement(id);
}

/** Focuses the cell's <article> once it is rendered; a new cell appears a frame later. */
function focusCellElement(id: CellId, tries = 10): void {
  const el = document.querySelector<HTMLElement>(`article[data-cell-id="${CSS.escape(id)}"]`);
  if (el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  } else if (tries > 0) requestAnimationFrame(() => focusCellElement(id, tries - 1));
}

/** Runs a session operation that would focus an editor, and keeps command mode on `select(result)` instead. */
function staying<T>(s: Session, op: () => T, select: (result: T) => CellId | null | undefined): void {
  let target: CellId | null | undefined;
  batch(() => {
    const result = op();
    target = select(result);
    // The operation asked for an editor's focus; command mode keeps the focus on the cell.
    s.state.focusRequest.value = null;
  });
  if (target) enterCommandMode(target);
}

function neighbour(s: Session, id: CellId, delta: number): CellId | null {
  const order = s.state.notebook.value.order;
  const i = order.indexOf(id);
  return order[Math.max(0, Math.min(order.length - 1, i + delta))] ?? null;
}

type Action = (s: Session, id: CellId, e: KeyboardEvent) => void;

function deleteTwice(s: Session, id: CellId): void {
  const now = performance.now();
  if (now - lastD > DOUBLE_PRESS_MS) {
    lastD = now;
    return;
  }
  lastD = 0;
  const next = neighbour(s, id, 1) === id ? neighbour(s, id, -1) : neighbour(s, id, 1);
  staying(
    s,
    () => s.deleteCell(id),
    () => (next === id ? null : next),
  );
}

// New cells are SQL, as Jupyter's are code; M turns one into Markdown.
const COMMANDS: Readonly<Record<string, Action>> = {
  Enter: (s, id) => s.state.requestFocus(id),
  a: (s, id) =>
    staying(
      s,
      () => s.addCell('sql', { at: 'above', of: id }),
      (newId) => newId,
    ),
  b: (s, id) =>
    staying(
      s,
      () => s.addCell('sql', { at: 'below', of: id }),
      (newId) => newId,
    ),
  d: deleteTwice,
  m: (s, id) =>
    staying(
      s,
      () => s.setKind(id, 'markdown'),
      () => id,
    ),
  y: (s, id) =>
    staying(
      s,
      () => s.setKind(id, 'sql'),
      () => id,
    ),
  ArrowUp: (s, id) => enterCommandMode(neighbour(s, id, -1) ?? id),
  ArrowDown: (s, id) => enterCommandMode(neighbour(s, id, 1) ?? id),
  k: (s, id) => enterCommandMode(neighbour(s, id, -1) ?? id),
  j: (s, id) => enterCommandMode(neighbour(s, id, 1) ?? id),
  Home: (s) => firstOrLast(s, 0),
  End: (s) => firstOrLast(s, -1),
  '?': () => (helpOpen.value = true),
  h: () => (helpOpen.value = true),
};

function firstOrLast(s: Session, at: 0 | -1): void {
  const id = s.state.notebook.value.order.at(at);
  if (id) enterCommandMode(id);
}

/** Keys with modifiers, checked before the single-key commands. */
function modified(s: Session, id: CellId, e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Enter' && e.shiftKey && !mod) {
    s.runAndAdvance(id);
    return true;
  }
  if (e.key === 'Enter' && mod) {
    void s.scheduler.runCell(id);
    return true;
  }
  if (mod && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    staying(
      s,
      () => s.moveCell(id, e.key === 'ArrowUp' ? -1 : 1),
      () => id,
    );
    return true;
  }
  return false;
}

/** The keydown handler of a cell's <article>: acts only when the cell itself has focus (command mode). */
export function onCellKeyDown(s: Session, id: CellId, e: KeyboardEvent): void {
  if (e.target !== e.currentTarget || e.defaultPrevented) return;
  if (modified(s, id, e)) {
    e.preventDefault();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const action = COMMANDS[e.key === '?' ? '?' : key];
  if (!action) return;
  e.preventDefault();
  if (key !== 'd') lastD = 0;
  action(s, id, e);
}

/** `?` anywhere outside a text field opens the help; it needs no selected cell. */
export function onGlobalKeyDown(e: KeyboardEvent): void {
  if (e.key !== '?' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (
    t &&
    (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor') ||
      t.tagName === 'ARTICLE')
  )
    return;
  e.preventDefault();
  helpOpen.value = true;
}
