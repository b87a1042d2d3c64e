/**
 * A few weeks of history for the demo organisation (SEED-6): sales, a return put back in stock,
 * custom orders with deposits, a reservation and a conflict a manager already resolved. Made of
 * real commands decided by the validator, so SQL, ledger, stock, finance and audit agree — the
 * same path a till's commands take.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type { CommandType } from '../../../domain/commands.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { type Currency, money as domainMoney } from '../../../domain/money.ts';
import { taxOn } from '../../../domain/tax.ts';
import { command, type PayloadInput } from '../../shared/command-builder.ts';
import type { CommandEnvelope } from '../../shared/docs/outbox.ts';
import type { DemoSummary } from '../seed/demo.ts';
import { mulberry32 } from '../seed/random.ts';
import type { CommandDecider } from './decider.ts';
import type { Projector } from './projection.ts';

const DAY = 86_400_000;
type Piece = { serial: string; minor: number; currency: string };

export async function seedDemoHistory(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  decider: CommandDecider,
  projector: Projector,
  demo: DemoSummary,
  now = Date.now(),
): Promise<number> {
  const rng = mulberry32(20_261_125);
  let clock = now - 40 * DAY;
  const tick = () => {
    clock += rng.int(2, 30) * 3_600_000;
    return clock;
  };
  const id = (at: number) => uuidv7(at, (b) => rng.bytes(b));
  let decided = 0;
  for (const store of demo.stores) {
    const staff = (role: string) => demo.users.filter((u) => u.role === role && u.stores.includes(store.id));
    const manager = staff('manager')[0];
    const sellers = [...staff('associate'), ...staff('designer')];
    if (!manager || sellers.length === 0) continue;
    const { tax_rate_bp: taxBp, tax_inclusive: inclusive } = db
      .prepare('SELECT tax_rate_bp, tax_inclusive FROM stores WHERE id = ?')
      .get(store.id) as { tax_rate_bp: number; tax_inclusive: number };
    const rule = { basisPoints: taxBp, inclusive: inclusive === 1 };
    const pieces = db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial",
      )
      .all(store.id) as Piece[];
    const clients = demo.clientIds[store.id] ?? [];
    const device = id(clock);
    const outbox: CommandEnvelope[] = [];
    const add = <T extends CommandType>(type: T, user: string, payload: PayloadInput<T>) => {
      const now = new Date(tick());
      const env = command({ store: store.id, device, user }, type, payload, { now, id: id(now.getTime()) });
      outbox.push(env);
      return env;
    };
    const money = (minor: number, currency: string) => ({ minor, currency });
    const sell = (p: Piece, user: string) => {
      // The store's own rule: VAT included in Paris, sales tax on top in New York (TAX-2).
      const taxed = taxOn(domainMoney(p.minor, p.currency as Currency), rule);
      const tax = taxed.tax.minor;
      const total = money(taxed.total.minor, p.currency);
      return add('sale.complete', user, {
        saleId: id(clock),
        lines: [{ serial: p.serial, price: money(p.minor, p.currency) }],
        tax: money(tax, p.currency),
        total,
        tenders: [
          { kind: rng.pick(['card', 'card', 'wallet', 'cash'] as const), amount: total, reference: 'demo' },
        ],
        ...(clients.length > 0 ? { clientId: rng.pick(clients) } : {}),
      });
    };
    const sold = pieces.slice(0, 12);
    const sales = sold.map((p) => sell(p, rng.pick(sellers).id));
    // A return, inspected and back on the shelf.
    const first = sales[0];
    const returned = sold[0];
    if (first && returned) {
      const paid = first.payload.total;
      add('sale.return', manager.id, {
        returnId: id(clock),
        saleId: first.payload.saleId,
        serials: [returned.serial],
        refunds: [{ kind: 'card', amount: paid, reference: 'demo refund' }],
      });
      add('piece.restock', manager.id, { serial: returned.serial });
    }
    // Two tills sold the same piece while offline; the manager refunded the second client.
    const twice = sold[1];
    if (twice) {
      const loser = sell(twice, rng.pick(sellers).id);
      add('conflict.resolve', manager.id, {
        commandId: loser.id,
        resolution: 'refunded-client',
        note: 'Same ring sold at both tills during the outage; second client refunded and offered the twin.',
      });
    }
    // Custom orders paid in instalments.
    for (const [total, description] of [
      [480_000, 'Engagement ring: 1.2 ct oval diamond, platinum band, size 52'],
      [125_000, 'Signet ring re-engraved with family crest, 18k yellow gold'],
    ] as const) {
      if (clients.length === 0) break;
      const orderId = id(clock);
      const currency = store.currency;
      add('order.open', manager.id, {
        orderId,
        kind: 'custom',
        clientId: rng.pick(clients),
        total: money(total, currency),
        description,
      });
      add('deposit.take', rng.pick(sellers).id, {
        orderId,
        depositId: id(clock),
        amount: money(Math.round(total / 3), currency),
        tender: 'card',
      });
    }
    const reserved = pieces[20];
    if (reserved && clients.length > 0)
      add('reservation.place', rng.pick(sellers).id, {
        serial: reserved.serial,
        clientId: rng.pick(clients),
      });
    const decisions = decider.decideOutbox(device, outbox);
    await projector.project(hocuspocus, decisions);
    decided += decisions.length;
  }
  return decided;
}
