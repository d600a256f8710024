import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addToast, visibleToasts, type Toast } from '../../../src/session/toast-list';
import { SessionState } from '../../../src/session/session-state';

const raise = (list: readonly Toast[], id: number, text: string, level: Toast['level'] = 'warning') =>
  addToast(list, { id, level, text });

describe('addToast', () => {
  it('merges an identical toast into the one shown, counting it and moving it to the newest place', () => {
    let list: readonly Toast[] = [];
    list = raise(list, 1, 'storage refused').list;
    list = raise(list, 2, 'other').list;
    const again = raise(list, 3, 'storage refused');
    expect(again.id).toBe(1);
    expect(again.list.map((t) => [t.id, t.text, t.count])).toEqual([
      [2, 'other', 1],
      [1, 'storage refused', 2],
    ]);
  });

  it('keeps toasts apart when their level or text differs', () => {
    let list: readonly Toast[] = [];
    list = raise(list, 1, 'x', 'warning').list;
    list = raise(list, 2, 'x', 'error').list;
    list = raise(list, 3, 'x ').list;
    expect(list.map((t) => t.count)).toEqual([1, 1, 1]);
  });

  it('15 identical toasts are one, ×15', () => {
    let list: readonly Toast[] = [];
    for (let i = 1; i <= 15; i++) list = raise(list, i, 'Typing is not safe').list;
    expect(list).toEqual([{ id: 1, level: 'warning', text: 'Typing is not safe', count: 15 }]);
  });
});

describe('visibleToasts', () => {
  it('shows the newest four and counts the rest', () => {
    let list: readonly Toast[] = [];
    for (let i = 1; i <= 20; i++) list = raise(list, i, `load ${i} failed`, 'error').list;
    const { shown, hidden } = visibleToasts(list);
    expect(hidden).toBe(16);
    expect(shown.map((t) => t.id)).toEqual([17, 18, 19, 20]);
    expect(visibleToasts(list.slice(0, 3))).toEqual({ shown: list.slice(0, 3), hidden: 0 });
  });
});

describe('SessionState.toast', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts the timer of a merged toast, so a repeated message stays while it repeats', () => {
    const state = new SessionState();
    state.toast('warning', 'same', 1000);
    vi.advanceTimersByTime(800);
    state.toast('warning', 'same', 1000);
    vi.advanceTimersByTime(800);
    expect(state.toasts.value.map((t) => t.count)).toEqual([2]);
    vi.advanceTimersByTime(300);
    expect(state.toasts.value).toEqual([]);
    // Once gone, the same text is a new toast again.
    state.toast('warning', 'same', 1000);
    expect(state.toasts.value.map((t) => t.count)).toEqual([1]);
  });
});
