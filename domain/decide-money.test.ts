import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderId, SaleId } from './ids.ts';
import {
  canonicalCardNumber,
  isValidCardNumber,
  newCardNumber,
  nextDue,
  schedule,
  statement,
} from './money-held.ts';
import {
  CLIENT,
  code,
  command,
  eur,
  OTHER_CLIENT,
  pieceRecord,
  serial,
  testCard,
  testId,
  USERS,
  world,
} from './test-support.ts';

const sale = (tenders: unknown[], n = 1, total = 100_000) =>
  command(
    'sale.complete',
    {
      saleId: testId(),
      lines: [{ serial: serial(n), price: eur(total) }],
      tax: eur(0),
      total: eur(total),
      tenders,
    },
    { user: USERS.associate },
  );
const issue = (number: string, amount: number, opts: { sold?: boolean; kind?: string } = {}) =>
  command(
    'card.issue',
    {
      cardNumber: number,
      kind: opts.kind ?? 'gift-card',
      amount: eur(amount),
      ...(opts.sold ? { tenders: [{ kind: 'cash', amount: eur(amount) }] } : {}),
    },
    { user: opts.sold ? USERS.associate : USERS.manager },
  );

describe('card numbers (GIFT-1)', () => {
  it('GIFT-1: a generated number has 12 digits and a check digit that catches any one mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 11, maxLength: 11 }),
        fc.nat(11),
        fc.integer({ min: 1, max: 9 }),
        (bytes, at, delta) => {
          const number = newCardNumber(() => bytes);
          expect(number).toMatch(/^\d{4}-\d{4}-\d{4}$/);
          expect(isValidCardNumber(number)).toBe(true);
          const digits = number.replaceAll('-', '').split('');
          digits[at] = String((Number(digits[at]) + delta) % 10);
          expect(isValidCardNumber(digits.join(''))).toBe(false);
        },
      ),
    );
    expect(canonicalCardNumber('1234 5678 9012')).toBe('1234-5678-9012');
    expect(canonicalCardNumber('1234-5678-901')).toBeUndefined();
  });
});

describe('instalments and statements (INSTAL-*, MONEY-14)', () => {
  const plan = [
    { due: '2026-04-01', amount: eur(100) },
    { due: '2026-05-01', amount: eur(100) },
    { due: '2026-06-01', amount: eur(100) },
  ];
  it('INSTAL-2: payments apply to the earliest due instalment first; an unpaid past one is overdue', () => {
    expect(schedule(plan, 150, '2026-05-15').map((i) => [i.covered.minor, i.status])).toEqual([
      [100, 'paid'],
      [50, 'overdue'],
      [0, 'due'],
    ]);
    expect(nextDue(plan, 150, '2026-04-15')?.owed).toEqual(eur(50));
    expect(nextDue(plan, 300, '2026-04-15')).toBeUndefined();
  });
  it('MONEY-14: the statement lists each move with the running balance', () => {
    const lines = statement(1_000, [
      { id: 'a', kind: 'payment', amountMinor: 400, at: '1' },
      { id: 'b', kind: 'refund', amountMinor: 100, at: '2' },
      { id: 'c', kind: 'payment', amountMinor: 700, at: '3' },
    ]);
    expect(lines.map((l) => l.balanceMinor)).toEqual([600, 700, 0]);
  });
  it('INSTAL-1: a plan adds up to what is owed, on later days from today', () => {
    const s = world();
    const orderId = testId<OrderId>();
    s.execute(
      command('order.open', {
        orderId,
        kind: 'custom',
        clientId: CLIENT,
        total: eur(1_000),
        description: 'Ring',
      }),
    );
    s.execute(command('deposit.take', { orderId, depositId: testId(), amount: eur(400), tender: 'cash' }));
    const set = (instalments: unknown[]) => code(s.decide(command('plan.set', { orderId, instalments })));
    expect(set([{ due: '2026-04-01', amount: eur(500) }])).toBe('plan-mismatch');
    expect(set([{ due: '2026-02-01', amount: eur(600) }])).toBe('plan-invalid');
    expect(
      set([
        { due: '2026-05-01', amount: eur(300) },
        { due: '2026-04-01', amount: eur(300) },
      ]),
    ).toBe('plan-invalid');
    expect(
      set([
        { due: '2026-04-01', amount: eur(300) },
        { due: '2026-05-01', amount: eur(300) },
      ]),
    ).toBe('accepted');
  });
});

