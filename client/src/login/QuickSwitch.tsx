import { createSignal, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { switchWithPin } from '../local/approvals.ts';

/** At a shared till: the next associate takes over with user + PIN; what follows is theirs, online or not. */
export function QuickSwitch(props: { onClose: () => void }) {
  const app = useApp();
  const [user, setUser] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal<string>();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    // With no network the PIN is checked against this till's key vault (USER-2).
    const r = await switchWithPin(user().trim(), pin(), app.deviceId, app.session());
    if (!r.ok) return setError(r.error.message);
    app.signIn(r.value);
    props.onClose();
  };

  return (
    <div
      class="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Switch user"
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <form class="card" onSubmit={submit}>
        <h2>Switch user</h2>
        <label>
          User
          <input
            name="switch-user"
            value={user()}
            onInput={(e) => setUser(e.currentTarget.value)}
            required
            autofocus
          />
        </label>
        <label>
          PIN
          <input
            name="pin"
            type="password"
            inputmode="numeric"
            autocomplete="off"
            value={pin()}
            onInput={(e) => setPin(e.currentTarget.value)}
            required
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Switch
          </button>
        </div>
      </form>
    </div>
  );
}
