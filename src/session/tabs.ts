/**
 * Tabs on one notebook: one tab edits it, the others follow it read-only.
 *
 * A Web Lock per notebook says which tab edits; a BroadcastChannel carries the rest: "I saved
 * notebook X" (followers read it again), "the library changed" (every tab reads its list again),
 * and the two halves of a take-over ("let go of X" and "I let go of X"). Both are injected, so the
 * state machine runs in unit tests with fakes (tests/unit/session/tabs.test.ts).
 *
 * Why not merge edits: a merge of two texts of one cell can only guess, and a guess that drops a
 * line is the silent loss this exists to prevent. One editor at a time cannot lose an edit.
 */
import { signal } from '@preact/signals';
import type { HeldLock, TabChannel, TabLocks, TabMessage } from '../storage/tab-channel';

export type { HeldLock, TabChannel, TabLocks, TabMessage };

export type TabMode =
  /** No notebook is shown yet. */
  | { readonly mode: 'none' }
  /** This tab edits notebook `id`. */
  | { readonly mode: 'editing'; readonly id: string }
  /** Another tab edits `id`; this one shows it read-only and follows its saves. */
  | { readonly mode: 'following'; readonly id: string }
  /** This tab asked the editing tab to let go of `id`, and waits. */
  | { readonly mode: 'taking-over'; readonly id: string };

/** Why this tab now edits: it opened a free notebook, took it over, or the editing tab went away. */
export type EditReason = 'opened' | 'took-over' | 'freed';

export interface TabHooks {
  /** This tab now edits `id`; on a take-over or a freed lock, read the notebook again first. */
  onEdit(id: string, why: EditReason): Promise<void> | void;
  /** Another tab now edits `id`; `taken` when it took it from this tab. */
  onFollow(id: string, taken: boolean): void;
  /** The editing tab saved `id`: read it again. */
  onRemoteSave(id: string): void;
  /** Another tab changed the library. */
  onLibraryChange(): void;
  /** Before this tab lets go of `id` for another: save everything, close what only one tab may hold. */
  beforeRelease(id: string): Promise<void>;
}

export interface TabOptions {
  /** How long a take-over waits for the editing tab to answer before it takes the lock anyway. */
  readonly answerWithinMs?: number;
}

export const lockName = (id: string): string => `sql-notebook:edit:${id}`;

export class TabCoordinator {
  readonly mode = signal<TabMode>({ mode: 'none' });
  private held: HeldLock | null = null;
  /** Waits for the lock while following, so this tab edits when the editing tab closes. */
  private waiting: AbortController | null = null;
  /** Bumped on every open: work for an earlier notebook stops when it sees a newer one. */
  private generation = 0;
  private readonly answered = new Map<string, () => void>();
  private readonly answerWithinMs: number;

  constructor(
    private readonly tab: string,
    private readonly locks: TabLocks,
    private readonly channel: TabChannel,
    private readonly hooks: TabHooks,
    options: TabOptions = {},
  ) {
    this.answerWithinMs = options.answerWithinMs ?? 1500;
    channel.listen((m) => void this.receive(m));
  }

  get editing(): boolean {
    return this.mode.value.mode === 'editing';
  }

  private currentId(): string | null {
    const m = this.mode.value;
    return m.mode === 'none' ? null : m.id;
  }

  /** Shows notebook `id` in this tab: edits it when no other tab does, else follows. */
  async open(id: string): Promise<TabMode> {
    const generation = ++this.generation;
    this.letGo();
    const held = await this.locks.tryAcquire(lockName(id));
    if (generation !== this.generation) {
      held?.release();
      return this.mode.value;
    }
    if (held) this.hold(id, held);
    else this.follow(id, false);
    return this.mode.value;
  }

