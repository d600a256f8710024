/** Observable Plot (and d3 under it) loads with the first chart, not with the page. */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentProps, FunctionComponent } from 'preact';
import type { ChartView as ChartViewType } from './chart-view';

type Props = ComponentProps<typeof ChartViewType>;
let loaded: Promise<FunctionComponent<Props>> | null = null;

export function LazyChart(props: Props) {
  const [View, setView] = useState<FunctionComponent<Props> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    loaded ??= import('./chart-view').then((m) => m.ChartView);
    loaded.then(
      (v) => setView(() => v),
      (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  if (failed)
    return (
      <p class="result-error" role="status">
        The chart library could not load: {failed}
      </p>
    );
  return View ? <View {...props} /> : <p class="muted chart-note">Loading the chart library…</p>;
}
