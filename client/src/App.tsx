import { Navigate, Route, Router } from '@solidjs/router';
import { type ParentProps, Show } from 'solid-js';
import { AppContext, createAppState, useApp } from './app-state.ts';
import { ConflictsPage } from './conflicts/ConflictsPage.tsx';
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
  return (
    <AppContext.Provider value={state}>
      <SaleContext.Provider value={sale}>
        <Router root={Gate}>
          <Route path="/" component={() => <Navigate href="/sell" />} />
          <Route path="/sell" component={SellPage} />
          <Route path="/inventory" component={InventoryPage} />
          <Route path="/inventory/:serial" component={PiecePage} />
          <Route path="/conflicts" component={ConflictsPage} />
          <Route path="*" component={() => <Navigate href="/sell" />} />
        </Router>
      </SaleContext.Provider>
    </AppContext.Provider>
  );
}
