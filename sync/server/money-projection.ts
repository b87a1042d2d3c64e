/**
 * `money/<store>` from SQL (MONEY-13): an order's balance, plan and statement, a card's balance and
 * moves, read whole from the validator's tables so the document is a projection, never a sum kept
 * on the side. Used by the projector after each decision and by the money API.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MoneyCard, MoneyCardMove, MoneyMove, MoneyOrder } from '../shared/docs/money.ts';

type Row = Record<string, string | number | null>;
const s = (v: unknown): string => String(v);

export class MoneySource {
  readonly #order: StatementSync;
  readonly #moves: StatementSync;
  readonly #layaway: StatementSync;
  readonly #card: StatementSync;
  readonly #cardMoves: StatementSync;
  readonly #clientOrders: StatementSync;
  readonly #clientCards: StatementSync;

  constructor(db: DatabaseSync) {
    this.#order = db.prepare('SELECT * FROM orders WHERE id = ?');
    this.#moves = db.prepare(
      'SELECT id, kind, amount_minor, tender, reference, at, user_id, command_id FROM order_payments WHERE order_id = ? ORDER BY at, rowid',
    );
    this.#layaway = db.prepare('SELECT serial, sale_id FROM layaways WHERE order_id = ?');
    this.#card = db.prepare('SELECT * FROM cards WHERE number = ?');
    this.#cardMoves = db.prepare('SELECT * FROM card_moves WHERE number = ? ORDER BY seq');
    this.#clientOrders = db.prepare('SELECT id FROM orders WHERE client_id = ? ORDER BY rowid');
    this.#clientCards = db.prepare('SELECT number FROM cards WHERE client_id = ? ORDER BY issued_at');
  }

  order(orderId: string): (MoneyOrder & { store: string }) | undefined {
    const r = this.#order.get(orderId) as Row | undefined;
    if (!r) return undefined;
    const paid = Number(r.paid_minor);
    const refunded = Number(r.refunded_minor);
    const total = Number(r.total_minor);
    const layaway = this.#layaway.get(orderId) as Row | undefined;
    const moves: MoneyMove[] = (this.#moves.all(orderId) as Row[]).map((m) => ({
      id: s(m.id),
      kind: m.kind === 'refund' ? 'refund' : 'payment',
      amountMinor: Number(m.amount_minor),
      at: s(m.at),
      ...(m.tender ? { tender: s(m.tender) } : {}),
      ...(m.reference ? { reference: s(m.reference) } : {}),
      ...(m.user_id ? { user: s(m.user_id) } : {}),
      ...(m.command_id ? { commandId: s(m.command_id) } : {}),
    }));
    return {
      store: s(r.store),
      orderId,
      kind: s(r.kind),
      clientId: s(r.client_id),
      description: s(r.description),
      currency: s(r.currency),
      totalMinor: total,
      paidMinor: paid,
      refundedMinor: refunded,
      balanceMinor: total - paid + refunded,
      status: (r.status ?? 'open') as MoneyOrder['status'],
      ...(r.plan ? { plan: JSON.parse(s(r.plan)) as NonNullable<MoneyOrder['plan']> } : {}),
      ...(layaway ? { layaway: { serial: s(layaway.serial), saleId: s(layaway.sale_id) } } : {}),
      moves,
    };
  }

  card(number: string): MoneyCard | undefined {
    const r = this.#card.get(number) as Row | undefined;
    if (!r) return undefined;
    const moves: MoneyCardMove[] = (this.#cardMoves.all(number) as Row[]).map((m) => ({
      kind: s(m.kind) as MoneyCardMove['kind'],
      amountMinor: Number(m.amount_minor),
      balanceMinor: Number(m.balance_minor),
      store: s(m.store),
      ...(m.source ? { source: s(m.source) } : {}),
      at: s(m.at),
      commandId: s(m.command_id),
    }));
    return {
      number,
      kind: s(r.kind) as MoneyCard['kind'],
      store: s(r.store),
      ...(r.client_id ? { clientId: s(r.client_id) } : {}),
      currency: s(r.currency),
      issuedMinor: Number(r.issued_minor),
      balanceMinor: Number(r.balance_minor),
      how: s(r.how) as MoneyCard['how'],
      issuedAt: s(r.issued_at),
      moves,
    };
  }

  /** The stores a card belongs in: where it was issued and every store it moved at. */
  cardStores(card: MoneyCard): string[] {
    return [...new Set([card.store, ...card.moves.map((m) => m.store)])];
  }

  clientOrders(clientId: string): string[] {
    return (this.#clientOrders.all(clientId) as Row[]).map((r) => s(r.id));
  }

  clientCards(clientId: string): string[] {
    return (this.#clientCards.all(clientId) as Row[]).map((r) => s(r.number));
  }
}
