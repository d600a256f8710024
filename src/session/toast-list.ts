/**
 * The toast stack as a pure list: an identical toast (same level and text) merges into the one
 * already shown, counting repeats, and only the newest few are shown at once. A storage error
 * raised per keystroke once made 15 identical toasts; 20 failed loads made a stack taller than
 * the window.
 */

export interface Toast {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  /** How many times it was raised while shown (1 for a toast raised once). */
  readonly count: number;
}

/** At most this many toasts are shown at once; the rest are counted under "+N more". */
export const VISIBLE_TOASTS = 4;

/**
 * `list` with `next` added: merged into an identical toast shown now (its count grows and it
 * moves to the newest place), else appended. Returns the id whose timer should (re)start.
 */
export function addToast(
  list: readonly Toast[],
  next: Omit<Toast, 'count'>,
): { readonly list: readonly Toast[]; readonly id: number } {
  const same = list.find((t) => t.level === next.level && t.text === next.text);
  if (!same) return { list: [...list, { ...next, count: 1 }], id: next.id };
  const merged: Toast = { ...same, count: same.count + 1 };
  return { list: [...list.filter((t) => t !== same), merged], id: same.id };
}

/** The toasts to show (the newest `max`, oldest first) and how many older ones are hidden. */
export function visibleToasts(
  list: readonly Toast[],
  max = VISIBLE_TOASTS,
): { readonly shown: readonly Toast[]; readonly hidden: number } {
  const hidden = Math.max(0, list.length - max);
  return { shown: list.slice(hidden), hidden };
}
