import { describe, expect, it } from 'vitest';
import {
  TabCoordinator,
  type HeldLock,
  type TabChannel,
  type TabLocks,
  type TabMessage,
} from '../../../src/session/tabs';

/** Web Locks as the spec has them, for one name at a time: ifAvailable, waiting (FIFO, abortable) and steal. */
class FakeLocks {
  private readonly holders = new Map<string, { lose: () => void; token: object }>();
  private readonly queues = new Map<string, { grant: () => void; signal?: AbortSignal }[]>();

  held(name: string): boolean {
    return this.holders.has(name);
  }

  private grant(name: string): HeldLock {
    let lose: () => void = () => undefined;
    const lost = new Promise<void>((r) => (lose = r));
    const token = {};
    this.holders.set(name, { lose, token });
    return {
      lost,
      release: () => {
        if (this.holders.get(name)?.token !== token) return;
        this.holders.delete(name);
        this.next(name);
      },
    };
  }

  private next(name: string): void {
    const q = this.queues.get(name) ?? [];
    while (q.length > 0 && !this.holders.has(name)) {
      const w = q.shift();
      if (w && !w.signal?.aborted) w.grant();
    }
  }

  for(tab: string): TabLocks {
    void tab;
    return {
      tryAcquire: (name) => Promise.resolve(this.holders.has(name) ? null : this.grant(name)),
      acquire: (name, { steal, signal }) =>
        new Promise<HeldLock>((resolve, reject) => {
          if (steal) {
            const old = this.holders.get(name);
            this.holders.delete(name);
            old?.lose();
            return resolve(this.grant(name));
          }
          if (!this.holders.has(name)) return resolve(this.grant(name));
          const q = this.queues.get(name) ?? [];
          this.queues.set(name, q);
          q.push({ grant: () => resolve(this.grant(name)), ...(signal ? { signal } : {}) });
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
  }
}

/** A BroadcastChannel: every message reaches every other tab a few milliseconds later, as across processes. */
class FakeBus {
  private readonly listeners: { tab: string; handler: (m: TabMessage) => void }[] = [];
  readonly log: TabMessage[] = [];
  /** A tab that stopped answering (frozen): its messages are not delivered to it. */
  readonly deaf = new Set<string>();

  for(tab: string): TabChannel {
    return {
      post: (m) => {
        this.log.push(m);
        setTimeout(() => {
          for (const l of this.listeners) if (l.tab !== tab && !this.deaf.has(l.tab)) l.handler(m);
        }, 3);
      },
      listen: (handler) => this.listeners.push({ tab, handler }),
    };
  }
}

interface Tab {
  c: TabCoordinator;
  events: string[];
}

function tab(name: string, locks: FakeLocks, bus: FakeBus, answerWithinMs = 30): Tab {
  const events: string[] = [];
  const c = new TabCoordinator(
    name,
    locks.for(name),
    bus.for(name),
    {
      onEdit: (id, why) => void events.push(`edit ${id} ${why}`),
      onFollow: (id, taken) => void events.push(`follow ${id}${taken ? ' taken' : ''}`),
      onRemoteSave: (id) => void events.push(`remote-save ${id}`),
      onLibraryChange: () => void events.push('library'),
      beforeRelease: async (id) => {
        events.push(`release ${id}`);
        await new Promise((r) => setTimeout(r, 5));
      },
    },
    { answerWithinMs },
  );
  return { c, events };
}

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Tabs a, b, c on one fake lock manager and one fake channel. */
function browser() {
  const locks = new FakeLocks();
  const bus = new FakeBus();
  return { locks, bus, a: tab('a', locks, bus), b: tab('b', locks, bus), c: tab('c', locks, bus) };
}

describe('tab coordination', () => {
  it('the first tab on a notebook edits it; a second follows it read-only', async () => {
    const { a, b } = browser();
    expect((await a.c.open('nb1')).mode).toBe('editing');
    expect((await b.c.open('nb1')).mode).toBe('following');
    expect(b.events).toEqual(['follow nb1']);
    expect(a.c.editing).toBe(true);
    expect(b.c.editing).toBe(false);
  });

  it('two tabs on two notebooks both edit', async () => {
    const { a, b } = browser();
    await a.c.open('nb1');
    expect((await b.c.open('nb2')).mode).toBe('editing');
  });

  it('the editing tab announces saves; only the followers of that notebook hear them', async () => {
    const { bus, a, b, c } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    await c.c.open('nb2');
    a.c.announceSave('nb1');
    // A follower never announces: it has nothing of its own to save.
    b.c.announceSave('nb1');
    await settle();
    expect(b.events.filter((e) => e.startsWith('remote-save'))).toEqual(['remote-save nb1']);
    expect(c.events.filter((e) => e.startsWith('remote-save'))).toEqual([]);
    expect(bus.log.filter((m) => m.kind === 'saved')).toHaveLength(1);
  });

  it('take over: the editing tab saves and lets go before the other edits', async () => {
    const { bus, a, b } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    await b.c.takeOver();
    expect(b.c.mode.value).toEqual({ mode: 'editing', id: 'nb1' });
    expect(a.c.mode.value).toEqual({ mode: 'following', id: 'nb1' });
    expect(a.events).toEqual(['release nb1', 'follow nb1 taken']);
    expect(b.events.at(-1)).toBe('edit nb1 took-over');
    // The order that keeps every edit: A saved (release) before B read the notebook (edit).
    expect(bus.log.map((m) => m.kind)).toEqual(['release', 'released']);
  });

  it('the tab that let go does not win the lock back while the other takes it', async () => {
    const { a, b } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    await b.c.takeOver();
    await settle(80);
    expect(a.events.some((e) => e.startsWith('edit'))).toBe(false);
    expect(b.c.editing).toBe(true);
  });

  it('a frozen editing tab is taken over after the wait, and follows when it wakes', async () => {
    const { bus, a, b } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    bus.deaf.add('a');
    const started = Date.now();
    await b.c.takeOver();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(b.c.editing).toBe(true);
    await settle();
    // Its lock was stolen: it can no longer save over B's edits.
    expect(a.c.mode.value).toEqual({ mode: 'following', id: 'nb1' });
    expect(a.events).toEqual(['follow nb1 taken']);
  });

  it('when the editing tab closes, a follower edits, and reads the notebook again first', async () => {
    const { a, b } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    a.c.dispose();
    await settle();
    expect(b.c.editing).toBe(true);
    expect(b.events).toEqual(['follow nb1', 'edit nb1 freed']);
  });

  it('with three tabs, a take-over goes to the tab that asked, not the one that waited longest', async () => {
    const { a, b, c } = browser();
    await a.c.open('nb1');
    await b.c.open('nb1');
    await c.c.open('nb1');
    await c.c.takeOver();
    await settle(80);
    const editors = [a, b, c].filter((t) => t.c.editing);
    expect(editors).toEqual([c]);
    expect(b.c.mode.value.mode).toBe('following');
  });

  it('switching notebooks lets go of the first', async () => {
    const { locks, a } = browser();
    await a.c.open('nb1');
    await a.c.open('nb2');
    expect(locks.held('sql-notebook:edit:nb1')).toBe(false);
    expect(locks.held('sql-notebook:edit:nb2')).toBe(true);
  });

  it('library changes reach every other tab, whatever it shows', async () => {
    const { a, b } = browser();
    await a.c.open('nb1');
    await b.c.open('nb2');
    a.c.announceLibrary();
    await settle();
    expect(b.events).toContain('library');
    expect(a.events).not.toContain('library');
  });

  it('a tab ignores a release asked of a notebook it does not show', async () => {
    const { bus, a } = browser();
    await a.c.open('nb1');
    bus.for('x').post({ kind: 'release', id: 'nb9', from: 'x' });
    await settle();
    expect(a.c.editing).toBe(true);
    expect(a.events).toEqual([]);
  });
});

describe('changing a notebook this tab does not show', () => {
  it('runs when no tab edits it, and is refused while one does', async () => {
    const { a, b } = browser();
    await a.c.open('nb1');
    let ran = 0;
    expect(await b.c.whileNoOneEdits('nb1', () => Promise.resolve(void ran++))).toBe(false);
    expect(await b.c.whileNoOneEdits('nb2', () => Promise.resolve(void ran++))).toBe(true);
    expect(ran).toBe(1);
    // It let go: the notebook can be opened for editing afterwards.
    expect((await b.c.open('nb2')).mode).toBe('editing');
  });
});
