/**
 * The sale being rung up at this till: lines, client, discount, tenders, and the command
 * it becomes. Held in signals so the cart survives switching between screens.
 */
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { newSaleId } from '../../../domain/ids.ts';
import { type Currency, type Money, currency as toCurrency } from '../../../domain/money.ts';
import type { AppState } from '../app-state.ts';
import { makeCommand, pushCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import type { StoreData } from '../local/store-data.ts';
import { checkAvailability, type Unavailable } from './availability.ts';
import { type CartLine, isSettled, priceCart, type TenderEntry } from './cart.ts';
import { precheck } from './precheck.ts';

export type Approval = { userId: string; name: string; maxBasisPoints: number };

export function pendingSoldSerials(d: StoreData): Set<string> {
  const outcomes = d.outcomes();
  const out = new Set<string>();
  for (const c of d.commands.items) {
    if (c.type !== 'sale.complete' || outcomes[c.id]) continue;
    for (const l of (c.payload as { lines?: Array<{ serial: string }> }).lines ?? []) out.add(l.serial);
  }
  return out;
}

export function createSaleDraft(app: AppState) {
  const [lines, setLines] = createSignal<CartLine[]>([]);
  const [clientId, setClientId] = createSignal<string>();
  const [discountBp, setDiscountBp] = createSignal(0);
  const [approval, setApproval] = createSignal<Approval>();
  const [tenders, setTenders] = createSignal<TenderEntry[]>([]);
  const [notice, setNotice] = createSignal<Unavailable & { at: number }>();
  const [lastSale, setLastSale] = createSignal<Command>();
  // Whoever must act on a completed sale (the receipt printer, the cash drawer).
  const completedListeners = new Set<(c: Command) => void>();

  const data = () => app.data();
  const currency = (): Currency =>
    toCurrency(data()?.storeInfo()?.currency ?? lines()[0]?.price.currency ?? 'EUR');
  const tax = () => {
    const s = data()?.storeInfo();
    return { basisPoints: s?.taxBasisPoints ?? 0, inclusive: s?.taxInclusive ?? false };
  };
  const totals = createMemo(() => priceCart(lines(), discountBp(), tax(), tenders(), currency()));

  const scan = (code: string): boolean => {
    const d = data();
    if (!d) return false;
    const r = checkAvailability(code, {
      pieces: d.pieces,
      stock: d.stock,
      store: d.store,
      inCart: new Set(lines().map((l) => l.serial)),
      pendingSold: pendingSoldSerials(d),
      ...(clientId() ? { clientId: clientId() } : {}),
    });
    if (!r.ok) {
      setNotice({ ...r.error, at: Date.now() });
      return false;
    }
    setNotice(undefined);
    const p = r.value;
    const price: Money = { minor: p.price.minor, currency: toCurrency(p.price.currency) };
    setLines((ls) => [...ls, { serial: p.serial, title: p.title, price }]);
    setTenders([]);
    return true;
  };

  const remove = (serial: string) => {
    setLines((ls) => ls.filter((l) => l.serial !== serial));
    setTenders([]);
  };

  const reset = () => {
    setLines([]);
    setClientId(undefined);
    setDiscountBp(0);
    setApproval(undefined);
    setTenders([]);
    setNotice(undefined);
  };

  // A cart belongs to one store: its prices, currency and stock.
  createEffect(on(() => app.data()?.store, reset, { defer: true }));

  const complete = (): Command | undefined => {
    const d = data();
    const t = totals();
    if (!d || !isSettled(t)) return undefined;
    const payload = {
      saleId: newSaleId(),
      lines: t.lines.map((l) => ({
        serial: l.serial,
        price: l.price,
        ...(l.discount.minor > 0 ? { discount: l.discount } : {}),
      })),
      tax: t.tax,
      total: t.total,
      tenders: tenders(),
      ...(clientId() ? { clientId: clientId() } : {}),
      ...(approval() ? { approvedBy: approval()?.userId } : {}),
    };
    const command = makeCommand(app.actor(), 'sale.complete', payload);
    const checked = precheck(command, {
      store: d.store,
      currency: currency(),
      pieces: d.pieces,
      stock: d.stock,
      users: Object.values(d.staff),
    });
    if (!checked.ok) {
      setNotice({ code: 'piece-not-sellable', message: checked.error.message, at: Date.now() });
      return undefined;
    }
    pushCommand(d.outbox, command);
    setLastSale(command);
    reset();
    for (const l of completedListeners) l(command);
    return command;
  };

  return {
    lines,
    clientId,
    setClientId,
    discountBp,
    setDiscountBp,
    approval,
    setApproval,
    tenders,
    setTenders,
    totals,
    currency,
    notice,
    setNotice,
    lastSale,
    setLastSale,
    scan,
    remove,
    reset,
    complete,
    onComplete(listener: (c: Command) => void): () => void {
      completedListeners.add(listener);
      return () => completedListeners.delete(listener);
    },
  };
}

export type SaleDraft = ReturnType<typeof createSaleDraft>;
