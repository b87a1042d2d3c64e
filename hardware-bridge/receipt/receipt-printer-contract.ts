/**
 * The receipt printer contract, runnable against any ReceiptPrinter whose output can be read
 * back (the twin decodes it; a real printer's harness would capture its TCP stream).
 */
import { expect, it } from 'vitest';
import { currency } from '../../domain/money.ts';
import type { ReceiptPrinter } from '../devices.ts';
import { formatMinor } from '../format-money.ts';
import { type DecodedReceipt, receiptText } from './escpos-decoder.ts';
import { sampleReceipt } from './fixtures.ts';

export type ReceiptPrinterHarness = {
  printer: ReceiptPrinter;
  printouts(): DecodedReceipt[];
  close(): Promise<void>;
};

export function receiptPrinterContract(make: () => Promise<ReceiptPrinterHarness>): void {
  const eur = (minor: number): string => formatMinor(minor, currency('EUR'), 'fr-FR').replace(/\s/g, ' ');
  const printOne = async (h: ReceiptPrinterHarness, openDrawer = false): Promise<DecodedReceipt> => {
    expect((await h.printer.print(sampleReceipt, { openDrawer })).ok).toBe(true);
    await expect.poll(() => h.printouts().length).toBe(1);
    return h.printouts()[0]!;
  };
  const flat = (r: DecodedReceipt): string => receiptText(r).replace(/\s/g, ' ');

  it('ESCPOS-1: the receipt carries the store header, date and sale id', async () => {
    const h = await make();
    const text = flat(await printOne(h));
    expect(text).toContain('Maison Éclat');
    expect(text).toContain('75002 Paris');
    expect(text).toContain('24 nov. 2026');
    expect(text).toContain(`Sale ${sampleReceipt.saleId}`);
    expect(text).toContain('Served by Amélie');
    await h.close();
  });

  it('ESCPOS-2: every line, its serial, the tenders, the total and the change are printed', async () => {
    const h = await make();
    const lines = (await printOne(h)).lines.map((l) => l.replace(/\s/g, ' '));
    const row = (label: string, amount: number): boolean =>
      lines.some((l) => l.startsWith(label) && l.endsWith(eur(amount)));
    expect(row('Solitaire 18k or blanc', 420000)).toBe(true);
    expect(lines).toContain('0,50 ct'); // a long description wraps under itself, never into the amount
    expect(lines).toContain('  Serial LP-24-000187');
    expect(row('2 x Gravure', 3000)).toBe(true);
    expect(row('TVA 20 % incl.', 70500)).toBe(true);
    expect(row('TOTAL', 423000)).toBe(true);
    expect(row('Carte', 400000)).toBe(true);
    expect(row('Espèces', 25000)).toBe(true);
    expect(row('Change', 2000)).toBe(true);
    await h.close();
  });

  it('ESCPOS-2: the sale id is printed as a QR code and the paper is cut once', async () => {
    const h = await make();
    const r = await printOne(h);
    expect(r.qrcodes).toEqual([sampleReceipt.saleId]);
    expect(r.cuts).toBe(1);
    expect(r.unknown).toEqual([]);
    await h.close();
  });

  it('ESCPOS-3: the drawer opens only when asked, with or without a receipt', async () => {
    const h = await make();
    expect((await printOne(h)).drawerKicks).toBe(0);
    expect((await h.printer.print(sampleReceipt, { openDrawer: true })).ok).toBe(true);
    expect((await h.printer.openDrawer()).ok).toBe(true);
    await expect.poll(() => h.printouts().map((p) => p.drawerKicks)).toEqual([0, 1, 1]);
    expect(h.printouts()[2]?.lines.join('')).toBe('');
    await h.close();
  });
}
