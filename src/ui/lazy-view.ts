/**
 * Calls back once an element comes near the visible part of its scrolling
 * notebook. One IntersectionObserver per scroll root serves every cell.
 */
const MARGIN = '800px 0px';
const observers = new Map<Element | null, IntersectionObserver>();
const callbacks = new WeakMap<Element, () => void>();

function observerFor(root: Element | null): IntersectionObserver {
  let io = observers.get(root);
  if (!io) {
    io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const cb = callbacks.get(e.target);
          callbacks.delete(e.target);
          io?.unobserve(e.target);
          cb?.();
        }
      },
      // The notebook scrolls inside <main>; a margin on the viewport would be clipped by it.
      { root, rootMargin: MARGIN },
    );
    observers.set(root, io);
  }
  return io;
}

/** Runs `cb` once when `el` is within MARGIN of the view; returns the cancel. */
export function whenNearView(el: Element, cb: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    cb();
    return () => undefined;
  }
  const io = observerFor(el.closest('.notebook'));
  callbacks.set(el, cb);
  io.observe(el);
  return () => {
    callbacks.delete(el);
    io.unobserve(el);
  };
}

/**
 * Heavy work (creating an editor takes tens of milliseconds) runs one piece
 * per task: a dozen cells come into view at once when a notebook opens, and
 * a keystroke should wait for one piece at most, not all of them. Urgent work
 * (the editor being typed in) goes first. Returns the cancel.
 */
const queue: (() => void)[] = [];
let draining = false;

export function inTurn(work: () => void, urgent = false): () => void {
  if (urgent) queue.unshift(work);
  else queue.push(work);
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
  return () => {
    const i = queue.indexOf(work);
    if (i >= 0) queue.splice(i, 1);
  };
}

function drain(): void {
  queue.shift()?.();
  if (queue.length > 0) setTimeout(drain, 0);
  else draining = false;
}
