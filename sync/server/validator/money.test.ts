/**
 * Money held for clients behind a real relay (MONEY-*, GIFT-*, LAYAWAY-*): deposits taken on two
 * offline tills, gift cards redeemed at a sale, the card lookup endpoint and the money document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../../domain/ids.ts';
import { currency, money } from '../../../domain/money.ts';
import { newCardNumber } from '../../../domain/money-held.ts';
import { type TaxRule, taxOn } from '../../../domain/tax.ts';
import { command } from '../../shared/command-builder.ts';
import { names } from '../../shared/doc-names.ts';
import { moneyCards, moneyOrders } from '../../shared/docs/money.ts';
import { appendCommand } from '../../shared/docs/outbox.ts';
import { readStock } from '../../shared/docs/stock.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import {
  demoUser,
  login,
  type SessionBody,
  startValidatingRelay,
  storeTax,
  type TestRelay,
} from '../test-utils.ts';

const perTest = closeAfterEach();

const card = () => newCardNumber((b) => crypto.getRandomValues(b));
const eur = (minor: number) => ({ minor, currency: 'EUR' });

const clientOf = (r: TestRelay, store: string) => {
  const ids = r.demo.clientIds[store] ?? [];
  if (!ids[0]) throw new Error('no demo client');
  return ids[0];
};

describe('money held for clients, behind a real relay', () => {
  it('MONEY-13, DEP-2: two offline tills each take a deposit that fits alone but not together: the relay accepts what fits, rejects the rest with a reason, and every device shows the same balance', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const { store } = manager;
    const orderId = uuidv7();
    const clientId = clientOf(r, store);
    const opened = await manager.send('order.open', {
      orderId,
      kind: 'custom',
      clientId,
      total: eur(500_000),
      description: 'Emerald ring',
    });
    expect(opened.status).toBe('accepted');

    // Two tills, offline, each write a 300 000 deposit into their own outbox.
    const tills = await Promise.all(
      ['associate', 'designer'].map(async (role) => {
        const session: SessionBody = await login(r, demoUser(r, role, 0).login);
        const outbox = new Y.Doc();
        const c = command({ store, device: session.device, user: session.user.id }, 'deposit.take', {
          orderId,
          depositId: uuidv7(),
          amount: eur(300_000),
          tender: 'card',
          reference: 'auth 0042',
        });
        appendCommand(outbox, c);
        return { session, outbox, c };
      }),
    );
    const results = [];
    for (const t of tills) {
      const device = perTest.connect(r, t.session, t.outbox);
      device.open(names.outbox(t.session.device));
      results.push(await device.outcome(t.c.id, { store, at: t.c.at }));
    }
    expect(results.map((o) => o.status).sort()).toEqual(['accepted', 'rejected']);
    const refused = results.find((o) => o.status === 'rejected');
    expect(refused?.code).toBe('deposit-exceeds-balance');
    expect(refused?.reason).toMatch(/200000/);

    // SQL and every device's money document agree: 300 000 paid, 200 000 owed.
    expect(r.db.prepare('SELECT paid_minor FROM orders WHERE id = ?').get(orderId)).toEqual({
      paid_minor: 300_000,
    });
    const balances = await Promise.all(
      perTest.devices.map(async (d) => {
        const money = d.open(names.money(store));
        await money.synced;
        await expect.poll(() => moneyOrders(money.doc).get(orderId)?.paidMinor).toBe(300_000);
        return moneyOrders(money.doc).get(orderId)?.balanceMinor;
      }),
    );
    expect(new Set(balances)).toEqual(new Set([200_000]));

    // A refund above what was paid is refused; within it, accepted; the statement lists both moves.
    expect(
      (await manager.send('deposit.refund', { orderId, refundId: uuidv7(), amount: eur(300_001) })).code,
    ).toBe('refund-exceeds-paid');
    expect(
      (await manager.send('deposit.refund', { orderId, refundId: uuidv7(), amount: eur(50_000) })).status,
    ).toBe('accepted');
    const money = manager.device.open(names.money(store));
    await expect.poll(() => moneyOrders(money.doc).get(orderId)?.balanceMinor).toBe(250_000);
    expect(
      moneyOrders(money.doc)
        .get(orderId)
        ?.moves.map((m) => [m.kind, m.amountMinor]),
    ).toEqual([
      ['payment', 300_000],
      ['refund', 50_000],
    ]);

    // INSTAL-1: a plan must add up to what is owed.
    const plan = (a: number, b: number) =>
      manager.send('plan.set', {
        orderId,
        instalments: [
          { due: '2099-01-15', amount: eur(a) },
          { due: '2099-02-15', amount: eur(b) },
        ],
      });
    expect((await plan(100_000, 100_000)).code).toBe('plan-mismatch');
    expect((await plan(125_000, 125_000)).status).toBe('accepted');
    await expect.poll(() => moneyOrders(money.doc).get(orderId)?.plan?.instalments.length).toBe(2);
  });

  it('GIFT-3, GIFT-5: a gift card pays part of a sale; an unknown card or a redemption over the balance is refused with a reason; the balance is looked up over HTTP', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const associate = await perTest.till(r, 'associate');
    const { store } = manager;
    const number = card();
    expect(
      (
        await associate.send('card.issue', {
          cardNumber: number,
          kind: 'gift-card',
          amount: eur(100_000),
          tenders: [{ kind: 'cash', amount: eur(100_000) }],
        })
      ).status,
    ).toBe('accepted');

    const pieces = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 2",
      )
      .all(store) as { serial: string; minor: number }[];
    const rule = storeTax(r, store);
    const sale = (
      serial: string,
      minor: number,
      tenders: { kind: string; amount: number; reference?: string }[],
    ) =>
      associate.send('sale.complete', {
        saleId: uuidv7(),
        lines: [{ serial, price: eur(minor) }],
        tax: eur(taxOf(minor, rule)),
        total: eur(totalOf(minor, rule)),
        tenders: tenders.map((t) => ({
          kind: t.kind as 'card',
          amount: eur(t.amount),
          ...(t.reference ? { reference: t.reference } : {}),
        })),
      });
    const [a, b] = pieces;
    if (!a || !b) throw new Error('demo store has too few pieces');
    const totalA = totalOf(a.minor, rule);
    // Unknown card: refused, nothing sold.
    const unknown = await sale(a.serial, a.minor, [
      { kind: 'gift-card', amount: 10_000, reference: card() },
      { kind: 'card', amount: totalA - 10_000 },
    ]);
    expect(unknown.code).toBe('card-unknown');
    // Over the balance: refused.
    const over = await sale(a.serial, a.minor, [
      { kind: 'gift-card', amount: 100_001, reference: number },
      { kind: 'card', amount: totalA - 100_001 },
    ]);
    expect(over.code).toBe('card-balance-too-low');
    expect(over.reason).toMatch(/100000/);
    // Partial redemption: accepted, the card keeps the rest.
    const ok = await sale(a.serial, a.minor, [
      { kind: 'gift-card', amount: 40_000, reference: number.replaceAll('-', ' ') },
      { kind: 'card', amount: totalA - 40_000 },
    ]);
    expect(ok.status).toBe('accepted');
    const money = associate.device.open(names.money(store));
    await money.synced;
    await expect.poll(() => moneyCards(money.doc).get(number)?.balanceMinor).toBe(60_000);
    expect(
      moneyCards(money.doc)
        .get(number)
        ?.moves.map((m) => m.kind),
    ).toEqual(['issue', 'redeem']);

    // Balance lookup: any staff with a token; a bad check digit or unknown card is a clear error.
    const get = (n: string, token?: string) =>
      fetch(
        `${r.url}/api/money/cards/${encodeURIComponent(n)}`,
        token ? { headers: { Authorization: `Bearer ${token}` } } : {},
      );
    const found = await get(number, associate.session.token);
    expect(found.status).toBe(200);
    expect(((await found.json()) as { card: { balanceMinor: number } }).card.balanceMinor).toBe(60_000);
    expect((await get(number)).status).toBe(401);
    const wrongDigit = `${number.slice(0, -1)}${(Number(number.slice(-1)) + 1) % 10}`;
    expect((await get(wrongDigit, associate.session.token)).status).toBe(400);
    expect((await get(card(), associate.session.token)).status).toBe(404);

    // LAYAWAY-1, LAYAWAY-2: a layaway reserves the piece; paid off, it becomes a sale.
    const orderId = uuidv7();
    const clientId = clientOf(r, store);
    const saleId = uuidv7();
    expect(
      (await associate.send('layaway.open', { orderId, saleId, serial: b.serial, clientId })).status,
    ).toBe('accepted');
    const stock = associate.device.open(names.stock(store));
    await stock.synced;
    await expect.poll(() => readStock(stock.doc).get(b.serial)?.status).toBe('reserved');
    const totalB = totalOf(b.minor, rule);
    const pay = (amount: number, tender = 'cash', reference?: string) =>
      associate.send('deposit.take', {
        orderId,
        depositId: uuidv7(),
        amount: eur(amount),
        tender: tender as 'cash',
        ...(reference ? { reference } : {}),
      });
    expect((await pay(30_000, 'gift-card', number)).status).toBe('accepted');
    expect((await sale(b.serial, b.minor, [{ kind: 'card', amount: totalB }])).code).toBe('piece-on-layaway');
    expect((await pay(totalB - 30_000)).status).toBe('accepted');
    await expect.poll(() => readStock(stock.doc).get(b.serial)?.status).toBe('sold');
    expect(r.db.prepare('SELECT total_minor, client_id FROM sales WHERE id = ?').get(saleId)).toEqual({
      total_minor: totalB,
      client_id: clientId,
    });
    await expect.poll(() => moneyOrders(money.doc).get(orderId)?.status).toBe('completed');
    expect((await pay(1)).code).toBe('order-closed');
    await expect.poll(() => moneyCards(money.doc).get(number)?.balanceMinor).toBe(30_000);

    // CREDIT-1: returning the first sale to store credit opens a credit account for the refund.
    const sold = r.db.prepare('SELECT id FROM sales WHERE id != ? ORDER BY at LIMIT 1').get(saleId) as {
      id: string;
    };
    const credit = card();
    const returned = await manager.send('sale.return', {
      returnId: uuidv7(),
      saleId: sold.id,
      serials: [a.serial],
      refunds: [{ kind: 'store-credit', amount: eur(totalA), reference: credit }],
    });
    expect(returned.status).toBe('accepted');
    await expect.poll(() => moneyCards(money.doc).get(credit)?.balanceMinor).toBe(totalA);
    expect(moneyCards(money.doc).get(credit)?.kind).toBe('store-credit');
  });
});

const taxed = (net: number, rule: TaxRule) => taxOn(money(net, currency('EUR')), rule);
const taxOf = (net: number, rule: TaxRule) => taxed(net, rule).tax.minor;
const totalOf = (net: number, rule: TaxRule) => taxed(net, rule).total.minor;
