/**
 * `/money/cards`: gift cards and store credit. Check a balance (the relay's, over HTTP; offline,
 * what this till last saw in `money/<store>`), issue a card (sold, or given by a manager) with a
 * generated number and its check digit (GIFT-1), and the history of cards issued or used here.
 */
import { createSignal, For, Show } from 'solid-js';
import { canonicalCardNumber, isValidCardNumber, newCardNumber } from '../../../domain/money-held.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { can, type Role } from '../../../domain/roles.ts';
import type { MoneyCard } from '../../../sync/shared/docs/money.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { M } from './strings.ts';

const fresh = () => newCardNumber((b) => crypto.getRandomValues(b));

/** The relay's record of a card, or undefined when it has none; throws when the relay cannot be asked. */
async function lookUp(number: string, token: string): Promise<MoneyCard | undefined> {
  const res = await fetch(`/api/money/cards/${encodeURIComponent(number)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(String(res.status));
  return ((await res.json()) as { card: MoneyCard }).card;
}

export function CardsPage() {
  const app = useApp();
  const cards = () =>
    Object.values(app.data()?.money.cards ?? {}).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return (
    <section class="page money-cards" aria-labelledby="cards-title">
      <h1 id="cards-title">{M.cardsTitle}</h1>
      <p class="muted">{M.cardsIntro}</p>
      <div class="money-columns">
        <BalanceCheck />
        <IssueCard />
      </div>
      <section aria-labelledby="cards-here">
        <h2 id="cards-here">{M.cardsHere}</h2>
        <Show when={cards().length > 0} fallback={<p class="muted">{M.noCards}</p>}>
          <table data-testid="cards-table">
            <thead>
              <tr>
                <th scope="col">{M.colNumber}</th>
                <th scope="col">{M.colKind}</th>
                <th scope="col">{M.colIssued}</th>
                <th scope="col">{M.colBalance}</th>
              </tr>
            </thead>
            <tbody>
              <For each={cards()}>
                {(c) => (
                  <tr>
                    <td>{c.number}</td>
                    <td>{c.kind === 'gift-card' ? M.issueGift : M.issueCredit}</td>
                    <td>{fmtDate(c.issuedAt)}</td>
                    <td>{fmt({ minor: c.balanceMinor, currency: c.currency })}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
    </section>
  );
}

function BalanceCheck() {
  const app = useApp();
  const [number, setNumber] = createSignal('');
  const [found, setFound] = createSignal<MoneyCard>();
  const [note, setNote] = createSignal<string>();
  const check = async (e: SubmitEvent) => {
    e.preventDefault();
    setFound(undefined);
    setNote(undefined);
    const n = canonicalCardNumber(number());
    if (!n || !isValidCardNumber(n)) return setNote(M.badCardNumber);
    const local = app.data()?.money.cards[n];
    const token = app.session()?.token;
    try {
      if (!token) throw new Error('offline');
      const card = await lookUp(n, token);
      if (!card) return setNote(M.lookupUnknown);
      setFound(card);
    } catch {
      if (local) {
        setFound(local);
        setNote(M.lookupOffline);
      } else setNote(M.lookupOffline);
    }
  };
  return (
    <section class="card" aria-labelledby="balance-title">
      <h2 id="balance-title">{M.checkBalance}</h2>
      <form onSubmit={check} class="money-form inline" aria-label={M.checkBalance}>
        <label class="field">
          {M.cardNumber}
          <input
            data-testid="card-lookup"
            inputmode="numeric"
            placeholder="1234-5678-9012"
            value={number()}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="card-check">
          {M.check}
        </button>
      </form>
      <Show when={note()}>
        <p class="muted" role="status">
          {note()}
        </p>
      </Show>
      <Show when={found()}>
        {(c) => (
          <div data-testid="card-found">
            <p class="grand">
              {c().kind === 'gift-card' ? M.issueGift : M.issueCredit} {c().number}:{' '}
              <strong data-testid="card-balance">
                {fmt({ minor: c().balanceMinor, currency: c().currency })}
              </strong>
            </p>
            <h3>{M.history}</h3>
            <ul>
              <For each={c().moves}>
                {(m) => (
                  <li>
                    {fmtDate(m.at)} · {M.move[m.kind]} {fmt({ minor: m.amountMinor, currency: c().currency })}{' '}
                    → {fmt({ minor: m.balanceMinor, currency: c().currency })}
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
    </section>
  );
}

function IssueCard() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const manager = () => can(role(), 'refund');
  const [kind, setKind] = createSignal<'gift-card' | 'store-credit'>('gift-card');
  const [how, setHow] = createSignal<'sold' | 'given'>('sold');
  const [number, setNumber] = createSignal(fresh());
  const [amount, setAmount] = createSignal('');
  const [tender, setTender] = createSignal<'card' | 'cash' | 'wallet'>('card');
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [last, setLast] = createSignal<{ id: string; number: string }>();
  const currency = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  const sold = () => kind() === 'gift-card' && how() === 'sold';
  const lastText = () => {
    const l = last();
    if (!l) return undefined;
    const state = stateOf(l.id, app.data()?.outcomes() ?? {});
    if (state === 'rejected') {
      const o = app.data()?.outcomes()[l.id];
      return { state, text: o ? outcomeText(o) : '' };
    }
    return { state, text: M.issued(l.number) };
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const d = app.data();
    if (!d) return;
    const parsed = parseMoney(amount().trim(), currency() as never);
    if (!parsed.ok || parsed.value.minor <= 0) return setError(M.notAnAmount(amount()));
    if (!sold() && !manager()) return setError(M.managerOnly);
    const c = appendCommand(d.outbox, app.actor(), 'card.issue', {
      cardNumber: number(),
      kind: kind(),
      amount: parsed.value,
      ...(sold() ? { tenders: [{ kind: tender(), amount: parsed.value }] } : {}),
      ...(note().trim() ? { note: note().trim().slice(0, 500) } : {}),
    });
    setLast({ id: c.id, number: number() });
    setNumber(fresh());
    setAmount('');
    setNote('');
  };
  return (
    <section class="card" aria-labelledby="issue-title">
      <h2 id="issue-title">{M.issueTitle}</h2>
      <form onSubmit={submit} class="money-form" aria-label={M.issueTitle} noValidate>
        <fieldset class="kinds">
          <legend>{M.issueKind}</legend>
          <label>
            <input
              type="radio"
              name="card-kind"
              checked={kind() === 'gift-card'}
              onChange={() => setKind('gift-card')}
            />
            {M.issueGift}
          </label>
          <label>
            <input
              type="radio"
              name="card-kind"
              checked={kind() === 'store-credit'}
              onChange={() => setKind('store-credit')}
            />
            {M.issueCredit}
          </label>
        </fieldset>
        <Show when={kind() === 'gift-card'}>
          <fieldset class="kinds">
            <legend class="visually-hidden">{M.issueSold}</legend>
            <label>
              <input
                type="radio"
                name="card-how"
                checked={how() === 'sold'}
                onChange={() => setHow('sold')}
              />
              {M.issueSold}
            </label>
            <label>
              <input
                type="radio"
                name="card-how"
                checked={how() === 'given'}
                onChange={() => setHow('given')}
              />
              {M.issueGiven}
            </label>
          </fieldset>
        </Show>
        <p>
          {M.newNumber}: <strong data-testid="issue-number">{number()}</strong>
        </p>
        <label class="field">
          {M.amount}
          <input
            data-testid="issue-amount"
            inputmode="decimal"
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <Show when={sold()}>
          <label class="field">
            {M.issuePaidBy}
            <select value={tender()} onChange={(e) => setTender(e.currentTarget.value as 'card')}>
              <option value="card">{M.tenders.card}</option>
              <option value="cash">{M.tenders.cash}</option>
              <option value="wallet">{M.tenders.wallet}</option>
            </select>
          </label>
        </Show>
        <label class="field">
          {M.note}
          <input value={note()} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={lastText()}>
          {(m) => (
            <p
              class={`status status-${m().state}`}
              role={m().state === 'rejected' ? 'alert' : 'status'}
              data-testid="issue-status"
              data-state={m().state}
            >
              {m().text}
            </p>
          )}
        </Show>
        <button type="submit" class="primary" data-testid="issue-card" disabled={!sold() && !manager()}>
          {M.issue}
        </button>
      </form>
    </section>
  );
}
