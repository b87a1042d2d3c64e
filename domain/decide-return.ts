/** After a sale: returns of some of its pieces, and a manager's void of the whole sale. */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, reject, statusRefusal } from './decide-common.ts';
import { creditRefunds } from './decide-money.ts';
import type { DecisionState, DomainEvent, Rejection, SaleState } from './decision-types.ts';
import type { SaleId } from './ids.ts';
import { add, allocate, type Money, money as makeMoney, subtract, sum } from './money.ts';
import { err, ok, type Result } from './result.ts';
import { coversLines, recordedLineTax, type SaleTaxRecord } from './sale-tax-record.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** The sale must exist, be this store's, and not be voided. */
function openSale(state: DecisionState, store: string, saleId: SaleId): Result<SaleState, Rejection> {
  const sale = state.sale(saleId);
  if (!sale) return reject('sale-unknown', 'No such sale is on record; check the receipt.', { saleId });
  if (sale.store !== store)
    return reject('sale-at-other-store', 'This sale was made at another store; process it there.', {
      saleId,
      saleStore: sale.store,
    });
  if (sale.voided)
    return reject('sale-voided', 'This sale was voided; nothing is left to return.', { saleId });
  return ok(sale);
}

/** What RET-3 reads of a sale: its lines' nets, what was paid for it (its total), its rates. */
export type RefundBasis = {
  readonly lines: readonly { readonly serial: string; readonly net: Money }[];
  readonly paid: Money;
  /** TAXCAT-7: what each rate charged, when the sale recorded it. */
  readonly taxRates?: SaleTaxRecord | undefined;
};

/**
 * RET-3: what a returned line may give back: its net plus its share of the tax added on top.
 * A sale that recorded its rates (TAXCAT-7) gives each line its share of its own rate's tax
 * (TAXCAT-9), so returning every line refunds each rate's tax exactly; an older sale shares
 * its total less its lines' nets by net. Either way returning every line refunds the whole
 * total to the cent. A serial not in the sale gives back nothing. The relay caps a return with
 * it; a till proposes the refund with it.
 */
export function refundable(sale: RefundBasis, serial: string): Money {
  const currency = sale.paid.currency;
  const index = sale.lines.findIndex((l) => l.serial === serial);
  const line = sale.lines[index];
  if (!line) return makeMoney(0, currency);
  if (sale.taxRates && coversLines(sale.taxRates, sale.lines)) {
    const share = recordedLineTax(sale.taxRates, sale.lines, serial);
    if (share) return add(line.net, share);
  }
  const netTotal = sale.lines.reduce((t, l) => t + l.net.minor, 0);
  const tax = Math.max(0, sale.paid.minor - netTotal);
  if (tax === 0 || netTotal === 0) return line.net;
  const shares = allocate(
    makeMoney(tax, currency),
    sale.lines.map((l) => l.net.minor),
  );
  return makeMoney(line.net.minor + (shares[index]?.minor ?? 0), currency);
}

/** RET-3 for several serials: the sum of what each gives back (each serial counted once). */
export function refundableFor(sale: RefundBasis, serials: Iterable<string>): Money {
  return sum(
    [...new Set(serials)].map((serial) => refundable(sale, serial)),
    sale.paid.currency,
  );
}

export function decideReturn(state: DecisionState, c: CommandOf<'sale.return'>): Decision {
  const actor = authorize(state, c, 'refund');
  if (!actor.ok) return actor;
  const { currency } = actor.value;
  const p = c.payload;
  const found = openSale(state, c.store, p.saleId);
  if (!found.ok) return found;
  const sale = found.value;
  const money = checkCurrency(currency, [
    sale.paid,
    sale.refunded,
    ...sale.lines.map((l) => l.net),
    ...p.refunds.map((r) => r.amount),
  ]);
  if (!money.ok) return money;

  const seen = new Set<string>();
  const events: DomainEvent[] = [];
  const nets = [];
  for (const serial of p.serials) {
    if (seen.has(serial))
      return reject('duplicate-serial-in-sale', `Piece ${serial} is listed twice in this return.`, {
        serial,
      });
    seen.add(serial);
    const line = sale.lines.find((l) => l.serial === serial);
    if (!line) return reject('serial-not-in-sale', `Piece ${serial} was not part of this sale.`, { serial });
    if (sale.returnedSerials.includes(serial))
      return reject('serial-already-returned', `Piece ${serial} was already returned from this sale.`, {
        serial,
      });
    const piece = state.piece(serial);
    if (!piece) return reject('piece-unknown', `No piece ${serial} is on record.`, { serial });
    if (piece.status !== 'sold') return err(statusRefusal(piece, 'returned'));
    nets.push(refundable(sale, serial));
    events.push({ type: 'piece.status-changed', serial, store: piece.store, from: 'sold', to: 'returned' });
  }
  const refunded = sum(
    p.refunds.map((r) => r.amount),
    currency,
  );
  const linesNet = sum(nets, currency);
  const remaining = subtract(sale.paid, sale.refunded);
  if (refunded.minor > linesNet.minor || refunded.minor > remaining.minor)
    return reject('refund-exceeds-paid', 'The refund is more than was paid for these pieces; lower it.', {
      refund: refunded.minor,
      linesNet: linesNet.minor,
      remaining: remaining.minor,
    });
  const credited = creditRefunds(state, c.store, p.refunds, sale.clientId, p.returnId);
  if (!credited.ok) return credited;
  const recorded: DomainEvent = {
    type: 'return.recorded',
    returnId: p.returnId,
    saleId: p.saleId,
    store: c.store,
    serials: p.serials,
    refunds: p.refunds,
    refunded,
  };
  return ok([recorded, ...events, ...credited.value]);
}

/**
 * A void undoes a sale that should not stand (a conflict, a mistake): the pieces still
 * sold by it go back in stock and everything not yet refunded is refunded.
 */
export function decideVoid(state: DecisionState, c: CommandOf<'sale.void'>): Decision {
  const actor = authorize(state, c, 'void');
  if (!actor.ok) return actor;
  const found = openSale(state, c.store, c.payload.saleId);
  if (!found.ok) return found;
  const sale = found.value;
  const money = checkCurrency(actor.value.currency, [sale.paid, sale.refunded]);
  if (!money.ok) return money;
  const events: DomainEvent[] = [];
  const freed = [];
  for (const line of sale.lines) {
    if (sale.returnedSerials.includes(line.serial)) continue;
    const piece = state.piece(line.serial);
    // A piece no longer 'sold' has moved on through its own commands; leave it be.
    if (piece?.status !== 'sold') continue;
    freed.push(line.serial);
    events.push({
      type: 'piece.status-changed',
      serial: line.serial,
      store: piece.store,
      from: 'sold',
      to: 'in-stock',
    });
  }
  const refund = subtract(sale.paid, sale.refunded);
  const voided: DomainEvent = {
    type: 'sale.voided',
    saleId: sale.saleId,
    store: sale.store,
    reason: c.payload.reason,
    serials: freed,
    refund,
  };
  // CREDIT-2: what gift cards and store credit paid goes back on them first, within the refund.
  let left = refund.minor;
  const credits: DomainEvent[] = [];
  for (const t of sale.cardTenders ?? []) {
    const back = Math.min(left, t.amount.minor);
    if (back <= 0) break;
    left -= back;
    if (state.card?.(t.number))
      credits.push({
        type: 'card.credited',
        number: t.number,
        store: c.store,
        amount: makeMoney(back, t.amount.currency),
        source: sale.saleId,
      });
  }
  return ok([voided, ...events, ...credits]);
}
