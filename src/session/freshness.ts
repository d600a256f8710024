/**
 * Whether a cell's result can be reused. A result is fresh when it was computed from the same
 * text, engine and name, from inputs that are themselves unchanged, from the same versions of the
 * files it reads, and is still held by an engine that has not restarted since.
 */
import { computed, type ReadonlySignal } from '@preact/signals';
import type { CellId } from '../notebook/cells';
import { buildGraph, type Graph } from '../notebook/graph';
import { cellsInOrder } from '../notebook/operations';
import type { FileRegistry } from './file-registry';
import type { SessionState } from './session-state';

/** FNV-1a, 32-bit: a fingerprint, not a security hash. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export class Freshness {
  /** The cells each cell reads; rebuilt when the notebook changes (unchanged texts are not lexed again). */
  readonly graph: ReadonlySignal<Graph>;
  /** Current fingerprints of every SQL cell, recomputed when the notebook or opened files change. */
  readonly fingerprints: ReadonlySignal<ReadonlyMap<CellId, string>>;
  private readonly staleSignals = new Map<CellId, ReadonlySignal<boolean>>();

  constructor(
    private readonly state: SessionState,
    files: FileRegistry,
  ) {
    this.graph = computed(() =>
      buildGraph(
        cellsInOrder(state.notebook.value).map((c) => ({
          id: c.id,
          name: c.kind === 'sql' ? c.name : null,
          source: c.kind === 'sql' ? c.source : '',
          engine: c.engine,
        })),
      ),
    );
    this.fingerprints = computed(() => {
      const nb = state.notebook.value;
      const g = this.graph.value;
      const versions = files.versions.value;
      const out = new Map<CellId, string>();
      const visit = (id: CellId, path: Set<CellId>): string => {
        const known = out.get(id);
        if (known !== undefined) return known;
        const cell = nb.cells[id];
        if (!cell || path.has(id) || g.cyclic.has(id)) return 'cycle';
        path.add(id);
        const inputs = (g.inputs.get(id) ?? []).map((i) => visit(i, path));
        path.delete(id);
        const read = (g.otherRefs.get(id) ?? []).map((n) => `${n}@${versions.get(n.toLowerCase()) ?? 0}`);
        const fp = hash(JSON.stringify([cell.source, cell.engine, cell.name, inputs, read]));
        out.set(id, fp);
        return fp;
      };
      for (const id of nb.order) if (nb.cells[id]?.kind === 'sql') visit(id, new Set());
      return out;
    });
  }

  /** True when the cell's last result no longer matches its text and inputs (shown as "stale"). */
  isStale(id: CellId): boolean {
    const run = this.state.runs.value.get(id);
    return (
      run?.status === 'done' && run.fingerprint !== undefined && run.fingerprint !== this.fingerprints.value.get(id)
    );
  }

  /** True when the result can be used as an input without running the cell again. */
  isReusable(id: CellId): boolean {
    const run = this.state.runs.value.get(id);
    const cell = this.state.notebook.value.cells[id];
    if (!run || !cell || run.status !== 'done' || run.result.kind !== 'rows') return false;
    return (
      run.fingerprint === this.fingerprints.value.get(id) && run.epoch === this.state.engineRestarts.value[cell.engine]
    );
  }

  /**
   * A per-cell boolean signal: a view that reads it re-renders only when that cell's staleness
   * flips, not on every keystroke elsewhere in the notebook.
   */
  staleSignal(id: CellId): ReadonlySignal<boolean> {
    let s = this.staleSignals.get(id);
    if (!s) {
      s = computed(() => this.isStale(id));
      this.staleSignals.set(id, s);
    }
    return s;
  }
}
