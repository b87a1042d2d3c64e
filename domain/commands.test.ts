import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, parseCommand } from './commands.ts';
import { uuidv7 } from './ids.ts';
import { CLIENT, DEVICE, eur, pieceRecord, STORE, serial, testCard, testId, USERS } from './test-support.ts';

const envelope = (type: string, payload: unknown, over: Record<string, unknown> = {}) =>
  JSON.parse(
    JSON.stringify({
      id: testId(),
      type,
      store: STORE,
      device: DEVICE,
      user: USERS.associate,
      at: '2026-03-01T10:00:00.000Z',
      payload,
      ...over,
    }),
  );
const sale = (over: Record<string, unknown> = {}) => ({
  saleId: testId(),
  lines: [{ serial: serial(1), price: eur(100_000) }],
  tax: eur(0),
  total: eur(100_000),
  tenders: [{ kind: 'card', amount: eur(100_000), reference: 'auth 123456 •••• 4242' }],
  ...over,
});
const errorPath = (input: unknown) => {
  const r = parseCommand(input);
  return r.ok ? null : r.error.path;
};

const VALID: Record<(typeof COMMAND_TYPES)[number], unknown> = {
  'sale.complete': sale(),
  'sale.return': { returnId: testId(), saleId: testId(), serials: [serial(1)], refunds: [] },
  'sale.void': { saleId: testId(), reason: 'sold twice offline' },
  'order.open': {
    orderId: testId(),
    kind: 'custom',
    clientId: CLIENT,
    total: eur(500_000),
    description: 'Ring',
  },
  'deposit.take': { orderId: testId(), depositId: testId(), amount: eur(100), tender: 'cash' },
  'deposit.refund': { orderId: testId(), refundId: testId(), amount: eur(100) },
  'work.stage': { orderId: testId(), stage: 'at-bench', place: { bench: 'Bench 2' } },
  'stock.count': { countId: testId(), scope: 'Window 2', wholeStore: false, found: [serial(1), serial(2)] },
  'conflict.resolve': {
    commandId: testId(),
    resolution: 'dismissed',
    note: 'duplicate scan, no sale happened',
  },
  'reservation.place': { serial: serial(1), clientId: CLIENT, until: '2026-03-08T10:00:00.000Z' },
  'reservation.release': { serial: serial(1) },
  'piece.receive': { piece: pieceRecord(1) },
  'piece.update': { serial: serial(1), changes: { title: 'Solitaire ring, 1.01 ct', designer: null } },
  'price.change': { serial: serial(1), listPrice: eur(120_000), reason: 'gold price' },
  'piece.restock': { serial: serial(1) },
  'piece.write-off': { serial: serial(1), reason: 'damaged', note: 'clasp broken beyond repair' },
  'memo.out': { serial: serial(1), consignee: 'Maison R.' },
  'memo.return': { serial: serial(1) },
  'capabilities.set': { role: 'associate', settings: { discountLimitBp: 1_500, grants: ['refund'] } },
  'exchange-rate.set': { rate: { from: 'USD', to: 'EUR', rate: '0.9231', date: '2026-03-01' } },
  'consignment.receive': {
    piece: pieceRecord(1),
    consignment: {
      basis: 'consignment',
      owner: { kind: 'client', id: 'c-1', name: 'Mme Roux' },
      terms: { kind: 'split', ownerShareBp: 6_000 },
    },
  },
  'consignment.return': { serial: serial(1), note: 'back to the vendor' },
  'repair.in': { serial: serial(1) },
  'repair.out': { serial: serial(1) },
  'transfer.send': { serial: serial(1), toStore: testId() },
  'transfer.receive': { serial: serial(1) },
  'store.open': {
    store: {
      id: testId(),
      name: 'Paris Rive Gauche',
      currency: 'EUR',
      tax: { basisPoints: 2000, inclusive: true },
      timeZone: 'Europe/Paris',
      address: ['12 rue du Bac', '75007 Paris'],
      phone: '+33 1 23 45 67 89',
    },
  },
  'store.update': {
    storeId: testId(),
    changes: { tax: { basisPoints: 550, inclusive: true }, address: ['1 rue X'], phone: null },
  },
  'staff.add': {
    member: { id: testId(), name: 'Léa Martin', login: 'lea.par', role: 'associate', stores: [STORE] },
  },
  'staff.update': { userId: USERS.associate, changes: { role: 'designer', stores: [STORE] } },
  'staff.deactivate': { userId: USERS.associate, reason: 'left the company' },
  'staff.reactivate': { userId: USERS.associate },
  'client.merge': { survivorId: CLIENT, mergedId: testId(), picks: { names: 'merged', notes: 'both' } },
  'client.erase': { clientId: CLIENT, reason: 'client asked to be forgotten' },
  'tiers.set': { loyal: eur(500_000), vip: eur(2_500_000) },
  'plan.set': { orderId: testId(), instalments: [{ due: '2026-04-01', amount: eur(10_000) }] },
  'layaway.open': { orderId: testId(), saleId: testId(), serial: serial(1), clientId: CLIENT },
  'layaway.cancel': {
    orderId: testId(),
    refundId: testId(),
    settlement: 'store-credit',
    cardNumber: testCard(1),
  },
  'card.issue': {
    cardNumber: testCard(2),
    kind: 'gift-card',
    amount: eur(50_000),
    tenders: [{ kind: 'card', amount: eur(50_000), reference: 'auth 1234' }],
  },
  'piece.import': { importId: testId(), source: 'spring.csv', part: 0, parts: 1, pieces: [pieceRecord(1)] },
  'piece.relocate': { serials: [serial(1)], location: { kind: 'safe', label: 'Safe' }, reason: 'safe-check' },
  'day.close': { closeId: testId(), day: '2026-11-30', float: eur(20_000), counted: eur(20_000) },
};

