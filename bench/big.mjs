/**
 * `npm run bench -- --big`: data bigger than memory. The h2o groupby data at a big size (1e8 rows
 * by default: about 5 GB of CSV, 2.3 GB of Parquet), native DuckDB on one thread as the reference,
 * and the built notebook opening each file through its real file input, in a browser profile of its
 * own on disk (so OPFS is real disk: an incognito context keeps OPFS in memory, and refused writes
 * past about 1.4 GB here), where the app decides by itself where the file lives.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { dataPath, readCsvSql } from './make-data.mjs';
import { newCell, openNotebook, runToResult, setText, longTasksIn } from './notebook.mjs';
import { QUERY_IDS, asAnswer, duckdbQueries } from './queries.mjs';
import { median } from './report.mjs';

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
/** Sizes in MB of 2^20 bytes (and GB of 2^30), as the memory sampler's. */
const sizeMB = (p) => (existsSync(p) ? Math.round(statSync(p).size / 2 ** 20) : null);

/** Bytes of an in-memory native table of this data, about: 3 short strings (16 B each) and 6 eight-byte numbers a row. */
const nativeTableBytes = (rows) => rows * 100;

/** 'memory' (as runNative does) when the table takes under a quarter of this machine's RAM, else an on-disk database. */
export const nativeMode = (rows, wanted) =>
  wanted === 'memory' || wanted === 'disk' ? wanted : nativeTableBytes(rows) < totalmem() / 4 ? 'memory' : 'disk';

function status(key) {
  try {
    return Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  } catch {
    return null;
  }
}

/** Resets this process's peak resident set (Linux: clear_refs 5), so VmHWM is the peak from now on. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Native DuckDB (@duckdb/node-api) on one thread, kept open for the whole bench so that each of its
 * figures is taken next to the notebook's (the machine is shared, its load changes by the minute):
 * the CSV into table `x` just before the notebook loads the CSV, the Parquet into `xp` (timed, then
 * dropped) just before the notebook loads the Parquet, and each question over `x` just before the
 * notebook runs it, stored as a table (asAnswer). `mode` 'memory' is an in-memory database (as
 * runNative); 'disk' a database file in bench/data/, made anew each run and removed at `close`.
 */
export class NativeBig {
  constructor({ csv, parquet, rows, mode, memoryLimit }) {
    Object.assign(this, { csv, parquet, mode, memoryLimit });
    this.path = mode === 'disk' ? dataPath(rows, 'native.duckdb') : ':memory:';
    this.info = { threads: 1, mode, database: this.path };
    this.hasX = false;
  }

  clean() {
    if (this.mode !== 'disk') return;
    for (const p of [this.path, `${this.path}.wal`, `${this.path}.tmp`]) rmSync(p, { recursive: true, force: true });
  }

  async open() {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    this.clean();
    this.peakReset = resetPeak();
    this.db = await DuckDBInstance.create(this.path, {
      threads: '1',
      ...(this.memoryLimit ? { memory_limit: this.memoryLimit } : {}),
    });
    this.conn = await this.db.connect();
    this.info.version = await this.one('SELECT version()');
    this.info.memoryLimit = await this.one("SELECT current_setting('memory_limit')");
    return this.info;
  }

  async one(sql) {
    return (await this.conn.runAndReadAll(sql)).getRows()[0][0];
  }

  /** The CSV into `x`: ms. */
  async loadCsv() {
    const t0 = process.hrtime.bigint();
    await this.conn.run(`CREATE TABLE x AS SELECT * FROM ${readCsvSql(this.csv)}`);
    const took = ms(t0);
    this.hasX = true;
    if (this.mode === 'disk') await this.conn.run('CHECKPOINT');
    this.info.rows = Number(await this.one('SELECT count(*) FROM x'));
    this.info.rssAfterCsvLoadMB = Math.round(status('VmRSS') ?? 0) || null;
    this.info.dbFileMB = this.mode === 'disk' ? sizeMB(this.path) : null;
    return took;
  }

