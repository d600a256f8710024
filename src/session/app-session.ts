/** The session of the running app: real engines in workers, the bundled sample data, and IndexedDB for remembered files. */
import type { Engine } from '../engines/engine';
import { ensurePermission, rememberInput, rememberedInputs } from '../storage/file-handles';
import { bundledDatasets } from './datasets';
import { Session } from './session';

async function createEngine(id: 'duckdb' | 'sqlite'): Promise<Engine> {
  if (id === 'duckdb') {
    const { DuckdbEngine } = await import('../engines/duckdb-engine');
    return new DuckdbEngine();
  }
  const { SqliteEngine } = await import('../engines/sqlite-engine');
  return new SqliteEngine();
}

export function createAppSession(): Session {
  let session: Session | null = null;
  session = new Session({
    createEngine,
    loadDatasets: bundledDatasets(`${import.meta.env.BASE_URL}datasets/`, (m) => session?.state.toast('warning', m)),
    remembered: {
      list: rememberedInputs,
      remember: rememberInput,
      mayRead: (handle) => ensurePermission(handle, 'read'),
    },
  });
  // The page's dialog answers when a second file has the name of an open one.
  session.files.conflicts.askUser();
  return session;
}
