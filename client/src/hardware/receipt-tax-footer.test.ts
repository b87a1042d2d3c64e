import { describe, expect, it } from 'vitest';
import { receiptJob } from './receipt-job.ts';
import { ctx, FOOTER, sale } from './receipt-two-rates.fixture.ts';

describe('receipts with several tax rates and the store’s footer', () => {
  it('TAXCAT-6: the job has one tax line per rate, adding up to the sale’s tax', () => {
    const r = receiptJob(sale, ctx);
    expect(r.ok && r.value.taxes).toEqual([
      { label: 'VAT included (20 %)', amount: 20_000 },
      { label: 'VAT included (5.5 %)', amount: 27_500 },
    ]);
  });

  it('TAXCAT-6: with the rates changed since the sale, the recorded tax is printed on one line', () => {
    const r = receiptJob(sale, {
      ...ctx,
      tax: { basisPoints: 2_000, inclusive: true, byCategory: [{ category: 'watch', basisPoints: 1_000 }] },
    });
    expect(r.ok && r.value.taxes).toEqual([{ label: 'VAT included (20 %)', amount: 47_500 }]);
  });

  it('FOOTER-3: the footer replaces the default thank-you; without one the default stays', () => {
    const r = receiptJob(sale, ctx);
    expect(r.ok && r.value.footer).toEqual(FOOTER);
    const bare = receiptJob(sale, { ...ctx, footer: [] });
    expect(bare.ok && bare.value.footer).toEqual(['Thank you for your visit']);
  });
});
