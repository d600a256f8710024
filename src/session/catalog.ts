/**
 * What the editor knows about the data, per engine: tables and views with
 * their columns, opened files, the notebook's named cells, and functions.
 * It is a cache over state other code already refreshes (the table list is
 * re-read when a file opens or a cell runs), so completion reads it
 * synchronously and never waits on an engine that is starting or busy.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { CellId, EngineId } from '../notebook/cells';
import { cellsInOrder } from '../notebook/operations';
import type { ColumnInfo, FunctionInfo, TableInfo } from '../engines/engine';
import { shownResult } from './cell-run';
import type { EngineRegistry } from './engine-registry';
import type { FileRegistry } from './file-registry';
import type { EngineStatus, SessionState } from './session-state';

export type CatalogTableKind = 'table' | 'view' | 'cell' | 'file';

export interface CatalogTable {
  /** The schema or attached database; null when the bare name resolves. */
  readonly schema: string | null;
  readonly name: string;
  readonly kind: CatalogTableKind;
  readonly columns: readonly ColumnInfo[];
  /** Where it comes from, for the suggestion's detail: a file name or "cell 3". */
  readonly source: string | null;
  /** The cell that defines it, for kind 'cell'. */
  readonly cellId?: CellId;
  /**
   * Its rows come from a view: kind 'view', or a file read in place (a DuckDB view over the file).
   * Counting them runs the view's query, which may never end (a recursive view) or scan 10^12 rows.
   */
  readonly view?: true;
}

export interface Catalog {
  readonly dialect: EngineId;
  readonly tables: readonly CatalogTable[];
  /** Schemas and attached databases, for `schema.` completion. */
  readonly schemas: readonly string[];
  /** Empty until the engine has started and listed them; completion then uses its built-in list. */
  readonly functions: readonly FunctionInfo[];
  readonly status: EngineStatus;
}

const DEFINES_FUNCTION = /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:MACRO|FUNCTION)\b/i;
const PEEK_WAIT_MS = 800;

export interface TableStats {
  /** Unknown while the engine is starting or busy, and never counted for a view. */
  readonly rows?: number;
  readonly samples: readonly string[];
  /** Set when the rows were deliberately not counted: a view runs its query to be counted. */
  readonly notCounted?: 'view';
}

/**
 * Whether the hover may ask the engine about `table`. Never for a view: its count and even its
 * sample values run the view's query, unbounded (a recursive view never ends), and the engine
 * takes one piece of work at a time, so the next cell would wait behind it.
 */
export function mayPeek(table: CatalogTable): boolean {
  return table.kind !== 'cell' && table.kind !== 'view' && table.view !== true;
}

export class CatalogKeeper {
  private readonly functionCache = signal<Readonly<Record<EngineId, readonly FunctionInfo[]>>>({
    duckdb: [],
    sqlite: [],
  });
  private readonly loading = new Set<EngineId>();
  private readonly peeks = new Map<string, { tables: unknown; stats: Promise<TableStats | null> }>();
  private started = false;
  private readonly byEngine: Record<EngineId, ReadonlySignal<Catalog>>;

