import { Navigate, Route, Router } from '@solidjs/router';
import { type ParentProps, Show } from 'solid-js';
import { AppContext, createAppState, useApp } from './app-state.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { ClientProfilePage } from './clients/ClientProfilePage.tsx';
import { ClientsPage } from './clients/ClientsPage.tsx';
import { ConflictsPage } from './conflicts/ConflictsPage.tsx';
import { CountPage } from './counts/CountPage.tsx';
import { HardwareSettingsPage } from './hardware/HardwareSettingsPage.tsx';
import { createHardware, HardwareContext } from './hardware/hardware.ts';
import { InventoryPage } from './inventory/InventoryPage.tsx';
import { PiecePage } from './inventory/PiecePage.tsx';
import { LoginPage } from './login/LoginPage.tsx';
import { Shell } from './Shell.tsx';
import { SellPage } from './sell/SellPage.tsx';
import { SaleContext } from './sell/sale-context.ts';
import { createSaleDraft } from './sell/sale-draft.ts';

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
            <Route path="/clients/:id" component={ClientProfilePage} />
            <Route path="/inventory" component={InventoryPage} />
            <Route path="/inventory/:serial" component={PiecePage} />
            <Route path="/conflicts" component={ConflictsPage} />
            <Route path="/counts" component={CountPage} />
            <Route path="/audit" component={AuditPage} />
            <Route path="/settings/hardware" component={HardwareSettingsPage} />
            <Route path="*" component={() => <Navigate href="/sell" />} />
          </Router>
        </SaleContext.Provider>
      </HardwareContext.Provider>
    </AppContext.Provider>
  );
}