describe('parseCommand', () => {
  it.each(COMMAND_TYPES)('CMD-2: a valid %s parses and survives a JSON round trip (CMD-8)', (type) => {
    const r = parseCommand(envelope(type, VALID[type]));
    expect(r.ok ? r.value.type : r.error).toBe(type);
    if (r.ok) expect(parseCommand(JSON.parse(JSON.stringify(r.value)))).toEqual(r);
  });

  it('CMD-1: envelope fields are checked and the error names the field', () => {
    expect(errorPath('x')).toBe('(root)');
    expect(errorPath(envelope('sale.complete', sale(), { id: crypto.randomUUID() }))).toBe('id');
    expect(errorPath(envelope('sale.complete', sale(), { store: 'main' }))).toBe('store');
    expect(errorPath(envelope('sale.complete', sale(), { device: undefined }))).toBe('device');
    expect(errorPath(envelope('sale.complete', sale(), { user: 42 }))).toBe('user');
    expect(errorPath(envelope('sale.complete', sale(), { at: '2026-03-01 10:00' }))).toBe('at');
    expect(parseCommand(envelope('sale.complete', sale(), { id: uuidv7() })).ok).toBe(true);
  });

  it('CMD-1: any JSON at all yields a Result, never an exception', () => {
    const anyPayload = fc.oneof(fc.jsonValue(), fc.constant(VALID['sale.complete']));
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_TYPES), anyPayload, fc.jsonValue(), (type, payload, junk) => {
        expect(typeof parseCommand(junk).ok).toBe('boolean');
        expect(typeof parseCommand(envelope(type, payload)).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('CMD-16: approval and signature are parsed as proofs; a malformed one names its path', () => {
    const sig = 'Ab-_'.repeat(10).concat('xyz');
    const approval = { by: testId(), at: '2026-03-01T09:59:00.000Z', sig };
    const r = parseCommand(envelope('sale.return', VALID['sale.return'], { approval, signature: sig }));
    expect(r.ok && { approval: r.value.approval, signature: r.value.signature }).toEqual({
      approval,
      signature: sig,
    });
    expect(errorPath(envelope('sale.return', VALID['sale.return'], { signature: 'short' }))).toBe(
      'signature',
    );
    const bad = { ...approval, sig: `${sig.slice(0, 42)}=` };
    expect(errorPath(envelope('sale.return', VALID['sale.return'], { approval: bad }))).toBe('approval.sig');
    expect(
      errorPath(envelope('sale.return', VALID['sale.return'], { approval: { ...approval, by: 'x' } })),
    ).toBe('approval.by');
  });

  it('CMD-2: an unknown type is refused', () => {
    expect(errorPath(envelope('sale.delete', {}))).toBe('type');
  });

  it('CMD-3: a sale has 1 to 100 lines and 1 to 20 tenders', () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ serial: serial(i + 1), price: eur(1) }));
    expect(errorPath(envelope('sale.complete', sale({ lines: [] })))).toBe('payload.lines');
    expect(errorPath(envelope('sale.complete', sale({ lines: lines(101) })))).toBe('payload.lines');
    expect(parseCommand(envelope('sale.complete', sale({ lines: lines(100) }))).ok).toBe(true);
    const tender = { kind: 'cash', amount: eur(1) };
    expect(errorPath(envelope('sale.complete', sale({ tenders: [] })))).toBe('payload.tenders');
    expect(errorPath(envelope('sale.complete', sale({ tenders: Array(21).fill(tender) })))).toBe(
      'payload.tenders',
    );
  });

  it('CMD-4: amounts are never negative, deposits positive, a discount never above its price', () => {
    expect(errorPath(envelope('sale.complete', sale({ tax: eur(-1) })))).toBe('payload.tax.minor');
    expect(
      errorPath(
        envelope(
          'sale.complete',
          sale({ lines: [{ serial: serial(1), price: eur(10), discount: eur(11) }] }),
        ),
      ),
    ).toBe('payload.lines[0]');
    expect(
      errorPath(envelope('deposit.take', { ...(VALID['deposit.take'] as object), amount: eur(0) })),
    ).toBe('payload.amount');
    expect(errorPath(envelope('order.open', { ...(VALID['order.open'] as object), total: eur(0) }))).toBe(
      'payload.total',
    );
    expect(
      errorPath(
        envelope(
          'sale.complete',
          sale({ lines: [{ serial: serial(1), price: { minor: 1.5, currency: 'EUR' } }] }),
        ),
      ),
    ).toBe('payload.lines[0].price.minor');
  });

  it('CMD-5: a payment reference that looks like a card number is refused', () => {
    const pan = { kind: 'card', amount: eur(100_000), reference: '4111 1111 1111 1111' };
    expect(errorPath(envelope('sale.complete', sale({ tenders: [pan] })))).toBe(
      'payload.tenders[0].reference',
    );
  });

  it('CMD-6: cash tendered is only for cash and never below the amount', () => {
    const cash = (tendered: number, kind = 'cash') => [
      { kind, amount: eur(100_000), tendered: eur(tendered) },
    ];
    expect(parseCommand(envelope('sale.complete', sale({ tenders: cash(120_000) }))).ok).toBe(true);
    expect(errorPath(envelope('sale.complete', sale({ tenders: cash(90_000) })))).toBe('payload.tenders[0]');
    expect(errorPath(envelope('sale.complete', sale({ tenders: cash(120_000, 'card') })))).toBe(
      'payload.tenders[0]',
    );
  });

  it('CMD-7: a reservation must end after it is placed', () => {
    const res = { serial: serial(1), clientId: CLIENT, until: '2026-03-01T09:00:00.000Z' };
    expect(errorPath(envelope('reservation.place', res))).toBe('payload.until');
  });
});
