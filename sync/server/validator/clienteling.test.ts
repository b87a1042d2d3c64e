/** Clienteling through a real relay: viewings holding pieces, tier thresholds, clients' sales over SQL. */
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../domain/appointment.ts';
import type { ClientId, SerialNumber, UserId } from '../../../domain/ids.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { syncHolds } from '../../shared/appointment-holds.ts';
import { command } from '../../shared/command-builder.ts';
import type { Device } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import { createAppointment, readAppointment, setAppointmentField } from '../../shared/docs/clienteling.ts';
import { readClients } from '../../shared/docs/clients.ts';
import { ORG_DOC, readTiers } from '../../shared/docs/org.ts';
import { readStock, readStockEntry } from '../../shared/docs/stock.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import { demoUser, type SessionBody, startValidatingRelay, type TestRelay } from '../test-utils.ts';

const perTest = closeAfterEach();

/** The demo `role`'s till at the first store, and who they are. */
async function signIn(r: TestRelay, role: string) {
  return { ...(await perTest.till(r, role)), who: demoUser(r, role) };
}

const sender =
  (device: Device, session: SessionBody, store: string) =>
  (type: 'reservation.place' | 'reservation.release', payload: Record<string, unknown>) =>
    device.append(
      command({ store, device: session.device, user: session.user.id }, type, payload as never) as never,
    );

describe('clienteling through the relay', () => {
  it('APPT-5: a viewing reserves its piece until after it, another till sees it reserved, cancelling releases it', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const { who, session, device } = await signIn(r, 'associate');
    const store = who.store;
    const clientsDoc = device.open(names.clients(store));
    const stock = device.open(names.stock(store));
    await Promise.all([clientsDoc.synced, stock.synced]);
    const client = readClients(clientsDoc.doc)[0];
    const serial = [...readStock(stock.doc)].find(([, e]) => e.status === 'in-stock')?.[0] as SerialNumber;
    if (!client || !serial) throw new Error('demo has clients and pieces');

    const start = new Date(Date.now() + 3_600_000).toISOString();
    const appointment: Appointment = {
      id: uuidv7(),
      clientId: client.id as ClientId,
      associate: who.id as UserId,
      start,
      minutes: 60,
      pieces: [serial],
      notes: 'Prefers the window seat',
      status: 'booked',
      createdAt: new Date().toISOString(),
    };
    expect(createAppointment(clientsDoc.doc, appointment, who.id).ok).toBe(true);
    const stockOf = (s: SerialNumber) => readStockEntry(stock.doc, s) ?? undefined;
    const held = syncHolds({
      doc: clientsDoc.doc,
      before: undefined,
      after: appointment,
      stock: (s) => {
        const e = stockOf(s);
        return e && { status: e.status, ...(e.reservedFor ? { reservedFor: e.reservedFor } : {}) };
      },
      send: sender(device, session, store),
    });
    expect(held.placed).toEqual([serial]);
    const hold = readAppointment(clientsDoc.doc, appointment.id)?.holds[serial];
    expect(hold?.kind).toBe('place');
    expect((await device.outcome(hold?.commandId ?? '')).status).toBe('accepted');

    // Another till of the store sees the piece reserved for the client, until an hour after the viewing.
    const other = await signIn(r, 'manager');
    const otherStock = other.device.open(names.stock(store));
    const otherClients = other.device.open(names.clients(store));
    await Promise.all([otherStock.synced, otherClients.synced]);
    await expect.poll(() => readStockEntry(otherStock.doc, serial)?.status).toBe('reserved');
    expect(readStockEntry(otherStock.doc, serial)).toMatchObject({
      reservedFor: client.id,
      reservedUntil: new Date(Date.parse(start) + 120 * 60_000).toISOString(),
    });
    await expect.poll(() => readAppointment(otherClients.doc, appointment.id)?.pieces).toEqual([serial]);

    // Cancelled on the other till: the piece goes back in stock.
    const before = readAppointment(otherClients.doc, appointment.id);
    expect(setAppointmentField(otherClients.doc, appointment.id, 'status', 'cancelled').ok).toBe(true);
    const after = readAppointment(otherClients.doc, appointment.id);
    if (!before || !after) throw new Error('appointment reads');
    const released = syncHolds({
      doc: otherClients.doc,
      before,
      after,
      stock: (s) => {
        const e = readStockEntry(otherStock.doc, s);
        return e && { status: e.status, ...(e.reservedFor ? { reservedFor: e.reservedFor } : {}) };
      },
      send: sender(other.device, other.session, store),
    });
    expect(released.released).toEqual([serial]);
    const release = readAppointment(otherClients.doc, appointment.id)?.holds[serial];
    expect((await other.device.outcome(release?.commandId ?? '')).status).toBe('accepted');
    await expect.poll(() => readStockEntry(stock.doc, serial)?.status).toBe('in-stock');
    await expect.poll(() => readAppointment(clientsDoc.doc, appointment.id)?.status).toBe('cancelled');
  });

  it('TIER-5, TIER-7: an owner’s thresholds reach org on every device; an associate’s are refused', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const owner = await signIn(r, 'owner');
    const associate = await signIn(r, 'associate');
    const store = associate.who.store;
    const currency = (
      r.db.prepare('SELECT currency FROM stores WHERE id = ?').get(store) as { currency: string }
    ).currency;
    const payload = { loyal: { minor: 500_000, currency }, vip: { minor: 2_500_000, currency } };
    expect((await associate.send('tiers.set', payload)).code).toBe('not-allowed');
    expect((await owner.send('tiers.set', payload)).status).toBe('accepted');
    const org = associate.device.open(ORG_DOC);
    await org.synced;
    await expect.poll(() => readTiers(org.doc)[currency as never]).toEqual(payload);
    expect(r.db.prepare('SELECT loyal_minor, vip_minor FROM tier_thresholds').all()).toEqual([
      { loyal_minor: 500_000, vip_minor: 2_500_000 },
    ]);
  });

  it('TIER-6: the store’s clients’ sales over SQL, to its staff only', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const associate = await signIn(r, 'associate');
    const store = associate.who.store;
    const url = `${r.url}/api/clienteling/sales?store=${store}`;
    expect((await fetch(url)).status).toBe(401);
    const auth = { Authorization: `Bearer ${associate.session.token}` };
    const elsewhere = r.demo.stores.find((s) => s.id !== store)?.id;
    if (elsewhere)
      expect(
        (await fetch(`${r.url}/api/clienteling/sales?store=${elsewhere}`, { headers: auth })).status,
      ).toBe(403);
    expect((await fetch(`${r.url}/api/clienteling/sales?store=nope`, { headers: auth })).status).toBe(400);
    const res = await fetch(url, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sales: Array<Record<string, unknown>> };
    const inSql = r.db
      .prepare('SELECT count(*) AS n FROM sales WHERE store = ? AND client_id IS NOT NULL')
      .get(store) as { n: number };
    expect(body.sales).toHaveLength(inSql.n);
    for (const s of body.sales)
      expect(s).toMatchObject({ saleId: expect.any(String), clientId: expect.any(String) });
  });
});
