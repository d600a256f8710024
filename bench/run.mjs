/**
 * npm run bench: the notebook against raw DuckDB-Wasm (eh and coi), native
 * DuckDB (1 thread and all) and sql.js, side by side in one run, plus the
 * figures we race the peers on. Never part of npm test.
 * Writes bench/results/<date>.json and .md and prints the tables.
 * Options: --runs N (default 3), --sizes 1e6,1e7 (default), --no-build,
 * --quick (1e6 only, one run, no grid/export/deps phases: a few minutes),
 * --base REV (also builds the app at git revision REV and measures it in the same
 * run, interleaved with this build, so a change is judged side by side).
 *
 * --big: data bigger than memory, and nothing else (no start figures, peers, grid,
 * exports, deps or normal sizes). Generates the groupby data at --big-rows N (default
 * 1e8: about 4.8 GB of CSV, 2.2 GB of Parquet) into bench/data/ (kept for the next run),
 * then the built notebook, in a fresh browser profile on disk for each file, opens the CSV,
 * then the Parquet, through the real file input: file chosen → "Opened" toast, → q1
 * answered, then q1–q10 as cells, with the tab's peak memory and where the app chose to keep
 * the file. Native DuckDB on 1 thread, the reference, is measured next to it: it loads each
 * file just before the notebook does and runs each question just before the notebook does
 * (an in-memory database when the table takes under a quarter of this machine's RAM, else a
 * database file in bench/data/ made for the run and removed after; --big-native memory|disk
 * forces one; --big-native-memory 8GB is its memory limit). --big-memory-limit 1GB
 * caps the notebook's DuckDB first (window.__notebookDebug.setMemoryLimit; default: the
 * app's own limit). --runs defaults to 1; --big-timeout M is each phase's limit in minutes
 * (default 120). Writes bench/results/<date>-big.json and .md and prints the table.
 * E.g. node bench/run.mjs --big --big-rows 1e7
 */
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { NativeBig, bigReport, nativeMode, runNotebookBig } from './big.mjs';
import { csvPath, dataPath, makeCsv, makeParquet, makeSqlite } from './make-data.mjs';
import { memorySampler } from './memory.mjs';
import { runNative } from './native.mjs';
import { measureFirstVisit } from './first-visit.mjs';
import { coldStart, fileToGroupBy } from './notebook.mjs';
import { runNotebookDuckdb, runNotebookSqlite } from './notebook-runs.mjs';
import { runRawDuckdb, runRawSqlite } from './raw-runs.mjs';
import { median, report } from './report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const QUICK = args.includes('--quick');
const BIG = args.includes('--big');
const RUNS = Number(opt('--runs', QUICK || BIG ? 1 : 3));
const SIZES = opt('--sizes', QUICK ? '1e6' : '1e6,1e7')
  .split(',')
  .map(Number);
const BASE_REV = opt('--base', null);
const APP_PORT = 4199;
const BASE_PORT = 4197;
const BASE = `http://localhost:${BASE_PORT}/`;
const RAW_PORT = 4198;
const APP = `http://localhost:${APP_PORT}/`;
const RAW = `http://localhost:${RAW_PORT}/`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const tag = (n) => n.toExponential().replace('+', '');
const log = (...m) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

