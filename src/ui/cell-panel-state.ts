/** Per-cell state of a panel shown under a cell until closed (a plan, a comparison): UI state, never saved. */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CellId } from '../notebook/cells';

export interface CellPanelState<T> {
  readonly all: ReadonlySignal<ReadonlyMap<CellId, T>>;
  /** Shows `state` for the cell, or closes its panel with null. */
  set(id: CellId, state: T | null): void;
}

export function cellPanelState<T>(): CellPanelState<T> {
  const all = signal<ReadonlyMap<CellId, T>>(new Map());
  return {
    all,
    set(id, state) {
      const next = new Map(all.value);
      if (state) next.set(id, state);
      else next.delete(id);
      all.value = next;
    },
  };
}
