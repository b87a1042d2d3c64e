import { createSignal, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { loginWithPassword } from '../local/session.ts';
import { L } from './strings.ts';

export function LoginPage() {
  const app = useApp();
  const [user, setUser] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await loginWithPassword(user().trim(), password(), app.deviceId);
    setBusy(false);
    if (r.ok) app.signIn(r.value);
    else setError(r.error.message);
  };

  return (
    <div class="login">
      <form class="card login-card" onSubmit={submit} aria-label={L.form}>
        <h1 class="brand">{L.brand}</h1>
        <p class="muted">{L.intro}</p>
        <label>
          {L.user}
          <input
            name="user"
            autocomplete="username"
            value={user()}
            onInput={(e) => setUser(e.currentTarget.value)}
            required
            autofocus
          />
        </label>
        <label>
          {L.password}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? L.signingIn : L.signIn}
        </button>
      </form>
    </div>
  );
}