describe('gift cards and store credit (GIFT-*, CREDIT-*)', () => {
  it('GIFT-2: a gift card is sold by anyone who sells, given only by a manager; a number is issued once', () => {
    const s = world();
    const number = testCard(1);
    expect(
      code(
        s.decide(
          command(
            'card.issue',
            { cardNumber: number, kind: 'gift-card', amount: eur(500) },
            { user: USERS.associate },
          ),
        ),
      ),
    ).toBe('not-allowed');
    expect(code(s.execute(issue(number, 500, { sold: true })))).toBe('accepted');
    expect(code(s.decide(issue(number, 500)))).toBe('card-exists');
    const soldCredit = command(
      'card.issue',
      {
        cardNumber: testCard(2),
        kind: 'store-credit',
        amount: eur(500),
        tenders: [{ kind: 'cash', amount: eur(500) }],
      },
      { user: USERS.manager },
    );
    expect(code(s.decide(soldCredit))).toBe('tender-not-accepted');
  });

  it('GIFT-3: a card pays part of a sale up to its balance; unknown, wrong kind or over the balance is refused', () => {
    const s = world();
    const number = testCard(3);
    s.execute(issue(number, 30_000, { sold: true }));
    const gift = (amount: number, reference = number, kind = 'gift-card') => [
      { kind, amount: eur(amount), reference },
      { kind: 'card', amount: eur(100_000 - amount) },
    ];
    expect(code(s.decide(sale(gift(10_000, testCard(99)))))).toBe('card-unknown');
    expect(code(s.decide(sale(gift(30_001))))).toBe('card-balance-too-low');
    expect(code(s.decide(sale(gift(10_000, number, 'store-credit'))))).toBe('card-wrong-kind');
    // Two tenders on one card count together.
    const twice = [
      { kind: 'gift-card', amount: eur(20_000), reference: number },
      { kind: 'gift-card', amount: eur(20_000), reference: number },
      { kind: 'card', amount: eur(60_000) },
    ];
    expect(code(s.decide(sale(twice)))).toBe('card-balance-too-low');
    expect(code(s.execute(sale(gift(25_000))))).toBe('accepted');
    expect(s.card?.(number)?.balance).toEqual(eur(5_000));
  });

  it('CREDIT-1: a return refunded to store credit opens an account for the buyer, or tops up an existing one', () => {
    const s = world();
    const c = command(
      'sale.complete',
      {
        saleId: testId(),
        lines: [
          { serial: serial(1), price: eur(100_000) },
          { serial: serial(2), price: eur(100_000) },
        ],
        tax: eur(0),
        total: eur(200_000),
        tenders: [{ kind: 'card', amount: eur(200_000) }],
        clientId: OTHER_CLIENT,
      },
      { user: USERS.associate },
    );
    s.execute(c);
    const saleId = (c.payload as { saleId: SaleId }).saleId;
    const credit = testCard(4);
    const ret = (sn: number, reference: string, kind = 'store-credit') =>
      command('sale.return', {
        returnId: testId(),
        saleId,
        serials: [serial(sn)],
        refunds: [{ kind, amount: eur(100_000), reference }],
      });
    expect(code(s.decide(ret(1, testCard(5), 'gift-card')))).toBe('card-unknown');
    expect(code(s.execute(ret(1, credit)))).toBe('accepted');
    expect(s.card?.(credit)).toMatchObject({
      kind: 'store-credit',
      balance: eur(100_000),
      clientId: OTHER_CLIENT,
    });
    expect(code(s.execute(ret(2, credit)))).toBe('accepted');
    expect(s.card?.(credit)?.balance).toEqual(eur(200_000));
  });
});

describe('voids (CREDIT-2)', () => {
  it('CREDIT-2: voiding a sale paid partly by gift card puts the card’s part back on the card', () => {
    const s = world();
    const number = testCard(8);
    s.execute(issue(number, 30_000, { sold: true }));
    const c = sale([
      { kind: 'gift-card', amount: eur(25_000), reference: number },
      { kind: 'card', amount: eur(75_000) },
    ]);
    expect(code(s.execute(c))).toBe('accepted');
    expect(s.card?.(number)?.balance).toEqual(eur(5_000));
    const saleId = (c.payload as { saleId: SaleId }).saleId;
    expect(code(s.execute(command('sale.void', { saleId, reason: 'rung up twice' })))).toBe('accepted');
    expect(s.card?.(number)?.balance).toEqual(eur(30_000));
  });
});

