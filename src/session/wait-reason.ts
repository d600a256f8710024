/**
 * What a cell that is not yet computing waits for, and the words for it; and the one line said
 * when an engine crashed and came back. Pure, so the wording is tested on its own.
 */
import { ENGINE_LABELS, type CellId, type EngineId, type Notebook } from '../notebook/cells';

export type WaitReason =
  /** Another cell holds the engine. */
  | { readonly kind: 'cell'; readonly engine: EngineId; readonly cell: CellId }
  /** A cell this one reads runs first. */
  | { readonly kind: 'input'; readonly cell: CellId }
  /** The engine is starting (or coming back after a crash, its files opened again). */
  | { readonly kind: 'engine-start'; readonly engine: EngineId }
  /** The engine is loading a file, which holds it until done. */
  | { readonly kind: 'file'; readonly engine: EngineId; readonly file: string }
  /** The engine is doing other work of the app's (reading its catalog, moving a result). */
  | { readonly kind: 'engine-busy'; readonly engine: EngineId };

/** How a cell is named to people: "cell 3", or "cell 3 (sales)" when the user named it. */
export function cellLabel(nb: Notebook, id: CellId): string {
  const index = nb.order.indexOf(id);
  const name = nb.cells[id]?.name ?? '';
  const n = index < 0 ? 'a deleted cell' : `cell ${index + 1}`;
  // A default name (cell7) numbers cells in the order they were made, not where they stand: left out.
  return name && !/^cell\d+$/i.test(name) ? `${n} (${name})` : n;
}

export function waitText(reason: WaitReason, nb: Notebook): string {
  switch (reason.kind) {
    case 'cell':
      return `Waiting for ${ENGINE_LABELS[reason.engine]}: ${cellLabel(nb, reason.cell)} is running`;
    case 'input':
      return `Waiting for ${cellLabel(nb, reason.cell)}, which it reads`;
    case 'engine-start':
      return `Waiting for ${ENGINE_LABELS[reason.engine]} to start`;
    case 'file':
      return `Waiting for ${ENGINE_LABELS[reason.engine]}: the file ${reason.file} is loading`;
    case 'engine-busy':
      return `Waiting for ${ENGINE_LABELS[reason.engine]} to finish other work`;
  }
}

export function sameReason(a: WaitReason | undefined, b: WaitReason | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface CrashReport {
  readonly engine: EngineId;
  /** The wasm trap, when the engine reported one. */
  readonly trap?: string;
  /** What it was doing, e.g. "cell 3". */
  readonly during?: string;
  /** How many of the user's files were opened again. */
  readonly files: number;
}

/** The one line after a crash: "DuckDB crashed (null function) while running cell 3; it was restarted and …". */
export function crashNotice(r: CrashReport): string {
  const what = r.trap ? `crashed (${r.trap})` : 'stopped';
  const during = r.during ? ` while running ${r.during}` : '';
  const restored =
    r.files === 0
      ? 'its sample data was loaded again'
      : r.files === 1
        ? 'your file was opened again'
        : `your ${r.files} files were opened again`;
  return `${ENGINE_LABELS[r.engine]} ${what}${during}; it was restarted and ${restored}. Results it held are recomputed when needed.`;
}
