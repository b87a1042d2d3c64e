/**
 * Merge and erase behind a real relay (MERGE-5..7, PRIVACY-3, PRIVACY-4, HISTORY-4): a manager's
 * till sends the commands; SQL, the ledger, the client book and the audit follow.
 */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../domain/ids.ts';
import { currency, money } from '../../../domain/money.ts';
import { taxOn } from '../../../domain/tax.ts';
import { command } from '../../shared/command-builder.ts';
import { names } from '../../shared/doc-names.ts';
import { auditEntries } from '../../shared/docs/audit.ts';
import { clientBook, readClient, resolveClient, setClientField } from '../../shared/docs/clients.ts';
import { ledgerEntries } from '../../shared/docs/ledger.ts';
import { closeAfterEach, type Till } from '../relay-per-test.support.test.ts';
import { demoUser, login, startValidatingRelay, storeTax, type TestRelay } from '../test-utils.ts';

const perTest = closeAfterEach();

function inStock(r: TestRelay, store: string, n: number) {
  return r.db
    .prepare(
      "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT ?",
    )
    .all(store, n) as { serial: string; minor: number; currency: string }[];
}

async function send(t: Till, type: Parameters<typeof command>[1], payload: unknown) {
  const c = command(
    { store: t.store, device: t.session.device, user: t.session.user.id },
    type,
    payload as never,
  );
  t.device.append(c as never);
  return { id: c.id, at: c.at, outcome: await t.device.outcome(c.id, { store: t.store, at: c.at }) };
}

async function sell(
  r: TestRelay,
  t: Till,
  piece: { serial: string; minor: number; currency: string },
  clientId: string,
) {
  const { tax, total } = taxOn(money(piece.minor, currency(piece.currency)), storeTax(r, t.store));
  return send(t, 'sale.complete', {
    saleId: uuidv7(),
    lines: [{ serial: piece.serial, price: { minor: piece.minor, currency: piece.currency } }],
    tax,
    total,
    tenders: [{ kind: 'card', amount: total, reference: 'T-1' }],
    clientId,
  });
}

