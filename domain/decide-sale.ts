/** Selling: one sale per serial, exact totals and tenders, discounts within role limits. */

import { type CapabilitySettings, discountLimit } from './capabilities.ts';
import type { CommandOf } from './commands.ts';
import { beforeTax, consignmentPayout } from './consignment.ts';
import { approverRole, authorize, checkCurrency, pieceHere, reject, statusRefusal } from './decide-common.ts';
import { redeemCards, tradeIns } from './decide-money.ts';
import type { DecisionState, DomainEvent, RecordedLine, Rejection } from './decision-types.ts';
import { type Money, subtract, sum, zero } from './money.ts';
import { sellableTo } from './piece-status.ts';
import { err, ok, type Result } from './result.ts';
import type { Role } from './roles.ts';
import { recordSaleTax } from './sale-tax-record.ts';
import {
  basisPointsPercent,
  hasCategoryRates,
  type RateTax,
  rateFor,
  type SaleTax,
  type TaxedLine,
  type TaxRule,
  taxSale,
} from './tax.ts';

type Decision = Result<DomainEvent[], Rejection>;

/**
 * The discount a line gives is measured against the piece's list price, not the line's
 * price, so lowering the price instead of entering a discount does not escape the limit.
 */
function withinLimit(
  settings: CapabilitySettings | undefined,
  role: Role,
  listPrice: Money,
  net: Money,
): boolean {
  const given = BigInt(listPrice.minor) - BigInt(net.minor);
  // CAP-4: the role's limit as the owner set it, or the default.
  return given * 10_000n <= BigInt(listPrice.minor) * BigInt(discountLimit(settings, role));
}

export function decideSale(state: DecisionState, c: CommandOf<'sale.complete'>): Decision {
  const actor = authorize(state, c, 'sell');
  if (!actor.ok) return actor;
  const { currency, role } = actor.value;
  const p = c.payload;
  if (state.sale(p.saleId))
    return reject('sale-exists', 'This sale was already recorded; nothing more to do.', { saleId: p.saleId });
  const seen = new Set<string>();
  for (const line of p.lines) {
    if (seen.has(line.serial))
      return reject(
        'duplicate-serial-in-sale',
        `Piece ${line.serial} is in the cart twice; remove one line.`,
        {
          serial: line.serial,
        },
      );
    seen.add(line.serial);
  }
  const amounts = [p.tax, p.total, ...p.lines.flatMap((l) => [l.price, l.discount])];
  const money = checkCurrency(currency, [...amounts, ...p.tenders.flatMap((t) => [t.amount, t.tendered])]);
  if (!money.ok) return money;

  const lines: RecordedLine[] = [];
  const events: DomainEvent[] = [];
  let needsApproval = false;
  for (const line of p.lines) {
    const found = pieceHere(state, c, line.serial);
    if (!found.ok) return found;
    const piece = found.value;
    // LAYAWAY-5: a piece on layaway is sold by the layaway's last payment, never at the till.
    if (state.layawayFor?.(piece.serial))
      return reject(
        'piece-on-layaway',
        `Piece ${piece.serial} is on layaway; take the payment on the layaway.`,
        {
          serial: piece.serial,
        },
      );
    const sellable = sellableTo(piece, p.clientId, c.at);
    if (!sellable.ok && sellable.error === 'reserved-for-other-client')
      return reject(
        'piece-reserved-for-other-client',
        `Piece ${piece.serial} is reserved for another client; release the reservation first.`,
        { serial: piece.serial, reservedFor: piece.reservedFor ?? null },
      );
    if (!sellable.ok) {
      const refusal = statusRefusal(piece, 'sold');
      return err(
        refusal.code === 'illegal-transition'
          ? {
              ...refusal,
              code: 'piece-not-sellable',
              message: `Piece ${piece.serial} is ${piece.status}; restock it first.`,
            }
          : refusal,
      );
    }
    if (piece.listPrice.currency !== currency)
      return reject(
        'currency-mismatch',
        `Piece ${piece.serial} is priced in ${piece.listPrice.currency}; reprice it.`,
        {
          serial: piece.serial,
          expected: currency,
          got: piece.listPrice.currency,
        },
      );
    const discount = line.discount ?? zero(currency);
    const net = subtract(line.price, discount);
    if (!withinLimit(state.capabilities?.(), role, piece.listPrice, net)) needsApproval = true;
    lines.push({ serial: line.serial, price: line.price, discount, net });
    events.push({
      type: 'piece.status-changed',
      serial: piece.serial,
      store: piece.store,
      from: piece.status,
      to: 'sold',
    });
  }

  if (needsApproval) {
    const approved = checkApproval(state, c, lines);
    if (!approved.ok) return approved;
  }
  const taxed: TaxedLine[] = lines.map((l) => ({ net: l.net, category: state.pieceCategory?.(l.serial) }));
  const rule = knownRule(state.storeTax(c.store), taxed);
  const totals = checkTotal(rule, taxed, p.tax, p.total);
  if (!totals.ok) return totals;
  // TAXCAT-7: what each rate charged, recorded with the sale whenever the rule is known.
  const taxRates =
    rule && totals.value
      ? recordSaleTax(lines, totals.value, rule.inclusive, (i) => rateFor(rule, taxed[i]?.category))
      : undefined;
  const tendered = sum(
    p.tenders.map((t) => t.amount),
    currency,
  );
  if (tendered.minor !== p.total.minor)
    return reject(
      'tenders-do-not-match-total',
      'The payments do not add up to the total; adjust the tenders.',
      {
        total: p.total.minor,
        tendered: tendered.minor,
      },
    );
  if (p.tenders.some((t) => t.kind === 'layaway'))
    return reject('tender-not-accepted', 'A layaway pays for its own piece only; take another payment.', {});
  const redeemed = redeemCards(state, c.store, currency, p.tenders, p.saleId);
  if (!redeemed.ok) return redeemed;
  const traded = tradeIns(state, c.store, p.saleId, p.tenders);
  if (!traded.ok) return traded;
  const recorded: DomainEvent = {
    type: 'sale.recorded',
    saleId: p.saleId,
    store: c.store,
    lines,
    tenders: p.tenders,
    tax: p.tax,
    total: p.total,
    ...(p.clientId ? { clientId: p.clientId } : {}),
    ...(taxRates ? { taxRates } : {}),
  };
  // CONSIGN-4: a consigned piece's payout is fixed now, at the store's tax rule.
  const payouts: DomainEvent[] = [];
  const tax = state.storeTax(c.store);
  for (const l of lines) {
    const held = state.consignment?.(l.serial);
    if (!held) continue;
    payouts.push({
      type: 'consignment.sold',
      serial: l.serial,
      saleId: p.saleId,
      store: c.store,
      ownerId: held.owner.id,
      soldBeforeTax: beforeTax(l.net, tax),
      payout: consignmentPayout(held.terms, l.net, tax),
    });
  }
  return ok([recorded, ...events, ...payouts, ...redeemed.value, ...traded.value]);
}

