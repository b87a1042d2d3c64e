import { createSignal, For, Show } from 'solid-js';
import type { TenderKind } from '../../../domain/commands.ts';
import { toDecimalString } from '../../../domain/money.ts';
import { canonicalCardNumber, isValidCardNumber } from '../../../domain/money-held.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { hasCategoryRates } from '../../../domain/tax.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { M } from '../money/strings.ts';
import { type TradeInDraft, TradeInFields, tradeInOf } from '../money/TradeInFields.tsx';
import { cashTender, isSettled, taxLabel } from './cart.ts';
import { rateLabel } from './receipt-taxes.ts';
import { useSale } from './sale-context.ts';
import { S } from './strings.ts';

const KINDS: Array<{ kind: TenderKind; label: string; ref?: string; hint?: string }> = (
  ['card', 'cash', 'wallet', 'store-credit', 'gift-card', 'trade-in'] as const
).map((kind) => ({
  kind,
  label: S.tender[kind] ?? kind,
  ...(S.tenderRef[kind] ? { ref: S.tenderRef[kind], hint: S.tenderRefHint[kind] } : {}),
}));

/** Totals and split tenders; the sale completes only when the tenders settle the total exactly. */
export function TenderPanel() {
  const app = useApp();
  const sale = useSale();
  const t = () => sale.totals();
  const inclusive = () => app.data()?.storeInfo()?.tax.inclusive ?? false;
  /** One rate: the store's label, or the category rate all the cart's pieces take (TAXCAT-6). */
  const singleRateLabel = () => {
    const rule = app.data()?.storeInfo()?.tax;
    const only = t().rates[0];
    return rule && only && hasCategoryRates(rule)
      ? rateLabel(only.basisPoints, rule.inclusive)
      : taxLabel(rule);
  };
  const [kind, setKind] = createSignal<TenderKind>('card');
  const [amount, setAmount] = createSignal('');
  const [reference, setReference] = createSignal('');
  const [error, setError] = createSignal<string>();
  const spec = () => KINDS.find((k) => k.kind === kind());
  const [tradeIn, setTradeIn] = createSignal<TradeInDraft>({ description: '', disposition: 'scrap' });
  const isCard = () => kind() === 'gift-card' || kind() === 'store-credit';
  /** What this till last saw of the card in `money/<store>` (the relay decides; GIFT-3). */
  const knownCard = () => {
    const n = canonicalCardNumber(reference());
    return n && isCard() ? app.data()?.money.cards[n] : undefined;
  };

  const add = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const text = amount().trim() || toDecimalString(t().due);
    const parsed = parseMoney(text, sale.currency());
    if (!parsed.ok || parsed.value.minor <= 0) return setError(S.notAnAmount(text));
    const money = parsed.value;
    if (kind() === 'cash') sale.setTenders((ts) => [...ts, cashTender(money, t().due)]);
    else {
      if (money.minor > t().due.minor) return setError(S.onlyCashOver);
      if (spec()?.ref && !reference().trim()) return setError(S.referenceNeeded(spec()?.ref ?? ''));
      if (kind() === 'trade-in') {
        const d = app.data();
        const item = tradeInOf(tradeIn(), money, d?.store ?? '');
        if (!item.ok) return setError(item.error);
        sale.setTenders((ts) => [...ts, { kind: 'trade-in', amount: money, tradeIn: item.value }]);
        setTradeIn({ description: '', disposition: 'scrap' });
      } else {
        // GIFT-1: a mistyped card number is caught here, before the relay is asked.
        if (isCard() && !isValidCardNumber(reference())) return setError(M.badCardNumber);
        const ref = isCard() ? (canonicalCardNumber(reference()) ?? '') : reference().trim();
        sale.setTenders((ts) => [...ts, { kind: kind(), amount: money, ...(ref ? { reference: ref } : {}) }]);
      }
    }
    setAmount('');
    setReference('');
  };

  return (
    <section class="tenders" aria-label="Payment">
      <dl class="totals" data-testid="totals">
        <dt>{S.subtotal}</dt>
        <dd>{fmt(t().subtotal)}</dd>
        <Show when={t().discount.minor > 0}>
          <dt>{S.discount}</dt>
          <dd>− {fmt(t().discount)}</dd>
        </Show>
        <Show
          when={t().rates.length > 1}
          fallback={
            <>
              <dt>{singleRateLabel()}</dt>
              <dd>{fmt(t().tax)}</dd>
            </>
          }
        >
          {/* TAXCAT-6: one line per rate the cart's pieces take, then what they come to. */}
          <For each={t().rates}>
            {(r) => (
              <>
                <dt data-testid="cart-tax-rate">{rateLabel(r.basisPoints, inclusive())}</dt>
                <dd>{fmt(r.tax)}</dd>
              </>
            )}
          </For>
          <dt>{S.taxTotal(inclusive())}</dt>
          <dd>{fmt(t().tax)}</dd>
        </Show>
        <dt class="grand">{S.total}</dt>
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
                  aria-label={S.removePayment}
                  onClick={() => sale.setTenders((ts) => ts.filter((_, j) => j !== i()))}
                >
                  ×
                </button>
              </dt>
              <dd>{fmt(x.amount)}</dd>
            </>
          )}
        </For>
        <dt>{S.due}</dt>
        <dd data-testid="due">{fmt(t().due)}</dd>
        <Show when={t().change.minor > 0}>
          <dt>{S.change}</dt>
          <dd data-testid="change">{fmt(t().change)}</dd>
        </Show>
      </dl>
      <Show when={t().lines.length > 0 && t().due.minor > 0}>
        <form class="tender-form" onSubmit={add} noValidate>
          <fieldset class="kinds" aria-label={S.tenderKinds}>
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
            aria-label={S.amount}
            data-testid="tender-amount"
            inputmode="decimal"
            placeholder={toDecimalString(t().due)}
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <Show when={spec()?.ref}>
            {(ref) => (
              <label class="field">
                {S.referenceRequired(ref())}
                <input
                  data-testid="tender-reference"
                  placeholder={ref()}
                  required
                  aria-describedby="tender-reference-hint"
                  value={reference()}
                  onInput={(e) => setReference(e.currentTarget.value)}
                />
                <span class="muted" id="tender-reference-hint" data-testid="tender-reference-hint">
                  {spec()?.hint}
                </span>
                <Show when={knownCard()}>
                  {(c) => (
                    <span class="muted" data-testid="tender-card-balance">
                      {M.cardBalance(fmt({ minor: c().balanceMinor, currency: c().currency }))}
                    </span>
                  )}
                </Show>
              </label>
            )}
          </Show>
          <Show when={kind() === 'trade-in'}>
            <TradeInFields draft={tradeIn()} setDraft={setTradeIn} />
          </Show>
          <button type="submit" data-testid="add-tender">
            {S.addPayment}
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
        disabled={!isSettled(t()) || !!sale.blocker()}
        aria-describedby="complete-blocker"
        onClick={() => sale.complete()}
      >
        {S.complete}{' '}
        <span class="kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </button>
      <Show when={t().lines.length > 0 && sale.blocker()}>
        {(why) => (
          <p class="muted" id="complete-blocker" data-testid="complete-blocker">
            {why()}
          </p>
        )}
      </Show>
    </section>
  );
}