const api = async (r: TestRelay, path: string, token: string) => {
  const res = await fetch(`${r.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('client merge behind the relay', () => {
  it('MERGE-5, MERGE-6, MERGE-7: two clients with sales each, merged: the survivor holds every sale, ledger totals unchanged, the merged id resolves to the survivor', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const book = manager.device.open(names.clients(manager.store));
    await book.synced;
    const [a, b] = r.demo.clientIds[manager.store] ?? [];
    if (!a || !b) throw new Error('demo has no clients');
    const beforeA = readClient(book.doc, a);
    const beforeB = readClient(book.doc, b);
    const pieces = inStock(r, manager.store, 3);
    const sales = [
      await sell(r, manager, pieces[0] as never, a),
      await sell(r, manager, pieces[1] as never, b),
      await sell(r, manager, pieces[2] as never, b),
    ];
    for (const s of sales) expect(s.outcome.status).toBe('accepted');
    const total = (id: string) =>
      Number(
        (
          r.db
            .prepare('SELECT coalesce(sum(total_minor), 0) AS t FROM sales WHERE client_id = ?')
            .get(id) as { t: number }
        ).t,
      );
    const all = Number((r.db.prepare('SELECT sum(total_minor) AS t FROM sales').get() as { t: number }).t);
    const expected = total(a) + total(b);

    const merge = await send(manager, 'client.merge', {
      survivorId: a,
      mergedId: b,
      picks: { names: 'merged', notes: 'both' },
    });
    expect(merge.outcome.status).toBe('accepted');

    // SQL: every sale of both now names the survivor; the ledger's total is the same.
    expect(total(a)).toBe(expected);
    expect(total(b)).toBe(0);
    expect(Number((r.db.prepare('SELECT sum(total_minor) AS t FROM sales').get() as { t: number }).t)).toBe(
      all,
    );

    // The client book: the survivor took the merged client's name; the merged id resolves to it.
    await expect.poll(() => resolveClient(book.doc, b).id).toBe(a);
    expect(readClient(book.doc, b)).toBeUndefined();
    expect(readClient(book.doc, a)?.names.last).toBe(beforeB?.names.last);

    // The ledger: the merged client's sales are published again naming the survivor.
    const ledger = manager.device.open(names.ledger(manager.store, sales[1]?.at ?? ''));
    await ledger.synced;
    await expect
      .poll(() =>
        sales.map(
          (s) =>
            (ledgerEntries(ledger.doc).get(s.id)?.payload as { clientId?: string } | undefined)?.clientId,
        ),
      )
      .toEqual([a, a, a]);

    // The history API: the survivor's history holds all three; the merged id answers for it.
    const history = await api(
      r,
      `/api/clients/history?store=${manager.store}&client=${b}`,
      manager.session.token,
    );
    expect(history.status).toBe(200);
    expect(history.body.client).toBe(a);
    expect(history.body.resolvedFrom).toBe(b);
    const lines = history.body.lines as { kind: string; id: string }[];
    expect(lines.filter((l) => l.kind === 'purchase')).toHaveLength(3);

    // The audit: both profiles as they were.
    const audit = manager.device.open(names.audit(manager.store));
    await audit.synced;
    await expect
      .poll(
        () =>
          auditEntries(audit.doc)
            .toArray()
            .find((e) => e.id === `merge:${merge.id}`)?.profiles,
      )
      .toEqual({ survivor: beforeA, merged: beforeB });

    // Merging again is refused: the merged client is gone.
    const again = await send(manager, 'client.merge', { survivorId: a, mergedId: b, picks: {} });
    expect(again.outcome).toMatchObject({ status: 'rejected', code: 'client-gone' });
  });

  it('MERGE-4: an associate may not merge; an unknown client is refused by name', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const associate = await perTest.till(r, 'associate');
    await associate.device.open(names.clients(associate.store)).synced;
    const [a, b] = r.demo.clientIds[associate.store] ?? [];
    const refused = await send(associate, 'client.merge', { survivorId: a, mergedId: b, picks: {} });
    expect(refused.outcome).toMatchObject({ status: 'rejected', code: 'not-allowed' });
    const manager = await perTest.till(r, 'manager');
    const unknown = await send(manager, 'client.merge', { survivorId: a, mergedId: uuidv7(), picks: {} });
    expect(unknown.outcome).toMatchObject({ status: 'rejected', code: 'client-unknown' });
  });

  it('PRIVACY-3, PRIVACY-4: a manager exports then erases a client: fields gone from the book and the audit, sales kept detached', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const book = manager.device.open(names.clients(manager.store));
    await book.synced;
    const [a] = r.demo.clientIds[manager.store] ?? [];
    if (!a) throw new Error('demo has no clients');
    setClientField(book.doc, a, 'wristCm', 17.5);
    const piece = inStock(r, manager.store, 1)[0];
    const sale = await sell(r, manager, piece as never, a);
    expect(sale.outcome.status).toBe('accepted');
    const audit = manager.device.open(names.audit(manager.store));
    await audit.synced;
    await expect
      .poll(() =>
        auditEntries(audit.doc)
          .toArray()
          .some((e) => e.values?.[`${a}.wristCm`]?.after === 17.5),
      )
      .toBe(true);

    const associate = await login(r, demoUser(r, 'associate', 0).login);
    const forbidden = await api(r, `/api/clients/export?store=${manager.store}&client=${a}`, associate.token);
    expect(forbidden.status).toBe(403);
    const exported = await api(
      r,
      `/api/clients/export?store=${manager.store}&client=${a}`,
      manager.session.token,
    );
    expect(exported.status).toBe(200);
    expect((exported.body.profile as { wristCm?: number }).wristCm).toBe(17.5);
    expect(exported.body.sales as unknown[]).toHaveLength(1);
    expect((exported.body.audit as unknown[]).length).toBeGreaterThan(0);

    const erase = await send(manager, 'client.erase', { clientId: a, reason: 'asked in store, form 12' });
    expect(erase.outcome.status).toBe('accepted');
    await expect.poll(() => resolveClient(book.doc, a).status).toBe('erased');
    expect(JSON.stringify(clientBook(book.doc).get(a))).not.toContain('17.5');
    await expect
      .poll(() =>
        auditEntries(audit.doc)
          .toArray()
          .some((e) => JSON.stringify(e.values ?? {}).includes(a)),
      )
      .toBe(false);
    // The sale stays, without its client.
    expect(
      r.db.prepare('SELECT client_id FROM sales WHERE id IN (SELECT id FROM sales)').all(),
    ).not.toContainEqual({
      client_id: a,
    });
    expect(
      Number((r.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n),
    ).toBeGreaterThan(0);
    const ledger = manager.device.open(names.ledger(manager.store, sale.at));
    await ledger.synced;
    await expect.poll(() => ledgerEntries(ledger.doc).get(sale.id)?.status).toBe('accepted');
    await expect
      .poll(
        () =>
          (ledgerEntries(ledger.doc).get(sale.id)?.payload as { clientId?: string } | undefined)?.clientId,
      )
      .toBeUndefined();
  });

  it('HISTORY-4, HISTORY-5: the history is paged and refused for another store; dated rates set by command are read by every staff', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    await manager.device.open(names.clients(manager.store)).synced;
    const [a] = r.demo.clientIds[manager.store] ?? [];
    if (!a) throw new Error('demo has no clients');
    for (const piece of inStock(r, manager.store, 3))
      expect((await sell(r, manager, piece, a)).outcome.status).toBe('accepted');
    const token = manager.session.token;
    const first = await api(r, `/api/clients/history?store=${manager.store}&client=${a}&limit=2`, token);
    const purchases = (first.body.lines as { kind: string }[]).filter((l) => l.kind === 'purchase');
    expect(purchases).toHaveLength(2);
    expect(typeof first.body.next).toBe('string');
    const rest = await api(
      r,
      `/api/clients/history?store=${manager.store}&client=${a}&limit=2&before=${encodeURIComponent(String(first.body.next))}`,
      token,
    );
    expect(
      (rest.body.lines as { kind: string }[]).filter((l) => l.kind === 'purchase').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await api(r, `/api/clients/history?store=${manager.store}&client=${uuidv7()}`, token)).status,
    ).toBe(404);
    expect(
      (await api(r, `/api/clients/history?store=${manager.store}&client=${a}&limit=500`, token)).status,
    ).toBe(400);
    const other = demoUser(r, 'manager', 1).store;
    expect((await api(r, `/api/clients/history?store=${other}&client=${a}`, token)).status).toBe(403);

    const rate = { from: 'USD', to: 'EUR', rate: '0.92', date: '2026-01-01' };
    // Rates are set by a command (RATE-*), never by a POST to the read endpoint.
    const post = await fetch(`${r.url}/api/exchange-rates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(rate),
    });
    expect(post.status).toBe(405);
    const owner = await perTest.till(r, 'owner');
    expect((await send(owner, 'exchange-rate.set', { rate })).outcome.status).toBe('accepted');
    const rates = await api(r, '/api/exchange-rates', token);
    expect(rates.body.rates).toEqual([rate]);
  });
});
