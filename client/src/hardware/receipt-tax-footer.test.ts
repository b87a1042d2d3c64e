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

  it('TAXCAT-8: a decided sale prints the rates it recorded, even after the owner changed them', () => {
    // What the relay published with the sale (its ledger entry's saleTax, TAXCAT-7).
    const recordedTax = {
      inclusive: true,
      rates: [
        { basisPoints: 2_000, netMinor: 120_000, taxMinor: 20_000, serials: ['LP-001-000001'] },
        { basisPoints: 550, netMinor: 527_500, taxMinor: 27_500, serials: ['LP-001-000002'] },
      ],
    };
    const later = {
      basisPoints: 2_100,
      inclusive: true,
      byCategory: [{ category: 'watch' as const, basisPoints: 1_000 }],
    };
    const r = receiptJob(sale, { ...ctx, tax: later, recordedTax });
    expect(r.ok && r.value.taxes).toEqual([
      { label: 'VAT included (20 %)', amount: 20_000 },
      { label: 'VAT included (5.5 %)', amount: 27_500 },
    ]);
    // A one-rate store whose rate changed: the rate charged, not today's.
    const one = receiptJob(sale, {
      ...ctx,
      tax: { basisPoints: 2_100, inclusive: true },
      recordedTax: {
        inclusive: true,
        rates: [
          {
            basisPoints: 2_000,
            netMinor: 647_500,
            taxMinor: 47_500,
            serials: ['LP-001-000001', 'LP-001-000002'],
          },
        ],
      },
    });
    expect(one.ok && one.value.taxes).toEqual([{ label: 'VAT included (20 %)', amount: 47_500 }]);
    // A record that does not add up to the sale's tax is not believed: TAXCAT-6 as before.
    const wrong = receiptJob(sale, {
      ...ctx,
      recordedTax: { ...recordedTax, rates: [{ ...recordedTax.rates[0], taxMinor: 1 }] },
    });
    expect(wrong.ok && wrong.value.taxes).toEqual([
      { label: 'VAT included (20 %)', amount: 20_000 },
      { label: 'VAT included (5.5 %)', amount: 27_500 },
    ]);
  });

  it('FOOTER-3: the footer replaces the default thank-you; without one the default stays', () => {
    const r = receiptJob(sale, ctx);
    expect(r.ok && r.value.footer).toEqual(FOOTER);
    const bare = receiptJob(sale, { ...ctx, footer: [] });
    expect(bare.ok && bare.value.footer).toEqual(['Thank you for your visit']);
  });
});
