import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands.ts';
import { decide } from './decide.ts';
import {
  code,
  command,
  DEVICE,
  eur,
  OTHER_STORE,
  pieceRecord,
  pieceState,
  STORE,
  saleOf,
  serial,
  testId,
  USERS,
  world,
  YEN_STORE,
} from './test-support.ts';

const update = (changes: unknown, opts: { user?: string; store?: string; n?: number } = {}) =>
  parseCommand({
    id: testId(),
    type: 'piece.update',
    store: opts.store ?? STORE,
    device: DEVICE,
    user: opts.user ?? USERS.manager,
    at: '2026-03-01T10:00:00.000Z',
    payload: { serial: serial(opts.n ?? 1), changes },
  });
const reprice = (minor: number, opts: { currency?: string; user?: string; store?: string } = {}) =>
  command(
    'price.change',
    { serial: serial(1), listPrice: { minor, currency: opts.currency ?? 'EUR' }, reason: 'gold price' },
    { user: (opts.user ?? USERS.manager) as never, store: (opts.store ?? STORE) as never },
  );

describe('decide: the catalog (piece.update)', () => {
  it('CATALOG-1: only descriptive attributes change; status, price, store, cost and location are refused', () => {
    expect(update({ title: 'Halo ring', designer: 'A. Martin', stones: [] }).ok).toBe(true);
    expect(update({ designer: null }).ok).toBe(true);
    for (const key of ['status', 'listPrice', 'store', 'cost', 'location', 'serial']) {
      const r = update({ [key]: 'x' });
      expect(r.ok ? null : r.error.path, key).toBe(`payload.changes.${key}`);
    }
    // Nothing to change, a required attribute removed, a malformed value: refused when parsed.
    expect(update({}).ok).toBe(false);
    expect(update({ title: null }).ok).toBe(false);
    const badStone = update({ stones: [{ kind: 'diamond', milliCarats: 1.5 }] });
    expect(badStone.ok ? null : badStone.error.path).toBe('payload.changes.stones[0].milliCarats');
  });

  it('CATALOG-2: a manager or owner updates a piece of their store; others are not allowed', () => {
    const s = world();
    const change = (user: string, store = STORE) => {
      const r = update({ title: 'Halo ring' }, { user, store });
      if (!r.ok) throw new Error(r.error.message);
      return code(s.decide(r.value));
    };
    expect(change(USERS.associate)).toBe('not-allowed');
    expect(change(USERS.designer)).toBe('not-allowed');
    expect(change(USERS.manager)).toBe('accepted');
    expect(change(USERS.owner)).toBe('accepted');
    expect(change(USERS.manager, OTHER_STORE)).toBe('piece-at-other-store');
    const unknown = update({ title: 'x' }, { n: 99 });
    expect(unknown.ok && code(s.decide(unknown.value))).toBe('piece-unknown');
  });

  it('CATALOG-3: the updated record must still be a valid piece when the state holds it (karat is gold only)', () => {
    const s = world(0);
    s.execute(command('piece.receive', { piece: pieceRecord(1) }));
    const karat = update({ karat: 18 });
    if (!karat.ok) throw new Error(karat.error.message);
    expect(code(s.decide(karat.value))).toBe('piece-invalid');
    const gold = update({ metal: 'yellow-gold', karat: 18, fineness: 750 });
    if (!gold.ok) throw new Error(gold.error.message);
    expect(code(s.execute(gold.value))).toBe('accepted');
    expect(s.pieceRecord?.(serial(1))).toMatchObject({ metal: 'yellow-gold', karat: 18, fineness: 750 });
    // A till's state without the record checks the change on its own.
    const till = world();
    expect(code(till.decide(karat.value))).toBe('accepted');
  });

  it('CATALOG-1: null removes an optional attribute; the event carries the change', () => {
    const s = world(0);
    s.execute(command('piece.receive', { piece: pieceRecord(1, { designer: 'A. Martin' }) }));
    const r = update({ designer: null, collection: 'Lumière' });
    if (!r.ok) throw new Error(r.error.message);
    const decided = s.execute(r.value);
    expect(decided.ok && decided.value).toEqual([
      {
        type: 'piece.updated',
        serial: serial(1),
        store: STORE,
        changes: { designer: null, collection: 'Lumière' },
      },
    ]);
    expect(s.pieceRecord?.(serial(1))).not.toHaveProperty('designer');
    expect(s.pieceRecord?.(serial(1))?.collection).toBe('Lumière');
  });
});

describe('decide: prices (price.change)', () => {
  it('PRICE-1: a manager sets a new list price in the store’s currency; the event keeps the old one', () => {
    const s = world();
    expect(code(s.decide(reprice(120_000, { user: USERS.associate })))).toBe('not-allowed');
    expect(code(s.decide(reprice(120_000, { currency: 'USD' })))).toBe('currency-mismatch');
    expect(code(s.decide(reprice(120_000, { store: OTHER_STORE })))).toBe('piece-at-other-store');
    const decided = s.execute(reprice(120_000));
    expect(decided.ok && decided.value).toEqual([
      {
        type: 'price.changed',
        serial: serial(1),
        store: STORE,
        from: eur(100_000),
        to: eur(120_000),
        reason: 'gold price',
      },
    ]);
    expect(s.piece(serial(1))?.listPrice).toEqual(eur(120_000));
    const noReason = parseCommand({
      ...reprice(1),
      payload: { serial: serial(1), listPrice: eur(1), reason: '' },
    });
    expect(noReason.ok ? null : noReason.error.path).toBe('payload.reason');
  });

  it('PRICE-2: after a price change, discounts are measured against the new list price (SALE-9)', () => {
    const s = world();
    // 100,000 lowered to 80,000 by an associate is a 20 % discount: above their 10 % limit.
    expect(code(s.decide(saleOf([serial(1)], { price: 80_000, user: USERS.associate })))).toBe(
      'discount-above-limit',
    );
    s.execute(reprice(80_000));
    expect(code(s.decide(saleOf([serial(1)], { price: 80_000, user: USERS.associate })))).toBe('accepted');
  });

  it('PRICE-2, STOCK-5: a piece priced in another currency is sold once repriced in the store’s', () => {
    const s = world();
    s.setPiece(pieceState(1, { store: YEN_STORE }));
    const yen = (minor: number) => ({ minor, currency: 'JPY' });
    const sale = command(
      'sale.complete',
      {
        saleId: testId(),
        lines: [{ serial: serial(1), price: yen(2_000_000) }],
        tax: yen(0),
        total: yen(2_000_000),
        tenders: [{ kind: 'cash', amount: yen(2_000_000) }],
      },
      { store: YEN_STORE },
    );
    expect(code(decide(s, sale))).toBe('currency-mismatch');
    expect(code(s.execute(reprice(2_000_000, { currency: 'JPY', store: YEN_STORE })))).toBe('accepted');
    expect(code(decide(s, sale))).toBe('accepted');
  });
});
