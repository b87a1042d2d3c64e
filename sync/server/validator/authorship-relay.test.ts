/**
 * Trust, tried from outside as an attacker would: HTTP login and the websocket only.
 * USER-*: a till cannot act as another person; a manager's override travels as a proof.
 * VAL-12: every command a device appends gets an outcome it can read, whatever is wrong with it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../../domain/ids.ts';
import { approveCommand } from '../../shared/command-proof.ts';
import type { Device } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import type { CommandEnvelope } from '../../shared/docs/outbox.ts';
import { appendCommand, commands } from '../../shared/docs/outbox.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import {
  demoUser,
  login,
  type SessionBody,
  sessionEnvelope,
  startTestRelay,
  type TestRelay,
} from '../test-utils.ts';
import { validatorExtensions, validatorMigrations } from './index.ts';

const perTest = closeAfterEach();

async function start(): Promise<TestRelay> {
  perTest.relay = await startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) => validatorExtensions(db, documents),
  });
  return perTest.relay;
}

const envelope = sessionEnvelope;

/** An order with a deposit taken by the associate, so refunds have something to refund. */
async function orderWithDeposit(device: Device, associate: SessionBody, store: string, currency: string) {
  const orderId = uuidv7();
  const open = envelope(associate, store, 'order.open', {
    orderId,
    kind: 'custom',
    clientId: uuidv7(),
    total: { minor: 500_000, currency },
    description: 'Engagement ring, client stone',
  });
  const deposit = envelope(associate, store, 'deposit.take', {
    orderId,
    depositId: uuidv7(),
    amount: { minor: 200_000, currency },
    tender: 'cash',
  });
  device.append(open);
  device.append(deposit);
  expect((await device.outcome(open.id)).status).toBe('accepted');
  expect((await device.outcome(deposit.id)).status).toBe('accepted');
  return orderId;
}

describe('who acts on a till (USER-*), from outside', () => {
  it("USER-1, USER-2: an associate's device naming the owner (100 % off) or the manager (a refund) is rejected as user-mismatch", async () => {
    const r = await start();
    const { store, login: name } = demoUser(r, 'associate', 0);
    const associate = await login(r, name);
    const owner = demoUser(r, 'owner');
    const manager = demoUser(r, 'manager', 0);
    const piece = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      )
      .get(store) as { serial: string; minor: number; currency: string };
    const device = perTest.connect(r, associate);
    const zero = { minor: 0, currency: piece.currency };
    const price = { minor: piece.minor, currency: piece.currency };
    const forgedSale = envelope(
      associate,
      store,
      'sale.complete',
      {
        saleId: uuidv7(),
        lines: [{ serial: piece.serial, price, discount: price }],
        tax: zero,
        total: zero,
        tenders: [{ kind: 'cash', amount: zero }],
      },
      owner.id,
    );
    device.append(forgedSale);
    expect(await device.outcome(forgedSale.id)).toMatchObject({ status: 'rejected', code: 'user-mismatch' });
    const status = r.db.prepare('SELECT status FROM pieces WHERE serial = ?').get(piece.serial);
    expect(status).toEqual({ status: 'in-stock' });

    const orderId = await orderWithDeposit(device, associate, store, piece.currency);
    const forgedRefund = envelope(
      associate,
      store,
      'deposit.refund',
      { orderId, refundId: uuidv7(), amount: { minor: 200_000, currency: piece.currency } },
      manager.id,
    );
    device.append(forgedRefund);
    expect(await device.outcome(forgedRefund.id)).toMatchObject({
      status: 'rejected',
      code: 'user-mismatch',
    });
    expect(r.db.prepare('SELECT paid_minor, refunded_minor FROM orders WHERE id = ?').get(orderId)).toEqual({
      paid_minor: 200_000,
      refunded_minor: 0,
    });
  });

  it('USER-1: commands appended one update at a time, in a burst, are all attributed to the connection and accepted', async () => {
    const r = await start();
    const associate = await login(r, demoUser(r, 'associate', 0).login);
    const store = associate.user.stores[0] ?? '';
    const currency = r.demo.stores.find((s) => s.id === store)?.currency ?? 'EUR';
    const device = perTest.connect(r, associate);
    await device.open(names.outbox(associate.device)).synced;
    const burst: CommandEnvelope[] = [];
    for (let i = 0; i < 40; i++) {
      const c = envelope(associate, store, 'order.open', {
        orderId: uuidv7(),
        kind: 'repair',
        clientId: uuidv7(),
        total: { minor: 10_000 + i, currency },
        description: `Resize ${i}`,
      });
      burst.push(c);
      device.append(c);
      // Each append its own websocket message, while the validator drains the ones before.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const outcomes = await Promise.all(burst.map((c) => device.outcome(c.id)));
    expect(outcomes.filter((o) => o.status !== 'accepted').map((o) => o.code)).toEqual([]);
  });

  it('USER-4: an override made offline with a real manager PIN is accepted on reconnect; a made-up approval is rejected', async () => {
    const r = await start();
    const { store, login: name } = demoUser(r, 'associate', 0);
    const manager = demoUser(r, 'manager', 0);
    const associate = await login(r, name);
    const currency = (
      r.db.prepare('SELECT currency FROM stores WHERE id = ?').get(store) as { currency: string }
    ).currency;
    const online = perTest.connect(r, associate);
    const orderId = await orderWithDeposit(online, associate, store, currency);
    // The manager has used their PIN on this till before: the till holds their key for it.
    const managerHere = await login(r, manager.login, { pin: manager.pin ?? '', device: associate.device });
    // The till's outbox as it keeps it (IndexedDB), while the network is down.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(online.open(names.outbox(associate.device)).doc));
    online.close();

    // Offline: the associate refunds part of the deposit; the manager approves with their PIN.
    const refund = envelope(associate, store, 'deposit.refund', {
      orderId,
      refundId: uuidv7(),
      amount: { minor: 50_000, currency },
    });
    const approved = {
      ...refund,
      approval: approveCommand(refund, manager.id, managerHere.signingKey, new Date().toISOString()),
    };
    const madeUp = {
      ...envelope(associate, store, 'deposit.refund', {
        orderId,
        refundId: uuidv7(),
        amount: { minor: 50_000, currency },
      }),
      approval: { by: manager.id, at: new Date().toISOString(), sig: 'Z'.repeat(43) },
    };
    appendCommand(offline, approved);
    appendCommand(offline, madeUp);

    const device = perTest.connect(r, associate, offline);
    device.open(names.outbox(associate.device));
    expect(await device.outcome(approved.id, approved)).toMatchObject({ status: 'accepted' });
    expect(await device.outcome(madeUp.id, madeUp)).toMatchObject({
      status: 'rejected',
      code: 'approval-invalid',
    });
    expect(r.db.prepare('SELECT refunded_minor FROM orders WHERE id = ?').get(orderId)).toEqual({
      refunded_minor: 50_000,
    });
  });

  it("USER-2: after a switch the next person's commands are theirs, online through their connection, offline through their key", async () => {
    const r = await start();
    const { store, login: name } = demoUser(r, 'associate', 0);
    const second = r.demo.users.find(
      (u) => u.role === 'associate' && u.stores[0] === store && u.login !== name,
    );
    if (!second) throw new Error('the demo needs two associates per store');
    const first = await login(r, name);
    const currency = (
      r.db.prepare('SELECT currency FROM stores WHERE id = ?').get(store) as { currency: string }
    ).currency;
    // The second associate signed in on this till once (PIN), then the network went down and
    // they took over again with their PIN: the till's connection is still the first person's.
    const switched = await login(r, second.login, { pin: second.pin ?? '', device: first.device });
    const device = perTest.connect(r, first);
    const order = envelope(
      first,
      store,
      'order.open',
      {
        orderId: uuidv7(),
        kind: 'repair',
        clientId: uuidv7(),
        total: { minor: 9_000, currency },
        description: 'Resize',
      },
      second.id,
    );
    const signed = device.append(order, { signingKey: switched.signingKey });
    expect(await device.outcome(signed.id)).toMatchObject({ status: 'accepted' });
    expect(r.db.prepare('SELECT user_id FROM commands WHERE id = ?').get(signed.id)).toEqual({
      user_id: second.id,
    });
  });
});

