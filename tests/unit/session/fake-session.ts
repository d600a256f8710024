/** A session core over fake engines (fake-engine.ts), holding cells given as [name, sql, engine]. */
import { createCell, type CellId, type EngineId } from '../../../src/notebook/cells';
import { emptyNotebook, insertCell } from '../../../src/notebook/operations';
import { createSessionCore, type SessionCore } from '../../../src/session/session';
import type { RememberedInput } from '../../../src/storage/file-handles';
import { FakeEngine } from './fake-engine';

export interface FakeSession {
  readonly core: SessionCore;
  readonly duckdb: FakeEngine;
  readonly sqlite: FakeEngine;
  readonly ids: Record<string, CellId>;
}

export function fakeSession(cells: readonly [string, string, EngineId?][]): FakeSession {
  const engines = { duckdb: new FakeEngine('duckdb'), sqlite: new FakeEngine('sqlite') };
  const remembered = new Map<string, RememberedInput[]>();
  const core = createSessionCore({
    createEngine: async (id) => engines[id],
    loadDatasets: async () => undefined,
    remembered: {
      list: async (id) => remembered.get(id) ?? [],
      remember: async (id, input) => void remembered.set(id, [...(remembered.get(id) ?? []), input]),
      mayRead: async () => true,
    },
  });
  let nb = emptyNotebook();
  const ids: Record<string, CellId> = {};
  for (const [name, sql, engine] of cells) {
    const c = createCell('sql', sql, engine ?? 'duckdb', name);
    ids[name] = c.id;
    nb = insertCell(nb, c);
  }
  core.state.notebook.value = nb;
  return { core, ...engines, ids };
}
