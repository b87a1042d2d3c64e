/**
 * Back office › Staff (ORG-*, ORGUI-2): the organisation's people from `org` (works offline), each
 * change a command decided by the relay; PINs and passwords go over HTTP only (ORG-9); the tills
 * staff signed in on, from the relay, with revocation. Owners manage everyone; whoever the owner
 * lets manage staff (by default managers) manages the associates and designers of their stores.
 */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { capable } from '../../../domain/capabilities.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { ROLES, type Role } from '../../../domain/roles.ts';
import { parseLogin } from '../../../domain/staff.ts';
import { useApp } from '../app-state.ts';
import { fmtDate } from '../format.ts';
import type { StaffView } from '../local/records.ts';
import { type ApiResult, type DeviceRow, fetchDevices, revokeDevice, setCredentials } from './api.ts';
import { FormOutcome } from './FormOutcome.tsx';
import { B } from './strings.ts';
import { useCommand } from './use-command.ts';

const PIN = /^\d{4,12}$/;

/** The roles and stores `me` may give (ORG-4, ORG-5). */
function grantable(role: Role, myStores: readonly string[], allStores: readonly string[]) {
  return role === 'owner'
    ? { roles: [...ROLES], stores: [...allStores] }
    : { roles: ['associate', 'designer'] as Role[], stores: allStores.filter((s) => myStores.includes(s)) };
}