  /** Asks the editing tab to let go, and edits here: at once when it answers, after a short wait when it does not. */
  async takeOver(): Promise<void> {
    const m = this.mode.value;
    if (m.mode !== 'following') return;
    const { id } = m;
    const generation = ++this.generation;
    this.stopWaiting();
    this.mode.value = { mode: 'taking-over', id };
    const answer = new Promise<void>((resolve) => this.answered.set(id, resolve));
    this.channel.post({ kind: 'release', id, from: this.tab });
    await Promise.race([answer, new Promise((r) => setTimeout(r, this.answerWithinMs))]);
    this.answered.delete(id);
    if (generation !== this.generation) return;
    // Steal: a third tab waiting for the lock must not get it ahead of this one.
    const held = await this.locks.acquire(lockName(id), { steal: true });
    if (generation !== this.generation) return held.release();
    this.hold(id, held);
    await this.hooks.onEdit(id, 'took-over');
  }

  /**
   * Runs `change` on a notebook this tab does not show, holding its lock meanwhile; false (and
   * nothing run) when another tab edits it, whose next save would undo the change.
   */
  async whileNoOneEdits(id: string, change: () => Promise<void>): Promise<boolean> {
    const held = await this.locks.tryAcquire(lockName(id));
    if (!held) return false;
    try {
      await change();
      return true;
    } finally {
      held.release();
    }
  }

  /** The editing tab tells the others it saved `id`. */
  announceSave(id: string): void {
    if (this.editing) this.channel.post({ kind: 'saved', id, from: this.tab });
  }

  announceLibrary(): void {
    this.channel.post({ kind: 'library', from: this.tab });
  }

  /** Lets go of everything (the tab is closing, or tests end). */
  dispose(): void {
    this.generation++;
    this.letGo();
    this.mode.value = { mode: 'none' };
  }

  private hold(id: string, held: HeldLock): void {
    this.stopWaiting();
    this.held = held;
    this.mode.value = { mode: 'editing', id };
    void held.lost.then(() => {
      if (this.held !== held) return;
      // Taken without asking (this tab did not answer in time): follow from now on.
      this.held = null;
      this.follow(id, true);
    });
  }

  private follow(id: string, taken: boolean): void {
    this.mode.value = { mode: 'following', id };
    this.hooks.onFollow(id, taken);
    this.waitForLock(id);
  }

  private waitForLock(id: string): void {
    this.stopWaiting();
    const abort = new AbortController();
    this.waiting = abort;
    const generation = this.generation;
    this.locks.acquire(lockName(id), { steal: false, signal: abort.signal }).then(
      (held) => {
        if (abort.signal.aborted || generation !== this.generation || this.mode.value.mode !== 'following') {
          held.release();
          return;
        }
        this.waiting = null;
        this.hold(id, held);
        void this.hooks.onEdit(id, 'freed');
      },
      () => undefined,
    );
  }

  private stopWaiting(): void {
    this.waiting?.abort();
    this.waiting = null;
  }

  private letGo(): void {
    this.stopWaiting();
    const held = this.held;
    this.held = null;
    held?.release();
  }

  private async receive(m: TabMessage): Promise<void> {
    if (m.from === this.tab) return;
    if (m.kind === 'library') return this.hooks.onLibraryChange();
    if (this.currentId() !== m.id) return;
    if (m.kind === 'saved') {
      if (this.mode.value.mode !== 'editing') this.hooks.onRemoteSave(m.id);
      return;
    }
    if (m.kind === 'released') return this.answered.get(m.id)?.();
    // 'release': another tab takes this notebook over.
    if (this.mode.value.mode !== 'editing') return;
    const held = this.held;
    this.held = null;
    // Read-only before anything is awaited: no edit can slip in between the save and the release.
    this.mode.value = { mode: 'following', id: m.id };
    try {
      await this.hooks.beforeRelease(m.id);
    } finally {
      held?.release();
      this.channel.post({ kind: 'released', id: m.id, from: this.tab });
      if (this.currentId() === m.id && this.mode.value.mode === 'following') {
        this.hooks.onFollow(m.id, true);
        // Not at once: the lock is free until the other tab takes it, and this tab must not win it back.
        const generation = this.generation;
        setTimeout(() => {
          if (generation === this.generation && this.currentId() === m.id && this.mode.value.mode === 'following')
            this.waitForLock(m.id);
        }, this.answerWithinMs);
      }
    }
  }
}
