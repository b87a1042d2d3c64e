import { describe, expect, it } from 'vitest';
import { parseReceipt, parseTag } from '../../../hardware-bridge/protocol.ts';
import type { Command, PieceView } from '../local/records.ts';
import { paidInCash, receiptJob } from './receipt-job.ts';
import { tagJob } from './tag-job.ts';

const eur = (minor: number) => ({ minor, currency: 'EUR' });
const piece: PieceView = {
  serial: 'LP-001-000123',
  style: 'RG-SOL-01',
  title: 'Solitaire ring, round brilliant 1.02 ct, platinum cathedral setting',
  category: 'ring',
  designer: '',
  collection: '',
  metal: 'platinum',
  karat: '950 ‰',
  purity: { scale: 'fineness', value: 950, label: '950 ‰' },
  weightMg: 4_000,
  stones: [],
  certificates: [],
  price: eur(1_250_000),
  store: 's1',
  location: 'Case 1',
};
const sale: Command = {
  id: 'c1',
  type: 'sale.complete',
  store: 's1',
  device: 'd',
  user: 'u',
  at: '2026-11-25T10:00:00.000Z',
  payload: {
    saleId: '0193f1a2-0000-7000-8000-000000000001',
    lines: [
      { serial: 'LP-001-000123', price: eur(1_250_000), discount: eur(50_000) },
      { serial: 'LP-001-000124', price: eur(30_000) },
    ],
    tax: eur(205_000),
    total: eur(1_230_000),
    tenders: [
      { kind: 'card', amount: eur(1_000_000), reference: 'AUTH-1' },
      { kind: 'cash', amount: eur(230_000), tendered: eur(250_000) },
    ],
  },
};
const ctx = {
  storeName: 'Maison Loupe — Paris',
  taxInclusive: true,
  taxBasisPoints: 2_000,
  pieces: { 'LP-001-000123': piece },
  associate: 'Camille',
  locale: 'fr-FR',
  timeZone: 'Europe/Paris',
};

describe('print jobs', () => {
  it('a receipt job carries the sale as recorded: net lines, tax, total, tenders as handed over, change', () => {
    const r = receiptJob(sale, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      saleId: '0193f1a2-0000-7000-8000-000000000001',
      currency: 'EUR',
      store: { name: 'Maison Loupe — Paris' },
      associate: 'Camille',
      lines: [
        { serial: 'LP-001-000123', quantity: 1, total: 1_200_000 },
        { description: 'LP-001-000124', serial: 'LP-001-000124', total: 30_000 },
      ],
      subtotal: 1_230_000,
      taxes: [{ label: 'VAT included (20 %)', amount: 205_000 }],
      total: 1_230_000,
      tenders: [
        { label: 'Card AUTH-1', amount: 1_000_000 },
        { label: 'Cash', amount: 250_000 },
      ],
      change: 20_000,
    });
    expect(r.value.lines[0]?.description).toMatch(/^Solitaire ring/);
    expect(parseReceipt(r.value).ok).toBe(true);
    expect(paidInCash(sale)).toBe(true);
  });

  it('a receipt job carries the store’s address lines and time zone for the bridge to print', () => {
    const r = receiptJob(sale, {
      ...ctx,
      storeName: 'Loupe New York',
      address: ['727 Fifth Avenue', 'New York, NY 10022', `${'x'.repeat(70)}`],
      timeZone: 'America/New_York',
      locale: 'en-US',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.timeZone).toBe('America/New_York');
    expect(r.value.store.address.slice(0, 2)).toEqual(['727 Fifth Avenue', 'New York, NY 10022']);
    // A line longer than the bridge accepts is cut, not refused.
    expect(r.value.store.address[2]).toHaveLength(64);
    expect(parseReceipt(r.value).ok).toBe(true);
    // No address known: none printed.
    const bare = receiptJob(sale, ctx);
    expect(bare.ok && bare.value.store.address).toEqual([]);
  });

  it('a card-only sale does not open the drawer; a command that is not a sale prints nothing', () => {
    const card = {
      ...sale,
      payload: { ...(sale.payload as object), tenders: [{ kind: 'card', amount: eur(1) }] },
    };
    expect(paidInCash(card)).toBe(false);
    expect(receiptJob({ ...sale, type: 'stock.count' }, ctx).ok).toBe(false);
  });

  it('a tag job: serial, price in minor units, metal and karat, a description cut to 40 characters', () => {
    const t = tagJob(piece, 'butterfly', 'fr-FR');
    expect(t).toMatchObject({
      ok: true,
      value: {
        serial: 'LP-001-000123',
        price: 1_250_000,
        currency: 'EUR',
        metal: 'platinum 950',
        size: 'butterfly',
      },
    });
    if (!t.ok) return;
    expect(t.value.description.length).toBeLessThanOrEqual(40);
    expect(t.value.description).toMatch(/^Solitaire ring.*…$/);
    expect(parseTag(t.value).ok).toBe(true);
  });

  it('a serial the tag printer cannot encode is refused with a reason, not sent', () => {
    expect(tagJob({ ...piece, serial: 'LP 1/2' }, 'barbell', 'en')).toMatchObject({ ok: false });
  });
});
