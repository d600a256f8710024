/** The session of the running app: real engines in workers, the bundled sample data, and IndexedDB for remembered files. */
import type { Engine } from '../engines/engine';
import { ensurePermission, rememberInput, rememberedInputs } from '../storage/file-handles';
import { aloneChannel, aloneLocks, browserChannel, browserLocks, hasTabCoordination } from '../storage/tab-channel';
import { askToPersist } from '../storage/opfs';
import { bundledDatasets } from './datasets';
import type { TabLinks } from './library';
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
    tabs: tabLinks(),
  });
  // The page's dialog answers when a second file has the name of an open one.
  session.files.conflicts.askUser();
  return session;
}

function tabLinks(): TabLinks {
  const tab = `tab${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const together = hasTabCoordination();
  return {
    tab,
    together,
    locks: together ? browserLocks : aloneLocks,
    channel: together ? browserChannel() : aloneChannel,
    persist: askToPersist,
  };
}
