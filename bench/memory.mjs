/**
 * Peak memory of the tab, the way Linux sees it: the resident set of the
 * busiest Chromium renderer process started by this bench (a page's workers
 * and its wasm memory live in its renderer). Sampled every 100 ms from /proc;
 * elsewhere it reports null.
 */
import { readdirSync, readFileSync } from 'node:fs';

function children() {
  const byParent = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  return byParent;
}

function rendererRssMB() {
  const tree = children();
  const todo = [process.pid];
  let max = 0;
  while (todo.length) {
    const pid = todo.pop();
    for (const c of tree.get(pid) ?? []) todo.push(c);
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {
      // Gone.
    }
  }
  return max;
}

/** Starts sampling; `mark()` returns the peak and the latest since the previous mark, in MB. */
export function memorySampler() {
  if (process.platform !== 'linux') return { mark: () => ({ peakMB: null, nowMB: null }), stop() {} };
  let peak = 0;
  let now = 0;
  const timer = setInterval(() => {
    now = rendererRssMB();
    peak = Math.max(peak, now);
  }, 100);
  return {
    mark() {
      now = rendererRssMB();
      const out = { peakMB: Math.round(Math.max(peak, now)), nowMB: Math.round(now) };
      peak = now;
      return out;
    },
    stop: () => clearInterval(timer),
  };
}
