/**
 * Work that must take turns (DuckDB's main connection: see DuckdbEngine.oneAtATime), and what each
 * waiting piece waits behind, so a cell can say "the file sales.csv is loading" instead of "running".
 */
import type { EngineHold } from './engine';

interface Entry {
  readonly holder: EngineHold;
  readonly onWait: ((ahead: EngineHold | null) => void) | undefined;
  started: boolean;
}

export class TurnQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private entries: Entry[] = [];

  /** Runs `work` after everything given before it; `onWait` hears what holds the turn until it starts (then null). */
  run<T>(work: () => Promise<T>, holder: EngineHold, onWait?: (ahead: EngineHold | null) => void): Promise<T> {
    const entry: Entry = { holder, onWait, started: false };
    this.entries.push(entry);
    if (this.entries.length > 1) this.tell(entry);
    const start = () => {
      entry.started = true;
      onWait?.(null);
      return work();
    };
    const mine = this.tail.then(start, start).finally(() => this.done(entry));
    this.tail = mine.catch(() => undefined);
    return mine;
  }

  /** Forgets what the queue held (the instance it ran on died): new work does not wait behind it. */
  reset(): void {
    this.tail = Promise.resolve();
    this.entries = [];
  }

  private done(entry: Entry): void {
    const i = this.entries.indexOf(entry);
    if (i < 0) return;
    this.entries.splice(i, 1);
    for (const e of this.entries) if (!e.started) this.tell(e);
  }

  /** What `entry` waits behind: a file load ahead of it when there is one (the long wait), else the first in line. */
  private tell(entry: Entry): void {
    if (!entry.onWait) return;
    const ahead = this.entries.slice(0, this.entries.indexOf(entry));
    const first = ahead[0];
    if (!first) return;
    entry.onWait(ahead.find((e) => e.holder.kind === 'file')?.holder ?? first.holder);
  }
}
