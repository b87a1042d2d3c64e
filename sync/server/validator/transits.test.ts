import { describe, expect, it } from 'vitest';
import { command, DEVICE, OTHER_STORE, STORE, serial, USERS } from '../../../domain/test-support.ts';
import { CatalogSource } from '../catalog-projection.ts';
import { type StockRow, StockSource, stockEntry } from '../stock-projection.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const wire = (c: unknown) => JSON.parse(JSON.stringify(c));

/** Pieces of Paris (STORE); the manager works in both stores, so they can send and receive. */
function chain() {
  const db = openTestDatabase(3);
  db.prepare('UPDATE users SET stores = ? WHERE id = ?').run(
    JSON.stringify([STORE, OTHER_STORE]),
    USERS.manager,
  );
  db.prepare("UPDATE pieces SET record = json_object('serial', serial, 'title', 'Ring') WHERE 1").run();
  return db;
}
const send = (n: number) => wire(command('transfer.send', { serial: serial(n), toStore: OTHER_STORE }));
const receive = (n: number) =>
  wire(command('transfer.receive', { serial: serial(n) }, { store: OTHER_STORE }));

describe('transfers in transit on the sender’s side (validator-020 transits)', () => {
  it('TRANSIT-1, TRANSIT-2, TRANSIT-4: sent, the piece stays in the sender’s stock and catalog as in transit to the destination, which names the sender', () => {
    const db = chain();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [send(1)]);
    expect(decided.map((d) => d.status)).toEqual(['accepted']);
    expect(db.prepare('SELECT serial, from_store, to_store, received_at FROM transits').all()).toEqual([
      { serial: serial(1), from_store: STORE, to_store: OTHER_STORE, received_at: null },
    ]);
    const stock = new StockSource(db);
    const sender = stock.store(STORE).map((r) => stockEntry(r, 'now'));
    expect(stock.store(STORE).map((r) => r.serial)).toEqual([serial(1), serial(2), serial(3)]);
    expect(sender[0]).toMatchObject({ status: 'in-transit', transitTo: OTHER_STORE });
    // TRANSIT-4: the destination's own entry: in transit, naming the store it comes from.
    const receiver = stock.store(OTHER_STORE).map((r) => stockEntry(r, 'now'));
    expect(receiver).toEqual([
      { status: 'in-transit', location: '', reservedFor: null, updatedAt: 'now', transitFrom: STORE },
    ]);
    expect(stockEntry(stock.piece(serial(1)) as StockRow, 'now').transitFrom).toBe(STORE);
    expect(sender[0]?.transitFrom).toBeUndefined();
    expect([...new CatalogSource(db).store(STORE).keys()]).toContain(serial(1));
    expect(new CatalogSource(db).store(STORE).get(serial(1))?.store).toBe(OTHER_STORE);
  });

  it('TRANSIT-1, TRANSIT-2, TRANSIT-4: once scanned in at the destination, the sender no longer lists it nor the destination its sender', () => {
    const db = chain();
    const decider = new CommandDecider(db, TRUSTED);
    const decided = decider.decideOutbox(DEVICE, [send(1), receive(1)]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['accepted', null],
      ['accepted', null],
    ]);
    expect(db.prepare('SELECT received_at IS NOT NULL AS done FROM transits').all()).toEqual([{ done: 1 }]);
    const stock = new StockSource(db);
    expect(stock.store(STORE).map((r) => r.serial)).toEqual([serial(2), serial(3)]);
    expect(stock.store(OTHER_STORE).map((r) => [r.serial, r.status])).toEqual([[serial(1), 'in-stock']]);
    // TRANSIT-4: received, it no longer says where it came from.
    expect(stock.store(OTHER_STORE).map((r) => stockEntry(r, 'now'))[0]?.transitFrom).toBeUndefined();
    expect([...new CatalogSource(db).store(STORE).keys()]).not.toContain(serial(1));
    // Sent back, it is in transit the other way, and open once only.
    const back = decider.decideOutbox(DEVICE, [
      send(1),
      receive(1),
      wire(command('transfer.send', { serial: serial(1), toStore: STORE }, { store: OTHER_STORE })),
    ]);
    expect(back.map((d) => [d.status, d.code ?? null])).toEqual([['accepted', null]]);
    expect(stock.store(OTHER_STORE).map((r) => stockEntry(r, 'now'))[0]).toMatchObject({ transitTo: STORE });
  });
});
