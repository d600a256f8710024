/**
 * Generates the h2o.ai db-benchmark "groupby" data (K = 100) deterministically,
 * with a fixed-seed PRNG, as CSV into bench/data/ (git-ignored).
 * Usage: node bench/make-data.mjs [rows=1e6]
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(here, 'data');


export function csvPath(rows) {
  return join(DATA_DIR, `groupby-${rows.toExponential().replace('+', '')}.csv`);
}

export async function makeCsv(rows) {
  const path = csvPath(rows);
  if (existsSync(path) && statSync(path).size > 0) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const K = 100;
  const nk = Math.max(1, Math.floor(rows / K));
  const rand = prng(108);
  const int = (n) => 1 + Math.floor(rand() * n);
  const pad = (n, w) => String(n).padStart(w, '0');
  const out = createWriteStream(`${path}.part`);
  out.write('id1,id2,id3,id4,id5,id6,v1,v2,v3\n');
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(`id${pad(int(K), 3)},id${pad(int(K), 3)},id${pad(int(nk), 10)},${int(K)},${int(K)},${int(nk)},${int(5)},${int(15)},${(rand() * 100).toFixed(6)}`);
    if (chunk.length === 10000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  await new Promise((r) => out.end(r));
  const { renameSync } = await import('node:fs');
  renameSync(`${path}.part`, path);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1e6);
  const p = await makeCsv(rows);
  console.log(`${p}: ${(statSync(p).size / 1e6).toFixed(1)} MB`);
}
