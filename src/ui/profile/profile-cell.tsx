/** One column's profile, drawn in the row under its header: nulls, distinct, range, mean, and a histogram or top values. */
import type { ColumnKind } from '../../engines/view-sql';
import type { ColumnProfile } from '../../session/result-stats';
import { formatFloat, groupDigits } from '../../values/format';
import type { ProfileState } from './use-profile';

const num = (n: number): string => n.toLocaleString('en-US');

function share(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (100 * part) / whole;
  return `${p > 0 && p < 0.1 ? '<0.1' : p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** Min and max arrive as text; numbers get separators, long text is cut. */
function shortValue(v: string | null, kind: ColumnKind): string {
  if (v === null) return '–';
  if (kind === 'number') {
    const n = Number(v);
    return /^-?\d+(\.\d+)?$/.test(v) && v.replace(/[-.]/g, '').length > 15
      ? groupDigits(v)
      : Number.isFinite(n)
        ? formatFloat(n).text
        : v;
  }
  return v.length > 24 ? `${v.slice(0, 23)}…` : v;
}

function Histogram({ h }: { h: NonNullable<ColumnProfile['histogram']> }) {
  const max = Math.max(1, ...h.counts);
  const w = 100 / h.counts.length;
  const label = `Histogram from ${formatFloat(h.lo).text} to ${formatFloat(h.hi).text}`;
  return (
    <svg class="profile-hist" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={label}>
      <title>{label}</title>
      {h.counts.map((c, i) =>
        c > 0 ? (
          <rect
            x={i * w + 0.3}
            width={w - 0.6}
            y={24 - Math.max(1, (22 * c) / max)}
            height={Math.max(1, (22 * c) / max)}
          />
        ) : null,
      )}
    </svg>
  );
}

export function ProfileCell({ state, col, kind }: { state: ProfileState; col: number; kind: ColumnKind }) {
  if (state.status === 'loading') return <span class="muted">profiling…</span>;
  if (state.status === 'error')
    return (
      <span class="profile-error" title={state.message}>
        no profile
      </span>
    );
  if (state.status !== 'ready') return null;
  const p = state.columns[col];
  if (!p) return null;
  return (
    <div class="profile" data-role="profile">
      {p.histogram && <Histogram h={p.histogram} />}
      {p.top && p.top.length > 0 && (
        <ol class="profile-top" aria-label="Most frequent values">
          {p.top.map((t) => (
            <li title={`${t.value}: ${num(t.n)}`}>
              <span class="top-value">{t.value.length > 18 ? `${t.value.slice(0, 17)}…` : t.value}</span>{' '}
              <span class="muted">{share(t.n, p.rows)}</span>
            </li>
          ))}
        </ol>
      )}
      <dl>
        <dt>nulls</dt>
        <dd data-stat="nulls" data-value={p.nulls}>
          {num(p.nulls)} <span class="muted">({share(p.nulls, p.rows)})</span>
        </dd>
        <dt>distinct</dt>
        <dd data-stat="distinct" data-value={p.distinct ?? ''}>
          {p.distinct === null ? '–' : `≈${num(p.distinct)}`}
        </dd>
        {p.min !== null && (
          <>
            <dt>min</dt>
            <dd data-stat="min" data-value={p.min} title={p.min}>
              {shortValue(p.min, kind)}
            </dd>
            <dt>max</dt>
            <dd data-stat="max" data-value={p.max ?? ''} title={p.max ?? ''}>
              {shortValue(p.max, kind)}
            </dd>
          </>
        )}
        {p.mean !== null && (
          <>
            <dt>mean</dt>
            <dd data-stat="mean" data-value={p.mean}>
              {formatFloat(p.mean).text}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
