/**
 * Money on one order (custom order, repair or layaway): the relay's balance, payments waiting to be
 * decided, taking a payment (card, cash, wallet, gift card, store credit), an instalment plan, a
 * refund, cancelling a layaway, and the statement with its running balance, printable on the
 * receipt printer. Every change is a command in this till's outbox, decided once by the relay
 * (MONEY-13): offline, the payment waits and the balance shown stays the relay's.
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import { newDepositId, newRefundId } from '../../../domain/ids.ts';
import { toDecimalString } from '../../../domain/money.ts';
import {
  canonicalCardNumber,
  isValidCardNumber,
  newCardNumber,
  schedule,
} from '../../../domain/money-held.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { can, type Role } from '../../../domain/roles.ts';
import type { MoneyOrder } from '../../../sync/shared/docs/money.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { useHardware } from '../hardware/hardware.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { browserTimeZone, receiptHeader } from '../sell/receipt-header.ts';
import { evenPlan, pendingMoves, statementJob, statementOf } from './order-money.ts';
import { M } from './strings.ts';

const PAY_TENDERS = ['card', 'cash', 'wallet', 'gift-card', 'store-credit'] as const;
type PayTender = (typeof PAY_TENDERS)[number];
const isCard = (t: string) => t === 'gift-card' || t === 'store-credit';
const today = () => new Date().toISOString().slice(0, 10);

export function OrderPayments(props: { orderId: string }) {
  const app = useApp();
  const data = () => app.data();
  const order = (): MoneyOrder | undefined => data()?.money.orders[props.orderId];
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const [last, setLast] = createSignal<string>();
  const pending = () =>
    pendingMoves(props.orderId, order(), data()?.commands.items ?? [], data()?.outcomes() ?? {});
  const money = (minor: number) => fmt({ minor, currency: order()?.currency ?? 'EUR' });
  const clientName = () => {
    const id = order()?.clientId;
    return id ? (data()?.clients[id]?.name ?? '') : '';
  };
  const send: typeof appendCommand = (...args) => {
    const c = appendCommand(...args);
    setLast(c.id);
    return c;
  };
  const lastMessage = () => {
    const id = last();
    if (!id) return undefined;
    const state = stateOf(id, data()?.outcomes() ?? {});
    if (state === 'pending') return { state, text: M.paymentSent };
    if (state === 'accepted') return undefined;
    const o = data()?.outcomes()[id];
    return { state, text: o ? outcomeText(o) : '' };
  };

  return (
    <section class="order-payments card" aria-labelledby="order-payments-title" data-testid="order-payments">
      <Show when={order()} fallback={<p class="muted">{M.orderUnknown}</p>}>
        {(o) => (
          <>
            <h2 id="order-payments-title">
              {M.kind[o().kind] ?? o().kind}: {o().description}
            </h2>
            <p class="muted">
              {clientName()} · <span data-testid="order-status">{M.status[o().status] ?? o().status}</span>
            </p>
            <dl class="totals" data-testid="order-totals">
              <dt>{M.total}</dt>
              <dd>{money(o().totalMinor)}</dd>
              <dt>{M.paid}</dt>
              <dd>{money(o().paidMinor)}</dd>
              <Show when={o().refundedMinor > 0}>
                <dt>{M.refunded}</dt>
                <dd>{money(o().refundedMinor)}</dd>
              </Show>
              <dt class="grand">{M.balance}</dt>
              <dd class="grand" data-testid="order-balance">
                {money(o().balanceMinor)}
              </dd>
            </dl>
            <p class="muted">{M.balanceNote}</p>
            <Show when={pending().length > 0}>
              <h3>{M.pendingTitle}</h3>
              <ul data-testid="order-pending">
                <For each={pending()}>
                  {(p) => (
                    <li class={p.state === 'rejected' ? 'error' : 'status-pending'} data-state={p.state}>
                      {p.state === 'pending'
                        ? M.pendingOne(fmt(p.amount), M.tenders[p.tender ?? ''] ?? M.refundMove)
                        : M.refusedOne(fmt(p.amount), p.reason ?? '')}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={lastMessage()}>
              {(m) => (
                <p
                  class={`status status-${m().state}`}
                  role={m().state === 'rejected' ? 'alert' : 'status'}
                  data-testid="order-payment-status"
                  data-state={m().state}
                >
                  {m().text}
                </p>
              )}
            </Show>
            <Show when={o().status === 'open' && o().balanceMinor > 0}>
              <PaymentForm order={o()} send={send} />
            </Show>
            <Show when={o().status === 'open'}>
              <PlanSection order={o()} send={send} />
            </Show>
            <Show when={can(role(), 'refund') && o().status === 'open' && o().kind !== 'layaway'}>
              <RefundForm order={o()} send={send} />
            </Show>
            <Show when={can(role(), 'refund') && o().status === 'open' && o().kind === 'layaway'}>
              <CancelLayaway order={o()} send={send} />
            </Show>
            <Statement order={o()} />
          </>
        )}
      </Show>
    </section>
  );
}

type Send = typeof appendCommand;
type Part = { order: MoneyOrder; send: Send };

function Field(props: { label: string; children: JSX.Element; hint?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the label's child, passed in
    <label class="field">
      {props.label}
      {props.children}
      <Show when={props.hint}>
        <span class="muted">{props.hint}</span>
      </Show>
    </label>
  );
}

function PaymentForm(props: Part) {
  const app = useApp();
  const [amount, setAmount] = createSignal('');
  const [tender, setTender] = createSignal<PayTender>('card');
  const [reference, setReference] = createSignal('');
  const [error, setError] = createSignal<string>();
  const owed = () => ({ minor: props.order.balanceMinor, currency: props.order.currency });
  const known = () => {
    const n = canonicalCardNumber(reference());
    return n ? app.data()?.money.cards[n] : undefined;
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const d = app.data();
    if (!d) return;
    const text = amount().trim() || toDecimalString(owed() as never);
    const parsed = parseMoney(text, props.order.currency as never);
    if (!parsed.ok || parsed.value.minor <= 0) return setError(M.notAnAmount(text));
    if (parsed.value.minor > props.order.balanceMinor) return setError(M.overBalance(fmt(owed())));
    const ref = reference().trim();
    if (isCard(tender()) && !isValidCardNumber(ref)) return setError(M.badCardNumber);
    props.send(d.outbox, app.actor(), 'deposit.take', {
      orderId: props.order.orderId,
      depositId: newDepositId(),
      amount: parsed.value,
      tender: tender(),
      ...(ref ? { reference: isCard(tender()) ? (canonicalCardNumber(ref) ?? ref) : ref.slice(0, 100) } : {}),
    });
    setAmount('');
    setReference('');
  };
  return (
    <form class="money-form" aria-label={M.takePayment} onSubmit={submit} noValidate>
      <h3>{M.takePayment}</h3>
      <Field label={M.amount}>
        <input
          data-testid="payment-amount"
          inputmode="decimal"
          placeholder={toDecimalString(owed() as never)}
          value={amount()}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </Field>
      <fieldset class="kinds">
        <legend>{M.tender}</legend>
        <For each={PAY_TENDERS}>
          {(k) => (
            <button
              type="button"
              aria-pressed={tender() === k}
              classList={{ selected: tender() === k }}
              data-testid={`payment-tender-${k}`}
              onClick={() => setTender(k)}
            >
              {M.tenders[k]}
            </button>
          )}
        </For>
      </fieldset>
      <Field label={isCard(tender()) ? M.cardNumber : M.reference} hint={M.referenceHint}>
        <input
          data-testid="payment-reference"
          value={reference()}
          maxLength={100}
          onInput={(e) => setReference(e.currentTarget.value)}
        />
      </Field>
      <Show when={isCard(tender()) && known()}>
        {(c) => (
          <p class="muted">{M.cardBalance(fmt({ minor: c().balanceMinor, currency: c().currency }))}</p>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" data-testid="record-payment">
        {M.recordPayment}
      </button>
    </form>
  );
}

function PlanSection(props: Part) {
  const app = useApp();
  const [count, setCount] = createSignal(3);
  const [first, setFirst] = createSignal(today());
  const [error, setError] = createSignal<string>();
  const held = () => props.order.paidMinor - props.order.refundedMinor;
  const current = () => {
    const plan = props.order.plan;
    if (!plan) return undefined;
    const instalments = plan.instalments.map((i) => ({
      due: i.due,
      amount: { minor: i.amountMinor, currency: props.order.currency as never },
    }));
    return schedule(instalments, held() - plan.paidBeforeMinor, today());
  };
  const preview = () =>
    props.order.balanceMinor > 0
      ? evenPlan(
          { minor: props.order.balanceMinor, currency: props.order.currency as never },
          Math.max(1, Math.min(24, count())),
          first(),
        )
      : [];
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const d = app.data();
    if (!d) return;
    if (props.order.balanceMinor <= 0) return setError(M.planNothingOwed);
    props.send(d.outbox, app.actor(), 'plan.set', {
      orderId: props.order.orderId,
      instalments: preview(),
    });
  };
  return (
    <section class="plan" aria-labelledby="plan-title">
      <h3 id="plan-title">{M.planTitle}</h3>
      <Show when={current()} fallback={<p class="muted">{M.planNone}</p>}>
        {(rows) => (
          <table data-testid="plan-table">
            <thead>
              <tr>
                <th scope="col">{M.planDue}</th>
                <th scope="col">{M.colAmount}</th>
                <th scope="col">{M.colStatus}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(i) => (
                  <tr classList={{ overdue: i.status === 'overdue' }}>
                    <td>{i.due}</td>
                    <td>{fmt(i.amount)}</td>
                    <td>{M.planStatus[i.status]}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <Show when={props.order.balanceMinor > 0}>
        <form class="money-form inline" aria-label={M.planSet} onSubmit={submit}>
          <Field label={M.planInstalments}>
            <input
              type="number"
              min="1"
              max="24"
              data-testid="plan-count"
              value={count()}
              onInput={(e) => setCount(Number(e.currentTarget.value) || 1)}
            />
          </Field>
          <Field label={M.planFirstDue}>
            <input
              type="date"
              data-testid="plan-first"
              value={first()}
              onInput={(e) => setFirst(e.currentTarget.value)}
            />
          </Field>
          <p class="muted" data-testid="plan-preview">
            {M.planPreview}:{' '}
            {preview()
              .map((i) => `${i.due} ${fmt(i.amount)}`)
              .join(' · ')}
          </p>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" data-testid="plan-set">
            {M.planSet}
          </button>
        </form>
      </Show>
    </section>
  );
}

function RefundForm(props: Part) {
  const app = useApp();
  const [amount, setAmount] = createSignal('');
  const [error, setError] = createSignal<string>();
  const held = () => ({
    minor: props.order.paidMinor - props.order.refundedMinor,
    currency: props.order.currency,
  });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    const d = app.data();
    if (!d) return;
    const parsed = parseMoney(amount().trim(), props.order.currency as never);
    if (!parsed.ok || parsed.value.minor <= 0) return setError(M.notAnAmount(amount()));
    if (parsed.value.minor > held().minor) return setError(M.refundOver(fmt(held())));
    props.send(d.outbox, app.actor(), 'deposit.refund', {
      orderId: props.order.orderId,
      refundId: newRefundId(),
      amount: parsed.value,
    });
    setAmount('');
  };
  return (
    <Show when={held().minor > 0}>
      <form class="money-form inline" aria-label={M.refundTitle} onSubmit={submit} noValidate>
        <h3>{M.refundTitle}</h3>
        <Field label={M.amount}>
          <input
            data-testid="refund-amount"
            inputmode="decimal"
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </Field>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" data-testid="record-refund">
          {M.recordRefund}
        </button>
      </form>
    </Show>
  );
}

function CancelLayaway(props: Part) {
  const app = useApp();
  const [settlement, setSettlement] = createSignal<'refund' | 'store-credit'>('refund');
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = app.data();
    if (!d) return;
    props.send(d.outbox, app.actor(), 'layaway.cancel', {
      orderId: props.order.orderId,
      refundId: newRefundId(),
      settlement: settlement(),
      ...(settlement() === 'store-credit'
        ? { cardNumber: newCardNumber((b) => crypto.getRandomValues(b)) }
        : {}),
    });
  };
  return (
    <form class="money-form inline" aria-label={M.layawayCancel} onSubmit={submit}>
      <h3>{M.layawayCancel}</h3>
      <p class="muted">{M.layawayCancelIntro}</p>
      <fieldset class="kinds">
        <legend class="visually-hidden">{M.layawayCancel}</legend>
        <label>
          <input
            type="radio"
            name="settlement"
            checked={settlement() === 'refund'}
            onChange={() => setSettlement('refund')}
          />
          {M.settleRefund}
        </label>
        <label>
          <input
            type="radio"
            name="settlement"
            checked={settlement() === 'store-credit'}
            onChange={() => setSettlement('store-credit')}
          />
          {M.settleCredit}
        </label>
      </fieldset>
      <button type="submit" class="danger" data-testid="layaway-cancel">
        {M.confirmCancel}
      </button>
    </form>
  );
}

function Statement(props: { order: MoneyOrder }) {
  const app = useApp();
  const hardware = useHardware();
  const [printed, setPrinted] = createSignal<string>();
  const lines = () => statementOf(props.order);
  const money = (minor: number) => fmt({ minor, currency: props.order.currency });
  const print = async () => {
    setPrinted(undefined);
    if (!hardware.pairing()) return window.print();
    const now = new Date().toISOString();
    const locale = navigator.language || 'en-US';
    const header = receiptHeader(app.data()?.storeInfo(), now, {
      locale,
      fallbackTimeZone: browserTimeZone(),
    });
    const job = statementJob(props.order, now, {
      storeName: header.storeName,
      address: header.address,
      locale,
      timeZone: header.timeZone,
      format: money,
      labels: { payment: M.payment, refund: M.refundMove, balance: M.balance, paid: M.paid, total: M.total },
    });
    if (!job.ok) return setPrinted(job.error);
    const r = await hardware.printReceipt(job.value, false);
    setPrinted(r.ok ? M.printSent : r.error);
  };
  return (
    <section class="statement printable" aria-labelledby="statement-title">
      <h3 id="statement-title">{M.statement}</h3>
      <Show when={lines().length > 0} fallback={<p class="muted">{M.statementEmpty}</p>}>
        <table data-testid="statement">
          <thead>
            <tr>
              <th scope="col">{M.colDate}</th>
              <th scope="col">{M.colMove}</th>
              <th scope="col">{M.colAmount}</th>
              <th scope="col">{M.colRunning}</th>
            </tr>
          </thead>
          <tbody>
            <For each={lines()}>
              {(l) => (
                <tr>
                  <td>{fmtDate(l.at)}</td>
                  <td>
                    {l.kind === 'payment' ? M.payment : M.refundMove}
                    {l.tender ? ` · ${M.tenders[l.tender] ?? l.tender}` : ''}
                    {l.reference && isCard(l.tender ?? '') ? ` ${l.reference}` : ''}
                  </td>
                  <td>{l.kind === 'refund' ? `− ${money(l.amountMinor)}` : money(l.amountMinor)}</td>
                  <td>{money(l.balanceMinor)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <div class="actions no-print">
          <button type="button" data-testid="print-statement" onClick={() => void print()}>
            {M.print}
          </button>
          <Show when={printed()}>
            <span role="status">{printed()}</span>
          </Show>
        </div>
      </Show>
    </section>
  );
}
