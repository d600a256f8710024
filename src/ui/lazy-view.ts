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
