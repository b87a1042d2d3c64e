/**
 * A few weeks of history for the demo organisation (SEED-6): sales, a return put back in stock,
 * custom orders with deposits and repairs at the bench, a reservation and a conflict a manager
 * already resolved. Made of real commands decided by the validator, so SQL, ledger, stock, finance
 * and audit agree — the same path a till's commands take. The orders and repairs are also written
 * into `work/<store>` as a till writes them (SEED-7), so the Work list and the order page show them.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type { CommandType } from '../../../domain/commands.ts';
import type { OrderId } from '../../../domain/ids.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { type Currency, money as domainMoney } from '../../../domain/money.ts';
import { taxOn } from '../../../domain/tax.ts';
import type { WorkRecord, WorkStage } from '../../../domain/work-order.ts';
import { command, type PayloadInput } from '../../shared/command-builder.ts';
import { names } from '../../shared/doc-names.ts';
import type { CommandEnvelope } from '../../shared/docs/outbox.ts';
import { createWork } from '../../shared/docs/work.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import type { DemoSummary } from '../seed/demo.ts';
import { mulberry32 } from '../seed/random.ts';
import type { CommandDecider } from './decider.ts';
import type { Projector } from './projection.ts';

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The demo's custom orders: what the client asked for, and how far the workshop has got. */
const CUSTOM_ORDERS = [
  {
    total: 480_000,
    title: 'Engagement ring: 1.2 ct oval diamond, platinum band, size 52',
    metal: 'platinum',
    fineness: '950',
    sizes: ['52'],
    stones: [
      { kind: 'diamond', source: 'sourced', caratWeight: 1.2, colour: 'F', clarity: 'VS1', cut: 'oval' },
    ],
    quote: [
      { kind: 'stones', description: '1.2 ct oval diamond, F VS1, certified', amountMinor: 360_000 },
      { kind: 'metal', description: 'Platinum 950 band', amountMinor: 70_000 },
      { kind: 'setting', description: 'Four-claw setting', amountMinor: 30_000 },
      { kind: 'labour', description: 'Bench work', amountMinor: 20_000 },
    ],
    notes: 'Client prefers a low profile setting. Show the wax model before casting.',
    stages: ['design', 'quote-approved', 'in-production'],
  },
  {
    total: 125_000,
    title: 'Signet ring re-engraved with family crest, 18k yellow gold',
    metal: 'yellow gold',
    fineness: '750',
    sizes: ['60'],
    stones: [],
    quote: [
      { kind: 'metal', description: '18k yellow gold signet', amountMinor: 95_000 },
      { kind: 'engraving', description: 'Hand-engraved family crest', amountMinor: 30_000 },
    ],
    notes: 'Crest drawing supplied by the client (see the sketch).',
    stages: ['design'],
  },
] as const;

/** The demo's repairs: the client's item, the work asked and the stages it has been through. */
const REPAIRS = [
  {
    item: 'Tennis bracelet, white gold, loose clasp',
    work: ['clasp', 'polish'],
    estimate: 18_000,
    declared: 650_000,
    stages: ['estimated', 'approved', 'at-bench'],
  },
  {
    item: 'Wedding band to resize from 54 to 56',
    work: ['resize', 'rhodium'],
    estimate: 9_500,
    declared: 120_000,
    stages: ['estimated', 'approved', 'at-bench', 'quality-check', 'ready'],
  },
] as const;
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
    // Custom orders paid in instalments, and repairs in the workshop (SEED-7).
    const designer = staff('designer')[0];
    const works: WorkRecord[] = [];
    const moves = (orderId: OrderId, stages: readonly WorkStage[], total?: number) => {
      for (const stage of stages)
        add('work.stage', (designer ?? manager).id, {
          orderId,
          stage,
          ...(stage === 'at-bench' ? { place: { bench: 'Bench 1' } } : {}),
          ...(total !== undefined && (stage === 'quote-approved' || stage === 'approved')
            ? { total: money(total, store.currency) }
            : {}),
        });
    };
    for (const o of CUSTOM_ORDERS) {
      if (clients.length === 0) break;
      const orderId = id(clock) as OrderId;
      const currency = store.currency;
      const clientId = rng.pick(clients);
      const opened = add('order.open', manager.id, {
        orderId,
        kind: 'custom',
        clientId,
        total: money(o.total, currency),
        description: o.title,
        dueDate: isoDay(clock + 30 * DAY),
      });
      add('deposit.take', rng.pick(sellers).id, {
        orderId,
        depositId: id(clock),
        amount: money(Math.round(o.total / 3), currency),
        tender: 'card',
      });
      moves(orderId, o.stages, o.total);
      works.push({
        id: orderId,
        kind: 'custom',
        clientId: clientId as WorkRecord['clientId'],
        title: o.title,
        createdAt: opened.at,
        dueDate: isoDay(clock + 30 * DAY),
        ...(designer ? { designer: designer.name } : {}),
        notes: o.notes,
        attachments: [],
        metal: o.metal,
        fineness: o.fineness,
        sizes: [...o.sizes],
        stones: o.stones.map((st) => ({ ...st })),
        quote: o.quote.map((q) => ({ ...q })),
        work: [],
      });
    }
    for (const r of REPAIRS) {
      if (clients.length === 0) break;
      const orderId = id(clock) as OrderId;
      const clientId = rng.pick(clients);
      const opened = add('order.open', rng.pick(sellers).id, {
        orderId,
        kind: 'repair',
        clientId,
        total: money(r.estimate, store.currency),
        description: r.item,
        dueDate: isoDay(clock + 10 * DAY),
      });
      moves(orderId, r.stages, r.estimate);
      works.push({
        id: orderId,
        kind: 'repair',
        clientId: clientId as WorkRecord['clientId'],
        title: r.item,
        createdAt: opened.at,
        dueDate: isoDay(clock + 10 * DAY),
        notes: '',
        attachments: [],
        sizes: [],
        stones: [],
        quote: [],
        item: r.item,
        work: [...r.work],
        estimateMinor: r.estimate,
        declaredValueMinor: r.declared,
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
    if (works.length > 0)
      await writeRelayDoc(hocuspocus, names.work(store.id), 'seed', (doc) => {
        for (const w of works) createWork(doc, w, Date.parse(w.createdAt));
      });
    decided += decisions.length;
  }
  return decided;
}