  /** The Parquet into `xp`, dropped after: ms. */
  async loadParquet() {
    const t0 = process.hrtime.bigint();
    await this.conn.run(`CREATE TABLE xp AS SELECT * FROM read_parquet('${this.parquet}')`);
    const took = ms(t0);
    await this.conn.run('DROP TABLE xp');
    if (this.mode === 'disk') await this.conn.run('CHECKPOINT');
    return took;
  }

  /** Question `i` (0-based) over `x`, stored as a table: ms. */
  async query(i) {
    if (!this.hasX) await this.loadCsv();
    const t0 = process.hrtime.bigint();
    await this.conn.run(asAnswer(duckdbQueries('x')[i]));
    return ms(t0);
  }

  close() {
    this.info.peakRssMB = this.peakReset ? Math.round(status('VmHWM')) : null;
    try {
      this.conn?.closeSync();
      this.db?.closeSync?.();
    } finally {
      this.clean();
    }
    return this.info;
  }
}

/** Every toast the page shows, with its wall-clock time (toasts leave after 6 s), and the load's progress bar. */
const RECORDER = () => {
  window.__toasts = [];
  window.__progress = [];
  const seen = new WeakSet();
  const look = () => {
    for (const el of document.querySelectorAll('[aria-label="Notifications"] .toast')) {
      if (seen.has(el)) continue;
      seen.add(el);
      const level = /toast-(\w+)/.exec(el.className)?.[1] ?? '';
      window.__toasts.push({ at: Date.now(), level, text: el.querySelector('.toast-text')?.textContent ?? '' });
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true });
  setInterval(() => {
    const bar = document.querySelector('progress.ingest');
    if (bar) window.__progress.push([Date.now(), Number(bar.value), Number(bar.max)]);
  }, 2000);
};

const cellValue = (cell, c = 0) =>
  cell.locator(`tbody tr[data-r="0"] td[data-c="${c}"]`).innerText({ timeout: 60_000 });

/** What a folder takes on disk, in MB. */
const duMB = (dir) => {
  try {
    return Math.round(
      Number(
        execSync(`du -sb ${JSON.stringify(dir)}`)
          .toString()
          .split(/\s/)[0],
      ) /
        2 ** 20,
    );
  } catch {
    return null;
  }
};

const sidebarText = (page, role) =>
  page
    .locator(`[data-role=${role}]`)
    .first()
    .innerText({ timeout: 2000 })
    .catch(() => null);

/**
 * The notebook over one big file, in a fresh browser profile on disk: DuckDB started, its memory
 * limit set when asked (the debug hook), a q1 cell written for the table to come, the file chosen
 * through the real file input, then file chosen → "Opened" toast, → q1 answered, and q1–q10 run
 * as cells `runs` times each. Memory is sampled for the whole phase and per step. With `native`
 * (a NativeBig), native DuckDB loads the same file (`nativeLoad`: 'loadCsv' or 'loadParquet') just
 * before the notebook does, and runs each question just before the notebook runs it.
 */
