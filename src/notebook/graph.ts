/**
 * The dependency graph between cells: a cell reads another when its SQL
 * references that cell's name as a table. Pure: built from cell sources and
 * names, with the reference extraction in sql/references.ts.
 */
import type { CellId, EngineId } from './cells';
import { tableReferences } from '../sql/references';

export interface GraphCell {
  readonly id: CellId;
  /** The cell's table name; null for cells that produce none (Markdown). */
  readonly name: string | null;
  readonly source: string;
  /** The dialect the source is read in. */
  readonly engine: EngineId;
}

export interface Graph {
  /** For each cell, the cells it reads, in the order they are referenced. */
  readonly inputs: ReadonlyMap<CellId, readonly CellId[]>;
  /** For each cell, the cells that read it. */
  readonly dependents: ReadonlyMap<CellId, readonly CellId[]>;
  /** For each cell, the unqualified table names it references that are no cell's name. */
  readonly otherRefs: ReadonlyMap<CellId, readonly string[]>;
  /** Cells that are part of a cycle (including a cell that reads itself). */
  readonly cyclic: ReadonlySet<CellId>;
}

export function buildGraph(cells: readonly GraphCell[]): Graph {
  const byName = new Map<string, CellId>();
  for (const c of cells) if (c.name) byName.set(c.name.toLowerCase(), c.id);
  const inputs = new Map<CellId, CellId[]>();
  const dependents = new Map<CellId, CellId[]>(cells.map((c) => [c.id, []]));
  const otherRefs = new Map<CellId, string[]>();
  for (const c of cells) {
    const ins: CellId[] = [];
    const others: string[] = [];
    if (c.name !== null) {
      for (const ref of tableReferences(c.source, c.engine)) {
        const producer = ref.schema === null ? byName.get(ref.name.toLowerCase()) : undefined;
        if (producer === undefined) others.push(ref.schema ? `${ref.schema}.${ref.name}` : ref.name);
        else if (!ins.includes(producer)) ins.push(producer);
      }
    }
    inputs.set(c.id, ins);
    otherRefs.set(c.id, others);
    for (const p of ins) dependents.get(p)?.push(c.id);
  }
  return {
    inputs,
    dependents,
    otherRefs,
    cyclic: findCyclic(
      cells.map((c) => c.id),
      inputs,
    ),
  };
}

/** Tarjan's strongly connected components: every cell in a component of two or more, or with a self-edge. */
function findCyclic(ids: readonly CellId[], inputs: ReadonlyMap<CellId, readonly CellId[]>): Set<CellId> {
  const index = new Map<CellId, number>();
  const low = new Map<CellId, number>();
  const stack: CellId[] = [];
  const onStack = new Set<CellId>();
  const cyclic = new Set<CellId>();
  let next = 0;
  const visit = (v: CellId): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of inputs.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: CellId[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (inputs.get(v) ?? []).includes(v)) for (const c of component) cyclic.add(c);
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return cyclic;
}

/** The cells `id` reads, directly or not, dependencies first; cells in cycles are left out. */
export function upstreamOf(graph: Graph, id: CellId): CellId[] {
  const order: CellId[] = [];
  const seen = new Set<CellId>([id]);
  const visit = (v: CellId): void => {
    for (const w of graph.inputs.get(v) ?? []) {
      if (seen.has(w) || graph.cyclic.has(w)) continue;
      seen.add(w);
      visit(w);
      order.push(w);
    }
  };
  visit(id);
  return order;
}

/** Every cell that reads `id`, directly or not. */
export function downstreamOf(graph: Graph, id: CellId): Set<CellId> {
  const out = new Set<CellId>();
  const todo = [...(graph.dependents.get(id) ?? [])];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    if (out.has(v) || v === id) continue;
    out.add(v);
    todo.push(...(graph.dependents.get(v) ?? []));
  }
  return out;
}

/** `ids` ordered so every cell comes after the cells it reads; ties keep the given (notebook) order. */
export function topologicalOrder(graph: Graph, ids: readonly CellId[]): CellId[] {
  const wanted = new Set(ids);
  const placed = new Set<CellId>();
  const out: CellId[] = [];
  const place = (v: CellId, path: Set<CellId>): void => {
    if (placed.has(v) || path.has(v)) return;
    path.add(v);
    for (const w of graph.inputs.get(v) ?? []) if (wanted.has(w)) place(w, path);
    path.delete(v);
    placed.add(v);
    out.push(v);
  };
  for (const id of ids) place(id, new Set());
  return out;
}
