/** End of day over a real relay and SQLite (domain/SPEC.md EOD-*, sync/SPEC.md EOD-6). */
import { describe, expect, it } from 'vitest';
import { businessDay } from '../../../domain/business-day.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import {
  demoUser,
  login,
  saleEnvelope,
  sessionEnvelope,
  startValidatingRelay,
  storeTax,
} from '../test-utils.ts';

const perTest = closeAfterEach();

const envelope = sessionEnvelope;

describe('end of day', () => {
  it('EOD-3, EOD-4, EOD-6: a manager closes the day from the relay’s own figures; the close is never changed, only corrected', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const { session: manager, device: till } = await perTest.till(r, 'manager');
    const pieces = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 2",
      )
      .all(paris) as { serial: string; minor: number; currency: string }[];
    const [cashPiece, cardPiece] = pieces.map((p) => ({ ...p, minor: Number(p.minor) }));
    if (!cashPiece || !cardPiece) throw new Error('demo has pieces');
    // One sale in cash (the client hands over more: change is not takings), one by card.
    type SalePayload = { total: { minor: number; currency: string }; tenders: unknown[] };
    const rule = storeTax(r, paris);
    const cashSale = saleEnvelope(manager, paris, cashPiece, undefined, rule);
    const paid = (cashSale.payload as SalePayload).total;
    const cashTender = { kind: 'cash', amount: paid, tendered: { ...paid, minor: paid.minor + 5_000 } };
    const cash = { ...cashSale, payload: { ...(cashSale.payload as SalePayload), tenders: [cashTender] } };
    const card = saleEnvelope(manager, paris, cardPiece, undefined, rule);
    const cardPaid = (card.payload as SalePayload).total;
    for (const c of [cash, card]) {
      till.append(c as never);
      expect((await till.outcome(c.id)).status).toBe('accepted');
    }
    const tz = (r.db.prepare('SELECT time_zone FROM stores WHERE id = ?').get(paris) as { time_zone: string })
      .time_zone;
    const day = businessDay(Date.now(), tz);
    const get = async (token: string, query = `store=${paris}&day=${day}`) => {
      const res = await fetch(`${r.url}/api/end-of-day?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const before = await get(manager.token);
    expect(before.status).toBe(200);
    expect(before.body.takings).toMatchObject({
      sales: 2,
      byTender: { cash: { in: paid.minor, out: 0 }, card: { in: cardPaid.minor, out: 0 } },
    });

    const float = { minor: 20_000, currency: cashPiece.currency };
    const first = envelope(manager, paris, 'day.close', {
      closeId: uuidv7(),
      day,
      float,
      counted: { minor: 20_000 + paid.minor, currency: cashPiece.currency },
    });
    till.append(first as never);
    expect((await till.outcome(first.id)).status).toBe('accepted');
    const again = envelope(manager, paris, 'day.close', { closeId: uuidv7(), day, float, counted: float });
    till.append(again as never);
    expect(await till.outcome(again.id)).toMatchObject({ status: 'rejected', code: 'day-already-closed' });
    const correction = envelope(manager, paris, 'day.close', {
      closeId: uuidv7(),
      day,
      float,
      counted: { minor: 20_000 + paid.minor - 1_000, currency: cashPiece.currency },
      note: 'a 10 € note was in the safe bag',
      corrects: first.payload.closeId,
    });
    till.append(correction as never);
    expect((await till.outcome(correction.id)).status).toBe('accepted');

    const after = await get(manager.token);
    const closes = after.body.closes as {
      id: string;
      overShort: number;
      corrects: string | null;
      chainHead: string;
      byName: string;
    }[];
    expect(closes.map((c) => [c.id, c.overShort, c.corrects])).toEqual([
      [first.payload.closeId, 0, null],
      [correction.payload.closeId, -1_000, first.payload.closeId],
    ]);
    expect(closes[0]?.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(closes[0]?.byName).toBe(manager.user.name);
    // Not even the database's own hand changes a close.
    expect(() => r.db.prepare('UPDATE day_closes SET counted_minor = 0').run()).toThrow(
      /closed day is not changed/,
    );
    expect(() => r.db.prepare('DELETE FROM day_closes').run()).toThrow(/closed day is not changed/);

    // Associates do not read the drawer; another store's manager neither.
    const associate = await login(r, demoUser(r, 'associate', 0).login);
    expect((await get(associate.token)).status).toBe(403);
    const nyManager = await login(r, demoUser(r, 'manager', 1).login);
    expect((await get(nyManager.token)).status).toBe(403);
    expect((await get(manager.token, `store=${paris}&day=2026-02-30`)).body).toMatchObject({
      error: 'invalid-request',
    });
  });
});
