/** A modal dialog: labelled, focus moves in, Escape or the backdrop closes it. */
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** On opening, focus moves to the first element of `box` matching `first`; Escape anywhere calls `onClose`. */
export function useDialog(box: RefObject<HTMLElement | null>, first: string, onClose: () => void): void {
  useEffect(() => {
    box.current?.querySelector<HTMLElement>(first)?.focus();
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, []);
}

export function Modal({
  label,
  onClose,
  children,
}: {
  label: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  useDialog(box, 'input, button', onClose);
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={label} ref={box}>
        <h2>{label}</h2>
        {children}
        <div class="modal-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