  /** Named SQL cells, with the columns of their last result when they have run. */
  private readonly cellTables = computed<CatalogTable[]>(() => {
    const out: CatalogTable[] = [];
    cellsInOrder(this.state.notebook.value).forEach((c, i) => {
      if (c.kind !== 'sql' || !c.name) return;
      const result = shownResult(this.state.runs.value.get(c.id))?.result;
      const fields = result?.kind === 'rows' ? result.table.schema.fields : [];
      const columns = fields.map((f) => ({ name: f.name, type: String(f.type) }));
      out.push({ schema: null, name: c.name, kind: 'cell', columns, source: `cell ${i + 1}`, cellId: c.id });
    });
    return out;
  });

  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly files: FileRegistry,
  ) {
    this.byEngine = { duckdb: computed(() => this.build('duckdb')), sqlite: computed(() => this.build('sqlite')) };
  }

  private engineTables(id: EngineId): CatalogTable[] {
    const files = new Map(
      this.files.registered.value.filter((f) => f.engine === id).map((f) => [f.tableName.toLowerCase(), f.fileName]),
    );
    return this.state.tables.value[id].map((t: TableInfo) => {
      const file = files.get(t.name.toLowerCase()) ?? (t.schema ? files.get(t.schema.toLowerCase()) : undefined);
      const kind: CatalogTableKind = file !== undefined && t.schema === null ? 'file' : t.kind;
      const view = t.kind === 'view' ? { view: true as const } : {};
      return { schema: t.schema, name: t.name, kind, columns: t.columns, source: file ?? null, ...view };
    });
  }

  private build(id: EngineId): Catalog {
    const own = this.engineTables(id);
    const taken = new Set(own.filter((t) => t.schema === null).map((t) => t.name.toLowerCase()));
    // A user's table wins a clash with a cell name, as it does on the engines' search paths.
    const cells = this.cellTables.value.filter((t) => !taken.has(t.name.toLowerCase()));
    const schemas = [...new Set(own.flatMap((t) => (t.schema ? [t.schema] : [])))];
    return {
      dialect: id,
      tables: [...own, ...cells],
      schemas,
      functions: this.functionCache.value[id],
      status: this.state.engineStatus.value[id],
    };
  }

  /** The catalog for a cell of engine `id`; the cell's own name is left out (a cell cannot read itself). */
  catalogFor(id: EngineId, cell?: CellId): Catalog {
    const c = this.byEngine[id].value;
    return cell === undefined ? c : { ...c, tables: c.tables.filter((t) => t.cellId !== cell) };
  }

  private async loadFunctions(id: EngineId): Promise<void> {
    if (this.loading.has(id)) return;
    this.loading.add(id);
    try {
      // The function list is for completion; a Run waiting for the engine goes first.
      await this.state.whenRunsIdle(id);
      const list = await (await this.engines.get(id)).functions();
      this.functionCache.value = { ...this.functionCache.value, [id]: list };
    } catch {
      // Completion keeps its built-in list; a failure here must not disturb the notebook.
    } finally {
      this.loading.delete(id);
    }
  }

  /** Starts keeping function lists: once per engine when it is ready, again when a cell may define one. */
  start(): void {
    if (this.started) return;
    this.started = true;
    effect(() => {
      const status = this.state.engineStatus.value;
      for (const id of ['duckdb', 'sqlite'] as const) {
        if (status[id] === 'ready' && this.functionCache.peek()[id].length === 0) void this.loadFunctions(id);
      }
    });
    effect(() => {
      // The table lists change after every run; re-read functions only if some cell defines one.
      void this.state.tables.value;
      const defines = Object.values(this.state.notebook.peek().cells).some(
        (c) => c.kind === 'sql' && DEFINES_FUNCTION.test(c.source),
      );
      for (const id of ['duckdb', 'sqlite'] as const)
        if (defines && this.state.engineStatus.peek()[id] === 'ready') void this.loadFunctions(id);
    });
  }

  /**
   * Row count and sample values for the hover. A cell's result is read from the page; a view is
   * never asked about (see mayPeek); a table is asked of its engine only when that engine is ready
   * and no cell of it is queued or running, and an answer slower than PEEK_WAIT_MS is not waited for.
   */
  async tableStats(id: EngineId, table: CatalogTable, column: string | null): Promise<TableStats | null> {
    if (table.kind === 'cell') return this.cellStats(table, column);
    if (!mayPeek(table)) return { samples: [], notCounted: 'view' };
    // A cell queued or running on the engine goes first: a hover never puts work ahead of it.
    if (this.state.engineStatus.value[id] !== 'ready' || this.state.runsPending(id)) return null;
    const key = `${id}\u0000${table.schema ?? ''}\u0000${table.name}\u0000${column ?? ''}`;
    let entry = this.peeks.get(key);
    // The table list is replaced whenever a file opens or a cell runs: then the numbers may be stale.
    const tables = this.state.tables.value;
    if (!entry || entry.tables !== tables) {
      const stats = this.engines
        .get(id)
        .then((e) => e.peek(table.schema, table.name, column))
        .catch(() => null);
      entry = { tables, stats };
      this.peeks.set(key, entry);
    }
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), PEEK_WAIT_MS));
    return Promise.race([entry.stats, late]);
  }

  private cellStats(table: CatalogTable, column: string | null): TableStats | null {
    const result = table.cellId ? shownResult(this.state.runs.value.get(table.cellId))?.result : undefined;
    if (result?.kind !== 'rows') return null;
    const vector = column === null ? null : result.table.getChild(column);
    const samples = new Set<string>();
    for (let i = 0; vector && i < vector.length && samples.size < 5; i++) {
      const v: unknown = vector.get(i);
      if (v !== null && v !== undefined) samples.add(String(v));
    }
    return { rows: result.totalRows ?? undefined, samples: [...samples] };
  }
}
