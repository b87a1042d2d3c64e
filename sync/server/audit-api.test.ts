/** The audit viewer's API and the owner's chain check over a real relay (AUDITV-*, CHAIN-3). */
import { describe, expect, it } from 'vitest';
import type { AuditLine } from './audit-api.ts';
import { closeAfterEach } from './relay-per-test.support.test.ts';
import { demoUser, login, sessionEnvelope, startValidatingRelay, type TestRelay } from './test-utils.ts';

const perTest = closeAfterEach();

const envelope = sessionEnvelope;

async function get(r: TestRelay, path: string, token?: string) {
  const res = await fetch(`${r.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('audit API', () => {
  it('AUDITV-1, AUDITV-3: a manager reads who changed a price and a title, with before → after, filtered by piece', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const { session: manager, device: till } = await perTest.till(r, 'manager');
    const piece = r.db
      .prepare(
        "SELECT serial, list_price_minor, currency, record FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      )
      .get(paris) as {
      serial: string;
      list_price_minor: number;
      currency: string;
      record: string;
    };
    const oldTitle = (JSON.parse(piece.record) as { title?: string }).title;
    const commands = [
      envelope(manager, paris, 'price.change', {
        serial: piece.serial,
        listPrice: { minor: Number(piece.list_price_minor) + 50_000, currency: piece.currency },
        reason: 'Gold price up',
      }),
      envelope(manager, paris, 'piece.update', {
        serial: piece.serial,
        changes: { title: 'Riviera necklace' },
      }),
    ];
    for (const c of commands) {
      till.append(c);
      expect((await till.outcome(c.id)).status, c.type).toBe('accepted');
    }

    const { status, body } = await get(
      r,
      `/api/audit?store=${paris}&piece=${encodeURIComponent(piece.serial)}`,
      manager.token,
    );
    expect(status).toBe(200);
    const lines = body.lines as AuditLine[];
    const [update, price] = lines;
    expect(update).toMatchObject({
      kind: 'command',
      type: 'piece.update',
      user: manager.user.id,
      userName: manager.user.name,
      device: manager.device,
      diff: { title: { before: oldTitle ?? null, after: 'Riviera necklace' } },
    });
    expect(price).toMatchObject({
      type: 'price.change',
      diff: {
        listPrice: {
          before: { minor: Number(piece.list_price_minor), currency: piece.currency },
          after: { minor: Number(piece.list_price_minor) + 50_000 },
        },
      },
    });
    // Every line is about that piece.
    for (const l of lines) expect(JSON.stringify(l)).toContain(piece.serial);

    // Filtered by person and device: the manager's till only.
    const mine = await get(r, `/api/audit?store=${paris}&device=${manager.device}`, manager.token);
    expect((mine.body.lines as AuditLine[]).map((l) => l.id).sort()).toEqual(
      commands.map((c) => c.id).sort(),
    );
  });

  it('AUDITV-2: associates, other stores, forged tokens and bad filters are refused with a reason', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const ny = r.demo.stores[1]?.id ?? '';
    const associate = await login(r, demoUser(r, 'associate', 0).login);
    const manager = await login(r, demoUser(r, 'manager', 0).login);
    expect((await get(r, `/api/audit?store=${paris}`)).status).toBe(401);
    expect((await get(r, `/api/audit?store=${paris}`, `${manager.token.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await get(r, `/api/audit?store=${paris}`, associate.token)).status).toBe(403);
    expect((await get(r, `/api/audit?store=${ny}`, manager.token)).status).toBe(403);
    expect(await get(r, `/api/audit?store=${paris}&from=yesterday-ish`, manager.token)).toMatchObject({
      status: 400,
      body: { message: 'from: expected a date or an ISO time' },
    });
    expect((await get(r, `/api/audit?store=${paris}&limit=100000`, manager.token)).status).toBe(400);
    expect((await get(r, '/api/audit/verify', manager.token)).status).toBe(403);
  });

  it('CHAIN-3: the owner API names the first edited entry', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const owner = await login(r, demoUser(r, 'owner').login);
    const paris = r.demo.stores[0]?.id ?? '';
    const till = perTest.connect(r, owner);
    const serials = (
      r.db
        .prepare("SELECT serial FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 3")
        .all(paris) as {
        serial: string;
      }[]
    ).map((p) => p.serial);
    for (const serial of serials) {
      const c = envelope(owner, paris, 'piece.update', { serial, changes: { collection: 'Riviera' } });
      till.append(c);
      expect((await till.outcome(c.id)).status).toBe('accepted');
    }
    const good = await get(r, '/api/audit/verify', owner.token);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ ok: true, first: null, checked: 3 });
    const victim = r.db.prepare('SELECT id FROM commands ORDER BY seq LIMIT 1 OFFSET 1').get() as {
      id: string;
    };
    r.db.prepare("UPDATE commands SET user_id = 'someone-else' WHERE id = ?").run(victim.id);
    const bad = await get(r, '/api/audit/verify', owner.token);
    expect(bad.body).toMatchObject({
      ok: false,
      first: { kind: 'command', ref: victim.id, problem: 'edited' },
    });
  });
});
