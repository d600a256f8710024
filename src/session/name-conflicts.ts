/**
 * A file being opened whose table name is taken by another file of the same name (`d1/same.csv`,
 * then `d2/same.csv`). The user is asked: replace that table, or open this one under a new name.
 * Where no view answers (tests, a session without a page), the new file gets the new name, and
 * the toast that says it was opened names both tables.
 */
import { signal } from '@preact/signals';

export interface NameConflict {
  /** The name both files (or folders) share. */
  readonly fileName: string;
  readonly what: 'file' | 'folder';
  /** The table the open file has now. */
  readonly tableName: string;
  /** The name the new file gets if it does not replace that table. */
  readonly newName: string;
  /** Size and modification time of the open file and of the new one, so the user can tell them apart. */
  readonly open: { readonly size: number; readonly lastModified: number };
  readonly incoming: { readonly size: number; readonly lastModified: number };
}

export type ConflictChoice = 'replace' | 'rename' | 'cancel';

export class NameConflicts {
  /** The question shown now, if any. */
  readonly pending = signal<NameConflict | null>(null);
  private answer: ((choice: ConflictChoice) => void) | null = null;
  /** Questions wait for the one before: two drops can each bring a namesake. */
  private last: Promise<unknown> = Promise.resolve();
  private asking = false;

  /** Called by the app once its dialog is there to answer. */
  askUser(): void {
    this.asking = true;
  }

  /** What to do with the new file: the user's answer, or a new name when no one can be asked. */
  ask(conflict: NameConflict): Promise<ConflictChoice> {
    if (!this.asking) return Promise.resolve('rename');
    const next = this.last.then(
      () =>
        new Promise<ConflictChoice>((resolve) => {
          this.answer = resolve;
          this.pending.value = conflict;
        }),
    );
    this.last = next;
    return next;
  }

  /** The user's answer to the question shown. */
  choose(choice: ConflictChoice): void {
    const answer = this.answer;
    this.answer = null;
    this.pending.value = null;
    answer?.(choice);
  }
}
