/**
 * One sale for the receipt tests (TAXCAT-6, FOOTER-3): a ring at 20 % and a watch at 5.5 %, VAT
 * included, at a store with a three-line footer. Imported by the receipt job's unit test and by
 * the test that prints it on the bridge's printer twin; no screen imports it.
 */
import type { Command, PieceView } from '../local/records.ts';

const eur = (minor: number) => ({ minor, currency: 'EUR' });
const piece = (serial: string, category: string, title: string, minor: number): PieceView => ({
  serial,
  style: 'X',
  title,
  category,
  designer: '',
  collection: '',
  metal: 'platinum',
  karat: '950 ‰',
  purity: { scale: 'fineness', value: 950, label: '950 ‰' },
  weightMg: 4_000,
  stones: [],
  certificates: [],
  price: eur(minor),
  store: 's1',
  location: 'Case 1',
});
const RING = piece('LP-001-000001', 'ring', 'Solitaire ring', 120_000);
const WATCH = piece('LP-001-000002', 'watch', 'Chronograph watch', 527_500);
/** A ring at 20 % and a watch at 5.5 %, VAT included: €200.00 + €275.00 of VAT. */
export const sale: Command = {
  id: 'c1',
  type: 'sale.complete',
  store: 's1',
  device: 'd',
  user: 'u',
  at: '2026-11-25T10:00:00.000Z',
  payload: {
    saleId: '0193f1a2-0000-7000-8000-000000000009',
    lines: [
      { serial: RING.serial, price: eur(120_000) },
      { serial: WATCH.serial, price: eur(527_500) },
    ],
    tax: eur(47_500),
    total: eur(647_500),
    tenders: [{ kind: 'card', amount: eur(647_500), reference: 'AUTH-9' }],
  },
};
export const FOOTER = [
  'Returns within 30 days with this receipt',
  'VAT FR 12 345678901',
  'Merci de votre visite',
];
export const ctx = {
  storeName: 'Maison Loupe — Paris',
  taxInclusive: true,
  taxBasisPoints: 2_000,
  tax: {
    basisPoints: 2_000,
    inclusive: true,
    byCategory: [{ category: 'watch' as const, basisPoints: 550 }],
  },
  footer: FOOTER,
  pieces: { [RING.serial]: RING, [WATCH.serial]: WATCH },
  locale: 'fr-FR',
  timeZone: 'Europe/Paris',
};
