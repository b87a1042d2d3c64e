import { createSignal, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { pickClients } from '../clients/client-index.ts';
import { ClientSearchField } from './ClientSearchField.tsx';
import { NewClientForm } from './NewClientForm.tsx';
import { formFromQuery } from './new-client.ts';
import { useSale } from './sale-context.ts';
import { S } from './strings.ts';

export function ClientPicker() {
  const app = useApp();
  const sale = useSale();
  const [query, setQuery] = createSignal('');
  const [adding, setAdding] = createSignal(false);
  const attached = () => {
    const id = sale.clientId();
    return id ? app.data()?.clients[id] : undefined;
  };
  const matches = () => pickClients(app.data()?.clientIndex(), query());

  return (
    <section class="client-picker" aria-label="Client">
      <Show
        when={attached()}
        fallback={
          <Show
            when={!adding()}
            fallback={
              <NewClientForm
                initial={formFromQuery(query())}
                onDone={(id) => {
                  sale.setClientId(id);
                  setQuery('');
                  setAdding(false);
                }}
                onCancel={() => setAdding(false)}
              />
            }
          >
            <ClientSearchField
              label={S.clientLabel}
              placeholder={S.clientPlaceholder}
              testid="client-search"
              query={query}
              setQuery={setQuery}
              matches={matches}
              onPick={(c) => {
                sale.setClientId(c.id);
                setQuery('');
              }}
            />
            <button type="button" class="link" data-testid="add-client" onClick={() => setAdding(true)}>
              {query().trim().length >= 2 && matches().length === 0 ? S.noMatchAdd : S.newClient}
            </button>
          </Show>
        }
      >
        {(c) => (
          <div class="attached" data-testid="attached-client">
            <div>
              <strong>{c().name}</strong>
              <span class="muted">
                {[c().email, c().phone, c().ringSize ? S.ring(c().ringSize) : ''].filter(Boolean).join(' · ')}
              </span>
            </div>
            <button type="button" class="link" onClick={() => sale.setClientId(undefined)}>
              {S.detach}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
