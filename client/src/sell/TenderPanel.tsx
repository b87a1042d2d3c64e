import { createSignal, For, Show } from 'solid-js';
import type { TenderKind } from '../../../domain/commands.ts';
import { toDecimalString } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { fmt } from '../format.ts';
import { cashTender, isSettled } from './cart.ts';
import { useSale } from './sale-context.ts';

const KINDS: Array<{ kind: TenderKind; label: string; ref?: string }> = [
  { kind: 'card', label: 'Card', ref: 'Terminal reference' },
  { kind: 'cash', label: 'Cash' },
  { kind: 'wallet', label: 'Wallet', ref: 'Wallet reference' },
  { kind: 'store-credit', label: 'Store credit', ref: 'Credit note' },
  { kind: 'gift-card', label: 'Gift card', ref: 'Gift card number' },
];

/** Totals and split tenders; the sale completes only when the tenders settle the total exactly. */
export function TenderPanel() {
  const sale = useSale();
  const t = () => sale.totals();
  const [kind, setKind] = createSignal<TenderKind>('card');
  const [amount, setAmount] = createSignal('');
  const [reference, setReference] = createSignal('');
  const [error, setError] = createSignal<string>();
  const spec = () => KINDS.find((k) => k.kind === kind());

  const add = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const text = amount().trim() || toDecimalString(t().due);
    const parsed = parseMoney(text, sale.currency());
    if (!parsed.ok || parsed.value.minor <= 0) return setError(`“${text}” is not an amount.`);
    const money = parsed.value;
    if (kind() === 'cash') sale.setTenders((ts) => [...ts, cashTender(money, t().due)]);
    else {
      if (money.minor > t().due.minor) return setError('Only cash can be more than what is due.');
      if (spec()?.ref && !reference().trim()) return setError(`${spec()?.ref} is needed.`);
      sale.setTenders((ts) => [
        ...ts,
        { kind: kind(), amount: money, ...(reference().trim() ? { reference: reference().trim() } : {}) },
      ]);
    }
    setAmount('');
    setReference('');
  };

  return (
    <section class="tenders" aria-label="Payment">
      <dl class="totals" data-testid="totals">
        <dt>Subtotal</dt>
        <dd>{fmt(t().subtotal)}</dd>
        <Show when={t().discount.minor > 0}>
          <dt>Discount</dt>
          <dd>− {fmt(t().discount)}</dd>
        </Show>
        <dt>Tax</dt>
        <dd>{fmt(t().tax)}</dd>
        <dt class="grand">Total</dt>
        <dd class="grand" data-testid="total">
          {fmt(t().total)}
        </dd>
        <For each={sale.tenders()}>
          {(x, i) => (
            <>
              <dt>
                {KINDS.find((k) => k.kind === x.kind)?.label} {x.reference ? `(${x.reference})` : ''}
                <button
                  type="button"
                  class="link"
                  aria-label="Remove payment"
                  onClick={() => sale.setTenders((ts) => ts.filter((_, j) => j !== i()))}
                >
                  ×
                </button>
              </dt>
              <dd>{fmt(x.amount)}</dd>
            </>
          )}
        </For>
        <dt>Due</dt>
        <dd data-testid="due">{fmt(t().due)}</dd>
        <Show when={t().change.minor > 0}>
          <dt>Change</dt>
          <dd data-testid="change">{fmt(t().change)}</dd>
        </Show>
      </dl>
      <Show when={t().lines.length > 0 && t().due.minor > 0}>
        <form class="tender-form" onSubmit={add}>
          <fieldset class="kinds" aria-label="Tender">
            <For each={KINDS}>
              {(k) => (
                <button
                  type="button"
                  aria-pressed={kind() === k.kind}
                  classList={{ selected: kind() === k.kind }}
                  onClick={() => setKind(k.kind)}
                >
                  {k.label}
                </button>
              )}
            </For>
          </fieldset>
          <input
            aria-label="Amount"
            data-testid="tender-amount"
            inputmode="decimal"
            placeholder={toDecimalString(t().due)}
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <Show when={spec()?.ref}>
            <input
              aria-label={spec()?.ref}
              data-testid="tender-reference"
              placeholder={spec()?.ref}
              value={reference()}
              onInput={(e) => setReference(e.currentTarget.value)}
            />
          </Show>
          <button type="submit" data-testid="add-tender">
            Add payment
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button
        type="button"
        class="primary complete"
        data-testid="complete-sale"
        disabled={!isSettled(t())}
        onClick={() => sale.complete()}
      >
        Complete sale <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
      </button>
    </section>
  );
}
