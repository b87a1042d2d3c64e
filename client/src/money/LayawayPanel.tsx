/**
 * Layaway from the piece page (LAYAWAY-1): a piece in stock is set aside for a client until paid
 * off; a piece already on layaway links to its payments. The command waits in the outbox offline;
 * the relay reserves the piece and opens the layaway's order with the store's tax.
 */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { newOrderId, newSaleId } from '../../../domain/ids.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { pickClients } from '../clients/client-index.ts';
import { fmt } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { ClientSearchField } from '../sell/ClientSearchField.tsx';
import { M } from './strings.ts';

export function LayawayPanel(props: { serial: string; status: string | undefined; title: string }) {
  const app = useApp();
  const data = () => app.data();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const [query, setQuery] = createSignal('');
  const [clientId, setClientId] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const [sent, setSent] = createSignal<{ id: string; orderId: string }>();
  const clients = () => data()?.clients ?? {};
  const matches = () => pickClients(app.data()?.clientIndex(), query());
  const chosen = () => {
    const id = clientId();
    return id ? clients()[id] : undefined;
  };
  /** The open layaway holding this piece, as the relay's `money/<store>` says. */
  const onLayaway = () =>
    Object.values(data()?.money.orders ?? {}).find(
      (o) => o.kind === 'layaway' && o.status === 'open' && o.layaway?.serial === props.serial,
    );
  const sentState = () => {
    const s = sent();
    return s ? stateOf(s.id, data()?.outcomes() ?? {}) : undefined;
  };
  const open = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const d = data();
    const id = clientId();
    if (!d) return;
    if (!id) return setError(M.layawayNeedsClient);
    const orderId = newOrderId();
    const c = appendCommand(d.outbox, app.actor(), 'layaway.open', {
      orderId,
      saleId: newSaleId(),
      serial: props.serial,
      clientId: id,
    });
    setSent({ id: c.id, orderId });
  };
  return (
    <section class="layaway card" aria-labelledby="layaway-title" data-testid="layaway">
      <h2 id="layaway-title">{M.layawayTitle}</h2>
      <Show
        when={onLayaway()}
        fallback={
          <Show when={props.status === 'in-stock' && can(role(), 'take-deposit')}>
            <Show
              when={sent()}
              fallback={
                <form onSubmit={open} aria-label={M.layawayTitle} noValidate>
                  <p class="muted">{M.layawayIntro}</p>
                  <Show
                    when={chosen()}
                    fallback={
                      <ClientSearchField
                        label={M.layawayClient}
                        placeholder={M.findOrderPlaceholder}
                        testid="layaway-client"
                        query={query}
                        setQuery={setQuery}
                        matches={matches}
                        onPick={(c) => setClientId(c.id)}
                      />
                    }
                  >
                    {(c) => (
                      <p data-testid="layaway-client-chosen">
                        <strong>{c().name}</strong>{' '}
                        <button type="button" class="link" onClick={() => setClientId(undefined)}>
                          ×
                        </button>
                      </p>
                    )}
                  </Show>
                  <Show when={error()}>
                    <p class="error" role="alert">
                      {error()}
                    </p>
                  </Show>
                  <button type="submit" class="primary" data-testid="layaway-open">
                    {M.layawayOpen}
                  </button>
                </form>
              }
            >
              {(s) => (
                <p
                  role={sentState() === 'rejected' ? 'alert' : 'status'}
                  data-testid="layaway-status"
                  data-state={sentState()}
                >
                  {sentState() === 'rejected'
                    ? outcomeText(data()?.outcomes()[s().id] ?? {})
                    : M.layawayWaiting}
                </p>
              )}
            </Show>
          </Show>
        }
      >
        {(o) => (
          <p data-testid="layaway-order">
            {M.layawayOf(props.title)} · {M.balance}{' '}
            {fmt({ minor: o().balanceMinor, currency: o().currency })} ·{' '}
            <A href={`/money/orders/${o().orderId}`}>{M.layawayOpenOrder}</A>
          </p>
        )}
      </Show>
    </section>
  );
}
