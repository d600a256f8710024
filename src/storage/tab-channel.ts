/**
 * The browser's side of tab coordination (session/tabs.ts): Web Locks and a BroadcastChannel.
 * Where either is missing, this tab edits alone and says so: it cannot know about the others.
 */

/** A lock this tab holds. `lost` settles when another tab took it (steal). */
export interface HeldLock {
  release(): void;
  readonly lost: Promise<void>;
}

export interface TabLocks {
  /** Takes the lock if no tab holds it; null when one does. */
  tryAcquire(name: string): Promise<HeldLock | null>;
  /** Takes the lock: at once from its holder (steal), or when it is free. Rejects when `signal` aborts first. */
  acquire(name: string, options: { steal: boolean; signal?: AbortSignal }): Promise<HeldLock>;
}

export type TabMessage =
  | { readonly kind: 'saved'; readonly id: string; readonly from: string }
  | { readonly kind: 'library'; readonly from: string }
  | { readonly kind: 'release'; readonly id: string; readonly from: string }
  | { readonly kind: 'released'; readonly id: string; readonly from: string };

export interface TabChannel {
  post(message: TabMessage): void;
  listen(handler: (message: TabMessage) => void): void;
}

const CHANNEL = 'sql-notebook:tabs';

export function hasTabCoordination(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.locks && typeof BroadcastChannel === 'function';
}

/** Holds a Web Lock until released; `lost` settles when another tab steals it. */
function request(name: string, options: LockOptions): Promise<HeldLock | null> {
  return new Promise<HeldLock | null>((resolve, reject) => {
    let release: () => void = () => undefined;
    const done = new Promise<void>((r) => (release = r));
    let lose: () => void = () => undefined;
    const lost = new Promise<void>((r) => (lose = r));
    let holding = false;
    navigator.locks
      .request(name, options, (lock) => {
        if (!lock) return resolve(null);
        holding = true;
        resolve({ release, lost });
        return done;
      })
      .then(
        () => undefined,
        (err: unknown) => {
          // Stolen while held: the holder learns it here. Aborted while waiting: the caller asked.
          if (holding) lose();
          else reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
  });
}

export const browserLocks: TabLocks = {
  tryAcquire: (name) => request(name, { ifAvailable: true }),
  acquire: async (name, { steal, signal }) => {
    const held = await request(name, steal ? { steal: true } : signal ? { signal } : {});
    if (!held) throw new Error(`The lock ${name} was not granted`);
    return held;
  },
};

/** A channel to this app's other tabs (same origin). */
export function browserChannel(): TabChannel {
  const channel = new BroadcastChannel(CHANNEL);
  return {
    post: (message: TabMessage) => channel.postMessage(message),
    listen: (handler) =>
      channel.addEventListener('message', (e: MessageEvent<unknown>) => {
        const m = asMessage(e.data);
        if (m) handler(m);
      }),
  };
}

/** Where locks or channels are missing: every notebook is free, and no other tab is heard. */
export const aloneLocks: TabLocks = {
  tryAcquire: () => Promise.resolve({ release: () => undefined, lost: new Promise<void>(() => undefined) }),
  acquire: () => new Promise<HeldLock>(() => undefined),
};
export const aloneChannel: TabChannel = { post: () => undefined, listen: () => undefined };

/** Another tab may run another version of the app: anything unexpected is ignored. */
function asMessage(x: unknown): TabMessage | null {
  if (typeof x !== 'object' || x === null) return null;
  const m = x as Record<string, unknown>;
  if (typeof m.from !== 'string') return null;
  if (m.kind === 'library') return { kind: 'library', from: m.from };
  if ((m.kind === 'saved' || m.kind === 'release' || m.kind === 'released') && typeof m.id === 'string')
    return { kind: m.kind, id: m.id, from: m.from };
  return null;
}