export async function runNotebookBig({
  app,
  file,
  runs,
  memory,
  memoryLimit,
  queryTimeoutMs,
  deadlineMs,
  chromiumPath,
  args,
  native: nat,
  nativeLoad,
  out = {},
}) {
  let native = nat;
  const beside = { loadMs: null, queries: [], error: null };
  const besides = async (f) => {
    if (!native) return null;
    try {
      return await f(native);
    } catch (err) {
      beside.error = String(err).slice(0, 2000);
      native = null; // the notebook goes on alone
      return null;
    }
  };
  const name = file.split('/').pop();
  const expected = name
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_');
  const step = (s) => {
    out.step = s;
  };
  Object.assign(out, { native: beside, file: name, fileMB: sizeMB(file), memoryLimitSet: memoryLimit ?? null });
  const profile = mkdtempSync(join(tmpdir(), 'sqlnb-big-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args });
  // Over its time limit, the browser is closed: whatever waits on it fails, and the phase ends here.
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    void context.close().catch(() => null);
  }, deadlineMs);
  let page = null;
  let t0 = null;
  const marks = [];
  const mark = () => {
    const m = memory.mark();
    marks.push(m);
    return m;
  };
  try {
    step('open the notebook');
    await context.addInitScript(RECORDER);
    for (const p of context.pages()) await p.close();
    page = await openNotebook(context, app);
    page.on('crash', () => (out.crashed = `the page crashed during: ${out.step}`));
    step('start DuckDB');
    const setup = await newCell(
      page,
      "SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m, version() AS v",
    );
    await runToResult(setup);
    if (memoryLimit) {
      step(`setMemoryLimit('${memoryLimit}')`);
      await page.evaluate((l) => window.__notebookDebug.setMemoryLimit(l), memoryLimit);
      await runToResult(setup);
    }
    out.threads = Number(await cellValue(setup, 0));
    out.duckdbMemoryLimit = await cellValue(setup, 1);
    out.duckdbVersion = await cellValue(setup, 2);
    const cell = await newCell(page, duckdbQueries(`"${expected}"`)[0]);
    step(`native ${nativeLoad}`);
    beside.loadMs = await besides((n) => n[nativeLoad]());
    await page.waitForTimeout(1500); // settled, as a user's page would be before choosing a file
    out.tabBeforeLoadMB = mark().nowMB;
    step(`load ${name} (file chosen → "Opened" toast)`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open files' }).click();
    t0 = Date.now();
    await (await chooser).setFiles(file);
    const outcome = await page
      .waitForFunction(
        (n) => window.__toasts.find((t) => t.text.startsWith(`Opened ${n} as`) || t.level === 'error'),
        name,
        { polling: 250, timeout: queryTimeoutMs },
      )
      .then((h) => h.jsonValue());
    if (outcome.level === 'error') throw new Error(`loading ${name} failed: ${outcome.text}`);
    out.loadMs = outcome.at - t0;
    const loadMem = mark();
    Object.assign(out, { tabPeakLoadMB: loadMem.peakMB, tabAfterLoadMB: loadMem.nowMB });
    const table = /as (?:table|database) "([^"]+)"/.exec(outcome.text)?.[1] ?? expected;
    out.table = table;
    if (table !== expected) await setText(page, cell, duckdbQueries(`"${table}"`)[0]);
    step('q1 just after the load');
    const firstQ1 = await runToResult(cell, queryTimeoutMs);
    out.fileToQ1Ms = Date.now() - t0;
    out.firstQ1Ms = firstQ1.ms;
    out.tabPeakFirstQ1MB = mark().peakMB;
    // Read after q1, so that the time from the choice to q1 is not lengthened by the bench.
    out.placement = await page
      .getByRole('combobox', { name: `Where ${name} lives` })
      .inputValue({ timeout: 10_000 })
      .catch(() => null);
    out.duckdbMemoryAfterLoad = await sidebarText(page, 'duckdb-memory');
    out.diskUseAfterLoad = await sidebarText(page, 'disk-use');
    out.profileMBAfterLoad = duMB(profile);
    out.queries = [];
    out.perQuery = [];
    const windows = [];
    for (const [i, sql] of duckdbQueries(`"${table}"`).entries()) {
      step(`${QUERY_IDS[i]} (native, then notebook)`);
      await setText(page, cell, sql);
      const samples = [];
      const nativeSamples = [];
      // Kept as they come, so a failure later in the phase leaves what was measured.
      out.queries.push(samples);
      beside.queries.push(nativeSamples);
      for (let r = 0; r < runs; r++) {
        nativeSamples.push(await besides((n) => n.query(i)));
        const started = Date.now();
        try {
          const res = await runToResult(cell, queryTimeoutMs);
          samples.push(res.ms);
          windows.push(res.window);
        } catch (err) {
          // A question the notebook answers with an error (out of memory, say) is recorded, and the next one runs.
          if (late || out.crashed || page.isClosed()) throw err;
          const lines = String(err)
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('at '));
          out.queryErrors = [
            ...(out.queryErrors ?? []),
            { q: QUERY_IDS[i], afterMs: Date.now() - started, message: lines[lines.length - 1] ?? String(err) },
          ];
        }
      }
      const m = mark();
      out.perQuery.push({
        q: QUERY_IDS[i],
        tabPeakMB: m.peakMB,
        allPeakMB: m.allPeakMB,
        rowCount: await cell
          .locator('[data-role=row-count]')
          .first()
          .innerText({ timeout: 2000 })
          .catch(() => null),
        duckdbMemory: await sidebarText(page, 'duckdb-memory'),
      });
    }
    out.longTasksDuringRuns = await longTasksIn(page, windows);
    step('count(*)');
    const count = await newCell(page, `SELECT count(*) FROM "${table}"`);
    await runToResult(count, queryTimeoutMs);
    out.rows = Number((await cellValue(count)).replace(/,/g, ''));
    step('done');
  } catch (err) {
    const why = late ? `over its time limit of ${+(deadlineMs / 60_000).toFixed(2)} min` : String(err).slice(0, 2000);
    out.error = `${out.crashed ?? `failed during: ${out.step}`}: ${why}`;
  } finally {
    clearTimeout(deadline);
    if (page && !page.isClosed()) {
      const seen = await page.evaluate(() => [window.__toasts, window.__progress]).catch(() => null);
      if (seen) {
        const [toasts, progress] = seen;
        const since = (at) => (t0 == null ? null : at - t0);
        out.placementToast = toasts.find((t) => t.text.startsWith(`${name} (`))?.text ?? null;
        out.toasts = toasts.map((t) => ({ afterChoiceMs: since(t.at), level: t.level, text: t.text }));
        out.loadProgress = progress.map(([at, read, total]) => ({ afterChoiceMs: since(at), read, total }));
      }
    }
    marks.push(memory.mark());
    out.tabPeakMB = Math.max(...marks.map((m) => m.peakMB ?? 0));
    out.allChromiumPeakMB = Math.max(...marks.map((m) => m.allPeakMB ?? 0));
    out.profileMBAtEnd = duMB(profile);
    await context.close().catch(() => null);
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}

