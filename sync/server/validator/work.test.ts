/** Custom orders and repairs over a real relay: stages, projection, status links, mail (WORK-*, LINK-*, MAIL-*). */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../domain/ids.ts';
import { claimCheckOf } from '../../../domain/work-order.ts';
import { names } from '../../shared/doc-names.ts';
import { readClient } from '../../shared/docs/clients.ts';
import { readJobs, stockJobs } from '../../shared/docs/stock.ts';
import { clientWithEmail, smtpPerTest } from '../mail.support.test.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { rebuildStock } from '../stock-projection.ts';
import { demoUser, login, startTestRelay } from '../test-utils.ts';
import { type MailOptions, mailerOf } from '../work-mail.ts';
import { validatorExtensions, validatorMigrations } from './index.ts';

const smtpServer = smtpPerTest();
const perTest = closeAfterEach();

const start = (mail: MailOptions) =>
  startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) => validatorExtensions(db, documents, { mail: { pollMs: 100, ...mail } }),
  });

const repairStages = (orderId: string) =>
  [
    { orderId, stage: 'estimated' },
    { orderId, stage: 'approved', total: { minor: 12_000, currency: 'EUR' } },
    { orderId, stage: 'at-bench', place: { workshop: 'Atelier Roux', sentOn: '2026-03-02' } },
    { orderId, stage: 'quality-check' },
    { orderId, stage: 'ready' },
  ] as const;

