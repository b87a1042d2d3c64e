/**
 * The sale being rung up at this till: lines, client, discount, tenders, and the command
 * it becomes. Held in signals so the cart survives switching between screens.
 */
import { createEffect, createMemo, createSignal, on, onCleanup, untrack } from 'solid-js';
import { discountLimit as limitOf } from '../../../domain/capabilities.ts';
import { newSaleId } from '../../../domain/ids.ts';
import { type Currency, type Money, currency as toCurrency } from '../../../domain/money.ts';
import type { Role } from '../../../domain/roles.ts';
import { NO_TAX } from '../../../domain/tax.ts';
import { command as buildCommand } from '../../../sync/shared/command-builder.ts';
import type { OutcomeCode } from '../../../sync/shared/outcome-codes.ts';
import type { AppState } from '../app-state.ts';
import { fmt, showTimesIn } from '../format.ts';
import type { ManagerApproval } from '../local/approvals.ts';
import { pushCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import type { StoreData } from '../local/store-data.ts';
import { checkAvailability, type Unavailable } from './availability.ts';
import { type CartLine, isSettled, priceCart, storeTaxRule, type TenderEntry } from './cart.ts';
import { percentToBasisPoints } from './discount.ts';
import { precheck } from './precheck.ts';
import { S } from './strings.ts';

/** A manager's approval of the discount: it signs the sale it covers (sync/SPEC.md USER-4). */
export type Approval = ManagerApproval & { maxBasisPoints: number };

/** What the counter tells the associate: a scan's answer, or why the sale cannot complete yet. */
export type Notice = {
  /** A scan's answer, or the pre-check's refusal under the relay's own code (sync/shared/outcome-codes.ts). */
  code: Unavailable['code'] | 'loading' | 'cannot-complete' | OutcomeCode;
  message: string;
  at: number;
};

/** How long a scan waits for the store's first sync before answering from the local copy. */
export const SCAN_WAIT_MS = 10_000;

/**
 * The catalog and stock documents are loaded from IndexedDB and have completed a sync with the
 * relay (or the till is offline, so its own copy is all there is): only then can a scan say
 * "not in the catalog" and mean it.
 */
export function piecesReady(d: StoreData, offline: boolean): boolean {
  if (!d.ready()) return false;
  if (offline) return true;
  return d.docs
    .filter((x) => x.name.startsWith('catalog/') || x.name.startsWith('stock/'))
    .every((x) => x.synced());
}

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
  // The discount is what the associate typed, in force as typed: nothing waits for a blur.
  const [discountText, setDiscountText] = createSignal('');
  const [approval, setApproval] = createSignal<Approval>();
  const [tenders, setTenders] = createSignal<TenderEntry[]>([]);
  const [notice, setNotice] = createSignal<Notice>();
  const [lastSale, setLastSale] = createSignal<Command>();
  // Scans made while the store's pieces are still loading, answered once they are.
  const [waiting, setWaiting] = createSignal<string[]>([]);
  const [waitedLongEnough, setWaitedLongEnough] = createSignal(false);
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  // Whoever must act on a completed sale (the receipt printer, the cash drawer).
  const completedListeners = new Set<(c: Command) => void>();

  const data = () => app.data();
  const currency = (): Currency =>
    toCurrency(data()?.storeInfo()?.currency ?? lines()[0]?.price.currency ?? 'EUR');
  const tax = () => storeTaxRule(data()?.storeInfo()) ?? NO_TAX;
  // CAP-4: the limit the owner set for this role, or the default.
  const discountLimit = () =>
    limitOf(app.data()?.capabilities(), (app.session()?.user.role ?? 'associate') as Role);
  const requestedBp = () => percentToBasisPoints(discountText() || '0');
  const allowedBp = () => Math.max(discountLimit(), approval()?.maxBasisPoints ?? 0);
  /** The discount in force: the typed one when the cashier (or an approval) allows it, else none. */
  const discountBp = createMemo(() => {
    const bp = requestedBp();
    return bp !== undefined && bp <= allowedBp() ? bp : 0;
  });
  /** Sets the discount as if typed (basis points → "12.5"). */
  const setDiscountBp = (bp: number) => setDiscountText(bp === 0 ? '' : String(bp / 100));
  const totals = createMemo(() => priceCart(lines(), discountBp(), tax(), tenders(), currency()));

  /** Why the sale cannot complete as shown, in words; undefined when it can. */
  const blocker = (): string | undefined => {
    const t = totals();
    if (t.lines.length === 0) return S.blockEmpty;
    const bp = requestedBp();
    if (bp === undefined) return S.blockDiscountInvalid(discountText().trim());
    if (bp > allowedBp()) return S.blockDiscountApproval(discountText().trim());
    if (t.overpaid) return S.blockOverpaid(fmt(t.paid), fmt(t.total));
    if (!isSettled(t)) return S.blockDue(fmt(t.due));
    return undefined;
  };

  // Every time on screen is the active store's time (format.ts).
  createEffect(() => showTimesIn(data()?.storeInfo()?.timeZone));

  const ready = () => {
    const d = data();
    if (!d) return false;
    if (waitedLongEnough() && d.ready()) return true;
    const offline =
      (typeof navigator !== 'undefined' && !navigator.onLine) || app.sync?.().link === 'offline';
    return piecesReady(d, offline);
  };

  const scan = (code: string): boolean => {
    const d = data();
    if (!d) return false;
    if (!ready()) {
      // Answering now would say a real tag is wrong: wait for the store's pieces.
      setWaiting((w) => [...w, code]);
      setNotice({ code: 'loading', message: S.stillLoading(code.trim().toUpperCase()), at: Date.now() });
      if (!waitTimer) waitTimer = setTimeout(() => setWaitedLongEnough(true), SCAN_WAIT_MS);
      return true;
    }
    return scanNow(d, code);
  };

  createEffect(() => {
    if (!ready() || waiting().length === 0) return;
    const codes = waiting();
    setWaiting([]);
    untrack(() => {
      const d = data();
      if (d) for (const c of codes) scanNow(d, c);
    });
  });
  onCleanup(() => clearTimeout(waitTimer));

  const scanNow = (d: StoreData, code: string): boolean => {
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
    setLines((ls) => [...ls, { serial: p.serial, title: p.title, price, category: p.category }]);
    setTenders([]);
    // The next client's cart starts: the last receipt steps aside.
    setLastSale(undefined);
    return true;
  };

  const remove = (serial: string) => {
    setLines((ls) => ls.filter((l) => l.serial !== serial));
    setTenders([]);
  };

  const reset = () => {
    setLines([]);
    setClientId(undefined);
    setDiscountText('');
    setApproval(undefined);
    setTenders([]);
    setNotice(undefined);
  };

  // A cart belongs to one store: its prices, currency and stock.
  createEffect(on(() => app.data()?.store, reset, { defer: true }));

  const complete = (): Command | undefined => {
    const d = data();
    const t = totals();
    if (!d) return undefined;
    // What the associate sees is what is sold: a typed discount not yet in force, or payments
    // that no longer match, stop the sale with the reason instead of completing another one.
    const blocked = blocker();
    if (blocked) {
      setNotice({ code: 'cannot-complete', message: blocked, at: Date.now() });
      return undefined;
    }
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
    };
    const command = buildCommand(app.actor(), 'sale.complete', payload, { approval: approval() });
    const checked = precheck(command, {
      store: d.store,
      currency: currency(),
      pieces: d.pieces,
      stock: d.stock,
      users: Object.values(d.staff),
      tax: storeTaxRule(d.storeInfo()),
    });
    if (!checked.ok) {
      setNotice({ code: checked.error.code, message: checked.error.message, at: Date.now() });
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
    discountText,
    setDiscountText,
    discountLimit,
    requestedBp,
    blocker,
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
    /** Scans waiting for the store's pieces to load. */
    waiting,
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