describe('every command is answered (VAL-12), from outside', () => {
  it('VAL-12: negative, huge, unknown, garbage and foreign commands each get an outcome the device reads', async () => {
    const r = await start();
    const { store, login: name } = demoUser(r, 'associate', 0);
    const otherStore = demoUser(r, 'associate', 1).store;
    const associate = await login(r, name);
    const device = perTest.connect(r, associate);
    const currency = 'EUR';
    const deposit = (amount: unknown) =>
      envelope(associate, store, 'deposit.take', {
        orderId: uuidv7(),
        depositId: uuidv7(),
        amount,
        tender: 'cash',
      });
    const cases: Array<[string, Record<string, unknown>]> = [
      ['negative amount', deposit({ minor: -5, currency })],
      ['1e300', deposit({ minor: 1e300, currency })],
      ['unknown type', { ...envelope(associate, store, 'sale.delete', {}) }],
      ['garbage serial', envelope(associate, store, 'piece.restock', { serial: '../../etc/passwd\u0000' })],
      ['id not a UUIDv7', { ...deposit({ minor: 5, currency }), id: crypto.randomUUID() }],
      ['only an id', { id: uuidv7() }],
      ['no store', { ...deposit({ minor: 5, currency }), store: undefined }],
      [
        'another store',
        envelope(associate, otherStore, 'order.open', {
          orderId: uuidv7(),
          kind: 'repair',
          clientId: uuidv7(),
          total: { minor: 100, currency: 'USD' },
          description: 'x',
        }),
      ],
    ];
    const outbox = device.open(names.outbox(associate.device)).doc;
    outbox.transact(() => {
      for (const [, c] of cases) commands(outbox).push([c as CommandEnvelope]);
    });
    for (const [what, c] of cases) {
      const outcome = await device.outcome(String(c.id), {
        store: String(c.store ?? ''),
        at: String(c.at ?? ''),
      });
      expect({ what, status: outcome.status, hasReason: (outcome.reason ?? '').length > 0 }).toEqual({
        what,
        status: 'rejected',
        hasReason: true,
      });
    }
  });
});