describe('layaway (LAYAWAY-*)', () => {
  function layaway() {
    const s = world();
    const orderId = testId<OrderId>();
    const saleId = testId<SaleId>();
    const open = command(
      'layaway.open',
      { orderId, saleId, serial: serial(1), clientId: CLIENT },
      { user: USERS.associate },
    );
    expect(code(s.execute(open))).toBe('accepted');
    const pay = (amount: number) =>
      command(
        'deposit.take',
        { orderId, depositId: testId(), amount: eur(amount), tender: 'cash' },
        { user: USERS.associate },
      );
    return { s, orderId, saleId, pay };
  }

  it('LAYAWAY-1, LAYAWAY-5: the piece is reserved for the client; no one sells, releases or writes it off meanwhile', () => {
    const { s } = layaway();
    expect(s.piece(serial(1))).toMatchObject({ status: 'reserved', reservedFor: CLIENT });
    expect(code(s.decide(sale([{ kind: 'card', amount: eur(100_000) }])))).toBe('piece-on-layaway');
    expect(code(s.decide(command('reservation.release', { serial: serial(1) })))).toBe('piece-on-layaway');
    expect(code(s.decide(command('piece.write-off', { serial: serial(1), reason: 'lost', note: 'x' })))).toBe(
      'piece-on-layaway',
    );
    const again = command('layaway.open', {
      orderId: testId(),
      saleId: testId(),
      serial: serial(1),
      clientId: OTHER_CLIENT,
    });
    expect(code(s.decide(again))).toBe('piece-on-layaway');
  });

  it('LAYAWAY-2, LAYAWAY-4: the last payment records the sale to the client and the piece is sold; then the layaway is closed', () => {
    const { s, orderId, saleId, pay } = layaway();
    expect(code(s.execute(pay(40_000)))).toBe('accepted');
    expect(s.sale(saleId)).toBeUndefined();
    const last = s.execute(pay(60_000));
    expect(code(last)).toBe('accepted');
    expect(s.sale(saleId)).toMatchObject({ paid: eur(100_000), clientId: CLIENT });
    expect(s.piece(serial(1))?.status).toBe('sold');
    expect(s.order(orderId)?.status).toBe('completed');
    expect(code(s.decide(pay(1)))).toBe('order-closed');
  });

  it('LAYAWAY-3: a manager cancels: the piece goes back in stock and the payments are refunded or put on store credit', () => {
    const { s, orderId, pay } = layaway();
    s.execute(pay(40_000));
    const cancel = (settlement: string, opts = {}) =>
      command(
        'layaway.cancel',
        {
          orderId,
          refundId: testId(),
          settlement,
          ...(settlement === 'store-credit' ? { cardNumber: testCard(7) } : {}),
        },
        opts,
      );
    expect(code(s.decide(cancel('refund', { user: USERS.associate })))).toBe('not-allowed');
    expect(code(s.execute(cancel('store-credit')))).toBe('accepted');
    expect(s.piece(serial(1))?.status).toBe('in-stock');
    expect(s.card?.(testCard(7))).toMatchObject({ balance: eur(40_000), clientId: CLIENT });
    expect(s.order(orderId)).toMatchObject({ status: 'cancelled', refunded: eur(40_000) });
    expect(code(s.decide(cancel('refund')))).toBe('order-closed');
  });
});

describe('trade-in (TRADEIN-*)', () => {
  it('TRADEIN-1, TRADEIN-2: a trade-in kept in stock is received at the store at the value given; scrap is recorded', () => {
    const s = world();
    const kept = pieceRecord(50, { cost: eur(1) });
    const c = sale([
      {
        kind: 'trade-in',
        amount: eur(20_000),
        tradeIn: { description: 'Gold chain', disposition: 'stock', piece: kept },
      },
      { kind: 'trade-in', amount: eur(5_000), tradeIn: { description: 'Broken ring', disposition: 'scrap' } },
      { kind: 'card', amount: eur(75_000) },
    ]);
    const r = s.execute(c);
    expect(code(r)).toBe('accepted');
    expect(s.piece(serial(50))?.status).toBe('in-stock');
    expect(s.pieceRecord?.(serial(50))?.cost).toEqual(eur(20_000));
    expect(s.pieceRecord?.(serial(50))?.sourcing).toMatch(/Trade-in.*Gold chain/);
    const again = sale(
      [
        {
          kind: 'trade-in',
          amount: eur(1),
          tradeIn: { description: 'x', disposition: 'stock', piece: kept },
        },
        { kind: 'card', amount: eur(99_999) },
      ],
      2,
    );
    expect(code(s.decide(again))).toBe('piece-exists');
  });
});