async function serve(config, outDir, port) {
  const cfg = config ? ['--config', config] : [];
  // Builds of its own, so a bench run never disturbs the e2e suite's dist/.
  if (!args.includes('--no-build'))
    execSync(['npx', 'vite', 'build', ...cfg, '--outDir', outDir].join(' '), { cwd: root, stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', ...cfg, '--outDir', outDir, '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return server;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`vite preview on ${port} did not start`);
}

function stopServer(server) {
  try {
    process.kill(-server.pid);
  } catch {
    server.kill();
  }
}

/**
 * The app at git revision `rev`, built in a worktree of its own (bench/.base-src) that borrows
 * this checkout's node_modules, and served on BASE_PORT.
 */
async function serveBase(rev) {
  const src = join(root, 'bench', '.base-src');
  if (existsSync(src)) execSync(`git worktree remove --force ${src}`, { cwd: root, stdio: 'ignore' });
  execSync(`git worktree add --detach ${src} ${rev}`, { cwd: root, stdio: 'ignore' });
  execSync(`ln -s ${join(root, 'node_modules')} ${join(src, 'node_modules')}`);
  const out = join(root, 'bench', '.base-dist');
  execSync(`npx vite build --outDir ${out} --emptyOutDir`, { cwd: src, stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', out, '--port', String(BASE_PORT), '--strictPort'], {
    cwd: src,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the base build on ${BASE_PORT} did not start`);
}

/**
 * Cold and warm starts of each app in `apps`, interleaved run by run (and in alternating order),
 * so that a build compared with another one meets the same machine.
 */
async function startFigures(browser, apps = [APP]) {
  const cold = apps.map(() => []);
  const warm = apps.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    const order = apps.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const context = await browser.newContext();
      const first = await coldStart(context, apps[k]);
      cold[k].push(first);
      await first.page.close();
      warm[k].push(await coldStart(context, apps[k]));
      await context.close();
    }
  }
  const pick = (xs) => ({
    editorMs: median(xs.map((x) => x.editorMs)),
    duckReadyMs: median(xs.map((x) => x.duckReadyMs)),
    firstResultMs: median(xs.map((x) => x.firstResultMs)),
  });
  const strip = (xs) => xs.map(({ page: _page, ...x }) => x);
  return apps.map((_, k) => ({
    cold: pick(cold[k]),
    warm: pick(warm[k]),
    samples: { cold: strip(cold[k]), warm: strip(warm[k]) },
  }));
}

async function peerFigures(browser, csv, app = APP) {
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await fileToGroupBy(browser, app, csv, 'groupby_1e6', 5));
  const out = {
    fileToGroupByMs: median(loads.map((l) => l.total)),
    loadedMs: median(loads.map((l) => l.loaded)),
    runToResultMs: median(loads.flatMap((l) => l.runs)),
    samples: loads,
  };
  const editor = join(root, 'bench', 'editor-200.mjs');
  if (existsSync(editor) && app === APP) {
    try {
      const { measureEditor200 } = await import(pathToFileURL(editor).href);
      const m = await measureEditor200(browser, APP);
      out.editor200 = typeof m === 'number' ? { ms: m } : m;
    } catch (err) {
      out.editor200 = { error: String(err) };
    }
  }
  return out;
}

/** Runs one phase; a failure, or a phase over its time limit, is recorded in the results and the bench goes on. */
async function phase(name, f, limitMs = 20 * 60_000) {
  log(name);
  let timer;
  const limit = new Promise(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`over its time limit of ${limitMs / 60_000} min`)), limitMs)),
  );
  try {
    return await Promise.race([f(), limit]);
  } catch (err) {
    log(`${name} failed: ${String(err).split('\n')[0]}`);
    return { error: String(err).slice(0, 2000) };
  } finally {
    clearTimeout(timer);
  }
}

async function oneSize(browser, rows, memory) {
  const csv = await makeCsv(rows);
  const parquet = await makeParquet(rows);
  const runs = RUNS;
  const s = {};
  s.native1 = await phase(`${tag(rows)}: native DuckDB, 1 thread`, () => runNative({ csv, parquet, threads: 1, runs }));
  s.nativeAll = await phase(`${tag(rows)}: native DuckDB, all threads`, () =>
    runNative({ csv, parquet, threads: 'all', runs }),
  );
  s.rawEh = await phase(`${tag(rows)}: raw DuckDB-Wasm eh`, () =>
    runRawDuckdb(browser, RAW, { csv, bundle: 'eh', threads: 1, runs, memory }),
  );
  s.rawCoi = await phase(`${tag(rows)}: raw DuckDB-Wasm coi`, () =>
    runRawDuckdb(browser, RAW, { csv, bundle: 'coi', threads: cpus().length, runs, memory }),
  );
  s.notebook = await phase(`${tag(rows)}: notebook`, () =>
    runNotebookDuckdb(browser, APP, { csv, parquet, runs, memory, selectStar: rows === 1e6 }),
  );
  if (BASE_REV)
    s.notebookBase = await phase(`${tag(rows)}: notebook at ${BASE_REV}`, () =>
      runNotebookDuckdb(browser, BASE, { csv, parquet, runs, memory, selectStar: rows === 1e6 }),
    );
  if (rows === 1e6) {
    const sqlite = await makeSqlite(rows);
    s.rawSqlite = await phase(`${tag(rows)}: raw sql.js`, () => runRawSqlite(browser, RAW, { sqlite, runs }));
    s.notebookSqlite = await phase(`${tag(rows)}: notebook SQLite`, () =>
      runNotebookSqlite(browser, APP, { sqlite, runs }),
    );
  }
  return s;
}

async function main() {
  const t0 = Date.now();
  log('data');
  for (const n of SIZES) await makeParquet(n);
  if (SIZES.includes(1e6)) await makeSqlite(1e6);
  log('build and serve');
  const app = await serve(null, 'bench/.dist', APP_PORT);
  const base = BASE_REV ? await serveBase(BASE_REV) : null;
  const raw = await serve('bench/raw/vite.config.mjs', join(root, 'bench/.raw-dist'), RAW_PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const memory = memorySampler();
  const res = {
    date: new Date().toISOString(),
    runs: RUNS,
    quick: QUICK,
    base: BASE_REV,
    loadavgBefore: loadavg(),
    sizes: {},
  };
  try {
    const starts = await phase('start figures', () => startFigures(browser, base ? [APP, BASE] : [APP]));
    res.start = Array.isArray(starts) ? starts[0] : starts;
    if (base) res.startBase = Array.isArray(starts) ? starts[1] : starts;
    const visits = await phase('first visit', () => measureFirstVisit(browser, base ? [APP, BASE] : [APP], RUNS));
    res.firstVisit = Array.isArray(visits) ? visits[0] : visits;
    if (base) res.firstVisitBase = Array.isArray(visits) ? visits[1] : visits;
    res.peers = await phase('peer figures', async () => peerFigures(browser, await makeCsv(1e6)));
    if (base)
      res.peersBase = await phase(`peer figures at ${BASE_REV}`, async () =>
        peerFigures(browser, await makeCsv(1e6), BASE),
      );
    if (!QUICK) {
      res.grid = await phase('result grid', async () =>
        (await import('./grid.mjs')).measureGrid(browser, APP, { runs: RUNS }),
      );
      res.exports = await phase('exports', async () => (await import('./export.mjs')).measureExports(browser, APP));
      res.deps = await phase('cells that build on each other', async () =>
        (await import('./deps.mjs')).measureDeps(browser, APP, RUNS + 2),
      );
    }
    for (const n of SIZES) res.sizes[tag(n)] = await oneSize(browser, n, memory);
  } finally {
    memory.stop();
    res.loadavgAfter = loadavg();
    res.machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      chromium: browser.version(),
      node: process.version,
    };
    res.durationS = Math.round((Date.now() - t0) / 1000);
    await browser.close();
    stopServer(app);
    stopServer(raw);
    if (base) stopServer(base);
  }
  const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const head = `${res.machine.cpus} cores (${res.machine.cpuModel}), ${res.machine.memoryGB} GB, Chromium ${res.machine.chromium} headless, Node ${res.machine.node}. Load average (1, 5, 15 min) before ${la(res.loadavgBefore)}, after ${la(res.loadavgAfter)}. Medians of ${RUNS} runs; the whole bench took ${res.durationS} s. Peer figures are the ones measured for DEVELOPERS.md, not re-measured here.`;
  const body = report(res);
  console.log(`\n${head}\n\n${body}`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = res.date.slice(0, 19).replace(/:/g, '-');
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(res, null, 2));
  writeFileSync(join(dir, `${stamp}.md`), `# Bench ${res.date}\n\n${head}\n\n${body}\n`);
  log(`wrote bench/results/${stamp}.json and .md`);
}

/** --big: the big CSV and Parquet, native DuckDB on 1 thread, then the notebook on each file (see the header). */
async function mainBig() {
  const t0 = Date.now();
  const rows = Number(opt('--big-rows', '1e8'));
  const limitMs = Number(opt('--big-timeout', 120)) * 60_000;
  const res = {
    date: new Date().toISOString(),
    big: true,
    rows,
    rowsTag: tag(rows),
    runs: RUNS,
    commit: execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim(),
    srcChanged: execSync('git status --porcelain -- src', { cwd: root }).toString().trim() !== '',
    loadavgBefore: loadavg(),
    data: {},
  };
  const made = async (what, path, make) => {
    const cached = existsSync(path) && statSync(path).size > 0;
    const s0 = Date.now();
    await make(rows);
    res.data[`${what}MB`] = Math.round(statSync(path).size / 2 ** 20);
    res.data[`${what}Bytes`] = statSync(path).size;
    res.data[`${what}MadeS`] = cached ? null : Math.round((Date.now() - s0) / 1000);
    log(
      `${path}: ${res.data[`${what}MB`]} MB${cached ? ' (already there)' : ` (made in ${res.data[`${what}MadeS`]} s)`}`,
    );
    return path;
  };
  log(`data, ${tag(rows)} rows`);
  const csv = await made('csv', csvPath(rows), makeCsv);
  const parquet = await made('parquet', dataPath(rows, 'parquet'), makeParquet);
  const mode = nativeMode(rows, opt('--big-native', null));
  const nativeMemory = opt('--big-native-memory', '8GB');
  const native = new NativeBig({ csv, parquet, rows, mode, memoryLimit: nativeMemory });
  const opened = await phase(
    `${tag(rows)}: native DuckDB, 1 thread, ${mode === 'disk' ? 'database on disk' : 'in memory'}`,
    () => native.open(),
    limitMs,
  );
  log('build and serve');
  const app = await serve(null, 'bench/.dist', APP_PORT);
  const memory = memorySampler();
  const memoryLimit = opt('--big-memory-limit', null);
  // The notebook phase ends itself (its browser closed) at the limit, keeping what it measured; the
  // phase's own limit, a little later, only guards against a hang in that.
  const nb = (file, nativeLoad, out) =>
    runNotebookBig({
      deadlineMs: limitMs,
      native: opened.error ? null : native,
      nativeLoad,
      out,
      app: APP,
      file,
      runs: RUNS,
      memory,
      memoryLimit,
      queryTimeoutMs: limitMs,
      chromiumPath: CHROMIUM,
      args: ARGS,
    });
  const chromiumVersion = execSync(`${CHROMIUM} --version`, { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();
  try {
    for (const [key, file, load] of [
      ['notebookCsv', csv, 'loadCsv'],
      ['notebookParquet', parquet, 'loadParquet'],
    ]) {
      const out = {};
      const got = await phase(
        `${tag(rows)}: notebook (and native), ${key.slice(8)}`,
        () => nb(file, load, out),
        limitMs + 120_000,
      );
      res[key] = got.error && got !== out ? { ...out, error: got.error } : got;
      if (res[key].error) log(`${key}: ${res[key].error.split('\n')[0]}`);
    }
  } finally {
    memory.stop();
    stopServer(app);
    const info = native.close();
    res.native = opened.error ? { ...info, error: opened.error } : info;
  }
  res.loadavgAfter = loadavg();
  res.machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    chromium: chromiumVersion,
    node: process.version,
  };
  res.durationS = Math.round((Date.now() - t0) / 1000);
  const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const head = `${res.machine.cpus} cores (${res.machine.cpuModel}), ${res.machine.memoryGB} GB, ${res.machine.chromium} headless, Node ${res.machine.node}. Load average (1, 5, 15 min) before ${la(res.loadavgBefore)}, after ${la(res.loadavgAfter)}. ${RUNS === 1 ? 'One run' : `Medians of ${RUNS} runs`} of each query; the whole bench took ${res.durationS} s. Sizes in MB and GB of 2^20 and 2^30 bytes. The app built at ${res.commit}${res.srcChanged ? ' with uncommitted changes in src/' : ''}${args.includes('--no-build') ? ' (or earlier: --no-build)' : ''}.`;
  const body = bigReport(res);
  console.log(`\n${head}\n\n${body}`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = res.date.slice(0, 19).replace(/:/g, '-');
  writeFileSync(join(dir, `${stamp}-big.json`), JSON.stringify(res, null, 2));
  writeFileSync(join(dir, `${stamp}-big.md`), `# Bench --big ${res.date}\n\n${head}\n\n${body}\n`);
  log(`wrote bench/results/${stamp}-big.json and .md`);
}

await (BIG ? mainBig() : main());
