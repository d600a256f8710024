/** The profile of a result view, computed in the engine when the profile row is shown and again when the filters change. */
import { useEffect, useState } from 'preact/hooks';
import type { ViewColumn, ViewQuery } from '../../engines/view-sql';
import { toNotebookError } from '../../sql/errors';
import { baseProfile, detailProfile, type ColumnProfile } from '../../session/result-stats';
import type { ResultTarget } from '../../session/result-view';

export type ProfileState =
  | { readonly status: 'off' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly columns: readonly ColumnProfile[] }
  | { readonly status: 'error'; readonly message: string };

export function useProfile(
  target: ResultTarget | null,
  query: ViewQuery,
  columns: readonly ViewColumn[],
): ProfileState {
  const [state, setState] = useState<ProfileState>({ status: 'off' });
  // Sorting does not change a profile; only the filters do.
  const key = JSON.stringify(query.filters ?? []);
  useEffect(() => {
    if (!target) {
      setState({ status: 'off' });
      return;
    }
    let stopped = false;
    setState({ status: 'loading' });
    const q = { filters: query.filters ?? [] };
    void (async () => {
      try {
        const base = await baseProfile(target, q);
        if (stopped) return;
        let current = base;
        setState({ status: 'ready', columns: current });
        await detailProfile(
          target,
          q,
          base,
          (col, p) => {
            current = current.map((x, i) => (i === col ? p : x));
            if (!stopped) setState({ status: 'ready', columns: current });
          },
          () => stopped,
        );
      } catch (err) {
        if (!stopped) setState({ status: 'error', message: toNotebookError(err).message });
      }
    })();
    return () => {
      stopped = true;
    };
  }, [target, key, columns]);
  return state;
}
