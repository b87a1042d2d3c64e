import { describe, expect, it } from 'vitest';
import { localDay } from '../../../domain/report.ts';
import { accessFor } from '../../shared/access.ts';
import { connectDevice } from '../../shared/device-client.ts';
import { CHAIN_REPORT_DOC, names, parseDocName } from '../../shared/doc-names.ts';
import { appendCommand } from '../../shared/docs/outbox.ts';
import { dayKey, reportDays, reportMeta, reportStock } from '../../shared/docs/report.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import { demoUser, login, saleEnvelope, startTestRelay, storeTax, type TestRelay } from '../test-utils.ts';
import { CommandDecider } from '../validator/decider.ts';
import { type ValidatorExtension, validatorExtensions, validatorMigrations } from '../validator/index.ts';
import { reportingRates } from './rates.ts';
import { ReportRunner } from './report-runner.ts';
import { summarize } from './summary.ts';

const perTest = closeAfterEach();
const devices = perTest.devices;
let validator: ValidatorExtension | undefined;

async function start(): Promise<TestRelay> {
  const relay = await startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) => {
      const extensions = validatorExtensions(db, documents);
      validator = extensions[0];
      return extensions;
    },
  });
  perTest.relay = relay;
  return relay;
}

const get = async (r: TestRelay, path: string, token?: string) => {
  const res = await fetch(`${r.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('report documents and API', () => {
  it('REPORT-8: a store’s report is for its managers and owners; the chain’s for owners only', () => {
    const store = '01900000-0000-7000-8000-000000000001';
    const other = '01900000-0000-7000-8000-000000000002';
    const as = (role: 'associate' | 'manager' | 'owner') => ({ id: 'u', role, stores: [store], device: 'd' });
    expect(parseDocName(CHAIN_REPORT_DOC)).toEqual({ ok: true, value: { kind: 'chain-report' } });
    expect(parseDocName('report/not-a-store').ok).toBe(false);
    expect(accessFor(as('owner'), CHAIN_REPORT_DOC)).toBe('read-only');
    expect(accessFor(as('manager'), CHAIN_REPORT_DOC)).toBe('refused');
    expect(accessFor(as('manager'), names.report(store))).toBe('read-only');
    expect(accessFor(as('manager'), names.report(other))).toBe('refused');
    expect(accessFor(as('associate'), names.report(store))).toBe('refused');
    expect(accessFor(as('owner'), names.report(other))).toBe('read-only');
  });

  it('REPORT-9: a sale in one store reaches the owner’s chain report within 2 s, pushed', async () => {
    const r = await start();
    const owner = await login(r, demoUser(r, 'owner').login);
    const ownerDevice = connectDevice({ url: r.wsUrl, token: owner.token, deviceId: owner.device });
    devices.push(ownerDevice);
    const chain = ownerDevice.open(CHAIN_REPORT_DOC);
    await chain.synced;
    const meta = reportMeta(chain.doc).get('meta');
    expect(meta?.stores.length).toBe(2);

    const { store, login: seller } = demoUser(r, 'associate', 1);
    const session = await login(r, seller);
    const till = connectDevice({ url: r.wsUrl, token: session.token, deviceId: session.device });
    devices.push(till);
    const piece = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      )
      .get(store) as { serial: string; minor: number; currency: string };
    const tz = (r.db.prepare('SELECT time_zone FROM stores WHERE id = ?').get(store) as { time_zone: string })
      .time_zone;
    const day = localDay(new Date(), tz);
    const before = reportDays(chain.doc).get(dayKey(store, day))?.sales ?? 0;
    const stockBefore = reportStock(chain.doc).get(store)?.pieces ?? 0;
    const outbox = till.open(names.outbox(session.device));
    await outbox.synced;
    const t0 = Date.now();
    appendCommand(
      outbox.doc,
      saleEnvelope(session, store, piece, new Date().toISOString(), storeTax(r, store)),
    );
    await expect
      .poll(() => reportDays(chain.doc).get(dayKey(store, day))?.sales ?? 0, { timeout: 2_000, interval: 20 })
      .toBe(before + 1);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(reportStock(chain.doc).get(store)?.pieces).toBe(stockBefore - 1);
    // The manager of the other store cannot open this store's figures; this store's manager can.
    const manager = await login(r, demoUser(r, 'manager', 1).login);
    const managerDevice = connectDevice({ url: r.wsUrl, token: manager.token, deviceId: manager.device });
    devices.push(managerDevice);
    const own = managerDevice.open(names.report(store));
    await own.synced;
    expect(reportDays(own.doc).get(dayKey(store, day))?.sales).toBe(before + 1);
    expect(
      reportMeta(own.doc)
        .get('meta')
        ?.stores.map((s) => s.id),
    ).toEqual([store]);
  });

  it('REPORT-10, REPORT-11: the API answers owners for every store, managers for theirs, nobody else', async () => {
    const r = await start();
    await validator?.idle();
    const owner = await login(r, demoUser(r, 'owner').login);
    const manager = await login(r, demoUser(r, 'manager', 0).login);
    const associate = await login(r, demoUser(r, 'associate', 0).login);
    const paris = demoUser(r, 'manager', 0).store;
    const ny = demoUser(r, 'manager', 1).store;
    // A few sales in Paris, decided as the relay's own tools do (the envelope's user trusted).
    const decider = new CommandDecider(r.db, { attribution: 'envelope' });
    const seller = await login(r, demoUser(r, 'associate', 0).login);
    const pieces = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 3",
      )
      .all(paris) as { serial: string; minor: number; currency: string }[];
    const sold = decider.decideOutbox(
      seller.device,
      pieces.map((p, i) =>
        saleEnvelope(
          seller,
          paris,
          p,
          new Date(Date.now() - i * 3_600_000).toISOString(),
          storeTax(r, paris),
        ),
      ),
    );
    expect(sold.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const q = '/api/reports?from=2024-01-01&to=2033-01-01';
    expect((await get(r, q)).status).toBe(401);
    expect((await get(r, q, 'forged.token.here')).status).toBe(401);
    expect((await get(r, q, associate.token)).status).toBe(403);
    expect((await get(r, `${q}&store=${ny}`, manager.token)).status).toBe(403);
    expect((await get(r, '/api/reports?from=2026-13-01&to=2026-12-31', owner.token)).status).toBe(400);
    expect((await get(r, '/api/reports?from=2026-02-01&to=2026-01-01', owner.token)).status).toBe(400);
    expect((await get(r, '/api/reports?from=2000-01-01&to=2100-01-01', owner.token)).status).toBe(400);
    expect((await get(r, `${q}&by=colour`, owner.token)).status).toBe(400);
    const all = await get(r, q, owner.token);
    expect(all.status).toBe(200);
    const rows = all.body.rows as { store: string; figures: { sales: number } }[];
    expect(rows.reduce((s, x) => s + x.figures.sales, 0)).toBe(3);
    expect(new Set(rows.map((x) => x.store))).toEqual(new Set([paris, ny]));
    // Every sale in SQL is counted once in the rollups.
    const sales = Number((r.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n);
    expect(rows.reduce((s, x) => s + x.figures.sales, 0)).toBe(sales);
    const mine = await get(r, q, manager.token);
    expect((mine.body.rows as { store: string }[]).every((x) => x.store === paris)).toBe(true);
    // REPORT-11: a manager's clients by tier are their stores' only; stock=0 leaves stock out.
    const tiers = mine.body.clientTiers as { rows: { store: string }[]; totals: { tier: string }[] };
    expect(tiers.rows.every((x) => x.store === paris)).toBe(true);
    expect(tiers.totals.map((t) => t.tier)).toEqual(['vip', 'loyal', 'new', 'none', 'unnamed']);
    expect((await get(r, `${q}&stock=0`, manager.token)).body.stock).toEqual([]);
    expect((await get(r, `${q}&stock=maybe`, owner.token)).body.error).toBe('invalid-stock');

    // Drill-down: the busiest day of the Paris store lists exactly the sales its rollup counts.
    const byDay = await get(r, `${q}&by=day&store=${paris}`, manager.token);
    const days = byDay.body.rows as { key: string; figures: { sales: number; revenueMinor: number } }[];
    const busiest = [...days].sort((a, b) => b.figures.sales - a.figures.sales)[0];
    if (!busiest) throw new Error('the demo history has no sale in Paris');
    const list = await get(r, `/api/reports/sales?store=${paris}&day=${busiest.key}`, manager.token);
    expect(list.status).toBe(200);
    const daySales = list.body.sales as { revenueMinor: number }[];
    expect(daySales).toHaveLength(busiest.figures.sales);
    expect(daySales.reduce((s, x) => s + x.revenueMinor, 0)).toBe(busiest.figures.revenueMinor);
    expect((await get(r, `/api/reports/sales?store=${ny}&day=${busiest.key}`, manager.token)).status).toBe(
      403,
    );
    expect((await get(r, `/api/reports/sales?store=${paris}&day=yesterday`, manager.token)).status).toBe(400);
  });
  it('REPORT-13: a summary computed off the relay thread equals the one computed in place, sees a decision just committed, and a failure is said in words', async () => {
    const r = await start();
    await validator?.idle();
    const runner = new ReportRunner(r.db);
    try {
      const rates = reportingRates(r.db);
      const query = { from: '2024-01-01', to: '2033-01-01', by: 'all' as const };
      const inPlace = summarize(r.db, query, rates);
      const first = await runner.summarize(query, rates);
      expect(JSON.parse(JSON.stringify(first))).toEqual(JSON.parse(JSON.stringify(inPlace)));
      expect(runner.offThread).toBe(1);
      // A sale decided on the relay's connection is in the worker's next answer.
      const paris = demoUser(r, 'manager', 0).store;
      const seller = await login(r, demoUser(r, 'associate', 0).login);
      const piece = r.db
        .prepare(
          "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
        )
        .get(paris) as { serial: string; minor: number; currency: string };
      const decided = new CommandDecider(r.db, { attribution: 'envelope' }).decideOutbox(seller.device, [
        saleEnvelope(seller, paris, piece, new Date().toISOString(), storeTax(r, paris)),
      ]);
      expect(decided[0]?.status).toBe('accepted');
      const sales = (s: { rows: { figures: { sales: number } }[] }) =>
        s.rows.reduce((n, x) => n + x.figures.sales, 0);
      expect(sales(await runner.summarize(query, rates))).toBe(sales(inPlace) + 1);
      // A query the summary cannot answer is refused in words; the worker answers the next one.
      await expect(runner.summarize(query, null as unknown as typeof rates)).rejects.toThrow(/./);
      expect(sales(await runner.summarize(query, rates))).toBe(sales(inPlace) + 1);
      // Stopped (the relay shutting down), a runner starts a new worker when asked again.
      await runner.close();
      expect(sales(await runner.summarize(query, rates))).toBe(sales(inPlace) + 1);
    } finally {
      await runner.close();
    }
  });
});