describe('work orders and repairs over a real relay', () => {
  it('WORK-7, WORK-9, WORK-10, REPAIR-5: a repair moves through its stages; every device sees stage, moves and balance', async () => {
    perTest.relay = await start({ outboxDir: mkdtempSync(join(tmpdir(), 'loupe-mail-')) });
    const r = perTest.relay;
    const a = await perTest.till(r, 'associate');
    const { clientId } = await clientWithEmail(r, a, { email: 'amelie@example.com', consent: false });
    const orderId = uuidv7();
    expect(
      (
        await a.send('order.open', {
          orderId,
          kind: 'repair',
          clientId,
          total: { minor: 10_000, currency: 'EUR' },
          description: 'Resize gold band',
          dueDate: '2026-03-20',
        })
      ).status,
    ).toBe('accepted');
    for (const p of repairStages(orderId))
      expect((await a.send('work.stage', p)).status, p.stage).toBe('accepted');
    // Collection: the balance first, then the claim check.
    const owed = await a.send('work.stage', {
      orderId,
      stage: 'collected',
      collection: { clientIdentified: true },
    });
    expect(owed.code).toBe('balance-due');
    expect(
      (
        await a.send('deposit.take', {
          orderId,
          depositId: uuidv7(),
          amount: { minor: 12_000, currency: 'EUR' },
          tender: 'card',
        })
      ).status,
    ).toBe('accepted');
    const wrong = await a.send('work.stage', {
      orderId,
      stage: 'collected',
      collection: { claimCheck: 'R-00000000' },
    });
    expect(wrong.code).toBe('claim-check-mismatch');
    const claimCheck = claimCheckOf('repair', orderId);
    expect(
      (await a.send('work.stage', { orderId, stage: 'collected', collection: { claimCheck } })).status,
    ).toBe('accepted');
    // SQL holds every move with who and when; the designer's till sees the projection.
    const moves = r.db
      .prepare('SELECT to_stage, user_id FROM order_stages WHERE order_id = ? ORDER BY at')
      .all(orderId);
    expect(moves.map((m) => (m as { to_stage: string }).to_stage)).toEqual([
      'estimated',
      'approved',
      'at-bench',
      'quality-check',
      'ready',
      'collected',
    ]);
    const d = await perTest.till(r, 'designer');
    const stock = d.device.open(names.stock(d.store));
    await stock.synced;
    await expect.poll(() => readJobs(stock.doc).get(orderId)?.stage).toBe('collected');
    const job = readJobs(stock.doc).get(orderId);
    expect(job).toMatchObject({
      claimCheck,
      totalMinor: 12_000,
      paidMinor: 12_000,
      balanceMinor: 0,
      dueDate: '2026-03-20',
    });
    expect(job?.moves[2]).toMatchObject({
      stage: 'at-bench',
      place: { workshop: 'Atelier Roux' },
      user: a.session.user.id,
    });
    // A rebuild from SQL (npm run rebuild-documents) gives the same jobs (WORK-7).
    expect(await rebuildStock(r.db, r.hocuspocus, a.store)).toBe(0);
    await writeRelayDoc(r.hocuspocus, names.stock(a.store), 'test', (doc) => stockJobs(doc).delete(orderId));
    expect(await rebuildStock(r.db, r.hocuspocus, a.store)).toBe(1);
    await expect.poll(() => readJobs(stock.doc).get(orderId)?.stage).toBe('collected');
  });

  it('LINK-1…4: a manager makes a status link a client opens on a phone; revoked, it stops; forgeries never open', async () => {
    perTest.relay = await start({ outboxDir: mkdtempSync(join(tmpdir(), 'loupe-mail-')) });
    const r = perTest.relay;
    const a = await perTest.till(r, 'associate');
    const clientId = r.demo.clientIds[a.store]?.[0] ?? '';
    const orderId = uuidv7();
    await a.send('order.open', {
      orderId,
      kind: 'custom',
      clientId,
      total: { minor: 250_000, currency: 'EUR' },
      description: 'Sapphire ring',
      dueDate: '2026-05-01',
    });
    await a.send('deposit.take', {
      orderId,
      depositId: uuidv7(),
      amount: { minor: 100_000, currency: 'EUR' },
      tender: 'card',
    });
    const links = `${r.url}/api/work/${orderId}/status-links`;
    const as = (token?: string, init: RequestInit = {}) =>
      fetch(links, {
        ...init,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          'Content-Type': 'application/json',
        },
      });
    expect((await as(undefined, { method: 'POST' })).status).toBe(401);
    expect((await as(a.session.token, { method: 'POST' })).status).toBe(403);
    const other = await login(r, demoUser(r, 'manager', 1).login);
    expect((await as(other.token, { method: 'POST' })).status).toBe(403);
    const manager = await login(r, demoUser(r, 'manager', 0).login);
    expect((await as(manager.token, { method: 'POST', body: JSON.stringify({ days: 0 }) })).status).toBe(400);
    const made = await as(manager.token, { method: 'POST', body: JSON.stringify({ days: 30 }) });
    expect(made.status).toBe(201);
    const { url, token, link } = (await made.json()) as { url: string; token: string; link: { id: string } };
    const pageRes = await fetch(url, { headers: { 'Accept-Language': 'fr-FR' } });
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain('Sapphire ring');
    expect(html).toContain('data-stage="consultation"');
    expect(html).toContain('data-balance="150000"');
    expect(html).toContain('Reste à payer');
    expect(html).toContain('name="viewport"');
    // An access token is no status token; a tampered one is refused.
    expect((await fetch(`${r.url}/status/${manager.token}`)).status).toBe(404);
    expect((await fetch(`${r.url}/status/${token.slice(0, -4)}AAAA`)).status).toBe(404);
    const list = (await (await as(manager.token)).json()) as {
      links: { id: string; revokedAt: string | null }[];
    };
    expect(list.links.map((l) => l.id)).toEqual([link.id]);
    const revoke = await fetch(`${links}/${link.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${manager.token}` },
    });
    expect(revoke.status).toBe(200);
    expect((await fetch(url)).status).toBe(404);
    expect(r.db.prepare('SELECT revoked_by FROM status_links WHERE id = ?').get(link.id)).toEqual({
      revoked_by: manager.user.id,
    });
  });

  it('MAIL-1…4: a ready repair mails a consenting client over SMTP; the unsubscribe link withdraws consent, and no more mail goes', async () => {
    const { url, mail } = await smtpServer();
    perTest.relay = await start({ smtpUrl: url, publicUrl: 'http://shop.test' });
    const r = perTest.relay;
    const a = await perTest.till(r, 'associate');
    const { clientId, book } = await clientWithEmail(r, a, { email: 'amelie@example.com', consent: true });
    const orderId = uuidv7();
    await a.send('order.open', {
      orderId,
      kind: 'repair',
      clientId,
      total: { minor: 10_000, currency: 'EUR' },
      description: 'Clasp on pearl necklace',
    });
    for (const p of repairStages(orderId)) await a.send('work.stage', p);
    await expect.poll(() => mail.length, { timeout: 10_000 }).toBe(1);
    const parsed = await simpleParser(mail[0] as Buffer);
    expect(parsed.subject).toMatch(/repair is ready/);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('amelie@example.com');
    expect(parsed.text).toContain('Clasp on pearl necklace');
    const unsubscribe = /(http:\/\/shop\.test\/unsubscribe\/\S+)/.exec(parsed.text ?? '')?.[1] ?? '';
    expect(
      String(parsed.headers.get('list-unsubscribe') ?? JSON.stringify(parsed.headers.get('list'))),
    ).toContain('unsubscribe');
    // Mailed once, however many passes run.
    await mailerOf(r.db)?.tick();
    expect(mail).toHaveLength(1);
    const path = unsubscribe.replace('http://shop.test', r.url);
    const ask = await fetch(path);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('<form method="post">');
    expect(readClient(book.doc, clientId)?.consent.email?.granted).toBe(true);
    expect((await fetch(path, { method: 'POST' })).status).toBe(200);
    await expect.poll(() => readClient(book.doc, clientId)?.consent.email?.granted).toBe(false);
    expect(
      r.db.prepare('SELECT channel, granted, source FROM consent_changes WHERE client_id = ?').all(clientId),
    ).toEqual([{ channel: 'email', granted: 0, source: 'unsubscribe-link' }]);
    // A second job ready: no consent, no mail (recorded why).
    const second = uuidv7();
    await a.send('order.open', {
      orderId: second,
      kind: 'repair',
      clientId,
      total: { minor: 10_000, currency: 'EUR' },
      description: 'Polish',
    });
    for (const p of repairStages(second)) await a.send('work.stage', p);
    await expect
      .poll(() => r.db.prepare('SELECT transport FROM work_mail WHERE order_id = ?').get(second), {
        timeout: 10_000,
      })
      .toEqual({ transport: 'skipped-no-consent' });
    expect(mail).toHaveLength(1);
    // MAIL-6: the instalment reminder follows the same consent rule.
    expect(
      await mailerOf(r.db)?.sendInstalmentDue({
        store: a.store,
        clientId,
        orderId,
        dueDate: '2026-04-01',
        amountMinor: 5_000,
        currency: 'EUR',
      }),
    ).toEqual({ sent: false, reason: 'no-consent' });
    // A forged unsubscribe link changes nothing.
    expect((await fetch(`${r.url}/unsubscribe/${'x'.repeat(40)}`, { method: 'POST' })).status).toBe(404);
  });

  it('MAIL-5: without SMTP_URL the mail is written to the outbox folder, which a manager of the store reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-mail-'));
    perTest.relay = await start({ outboxDir: dir, smtpUrl: undefined });
    const r = perTest.relay;
    const a = await perTest.till(r, 'associate');
    const { clientId } = await clientWithEmail(r, a, { email: 'amelie@example.com', consent: true });
    expect(
      await mailerOf(r.db)?.sendInstalmentDue({
        store: a.store,
        clientId,
        orderId: uuidv7(),
        dueDate: '2026-04-01',
        amountMinor: 5_000,
        currency: 'EUR',
      }),
    ).toMatchObject({ sent: true, transport: 'outbox', to: 'amelie@example.com' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const outbox = `${r.url}/api/work/mail-outbox?store=${a.store}`;
    expect((await fetch(outbox, { headers: { Authorization: `Bearer ${a.session.token}` } })).status).toBe(
      403,
    );
    const manager = await login(r, demoUser(r, 'manager', 0).login);
    const res = await fetch(outbox, { headers: { Authorization: `Bearer ${manager.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { subject: string; to: string; text: string }[] };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]?.subject).toMatch(/instalment is due on 2026-04-01/);
    expect(body.messages[0]?.text).toContain('/unsubscribe/');
    const nyManager = await login(r, demoUser(r, 'manager', 1).login);
    const ny = await fetch(`${r.url}/api/work/mail-outbox?store=${demoUser(r, 'manager', 1).store}`, {
      headers: { Authorization: `Bearer ${nyManager.token}` },
    });
    expect(((await ny.json()) as { messages: unknown[] }).messages).toHaveLength(0);
  });
});
