import { useSession } from './session-context';

export function Toasts() {
  const { state } = useSession();
  return (
    <div class="toasts" role="region" aria-label="Notifications">
      {state.toasts.value.map((t) => (
        <div key={t.id} class={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : 'status'}>
          <span class="toast-text">{t.text}</span>
          <button type="button" class="icon" aria-label="Dismiss" onClick={() => state.dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
