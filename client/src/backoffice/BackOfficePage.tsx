/** The back office's frame: its sections as tabs, shown to the roles that may open them. */
import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { capable } from '../../../domain/capabilities.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { ConsignmentsPage } from './ConsignmentsPage.tsx';
import { OrganisationPage } from './OrganisationPage.tsx';
import { StaffPage } from './StaffPage.tsx';
import { StoresPage } from './StoresPage.tsx';
import { B } from './strings.ts';

/** Whether `role` sees the back office at all (the Shell's link). */
export const seesBackOffice = (role: Role, settings = undefined as Parameters<typeof capable>[0]) =>
  capable(settings, role, 'manage-staff') || can(role, 'view-finance');

export function BackOfficePage() {
  const app = useApp();
  const params = useParams<{ section?: string }>();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const section = () => params.section ?? 'staff';
  return (
    <div class="backoffice">
      <h1>{B.title}</h1>
      <nav aria-label={B.title} class="tabs">
        <A href="/backoffice/staff" activeClass="active">
          {B.tabs.staff}
        </A>
        {/* DUEMAIL-6: managers set their store's reminders there; owners everything. */}
        <Show when={role() === 'owner' || capable(app.data()?.capabilities(), role(), 'manage-staff')}>
          <A href="/backoffice/stores" activeClass="active">
            {B.tabs.stores}
          </A>
        </Show>
        <Show when={can(role(), 'view-finance')}>
          <A href="/backoffice/organisation" activeClass="active">
            {B.tabs.organisation}
          </A>
          <A href="/backoffice/consignments" activeClass="active">
            {B.tabs.consignments}
          </A>
        </Show>
      </nav>
      <Switch fallback={<StaffPage />}>
        <Match when={section() === 'stores'}>
          <StoresPage />
        </Match>
        <Match when={section() === 'organisation'}>
          <OrganisationPage />
        </Match>
        <Match when={section() === 'consignments'}>
          <ConsignmentsPage />
        </Match>
      </Switch>
    </div>
  );
}
