import { A } from '@solidjs/router';
import { createSignal, For, type ParentProps, Show } from 'solid-js';
import type { Role } from '../../domain/roles.ts';
import { useApp } from './app-state.ts';
import { seesBackOffice } from './backoffice/BackOfficePage.tsx';
import { QuickSwitch } from './login/QuickSwitch.tsx';
import { SyncBadge } from './SyncBadge.tsx';

/** The frame around every screen: brand, areas, who is at the till, and the sync state. */
export function Shell(props: ParentProps) {
  const app = useApp();
  const [switching, setSwitching] = createSignal(false);
  const isManager = () => ['manager', 'owner'].includes(app.session()?.user.role ?? '');
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Loupe</span>
        <nav aria-label="Areas">
          <A href="/sell" activeClass="active">
            Sell
          </A>
          <A href="/clients" activeClass="active">
            Clients
          </A>
          <A href="/today" activeClass="active">
            Today
          </A>
          <A href="/appointments" activeClass="active">
            Viewings
          </A>
          <A href="/inventory" activeClass="active">
            Inventory
          </A>
          <A href="/work" activeClass="active">
            Work
          </A>
          <A href="/money/orders" activeClass="active">
            Payments
          </A>
          <A href="/money/cards" activeClass="active">
            Gift cards
          </A>
          <Show when={isManager()}>
            <A href="/conflicts" activeClass="active">
              Conflicts
            </A>
            <A href="/counts" activeClass="active">
              Counts
            </A>
            <A href="/receive" activeClass="active">
              Receive
            </A>
            <A href="/locations" activeClass="active">
              Locations
            </A>
          </Show>
          <Show
            when={seesBackOffice(
              (app.session()?.user.role ?? 'associate') as Role,
              app.data()?.capabilities(),
            )}
          >
            <A href="/backoffice" activeClass="active">
              Back office
            </A>
            <A href="/reports" activeClass="active">
              Reports
            </A>
            <A href="/end-of-day" activeClass="active">
              End of day
            </A>
            <A href="/audit" activeClass="active">
              Audit
            </A>
          </Show>
          <A href="/settings/hardware" activeClass="active">
            Hardware
          </A>
        </nav>
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
