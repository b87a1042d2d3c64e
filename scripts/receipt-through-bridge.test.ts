/**
 * Across client/ and hardware-bridge/ (which may not import each other): the till's receipt job for
 * a sale, printed on the bridge's ESC/POS printer twin, and its bytes decoded back (TAXCAT-6, FOOTER-3).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { receiptJob } from '../client/src/hardware/receipt-job.ts';
import type { Command, PieceView } from '../client/src/local/records.ts';
import { currency } from '../domain/money.ts';
import { formatMinor } from '../hardware-bridge/format-money.ts';
import { SimReceiptPrinter } from '../hardware-bridge/receipt/sim-receipt-printer.ts';

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
const sale: Command = {
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
const FOOTER = ['Returns within 30 days with this receipt', 'VAT FR 12 345678901', 'Merci de votre visite'];
const ctx = {
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
const money = (minor: number) => formatMinor(minor, currency('EUR'), 'fr-FR').replace(/\s/g, ' ');

let sim: SimReceiptPrinter | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('receipts with several tax rates and the store’s footer', () => {
  it('TAXCAT-6, FOOTER-3: the printer twin’s bytes carry both tax lines and end with the footer lines', async () => {
    sim = await SimReceiptPrinter.start();
    const job = receiptJob(sale, ctx);
    if (!job.ok) throw new Error(job.error);
    expect((await sim.printer.print(job.value)).ok).toBe(true);
    await expect.poll(() => sim?.printouts().length).toBe(1);
    const lines = (sim.printouts()[0]?.lines ?? []).map((l) => l.replace(/\s/g, ' ').trim()).filter(Boolean);
    const row = (label: string, minor: number) =>
      lines.some((l) => l.startsWith(label) && l.endsWith(money(minor)));
    expect(row('VAT included (20 %)', 20_000)).toBe(true);
    expect(row('VAT included (5.5 %)', 27_500)).toBe(true);
    expect(row('TOTAL', 647_500)).toBe(true);
    // The footer comes after the totals and tenders, in the order the owner wrote it.
    const at = FOOTER.map((f) => lines.indexOf(f));
    expect(at.every((i) => i > lines.findIndex((l) => l.startsWith('TOTAL')))).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(lines.slice(-FOOTER.length)).toEqual(FOOTER);
  });
});
