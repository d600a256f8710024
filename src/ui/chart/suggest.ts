/** A first chart for a result, from its column types: what an analyst would likely draw first. */
import type { ColumnKind } from '../../engines/view-sql';
import type { ChartSettings } from '../../notebook/view-settings';

export function suggestChart(names: readonly string[], kinds: readonly ColumnKind[]): ChartSettings {
  const of = (k: ColumnKind) => names.filter((_, i) => kinds[i] === k);
  // An id column is rarely what to plot; other numbers come first.
  const ids = (n: string) => /(^|_)id$|^id\d*$/i.test(n);
  const nums = [...of('number').filter((n) => !ids(n)), ...of('number').filter(ids)];
  const times = of('temporal');
  const texts = [...of('text'), ...of('boolean')];
  if (times[0] && nums[0]) return { type: 'line', x: times[0], y: nums[0], aggregate: 'sum' };
  if (texts[0] && nums[0]) return { type: 'bar', x: texts[0], y: nums[0], aggregate: 'sum' };
  if (nums[0] && nums[1]) return { type: 'scatter', x: nums[0], y: nums[1], aggregate: 'none' };
  if (nums[0]) return { type: 'histogram', x: nums[0] };
  if (texts[0]) return { type: 'bar', x: texts[0], aggregate: 'count' };
  return { type: 'bar', ...(names[0] ? { x: names[0] } : {}), aggregate: 'count' };
}
