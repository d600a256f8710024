/** What a cell needs before it runs: a name no real table uses, and its inputs present in its own engine. */
import { ENGINE_LABELS, type Cell, type EngineId } from '../notebook/cells';
import { NotebookError } from '../sql/errors';
import type { Engine, MovedResult, RegisteredFile, TableInfo } from '../engines/engine';
import type { EngineRegistry } from './engine-registry';
import type { Freshness } from './freshness';
import type { SessionState } from './session-state';

/** A cell's result table would be hidden behind a real table of the same name, so it is refused. */
export function checkCellName(
  cell: Cell,
  tables: Readonly<Record<EngineId, readonly TableInfo[]>>,
  opened: readonly RegisteredFile[],
): void {
  const lower = cell.name.toLowerCase();
  for (const id of ['duckdb', 'sqlite'] as EngineId[]) {
    const clash = tables[id].find((t) => t.schema === null && t.name.toLowerCase() === lower);
    if (!clash) continue;
    const file = opened.find((f) => f.tableName.toLowerCase() === lower);
    const what = file ? `the table opened from ${file.fileName}` : `a ${clash.kind} in ${ENGINE_LABELS[id]}`;
    throw new NotebookError({
      code: 'name',
      message: `The cell name "${cell.name}" is already ${what}.`,
      hint: 'Rename the cell (the name field in its toolbar).',
    });
  }
}

/** Copies results between engines, and remembers which copy each engine holds so a fresh one is not copied again. */
export class InputMover {
  /**
   * Per engine: `${cell name}` → the source fingerprint and both engines' epochs of the copy it
   * holds, and the notes of that move (every cell that reads the copy shows them).
   */
  private readonly copies: Record<EngineId, Map<string, { version: string; notes: readonly string[] }>> = {
    duckdb: new Map(),
    sqlite: new Map(),
  };

  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly freshness: Freshness,
  ) {}

  /**
   * Copies the results of the cells `cell` reads from the other engine into `target`, as Arrow IPC
   * bytes (never JS rows). Returns notes about types that could not map exactly.
   */
  async move(cell: Cell, target: Engine): Promise<string[]> {
    const notes: string[] = [];
    for (const inputId of this.freshness.graph.value.inputs.get(cell.id) ?? []) {
      const input = this.state.notebook.value.cells[inputId];
      if (!input || input.engine === cell.engine) continue;
      const source = await this.engines.get(input.engine);
      const version = `${this.freshness.fingerprints.value.get(inputId) ?? ''}@${source.epoch}@${target.epoch}`;
      const held = this.copies[cell.engine].get(input.name.toLowerCase());
      if (held?.version === version) {
        notes.push(...held.notes);
        continue;
      }
      let moved: MovedResult;
      try {
        moved = await source.exportResult(input.name);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new NotebookError({
          code: 'missing-input',
          message: `The result of ${input.name} could not be read from ${ENGINE_LABELS[input.engine]}: ${reason}`,
          hint: `Run ${input.name} again.`,
        });
      }
      const mapped = await target.importResult(input.name, moved.ipc);
      const said = [...moved.notes, ...mapped].map((n) => `${input.name}.${n}`);
      this.copies[cell.engine].set(input.name.toLowerCase(), { version, notes: said });
      notes.push(...said);
    }
    return notes;
  }
}
