import { createSignal, For, type ParentProps, Show } from 'solid-js';
import type { Role } from '../../domain/roles.ts';
import { type Area, type AreaGroup, AreaNav } from './AreaNav.tsx';
import { useApp } from './app-state.ts';
import { seesBackOffice } from './backoffice/BackOfficePage.tsx';
import { QuickSwitch } from './login/QuickSwitch.tsx';
import { SyncBadge } from './SyncBadge.tsx';

/** The frame around every screen: brand, areas, who is at the till, and the sync state. */
export function Shell(props: ParentProps) {
  const app = useApp();
  const [switching, setSwitching] = createSignal(false);
  const isManager = () => ['manager', 'owner'].includes(app.session()?.user.role ?? '');
  const office = () =>
    seesBackOffice((app.session()?.user.role ?? 'associate') as Role, app.data()?.capabilities());
  // NAV-1, NAV-2: the areas by group, each shown only to the roles it serves.
  const groups = (): AreaGroup[] => {
    const when = (ok: boolean, ...areas: Area[]) => (ok ? areas : []);
    return [
      // The counter's own screen is always one press away (NAV-1).
      { key: 'sell', areas: [{ href: '/sell', key: 'sell' }] },
      {
        key: 'money',
        areas: [
          { href: '/money/orders', key: 'payments' },
          { href: '/money/cards', key: 'giftCards' },
        ],
      },
      {
        key: 'clients',
        areas: [
          { href: '/clients', key: 'clients' },
          { href: '/today', key: 'today' },
          { href: '/appointments', key: 'viewings' },
        ],
      },
      { key: 'work', areas: [{ href: '/work', key: 'work' }] },
      {
        key: 'stock',
        areas: [
          { href: '/inventory', key: 'inventory' },
          ...when(
            isManager(),
            { href: '/receive', key: 'receive' },
            { href: '/counts', key: 'counts' },
            { href: '/locations', key: 'locations' },
          ),
        ],
      },
      {
        key: 'office',
        areas: [
          ...when(
            office(),
            { href: '/backoffice', key: 'backOffice' },
            { href: '/reports', key: 'reports' },
            { href: '/end-of-day', key: 'endOfDay' },
            { href: '/audit', key: 'audit' },
          ),
          ...when(isManager(), { href: '/conflicts', key: 'conflicts' }),
          { href: '/settings/hardware', key: 'hardware' },
        ],
      },
    ];
  };
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Loupe</span>
        <AreaNav groups={groups()} />
        <Show when={(app.session()?.user.stores.length ?? 0) > 1}>
          <select
            aria-label="Store"
            class="store-picker"
            value={app.data()?.store ?? ''}
            onChange={(e) => app.setStore(e.currentTarget.value)}
          >
            <For each={app.session()?.user.stores ?? []}>
              {(id) => <option value={id}>{app.data()?.stores[id]?.name ?? id.slice(-6)}</option>}
            </For>
          </select>
        </Show>
        <SyncBadge />
        <div class="who">
          <span data-testid="current-user">{app.session()?.user.name}</span>
          <span class="role">{app.session()?.user.role}</span>
          <button type="button" class="link" onClick={() => setSwitching(true)}>
            Switch user
          </button>
          <button type="button" class="link" onClick={() => app.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <Show when={app.sync().firstSyncProgress !== undefined}>
        <div
          class="first-sync"
          role="progressbar"
          aria-label="Downloading the store"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow={Math.round((app.sync().firstSyncProgress ?? 0) * 100)}
        >
          <div class="bar" style={{ width: `${Math.round((app.sync().firstSyncProgress ?? 0) * 100)}%` }} />
          <span>Downloading the store for offline use…</span>
        </div>
      </Show>
      <Show when={app.authFailed()}>
        <p class="notice session-notice" role="alert">
          The store server no longer accepts this session; sales are kept on this till.{' '}
          <button type="button" class="link" onClick={() => app.signOut()}>
            Sign in again
          </button>
        </p>
      </Show>
      <main>{props.children}</main>
      <Show when={switching()}>
        <QuickSwitch onClose={() => setSwitching(false)} />
      </Show>
    </div>
  );
}