export function StaffPage() {
  const app = useApp();
  const me = () => app.session()?.user;
  const role = () => (me()?.role ?? 'associate') as Role;
  const allowed = () => capable(app.data()?.capabilities(), role(), 'manage-staff');
  const stores = () => Object.values(app.data()?.stores ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const storeName = (id: string) => app.data()?.stores[id]?.name ?? id.slice(-6);
  const can = () =>
    grantable(
      role(),
      me()?.stores ?? [],
      stores().map((s) => s.id),
    );
  /** Whom `me` may manage: owners anyone but themselves; others the associates and designers all of whose stores are theirs. */
  const manages = (m: StaffView) =>
    m.id !== me()?.id &&
    (role() === 'owner' ||
      ((m.role === 'associate' || m.role === 'designer') &&
        m.stores.length > 0 &&
        m.stores.every((s) => me()?.stores.includes(s))));
  const staff = () =>
    Object.values(app.data()?.staff ?? {})
      .filter((m) => role() === 'owner' || m.stores.some((s) => me()?.stores.includes(s)))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  const [editing, setEditing] = createSignal<string>();
  const [secrets, setSecrets] = createSignal<string>();

  return (
    <section class="backoffice-staff" aria-labelledby="staff-title">
      <h2 id="staff-title">{B.staffTitle}</h2>
      <Show when={allowed()} fallback={<p class="notice">{B.notAllowed}</p>}>
        <p class="muted">{B.staffIntro}</p>
        <AddPerson roles={can().roles} stores={can().stores} storeName={storeName} />
        <table class="data staff-table" data-testid="staff-table">
          <thead>
            <tr>
              <th scope="col">{B.name}</th>
              <th scope="col">{B.login}</th>
              <th scope="col">{B.role}</th>
              <th scope="col">{B.stores}</th>
              <th scope="col">{B.status}</th>
              <th scope="col">
                <span class="sr-only">{B.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={staff()}>
              {(m) => (
                <>
                  <tr data-testid="staff-row" data-login={m.login} classList={{ inactive: !m.active }}>
                    <td>{m.name}</td>
                    <td>{m.login}</td>
                    <td data-testid="staff-role">{B.roles[m.role] ?? m.role}</td>
                    <td>{m.stores.map(storeName).join(', ')}</td>
                    <td data-testid="staff-status">{m.active ? B.active : B.inactive}</td>
                    <td class="actions">
                      <Show when={manages(m)}>
                        <button
                          type="button"
                          class="link"
                          aria-expanded={editing() === m.id}
                          onClick={() => setEditing(editing() === m.id ? undefined : m.id)}
                        >
                          {B.edit} <span class="sr-only">{m.name}</span>
                        </button>
                        <button
                          type="button"
                          class="link"
                          aria-expanded={secrets() === m.id}
                          onClick={() => setSecrets(secrets() === m.id ? undefined : m.id)}
                        >
                          {B.resetSecrets} <span class="sr-only">{m.name}</span>
                        </button>
                        <ActiveToggle member={m} />
                      </Show>
                    </td>
                  </tr>
                  <Show when={editing() === m.id}>
                    <tr>
                      <td colSpan={6}>
                        <EditPerson
                          member={m}
                          roles={can().roles}
                          stores={can().stores}
                          storeName={storeName}
                          close={() => setEditing(undefined)}
                        />
                      </td>
                    </tr>
                  </Show>
                  <Show when={secrets() === m.id}>
                    <tr>
                      <td colSpan={6}>
                        <SecretsForm userId={m.id} name={m.name} />
                      </td>
                    </tr>
                  </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
        <Devices />
      </Show>
    </section>
  );
}

function StoresPicker(props: {
  stores: readonly string[];
  picked: readonly string[];
  storeName: (id: string) => string;
  onChange: (stores: string[]) => void;
}) {
  return (
    <fieldset class="stores-picker">
      <legend>{B.stores}</legend>
      <For each={props.stores}>
        {(id) => (
          <label class="check">
            <input
              type="checkbox"
              checked={props.picked.includes(id)}
              onChange={(e) =>
                props.onChange(
                  e.currentTarget.checked ? [...props.picked, id] : props.picked.filter((s) => s !== id),
                )
              }
            />
            {props.storeName(id)}
          </label>
        )}
      </For>
    </fieldset>
  );
}

/** A PIN and/or password: checked here as the relay will, then sent over HTTP (ORG-9). */
function checkSecrets(pin: string, password: string): string | undefined {
  if (pin && !PIN.test(pin)) return B.badPin;
  if (password && password.length < 8) return B.badPassword;
  return undefined;
}

function AddPerson(props: {
  roles: readonly Role[];
  stores: readonly string[];
  storeName: (id: string) => string;
}) {
  const app = useApp();
  const cmd = useCommand();
  const [name, setName] = createSignal('');
  const [login, setLogin] = createSignal('');
  const [role, setRole] = createSignal<Role>('associate');
  const [picked, setPicked] = createSignal<string[]>(app.data()?.store ? [app.data()?.store ?? ''] : []);
  const [pin, setPin] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [note, setNote] = createSignal<string>();
  let pending: { id: string; userId: string; pin: string; password: string } | undefined;

  // Once the relay accepted the new person, their secrets go over HTTP (never in a command).
  createEffect(
    on(
      () => cmd.state(),
      async (state) => {
        const p = pending;
        if (!p || p.id !== cmd.last() || state !== 'accepted') return;
        pending = undefined;
        const token = app.session()?.token ?? '';
        const r = await setCredentials(token, p.userId, {
          ...(p.pin ? { pin: p.pin } : {}),
          ...(p.password ? { password: p.password } : {}),
        });
        setNote(r.ok ? B.secretsSet : B.secretsFailed(r.status === 0 ? B.online : r.message));
      },
    ),
  );

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setNote(undefined);
    const who = name().trim();
    if (!who) return setError(B.needName);
    if (!parseLogin(login()).ok) return setError(B.needLogin);
    if (role() !== 'owner' && picked().length === 0) return setError(B.needStore);
    const bad = checkSecrets(pin(), password());
    if (bad) return setError(bad);
    if (!pin() && !password()) return setError(B.needSecret);
    setError(undefined);
    const userId = uuidv7();
    const id = cmd.submit('staff.add', {
      member: { id: userId, name: who, login: login().trim(), role: role(), stores: picked() },
    } as never);
    if (id) pending = { id, userId, pin: pin(), password: password() };
    setName('');
    setLogin('');
    setPin('');
    setPassword('');
  };

  return (
    <details class="card add-person">
      <summary>{B.addPerson}</summary>
      <form onSubmit={submit} aria-label={B.addPerson} data-testid="add-person">
        <div class="form-grid">
          <label class="field">
            {B.name}
            <input value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.login}
            <input
              value={login()}
              maxLength={64}
              autocomplete="off"
              onInput={(e) => setLogin(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            {B.role}
            <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              <For each={props.roles}>{(r) => <option value={r}>{B.roles[r] ?? r}</option>}</For>
            </select>
          </label>
          <label class="field">
            {B.pin}
            <input
              inputMode="numeric"
              autocomplete="off"
              value={pin()}
              onInput={(e) => setPin(e.currentTarget.value.trim())}
            />
          </label>
          <label class="field">
            {B.password}
            <input
              type="password"
              autocomplete="new-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
        </div>
        <StoresPicker
          stores={props.stores}
          picked={picked()}
          storeName={props.storeName}
          onChange={setPicked}
        />
        <button type="submit">{B.add}</button>
        <FormOutcome error={error()} cmd={cmd} testId="add-person-status">
          {note()}
        </FormOutcome>
      </form>
    </details>
  );
}

function EditPerson(props: {
  member: StaffView;
  roles: readonly Role[];
  stores: readonly string[];
  storeName: (id: string) => string;
  close: () => void;
}) {
  const cmd = useCommand();
  const [name, setName] = createSignal(props.member.name);
  const [role, setRole] = createSignal<Role>(props.member.role);
  const [picked, setPicked] = createSignal<string[]>([...props.member.stores]);
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const changes: { name?: string; role?: Role; stores?: string[] } = {};
    if (name().trim() && name().trim() !== props.member.name) changes.name = name().trim();
    if (role() !== props.member.role) changes.role = role();
    const same =
      picked().length === props.member.stores.length &&
      picked().every((s) => (props.member.stores as readonly string[]).includes(s));
    if (!same) changes.stores = picked();
    if (role() !== 'owner' && picked().length === 0) return setError(B.needStore);
    if (Object.keys(changes).length === 0) return setError(B.nothingChanged);
    setError(undefined);
    cmd.submit('staff.update', { userId: props.member.id, changes } as never);
  };
  return (
    <form class="card edit-person" onSubmit={submit} aria-label={`${B.edit} ${props.member.name}`}>
      <div class="form-grid">
        <label class="field">
          {B.name}
          <input value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          {B.role}
          <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={props.roles}>{(r) => <option value={r}>{B.roles[r] ?? r}</option>}</For>
          </select>
        </label>
      </div>
      <StoresPicker
        stores={props.stores}
        picked={picked()}
        storeName={props.storeName}
        onChange={setPicked}
      />
      <button type="submit">{B.save}</button>{' '}
      <button type="button" class="link" onClick={() => props.close()}>
        {B.cancel}
      </button>
      <FormOutcome error={error()} cmd={cmd} />
    </form>
  );
}

function ActiveToggle(props: { member: StaffView }) {
  const cmd = useCommand();
  return (
    <>
      <button
        type="button"
        class={props.member.active ? 'link danger' : 'link'}
        disabled={cmd.state() === 'pending'}
        onClick={() =>
          cmd.submit(props.member.active ? 'staff.deactivate' : 'staff.reactivate', {
            userId: props.member.id,
          } as never)
        }
      >
        {props.member.active ? B.deactivate : B.reactivate} <span class="sr-only">{props.member.name}</span>
      </button>
      <Show when={cmd.state() === 'rejected' || cmd.state() === 'pending'}>
        <span class={`status status-${cmd.state()}`} role="status">
          {cmd.message()}
        </span>
      </Show>
    </>
  );
}

function SecretsForm(props: { userId: string; name: string }) {
  const app = useApp();
  const [pin, setPin] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [message, setMessage] = createSignal<{ text: string; ok: boolean }>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const bad = checkSecrets(pin(), password()) ?? (!pin() && !password() ? B.needSecret : undefined);
    if (bad) return setMessage({ text: bad, ok: false });
    const r = await setCredentials(app.session()?.token ?? '', props.userId, {
      ...(pin() ? { pin: pin() } : {}),
      ...(password() ? { password: password() } : {}),
    });
    setMessage(
      r.ok
        ? { text: B.secretsSet, ok: true }
        : { text: B.secretsFailed(r.status === 0 ? B.online : r.message), ok: false },
    );
    if (r.ok) {
      setPin('');
      setPassword('');
    }
  };
  return (
    <form
      class="card secrets"
      onSubmit={(e) => void submit(e)}
      aria-label={`${B.resetSecrets}: ${props.name}`}
    >
      <div class="form-grid">
        <label class="field">
          {B.pin}
          <input
            inputMode="numeric"
            autocomplete="off"
            value={pin()}
            onInput={(e) => setPin(e.currentTarget.value.trim())}
          />
        </label>
        <label class="field">
          {B.password}
          <input
            type="password"
            autocomplete="new-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
      </div>
      <button type="submit">{B.setSecrets}</button>
      <Show when={message()}>
        {(m) => (
          <p class={m().ok ? 'status status-accepted' : 'notice'} role={m().ok ? 'status' : 'alert'}>
            {m().text}
          </p>
        )}
      </Show>
    </form>
  );
}

const rows = (r: ApiResult<DeviceRow[]>): DeviceRow[] => (r.ok ? r.value : []);

function Devices() {
  const app = useApp();
  const token = () => app.session()?.token ?? '';
  const [devices, { refetch }] = createResource(token, (t) => fetchDevices(t));
  const [confirming, setConfirming] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const revoke = async (id: string) => {
    const r = await revokeDevice(token(), id);
    setConfirming(undefined);
    if (!r.ok) return setError(r.status === 0 ? B.online : r.message);
    setError(undefined);
    void refetch();
  };
  return (
    <section class="devices" aria-labelledby="devices-title" data-testid="devices">
      <h3 id="devices-title">{B.devices}</h3>
      <p class="muted">{B.devicesIntro}</p>
      <Show when={devices()} fallback={<p class="muted">{B.loading}</p>}>
        {(r) => (
          <Show when={r().ok} fallback={<p class="notice">{B.online}</p>}>
            <Show when={rows(r()).length > 0} fallback={<p class="muted">{B.noDevices}</p>}>
              <ul class="device-list">
                <For each={rows(r())}>
                  {(d) => (
                    <li data-testid="device-row" data-device={d.id}>
                      <span>
                        {d.users.map((u) => u.name).join(', ')}
                        {d.id === app.deviceId ? ` (${B.thisDevice})` : ''}
                      </span>{' '}
                      <span class="muted">
                        {B.lastSeen} {fmtDate(d.lastSeenAt)}
                      </span>{' '}
                      <Show
                        when={!d.revokedAt}
                        fallback={<span class="pill">{B.revoked(fmtDate(d.revokedAt ?? ''))}</span>}
                      >
                        <Show when={d.id !== app.deviceId}>
                          <Show when={d.revocable} fallback={<span class="muted">{B.ownerRevokes}</span>}>
                            <Show
                              when={confirming() === d.id}
                              fallback={
                                <button type="button" class="link danger" onClick={() => setConfirming(d.id)}>
                                  {B.revoke}
                                </button>
                              }
                            >
                              <span role="alert">{B.confirmRevoke}</span>{' '}
                              <button type="button" class="danger" onClick={() => void revoke(d.id)}>
                                {B.revoke}
                              </button>
                              <button type="button" class="link" onClick={() => setConfirming(undefined)}>
                                {B.cancel}
                              </button>
                            </Show>
                          </Show>
                        </Show>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        )}
      </Show>
      <Show when={error()}>
        <p class="notice" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
