/** Turns a bench result into Markdown tables (printed and saved) and the target checks. */
import { QUERY_IDS } from './queries.mjs';

export const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : null);
const f = (ms) =>
  ms == null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const mb = (b) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(1)} MB`);
const r = (x) => (x == null ? 'n/a' : `${x.toFixed(2)}×`);
const ok = (pass) => (pass == null ? '–' : pass ? 'met' : '**missed**');
const meds = (qs) => (qs ? qs.map((s) => (s ? median(s) : null)) : QUERY_IDS.map(() => null));

/** The raw run of the build the notebook ran: coi when it had threads, else eh. */
const sameBuild = (s) => ((s.notebook?.threads ?? 1) > 1 ? s.rawCoi : s.rawEh);

function sizeTable(size, s) {
  const cols = [
    ['Native DuckDB, 1 thread', meds(s.native1?.queries), s.native1?.csvLoadMs],
    [`Native DuckDB, ${s.nativeAll?.threads ?? 'all'} threads`, meds(s.nativeAll?.queries), s.nativeAll?.csvLoadMs],
    ['Raw DuckDB-Wasm eh (1 thread)', meds(s.rawEh?.queries), s.rawEh?.csvLoadMs],
    [`Raw DuckDB-Wasm coi (${s.rawCoi?.threads ?? '?'} threads)`, meds(s.rawCoi?.queries), s.rawCoi?.csvLoadMs],
    [`Notebook (${s.notebook?.threads ?? '?'} threads)`, meds(s.notebook?.queries), s.notebook?.csvLoadMs],
  ];
  const nb = cols[4][1];
  // The notebook's overhead is its time over the raw engine of the same build: eh when it ran on one thread.
  const same = sameBuild(s);
  const sameCol = same === s.rawCoi ? 3 : 2;
  const lines = [
    `| ${size} rows | ${cols.map((c) => c[0]).join(' | ')} | Notebook ÷ raw ${same === s.rawCoi ? 'coi' : 'eh'} (same build) |`,
    `|---|${cols.map(() => '---|').join('')}---|`,
  ];
  lines.push(
    `| CSV load | ${cols.map((c) => f(c[2])).join(' | ')} | ${r(s.notebook && same ? s.notebook.csvLoadMs / same.csvLoadMs : null)} |`,
  );
  QUERY_IDS.forEach((q, i) => {
    const ratio = nb[i] != null && cols[sameCol][1][i] ? nb[i] / cols[sameCol][1][i] : null;
    lines.push(`| ${q} | ${cols.map((c) => f(c[1][i])).join(' | ')} | ${r(ratio)} |`);
  });
  const gm = cols.map((c) => (c[1].every((x) => x) ? geomean(c[1]) : null));
  lines.push(`| geometric mean | ${gm.map(f).join(' | ')} | ${r(gm[4] && gm[sameCol] ? gm[4] / gm[sameCol] : null)} |`);
  return { text: lines.join('\n'), gm };
}

function sqliteTable(s) {
  if (!s.rawSqlite && !s.notebookSqlite) return '';
  const raw = meds(s.rawSqlite?.queries);
  const nb = meds(s.notebookSqlite?.queries);
  const duck = meds(s.rawEh?.queries);
  const lines = [
    '| 1e6 rows, SQLite | Raw sql.js (page thread) | Notebook SQLite engine (worker) | Notebook ÷ raw | Raw DuckDB-Wasm eh, for scale |',
    '|---|---|---|---|---|',
  ];
  lines.push(`| open the database file | ${f(s.rawSqlite?.openMs)} | ${f(s.notebookSqlite?.openMs)} | | |`);
  QUERY_IDS.forEach((q, i) =>
    lines.push(`| ${q} | ${f(raw[i])} | ${f(nb[i])} | ${r(raw[i] && nb[i] ? nb[i] / raw[i] : null)} | ${f(duck[i])} |`),
  );
  return lines.join('\n');
}

/** The targets, checked against this run. */
export function targets(res) {
  const out = [];
  const big = res.sizes['1e7'] ?? res.sizes[Object.keys(res.sizes).pop()];
  const bigName = res.sizes['1e7'] ? '1e7' : Object.keys(res.sizes).pop();
  for (const [size, s] of Object.entries(res.sizes)) {
    const nb = meds(s.notebook?.queries);
    const raw = meds(sameBuild(s)?.queries);
    const big100 = QUERY_IDS.map((q, i) => [q, nb[i], raw[i]]).filter(([, n, w]) => n != null && w != null);
    const slow = big100.filter(([, , w]) => w >= 100);
    const worst = slow.reduce((m, [q, n, w]) => (n / w > m.v ? { q, v: n / w } : m), { q: '-', v: 0 });
    out.push([
      `Overhead at ${size}: notebook ÷ raw (same build) ≤ 1.05 on queries ≥ 100 ms`,
      slow.length ? `worst ${worst.q} ${r(worst.v)}` : 'no query ≥ 100 ms',
      slow.length ? worst.v <= 1.05 : null,
    ]);
    const tiny = big100.filter(([, , w]) => w < 100);
    const added = tiny.reduce((m, [q, n, w]) => (n - w > m.v ? { q, v: n - w } : m), { q: '-', v: -Infinity });
    out.push([
      `Overhead at ${size}: ≤ 15 ms added on queries < 100 ms (same build)`,
      tiny.length ? `worst ${added.q} +${added.v.toFixed(0)} ms` : 'none',
      tiny.length ? added.v <= 15 : null,
    ]);
  }
  const t = sizeTable(bigName, big).gm;
  out.push([
    `Threads at ${bigName}: notebook ≥ 1.6× faster than raw eh (geomean)`,
    r(t[2] && t[4] ? t[2] / t[4] : null),
    t[2] && t[4] ? t[2] / t[4] >= 1.6 : null,
  ]);
  out.push([
    `Threads at ${bigName}: notebook within 1.5× of native at the same threads (geomean)`,
    r(t[1] && t[4] ? t[4] / t[1] : null),
    t[1] && t[4] ? t[4] / t[1] <= 1.5 : null,
  ]);
  const pq = big?.notebook?.parquet;
  if (pq?.rssBeforeMB != null) {
    const table = pq.rssAfterMB - pq.rssBeforeMB;
    const peak = pq.rssPeakMB - pq.rssBeforeMB;
    out.push([
      `Parquet at ${bigName}: load peak ≤ 2 × table (tab RSS growth)`,
      `peak +${peak} MB, table +${table} MB (${r(peak / table)})`,
      peak <= 2 * table,
    ]);
    out.push([
      `Parquet at ${bigName}: load no slower than CSV`,
      `${f(pq.loadMs)} vs ${f(big.notebook.csvLoadMs)}`,
      pq.loadMs <= big.notebook.csvLoadMs,
    ]);
  }
  const c = res.start;
  const le = (x, max) => (x == null ? null : x <= max);
  if (c?.cold) {
    out.push(['Cold start: editor accepts typing ≤ 800 ms', f(c.cold.editorMs), le(c.cold.editorMs, 800)]);
    out.push([
      'Cold start: first result on bundled data ≤ 2.5 s',
      f(c.cold.firstResultMs),
      le(c.cold.firstResultMs, 2500),
    ]);
    out.push(['Warm start: first result ≤ 1 s', f(c.warm.firstResultMs), le(c.warm.firstResultMs, 1000)]);
  }
  const v = res.firstVisit;
  if (v && !v.error) {
    out.push(['First visit: bytes downloaded ≤ 45 MB', mb(v.bytes), le(v.bytes, 45e6)]);
    out.push([
      'Cold start: "Add SQL cell" answers ≤ 100 ms while the editors are built',
      `${f(v.clickToCellMs)} (longest task in the first 10 s: ${f(v.longestTaskMs)})`,
      le(v.clickToCellMs, 100),
    ]);
    out.push(['First visit: editor accepts typing ≤ 0.6 s', f(v.editorMs), le(v.editorMs, 600)]);
  }
  const lt = Object.values(res.sizes).reduce(
    (a, s) => a + (s.notebook?.longTasksDuringRuns ?? 0) + (s.notebookSqlite?.longTasksDuringRuns ?? 0),
    0,
  );
  out.push(['Main thread: zero long tasks during query runs', String(lt), lt === 0]);
  return out;
}

/** This build beside the base revision measured in the same run (--base REV): the ratio is this ÷ base. */
function baseTable(res) {
  if (!res.base) return '';
  const rows = [];
  const row = (what, now, then) =>
    rows.push(`| ${what} | ${f(now)} | ${f(then)} | ${r(now != null && then ? now / then : null)} |`);
  row('Cold start: editor accepts typing', res.start?.cold?.editorMs, res.startBase?.cold?.editorMs);
  row('Cold start: first result on bundled data', res.start?.cold?.firstResultMs, res.startBase?.cold?.firstResultMs);
  row('Warm start: first result on bundled data', res.start?.warm?.firstResultMs, res.startBase?.warm?.firstResultMs);
  if (res.firstVisit && res.firstVisitBase) {
    rows.push(
      `| Bytes on a first visit | ${mb(res.firstVisit.bytes)} | ${mb(res.firstVisitBase.bytes)} | ${r(res.firstVisitBase.bytes ? res.firstVisit.bytes / res.firstVisitBase.bytes : null)} |`,
    );
    row(
      'First visit: click → new cell, while editors are built',
      res.firstVisit.clickToCellMs,
      res.firstVisitBase.clickToCellMs,
    );
    row(
      'First visit: longest main-thread task, first 10 s',
      res.firstVisit.longestTaskMs,
      res.firstVisitBase.longestTaskMs,
    );
    row('First visit: editor accepts typing', res.firstVisit.editorMs, res.firstVisitBase.editorMs);
  }
  row('File chosen → first GROUP BY (1e6 CSV)', res.peers?.fileToGroupByMs, res.peersBase?.fileToGroupByMs);
  row('Run → result on a loaded table', res.peers?.runToResultMs, res.peersBase?.runToResultMs);
  for (const [size, s] of Object.entries(res.sizes)) {
    const now = meds(s.notebook?.queries);
    const then = meds(s.notebookBase?.queries);
    const gm = (xs) => (xs.every((x) => x) ? geomean(xs) : null);
    row(`Notebook q1–q10 geomean at ${size}`, gm(now), gm(then));
    row(`Notebook CSV load at ${size}`, s.notebook?.csvLoadMs, s.notebookBase?.csvLoadMs);
  }
  return [
    `| Side by side with ${res.base} | This build | ${res.base} | This ÷ base |`,
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function report(res) {
  const parts = [];
  const b = baseTable(res);
  if (b) parts.push(b);
  const p = res.peers;
  if (p && !p.error) {
    parts.push(
      [
        '| Measure | Duck-UI | PondPilot | sqliteviz | Target | Ours (this run, median) |',
        '|---|---|---|---|---|---|',
        `| File chosen → first GROUP BY result (1M rows, 50 MB CSV) | 1.2 s | 3.0 s | 11.4 s | ≤ 0.8 s | ${f(p.fileToGroupByMs)} |`,
        `| Run → result on a loaded table | 0.1 s | 1.4 s | 1.3 s | ≤ 60 ms | ${f(p.runToResultMs)} |`,
        `| Editor usable after navigation (cold) | 3.5 s | 2.0 s | 1.1 s | ≤ 0.8 s | ${f(res.start?.cold.editorMs)} |`,
        `| Editor usable after navigation (warm) | | | | | ${f(res.start?.warm.editorMs)} |`,
        `| Bytes on a first visit | 40 MB | 52 MB | 3.7 MB | ≤ 45 MB | ${mb(res.firstVisit?.bytes)} |`,
        ...(p.editor200?.median
          ? [
              `| 200-cell notebook: all cells on the page | | | | | ${f(p.editor200.median.cellsMs)} |`,
              `| 200-cell notebook: keystroke → paint, just after the first editor (median) | | | | | ${f(p.editor200.median.typingMs)} |`,
              `| 200-cell notebook: keystroke → paint, page settled (median / worst) | | | | | ${f(p.editor200.median.typingSettledMs)} / ${f(p.editor200.median.typingSettledMaxMs)} |`,
            ]
          : []),
      ].join('\n'),
    );
  }
  for (const [size, s] of Object.entries(res.sizes)) {
    parts.push(sizeTable(size, s).text);
    const nb = s.notebook;
    if (nb) {
      const extra = [`Notebook at ${size}: Parquet load ${f(nb.parquet?.loadMs)} (CSV ${f(nb.csvLoadMs)})`];
      if (nb.parquet)
        extra.push(
          `tab RSS ${nb.parquet.rssBeforeMB} MB → peak ${nb.parquet.rssPeakMB} MB → ${nb.parquet.rssAfterMB} MB`,
        );
      if (nb.selectStarMs != null) extra.push(`SELECT * → grid ${f(nb.selectStarMs)}`);
      extra.push(`long tasks during runs ${nb.longTasksDuringRuns}`, `tab peak RSS ${nb.peakMB ?? 'n/a'} MB`);
      parts.push(extra.join('; ') + '.');
    }
    const sq = sqliteTable(s);
    if (sq) parts.push(sq);
  }
  const g = res.grid?.summary;
  if (g) {
    parts.push(
      [
        '| Result grid, 1M × 9 (median) | This run | Target |',
        '|---|---|---|',
        `| Engine done → first rows painted | ${f(g.firstPaintMs)} | ≤ 300 ms |`,
        `| Scrolling 5 s: p95 frame time | ${g.scrollP95Ms?.toFixed(1)} ms | ≤ 16.7 ms |`,
        `| Scrolling: main-thread busy per frame | ${f(g.scrollBusyMsPerFrame)} | |`,
        `| Sort 10M rows by one column / same ORDER BY … LIMIT as a cell | ${f(g.sortMs)} / ${f(g.rawSortMs)} = ${g.sortRatio?.toFixed(2)}× | ≤ 1.2× |`,
        `| Long tasks (first paint, scroll, sort) | ${g.longTasks.firstPaint}, ${g.longTasks.scroll}, ${g.longTasks.sort} | 0 |`,
      ].join('\n'),
    );
  }
  const x = res.exports;
  if (x && !x.error) {
    parts.push(
      [
        `| Export of ${x.rows.toLocaleString('en-US')} rows × 4 (DuckDB, download) | Time | Long tasks on the page | File |`,
        '|---|---|---|---|',
        ...['csv', 'parquet'].map(
          (k) =>
            `| ${k === 'csv' ? 'CSV' : 'Parquet'} | ${f(x[k].ms)} | ${x[k].longTasks} | ${(x[k].bytes / 1e6).toFixed(1)} MB |`,
        ),
      ].join('\n'),
    );
  }
  const d = res.deps;
  if (d && !d.error) {
    parts.push(
      [
        '| Cells that build on each other (median) | This run | Target |',
        '|---|---|---|',
        `| Graph overhead: Run → query handed to the engine, inputs cached | ${f(d.graphOverheadMs?.median)} | ≤ 10 ms |`,
        `| Run → result painted, minus the engine time shown | ${f(d.runWallMinusEngineMs?.median)} | |`,
        `| Move a 1M × 9 result DuckDB → SQLite (Arrow IPC) | ${f(d.duckdbToSqlite1Mx9?.copyMs)} | measure |`,
      ].join('\n'),
    );
  }
  if (res.start?.cold) {
    const { cold, warm } = res.start;
    parts.push(
      [
        '| Start (median) | Editor accepts typing | DuckDB ready | First result on bundled data |',
        '|---|---|---|---|',
        `| Cold (empty cache) | ${f(cold.editorMs)} | ${f(cold.duckReadyMs)} | ${f(cold.firstResultMs)} |`,
        `| Warm | ${f(warm.editorMs)} | ${f(warm.duckReadyMs)} | ${f(warm.firstResultMs)} |`,
      ].join('\n'),
    );
  }
  parts.push(
    [
      '| Target | This run | |',
      '|---|---|---|',
      ...targets(res).map(([t, v, pass]) => `| ${t} | ${v} | ${ok(pass)} |`),
    ].join('\n'),
  );
  return parts.join('\n\n');
}
