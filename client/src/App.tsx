import { Navigate, Route, Router } from '@solidjs/router';
import { type ParentProps, Show } from 'solid-js';
import { AppContext, createAppState, useApp } from './app-state.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { BackOfficePage } from './backoffice/BackOfficePage.tsx';
import { AppointmentsPage } from './clienteling/AppointmentsPage.tsx';
import { TodayPage } from './clienteling/TodayPage.tsx';
import { ClientProfilePage } from './clients/ClientProfilePage.tsx';
import { ClientsPage } from './clients/ClientsPage.tsx';
import { DuplicatesPage } from './clients/DuplicatesPage.tsx';
import { MergePage } from './clients/MergePage.tsx';
import { ConflictsPage } from './conflicts/ConflictsPage.tsx';
import { CountPage } from './counts/CountPage.tsx';
import { EndOfDayPage } from './eod/EndOfDayPage.tsx';
import { HardwareSettingsPage } from './hardware/HardwareSettingsPage.tsx';
import { createHardware, HardwareContext } from './hardware/hardware.ts';
import { InventoryPage } from './inventory/InventoryPage.tsx';
import { PiecePage } from './inventory/PiecePage.tsx';
import { LocationsPage } from './locations/LocationsPage.tsx';
import { LoginPage } from './login/LoginPage.tsx';
import { CardsPage } from './money/CardsPage.tsx';
import { OrderMoneyPage, OrdersPage } from './money/OrdersPage.tsx';
import { ImportPage } from './receive/ImportPage.tsx';
import { ReceivePage } from './receive/ReceivePage.tsx';
import { DashboardPage } from './reports/DashboardPage.tsx';
import { Shell } from './Shell.tsx';
import { SellPage } from './sell/SellPage.tsx';
import { SaleContext } from './sell/sale-context.ts';
import { createSaleDraft } from './sell/sale-draft.ts';
import { WorkIntakePage } from './work/WorkIntakePage.tsx';
import { WorkListPage } from './work/WorkListPage.tsx';
import { WorkOrderPage } from './work/WorkOrderPage.tsx';

function Gate(props: ParentProps) {
  const app = useApp();
  return (
    <Show when={app.session()} fallback={<LoginPage />}>
      <Shell>{props.children}</Shell>
    </Show>
  );
}

export function App() {
  const state = createAppState();
  const sale = createSaleDraft(state);
  // The bridge belongs to the till, not to whoever is signed in: it stays paired across users.
  const hardware = createHardware();
  return (
    <AppContext.Provider value={state}>
      <HardwareContext.Provider value={hardware}>
        <SaleContext.Provider value={sale}>
          <Router root={Gate}>
            <Route path="/" component={() => <Navigate href="/sell" />} />
            <Route path="/sell" component={SellPage} />
            <Route path="/clients" component={ClientsPage} />
            <Route path="/clients/duplicates" component={DuplicatesPage} />
            <Route path="/clients/merge" component={MergePage} />
            <Route path="/clients/:id" component={ClientProfilePage} />
            <Route path="/inventory" component={InventoryPage} />
            <Route path="/inventory/:serial" component={PiecePage} />
            <Route path="/conflicts" component={ConflictsPage} />
            <Route path="/counts" component={CountPage} />
            <Route path="/receive" component={ReceivePage} />
            <Route path="/receive/import" component={ImportPage} />
            <Route path="/locations" component={LocationsPage} />
            <Route path="/audit" component={AuditPage} />
            <Route path="/end-of-day" component={EndOfDayPage} />
            <Route path="/settings/hardware" component={HardwareSettingsPage} />
            <Route path="/backoffice/:section?" component={BackOfficePage} />
            <Route path="/today" component={TodayPage} />
            <Route path="/appointments" component={AppointmentsPage} />
            <Route path="/work" component={WorkListPage} />
            <Route path="/work/new" component={WorkIntakePage} />
            <Route path="/work/:id" component={WorkOrderPage} />
            <Route path="/money/orders" component={OrdersPage} />
            <Route path="/money/orders/:id" component={OrderMoneyPage} />
            <Route path="/money/cards" component={CardsPage} />
            <Route path="/reports" component={DashboardPage} />
            <Route path="*" component={() => <Navigate href="/sell" />} />
          </Router>
        </SaleContext.Provider>
      </HardwareContext.Provider>
    </AppContext.Provider>
  );
}
