/**
 * Across client/ and hardware-bridge/ (which may not import each other): the till's receipt job for
 * a sale, printed on the bridge's ESC/POS printer twin, and its bytes decoded back (TAXCAT-6, FOOTER-3).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { receiptJob } from '../client/src/hardware/receipt-job.ts';
import { ctx, FOOTER, sale } from '../client/src/hardware/receipt-two-rates.fixture.ts';
import { currency } from '../domain/money.ts';
import { formatMinor } from '../hardware-bridge/format-money.ts';
import { SimReceiptPrinter } from '../hardware-bridge/receipt/sim-receipt-printer.ts';

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