/**
 * SALE-7 with the store's tax rule (TAX-*). The tax must be the store's rate on the lines
 * (`tax-mismatch`, SALE-7a): VAT included in the prices, or tax added on top. The total must be
 * the lines less discounts, plus the tax when it is added on top (`total-mismatch`, SALE-7b).
 * A state that does not know the rule (a till that has not loaded its store) accepts either
 * consistent form; the relay always knows it.
 */
/**
 * TAXCAT-5: a rule with category rates is only as good as the categories: a state that does not
 * know a line's category (a till that has not loaded the piece's record) decides as if it did not
 * know the rule, and leaves the tax to the relay, which always knows both.
 */
function knownRule(rule: TaxRule | undefined, lines: readonly TaxedLine[]): TaxRule | undefined {
  if (!rule || !hasCategoryRates(rule)) return rule;
  return lines.every((l) => l.category !== undefined) ? rule : undefined;
}

function checkTotal(
  rule: TaxRule | undefined,
  lines: readonly TaxedLine[],
  tax: Money,
  total: Money,
): Result<SaleTax | undefined, Rejection> {
  const net = sum(
    lines.map((l) => l.net),
    tax.currency,
  );
  if (rule) {
    const expected = taxSale(lines, rule, tax.currency);
    if (tax.minor !== expected.tax.minor && expected.rates.length > 1)
      // TAXCAT-4: several rates in one sale; the refusal lists what each should be.
      return reject(
        'tax-mismatch',
        rule.inclusive
          ? `The VAT shown is not what the prices include at this store's rates (${rateList(expected.rates)}); recount the cart.`
          : `The tax shown is not this store's rates (${rateList(expected.rates)}) on the lines; recount the cart.`,
        {
          expected: expected.tax.minor,
          tax: tax.minor,
          basisPoints: rule.basisPoints,
          inclusive: rule.inclusive,
          // basis points:expected tax, per rate, e.g. "2000:20000,550:521".
          rates: expected.rates.map((r) => `${r.basisPoints}:${r.tax.minor}`).join(','),
        },
      );
    if (tax.minor !== expected.tax.minor) {
      const bp = expected.rates[0]?.basisPoints ?? rule.basisPoints;
      return reject(
        'tax-mismatch',
        rule.inclusive
          ? `The VAT shown is not the ${basisPointsPercent(bp)} % included in the prices; recount the cart.`
          : `The tax shown is not this store's ${basisPointsPercent(bp)} % on the lines; recount the cart.`,
        {
          expected: expected.tax.minor,
          tax: tax.minor,
          basisPoints: bp,
          inclusive: rule.inclusive,
        },
      );
    }
    if (total.minor !== expected.total.minor)
      return reject(
        'total-mismatch',
        rule.inclusive
          ? 'Prices at this store include VAT: the total is the lines less discounts; recount the cart.'
          : 'The total is not the lines less discounts plus tax; recount the cart.',
        { expected: expected.total.minor, total: total.minor },
      );
    return ok(expected);
  }
  const added = net.minor + tax.minor;
  if (total.minor === added) return ok(undefined);
  // Unknown rule: prices including the tax are also a consistent sale.
  if (total.minor === net.minor && tax.minor <= total.minor) return ok(undefined);
  return reject('total-mismatch', 'The total is not the lines less discounts plus tax; recount the cart.', {
    expected: added,
    total: total.minor,
  });
}

const rateList = (rates: readonly RateTax[]): string =>
  rates.map((r) => `${basisPointsPercent(r.basisPoints)} %`).join(', ');

function checkApproval(
  state: DecisionState,
  c: CommandOf<'sale.complete'>,
  lines: readonly RecordedLine[],
): Result<void, Rejection> {
  if (!c.approval)
    return reject(
      'discount-above-limit',
      'This discount is above your limit; ask a manager to approve it.',
      {},
    );
  const found = approverRole(state, c, 'discount.above-limit');
  if (!found.ok) return found;
  const approver = found.value;
  for (const line of lines) {
    const listPrice = state.piece(line.serial)?.listPrice;
    if (listPrice && !withinLimit(state.capabilities?.(), approver, listPrice, line.net))
      return reject(
        'discount-above-limit',
        `The discount on ${line.serial} is above even the approver's limit.`,
        {
          serial: line.serial,
          role: approver,
        },
      );
  }
  return ok(undefined);
}
