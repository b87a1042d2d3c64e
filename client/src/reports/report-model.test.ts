import { describe, expect, it } from 'vitest';
import { type TierTotal, tiersCsv, tierTable } from './report-model.ts';

const totals: TierTotal[] = [
  { tier: 'vip', clients: 2, consolidatedMinor: 650_000, shareBp: 6_500 },
  { tier: 'loyal', clients: 1, consolidatedMinor: 150_000, shareBp: 1_500 },
  { tier: 'new', clients: 0, consolidatedMinor: 0, shareBp: 0 },
  { tier: 'none', clients: 0, consolidatedMinor: 0, shareBp: 0 },
  { tier: 'unnamed', clients: null, consolidatedMinor: 200_000, shareBp: 2_000 },
];

describe('clients by tier on the dashboard (REPORT-12)', () => {
  it('REPORT-12: VIP, loyal and new always show; "no tier set" only when some client has none; the CSV holds the screen’s rows and total', () => {
    const table = tierTable(totals);
    expect(table.rows.map((r) => r.tier)).toEqual(['vip', 'loyal', 'new', 'unnamed']);
    expect(table).toMatchObject({ clients: 3, netMinor: 1_000_000 });
    const csv = tiersCsv(totals, 'EUR', { total: 'Total', tier: (t) => t.toUpperCase() });
    expect(csv.split('\r\n')).toEqual([
      'tier,clients,net_sales_EUR,share_pct',
      'VIP,2,6500.00,65.00',
      'LOYAL,1,1500.00,15.00',
      'NEW,0,0.00,0.00',
      'UNNAMED,,2000.00,20.00',
      'Total,3,10000.00,100.00',
      '',
    ]);
    expect(tierTable([...totals.slice(0, 3), { ...totals[3], clients: 1 } as TierTotal]).rows).toHaveLength(
      4,
    );
  });
});
