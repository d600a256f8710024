/**
 * Raw engines for the bench: AsyncDuckDB exactly as its README starts it (eh,
 * or coi with threads when isolated), and sql.js on this page's thread.
 * Playwright drives window.raw; every call returns plain numbers.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import initParquet, { ParquetFile } from 'parquet-wasm/esm';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import initSqlJs from 'sql.js';
import sqlWasm from 'sql.js/dist/sql-wasm.wasm?url';

let db = null;
let conn = null;
let threads = 1;
let sqlite = null;

const file = () => document.getElementById('file').files[0];
const timed = async (f) => {
  const t0 = performance.now();
  const out = await f();
  return { ms: performance.now() - t0, out };
};

window.raw = {
  isolated: () => crossOriginIsolated,

  async boot(bundle, wantThreads) {
    const { ms } = await timed(async () => {
      const coi = bundle === 'coi';
      db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(coi ? coiWorker : ehWorker));
      await db.instantiate(coi ? coiWasm : ehWasm, coi ? coiPthread : null);
      threads = coi ? wantThreads : 1;
      await db.open({ maximumThreads: threads });
      conn = await db.connect();
      await conn.query(`SET threads = ${threads}`);
    });
    return { ms, threads: Number((await conn.query("SELECT current_setting('threads') AS t")).getChildAt(0).get(0)) };
  },

  /** The CSV through a file handle, read on one thread (pthreads cannot see file handles), as the notebook does. */
  async loadCsv(columns) {
    const f = file();
    const cols = Object.entries(columns)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ');
    const { ms } = await timed(async () => {
      await db.registerFileHandle(f.name, f, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      await conn.query('SET threads = 1');
      await conn.query(
        `CREATE OR REPLACE TABLE x AS SELECT * FROM read_csv('${f.name}', header = true, columns = {${cols}})`,
      );
      await conn.query(`SET threads = ${threads}`);
    });
    return { ms };
  },

  async duck(sql) {
    return (await timed(() => conn.query(sql))).ms;
  },

  /** The same through the pending-query path (conn.send), which the notebook uses to make queries cancellable. */
  async duckSend(sql) {
    return (
      await timed(async () => {
        const reader = await conn.send(sql);
        for await (const batch of reader) void batch;
      })
    ).ms;
  },

  /** The notebook's Parquet path, on this page, with each stage timed: parquet-wasm decode of a row group, then insertArrowFromIPCStream. */
  async loadParquet() {
    await initParquet({ module_or_path: parquetWasm });
    const t0 = performance.now();
    const pf = await ParquetFile.fromFile(file());
    const groups = pf.metadata().numRowGroups();
    let decodeMs = 0;
    let insertMs = 0;
    await conn.query('DROP TABLE IF EXISTS xp');
    for (let g = 0; g < groups; g++) {
      let t = performance.now();
      const ipc = (await pf.read({ rowGroups: [g] })).intoIPCStream();
      decodeMs += performance.now() - t;
      t = performance.now();
      await conn.insertArrowFromIPCStream(ipc, { name: 'xp', create: g === 0 });
      insertMs += performance.now() - t;
    }
    pf.free();
    return { ms: performance.now() - t0, groups, decodeMs, insertMs };
  },

  async duckValue(sql) {
    const t = await conn.query(sql);
    return t.getChildAt(0)?.get(0)?.toString() ?? null;
  },

  async sqliteOpen() {
    const SQL = await initSqlJs({ locateFile: () => sqlWasm });
    const { ms } = await timed(async () => {
      sqlite = new SQL.Database(new Uint8Array(await file().arrayBuffer()));
      sqlite.exec('SELECT count(*) FROM x');
    });
    return { ms };
  },

  async sqlite(sql) {
    return (await timed(async () => sqlite.exec(sql))).ms;
  },
};