const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : null);
const f = (v) => (v == null ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const r = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(2)}×`);
const mbf = (x) => (x == null ? 'n/a' : x >= 1024 ? `${(x / 1024).toFixed(2)} GB` : `${x} MB`);
const meds = (qs) => (Array.isArray(qs) ? qs.map((s) => (s ? median(s) : null)) : QUERY_IDS.map(() => null));
const gmOf = (xs) => (xs.length === QUERY_IDS.length && xs.every((x) => x) ? geomean(xs) : null);

/** The --big result as Markdown: the figures table, memory and placement, the targets. */
export function bigReport(res) {
  const n = res.native ?? {};
  const c = res.notebookCsv ?? {};
  const p = res.notebookParquet ?? {};
  const natC = meds(c.native?.queries);
  const natP = meds(p.native?.queries);
  const nc = meds(c.queries);
  const np = meds(p.queries);
  const ratio = (a, b) => (a != null && b ? a / b : null);
  const gm = { natC: gmOf(natC), natP: gmOf(natP), csv: gmOf(nc), pq: gmOf(np) };
  gm.csvRatio = ratio(gm.csv, gm.natC);
  gm.pqRatio = ratio(gm.pq, gm.natP);
  // Over the questions both answered, when the notebook did not answer them all.
  const both = (a, b) => {
    const ix = QUERY_IDS.map((_, i) => i).filter((i) => a[i] && b[i]);
    if (ix.length === QUERY_IDS.length || ix.length === 0) return null;
    const g = (xs) => geomean(ix.map((i) => xs[i]));
    return { ids: ix.map((i) => QUERY_IDS[i]).join(', '), nat: g(a), nb: g(b), ratio: g(b) / g(a) };
  };
  const partC = both(natC, nc);
  const partP = both(natP, np);
  const failed = (x, q) => x.queryErrors?.find((e) => e.q === q);
  const cellOf = (x, v, q) => {
    const e = failed(x, q);
    return e
      ? `failed after ${f(e.afterMs)}: ${e.message.length > 90 ? `${e.message.slice(0, 90)}…` : e.message}`
      : f(v);
  };
  const nat = `Native DuckDB, 1 thread (${n.mode === 'disk' ? 'database on disk' : 'in memory'})`;
  const lines = [
    `| ${res.rowsTag} rows (CSV ${mbf(res.data.csvMB)}, Parquet ${mbf(res.data.parquetMB)}) | ${nat}, next to the CSV run | Notebook, CSV | CSV ÷ native | ${nat}, next to the Parquet run | Notebook, Parquet | Parquet ÷ native |`,
    '|---|---|---|---|---|---|---|',
    `| Load: native CREATE TABLE from the file; notebook file chosen → "Opened" toast | ${f(c.native?.loadMs)} | ${f(c.loadMs)} | ${r(ratio(c.loadMs, c.native?.loadMs))} | ${f(p.native?.loadMs)} | ${f(p.loadMs)} | ${r(ratio(p.loadMs, p.native?.loadMs))} |`,
    `| File chosen → q1 answered (notebook) | | ${f(c.fileToQ1Ms)} | | | ${f(p.fileToQ1Ms)} | |`,
    `| q1, first run just after the load (notebook) | | ${f(c.firstQ1Ms)} | | | ${f(p.firstQ1Ms)} | |`,
    ...QUERY_IDS.map(
      (q, i) =>
        `| ${q} | ${f(natC[i])} | ${cellOf(c, nc[i], q)} | ${r(ratio(nc[i], natC[i]))} | ${f(natP[i])} | ${cellOf(p, np[i], q)} | ${r(ratio(np[i], natP[i]))} |`,
    ),
    `| q1–q10 geometric mean | ${f(gm.natC)} | ${f(gm.csv)} | ${r(gm.csvRatio)} | ${f(gm.natP)} | ${f(gm.pq)} | ${r(gm.pqRatio)} |`,
  ];
  if (partC || partP)
    lines.push(
      `| geometric mean of the questions both answered (CSV: ${partC?.ids ?? 'all'}; Parquet: ${partP?.ids ?? 'all'}) | ${f(partC?.nat)} | ${f(partC?.nb)} | ${r(partC?.ratio)} | ${f(partP?.nat)} | ${f(partP?.nb)} | ${r(partP?.ratio)} |`,
    );
  const parts = [lines.join('\n')];
  const phaseLine = (what, x) =>
    `${what}: ${x.error ? `**failed**: ${x.error.split('\n')[0]}. Up to then: ` : ''}` +
    `${x.rows != null ? `${x.rows.toLocaleString('en-US')} rows` : 'rows not counted'} as "${x.table ?? 'n/a'}"; the app chose **${x.placement ?? 'n/a'}**` +
    `${x.placementToast ? ` ("${x.placementToast}")` : x.placement ? ' (no placement toast: it fit)' : ''}; DuckDB-Wasm (DuckDB ${x.duckdbVersion}) ${x.threads} thread(s), memory limit ${x.duckdbMemoryLimit}` +
    `${x.memoryLimitSet ? ` (set with __notebookDebug.setMemoryLimit('${x.memoryLimitSet}'))` : ' (the app’s default: setMemoryLimit not used)'}; ` +
    `sidebar after the load and the first q1: DuckDB memory ${x.duckdbMemoryAfterLoad ?? 'n/a'}, ${x.diskUseAfterLoad ?? 'no disk use shown'}; browser profile on disk ${mbf(x.profileMBAfterLoad)} after the load and the first q1, ${mbf(x.profileMBAtEnd)} at the end. ` +
    `Tab RSS ${mbf(x.tabBeforeLoadMB)} before the load → peak ${mbf(x.tabPeakLoadMB)} during it → ${mbf(x.tabAfterLoadMB)} after; peak ${mbf(x.tabPeakFirstQ1MB)} during the first q1; **tab peak ${mbf(x.tabPeakMB)}** over the phase (all Chromium processes summed: ${mbf(x.allChromiumPeakMB)}). ` +
    `Per query, tab peak: ${(x.perQuery ?? []).map((q) => `${q.q} ${mbf(q.tabPeakMB)}`).join(', ')}. Long tasks during runs: ${x.longTasksDuringRuns ?? 'n/a'}.`;
  if (n.error) parts.push(`Native: **failed**: ${n.error.split('\n')[0]}`);
  else
    parts.push(
      `Native DuckDB ${n.version}, 1 thread, ${n.mode === 'disk' ? `a database file on disk (${n.database}, ${mbf(n.dbFileMB)} after the CSV load)` : 'an in-memory database'}, memory limit ${n.memoryLimit}; ${n.rows?.toLocaleString('en-US')} rows; process RSS ${mbf(n.rssAfterCsvLoadMB)} after the CSV load, peak ${mbf(n.peakRssMB)} (the bench's Node process). Kept open through the notebook's phases: it loads each file just before the notebook does, and runs each question just before the notebook runs it, over the table from the CSV (the Parquet holds the same rows), stored as a table (CREATE TABLE ans AS …).` +
        [c, p]
          .map((x) => x.native?.error)
          .filter(Boolean)
          .map((e) => ` Native **failed** during a notebook phase: ${e.split('\n')[0]}`)
          .join(''),
    );
  parts.push(phaseLine('Notebook, CSV', c));
  parts.push(phaseLine('Notebook, Parquet', p));
  const timeline = (what, x) =>
    x.toasts?.length
      ? `${what}, toasts after the file was chosen: ${x.toasts.map((t) => `+${(t.afterChoiceMs / 1000).toFixed(1)} s ${t.level} "${t.text.slice(0, 160)}"`).join('; ')}.`
      : '';
  for (const [w, x] of [
    ['CSV', c],
    ['Parquet', p],
  ])
    if (timeline(w, x)) parts.push(timeline(w, x));
  const target = (what, v, pass) => `| ${what} | ${v} | ${pass == null ? '–' : pass ? 'met' : '**missed**'} |`;
  const t = ['| Target | This run | |', '|---|---|---|'];
  for (const [w, x, q, part] of [
    ['CSV', c, gm.csvRatio, partC],
    ['Parquet', p, gm.pqRatio, partP],
  ]) {
    const errs = x.queryErrors ?? [];
    if (errs.length)
      t.push(
        target(
          `${w}: notebook ÷ native 1 thread, q1–q10 geomean ≤ 2.5×`,
          `${errs.map((e) => `${e.q} failed (${e.message.slice(0, 60)}…)`).join(', ')}; over ${part?.ids ?? 'none'}: ${r(part?.ratio)}`,
          false,
        ),
      );
    else t.push(target(`${w}: notebook ÷ native 1 thread, q1–q10 geomean ≤ 2.5×`, r(q), q == null ? null : q <= 2.5));
    t.push(
      target(
        `${w}: tab peak memory ≤ 2 GB`,
        mbf(x.tabPeakMB),
        x.tabPeakMB == null || (x.error && x.tabPeakMB <= 2048) ? null : x.tabPeakMB <= 2048,
      ),
    );
  }
  parts.push(t.join('\n'));
  return parts.join('\n\n');
}
