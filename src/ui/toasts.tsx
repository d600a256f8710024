import { dismissToast, toasts } from '../session/state';

export function Toasts() {
  return (
    <div class="toasts" role="region" aria-label="Notifications">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : 'status'}>
          <span class="toast-text">{t.text}</span>
          <button type="button" class="icon" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
