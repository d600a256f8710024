import { useState } from 'preact/hooks';
import { VISIBLE_TOASTS, visibleToasts } from '../session/toast-list';
import { useSession } from './session-context';

/**
 * The newest few toasts, each with how often it was raised; older ones are counted under
 * "+N more", which shows them all in a stack that scrolls within 40% of the window.
 */
export function Toasts() {
  const { state } = useSession();
  const [expanded, setExpanded] = useState(false);
  const all = state.toasts.value;
  const { shown, hidden } = expanded ? { shown: all, hidden: 0 } : visibleToasts(all);
  return (
    <div class="toasts" role="region" aria-label="Notifications">
      {all.length > 1 && (
        <div class="toast-more">
          {hidden > 0 && (
            <button type="button" onClick={() => setExpanded(true)}>
              +{hidden} more
            </button>
          )}
          {expanded && all.length > VISIBLE_TOASTS && (
            <button type="button" onClick={() => setExpanded(false)}>
              Show fewer
            </button>
          )}
          <button type="button" onClick={() => state.dismissAllToasts()}>
            Dismiss all
          </button>
        </div>
      )}
      {shown.map((t) => (
        <div key={t.id} class={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : 'status'}>
          <span class="toast-text">{t.text}</span>
          {t.count > 1 && (
            <span class="toast-count" data-role="toast-count" title={`Raised ${t.count} times`}>
              ×{t.count}
            </span>
          )}
          <button type="button" class="icon" aria-label="Dismiss" onClick={() => state.dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
