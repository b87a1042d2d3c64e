import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import type { LedgerEntry } from '../local/records.ts';
import { salesFromLedger } from './client-sales.ts';
import { inSegment, safeCell, segmentCsv } from './segments.ts';

const STORE = 'a0000000-0000-7000-8000-000000000001';
const id = (n: number) => `d0000000-0000-7000-8000-00000000000${n}`;
const profile = (n: number, over: Record<string, unknown> = {}): ClientProfile => {
  const r = parseClient({
    id: id(n),
    names: { first: `F${n}`, last: `L${n}` },
    contacts: { emails: [`c${n}@example.com`], phones: [] },
    homeStore: STORE,
    createdAt: '2026-01-01T09:00:00.000Z',
    ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const facts = {
  tierOf: (c: string) => (c === id(1) ? ('vip' as const) : ('new' as const)),
  risingOf: (c: string) => c === id(2),
  today: '2026-06-30',
  spendOf: () => '€1,000.00',
};

describe('segments', () => {
  it('filters by tier, rising, milestone soon and preferences', () => {
    const a = profile(1, {
      preferences: { metals: ['platinum'], stones: [], designers: ['Élise Marchand'] },
    });
    const b = profile(2, { milestones: [{ kind: 'birthday', date: '1980-07-04', recurrence: 'yearly' }] });
    expect(inSegment(a, { tier: 'vip' }, facts)).toBe(true);
    expect(inSegment(b, { tier: 'vip' }, facts)).toBe(false);
    expect(inSegment(b, { rising: true }, facts)).toBe(true);
    expect(inSegment(b, { milestoneWithin: 7 }, facts)).toBe(true);
    expect(inSegment(b, { milestoneWithin: 3 }, facts)).toBe(false);
    expect(inSegment(a, { metal: 'platinum', designer: 'elise' }, facts)).toBe(true);
    expect(inSegment(a, { metal: 'silver' }, facts)).toBe(false);
  });

  it('exports only clients who consented to the channel, counts the others, neutralises formulas', () => {
    const yes = profile(1, {
      names: { first: '=HYPERLINK("x")', last: 'A' },
      consent: { email: { granted: true, date: '2026-01-02' } },
    });
    const withdrawn = profile(2, { consent: { email: { granted: false, date: '2026-03-01' } } });
    const sms = profile(3, { consent: { sms: { granted: true, date: '2026-01-02' } } });
    const out = segmentCsv([yes, withdrawn, sms], 'email', facts);
    expect(out).toMatchObject({ exported: 1, excluded: 2 });
    const rows = Papa.parse<Record<string, string>>(out.csv, { header: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'c1@example.com', tier: 'vip', consent_date: '2026-01-02' });
    expect(rows[0]?.first_name).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('+33 6')).toBe("'+33 6");
    expect(segmentCsv([yes, withdrawn, sms], 'sms', facts)).toMatchObject({ exported: 1, excluded: 2 });
  });
});

describe('client sales from the ledger', () => {
  let n = 0;
  const entry = (
    type: string,
    payload: unknown,
    at = '2026-06-01T10:00:00.000Z',
    status = 'accepted',
  ): LedgerEntry =>
    ({
      id: `${type}-${++n}`,
      type,
      store: STORE,
      device: 'd',
      user: 'u1',
      at,
      payload,
      status,
      decidedAt: at,
    }) as LedgerEntry;
  it('TIER-4: sales to named clients, less returns, voids marked', () => {
    const sale = (saleId: string, clientId?: string) => ({
      saleId,
      lines: [{ serial: 'LP-1' }, { serial: 'LP-2' }],
      total: { minor: 10_000, currency: 'EUR' },
      ...(clientId ? { clientId } : {}),
    });
    const entries = Object.fromEntries(
      [
        entry('sale.complete', sale('s1', id(1))),
        entry('sale.complete', sale('s2')), // anonymous
        entry('sale.complete', sale('s3', id(1)), '2026-06-02T10:00:00.000Z', 'rejected'),
        entry(
          'sale.return',
          {
            saleId: 's1',
            serials: ['LP-2'],
            refunds: [{ kind: 'card', amount: { minor: 4_000, currency: 'EUR' } }],
          },
          '2026-06-03T10:00:00.000Z',
        ),
        entry('sale.complete', sale('s4', id(2)), '2026-06-04T10:00:00.000Z'),
        entry('sale.void', { saleId: 's4', reason: 'x' }, '2026-06-05T10:00:00.000Z'),
      ].map((e) => [e.id, e]),
    );
    const sales = salesFromLedger(entries);
    expect(sales.map((s) => [s.saleId, s.refundedMinor, s.voided, s.serials])).toEqual([
      ['s1', 4_000, false, ['LP-1']],
      ['s4', 0, true, []],
    ]);
  });
});
