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

/** The busiest Chromium renderer's resident set, and the sum over every Chromium process this bench started (browser, GPU, storage too), in MB. */
function rssMB() {
  const tree = children();
  const todo = [process.pid];
  let max = 0;
  let all = 0;
  while (todo.length) {
    const pid = todo.pop();
    for (const c of tree.get(pid) ?? []) todo.push(c);
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmdline)) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      all += kb / 1024;
      if (cmdline.includes('--type=renderer')) max = Math.max(max, kb / 1024);
    } catch {
      // Gone.
    }
  }
  return { max, all };
}

/**
 * Starts sampling; `mark()` returns the peak and the latest since the previous mark, in MB (and
 * `allPeakMB`, the peak of the summed resident sets of every Chromium process the bench started: shared
 * pages count once per process there, so it is an upper bound).
 */
export function memorySampler() {
  if (process.platform !== 'linux') return { mark: () => ({ peakMB: null, nowMB: null, allPeakMB: null }), stop() {} };
  let peak = 0;
  let now = 0;
  let allPeak = 0;
  const timer = setInterval(() => {
    const m = rssMB();
    now = m.max;
    peak = Math.max(peak, now);
    allPeak = Math.max(allPeak, m.all);
  }, 100);
  return {
    mark() {
      const m = rssMB();
      now = m.max;
      const out = {
        peakMB: Math.round(Math.max(peak, now)),
        nowMB: Math.round(now),
        allPeakMB: Math.round(Math.max(allPeak, m.all)),
      };
      peak = now;
      allPeak = m.all;
      return out;
    },
    stop: () => clearInterval(timer),
  };
}
