/**
 * Benchmark datasets from the seeded generator (`sync/server/seed/generate.ts`): a relay SQLite
 * database with the relay's and the validator's migrations (stores, users, pieces rows), and
 * streams of `sale.complete` envelopes in which a share of the commands sell a serial that an
 * earlier command already sold (what two tills selling the same piece look like to the relay).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { parseCommand } from '../domain/commands.ts';
import { uuidv7 } from '../domain/ids.ts';
import { taxOn } from '../domain/tax.ts';
import { migrate, openDatabase } from '../sync/server/db.ts';
import { syncMigrations } from '../sync/server/migrations.ts';
import { BOUTIQUE_PRESET, type GenOptions, type GenOrg, generateOrg } from '../sync/server/seed/generate.ts';
import { insertStoresAndPieces } from '../sync/server/seed/org-rows.ts';
import { mulberry32 } from '../sync/server/seed/random.ts';
import { validatorMigrations } from '../sync/server/validator/schema.ts';
import { command } from '../sync/shared/command-builder.ts';
import type { CommandEnvelope } from '../sync/shared/docs/outbox.ts';

/** The boutique (15k clients, 6k pieces, 25k sales), optionally with fewer of each. */
export function boutique(overrides: Partial<GenOptions> = {}): GenOrg {
  return generateOrg({ ...BOUTIQUE_PRESET, ...overrides });
}

export type TempDir = { path: string; file(name: string): string; remove(): void };
export function tempDir(prefix = 'loupe-bench-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A relay database (WAL, the relay's pragmas) on `path`, migrated, holding the org's SQL rows. */
export function relayDatabase(org: GenOrg, path: string): DatabaseSync {
  return fillRelayDatabase(openDatabase(path), org);
}

/** The same on a database the caller opened (e.g. a replica of a PostgreSQL log, REPL-*). */
export function fillRelayDatabase<D extends DatabaseSync>(db: D, org: GenOrg): D {
  migrate(db, [...syncMigrations, ...validatorMigrations]);
  insertStoresAndPieces(db, org);
  const user = db.prepare(
    "INSERT INTO users (id, name, login, role, stores, password_hash) VALUES (?, ?, ?, ?, ?, 'bench')",
  );
  db.exec('BEGIN');
  for (const u of org.users) user.run(u.id, u.name, u.login, u.role, JSON.stringify(u.stores));
  db.exec('COMMIT');
  return db;
}

export type SaleStream = {
  device: string;
  commands: CommandEnvelope[];
  /** Indexes (into `commands`) of the commands that sell an already sold serial. */
  duplicates: number;
  unique: number;
};

/**
 * `count` sale.complete envelopes from one device of the org's first store, sold by its
 * manager, one in-stock piece each at list price plus the store's tax; every tenth command
 * (`dupEvery`) sells again a serial an earlier command sold (a new sale id and command id).
 */
export function saleStream(org: GenOrg, count: number, options: { dupEvery?: number; seed?: number } = {}) {
  const dupEvery = options.dupEvery ?? 10;
  const rng = mulberry32(options.seed ?? 7);
  const id = (at: number) => uuidv7(at, (b) => rng.bytes(b));
  const store = org.stores[0];
  const seller = org.users.find((u) => u.role === 'manager' && store && u.stores.includes(store.id));
  if (!store || !seller) throw new Error('the org has no store with a manager');
  const sellable = org.pieces.filter((p) => p.record.store === store.id && p.status === 'in-stock');
  const duplicates = Math.floor(count / dupEvery);
  const unique = count - duplicates;
  if (unique > sellable.length)
    throw new Error(`${unique} sales need as many in-stock pieces; the store has ${sellable.length}`);
  const bySerial = new Map(sellable.map((p) => [p.record.serial as string, p]));
  const storeClients = org.clients.filter((c) => c.homeStore === store.id);
  const device = id(Date.UTC(2026, 0, 1));
  const start = Date.UTC(2026, 2, 1, 9);
  const commands: CommandEnvelope[] = [];
  const sold: string[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    const dup = (i + 1) % dupEvery === 0 && sold.length > 0;
    const again = dup ? rng.pick(sold) : undefined;
    const piece = again ? bySerial.get(again) : sellable[next++];
    if (!piece) throw new Error('ran out of pieces');
    const at = start + i * 60_000;
    const price = piece.record.listPrice;
    // The store's own rule (TAX-2): VAT included in Europe, tax on top in the US.
    const taxed = taxOn(price, { basisPoints: store.taxRateBp, inclusive: store.taxInclusive });
    const tax = taxed.tax;
    const total = taxed.total;
    const commandId = id(at);
    commands.push(
      command(
        { store: store.id, device, user: seller.id },
        'sale.complete',
        {
          saleId: id(at),
          lines: [{ serial: piece.record.serial, price }],
          tax,
          total,
          tenders: [{ kind: 'card', amount: total }],
          clientId: rng.pick(storeClients).id,
        },
        { now: new Date(at), id: commandId },
      ),
    );
    if (!dup) sold.push(piece.record.serial);
  }
  // A stream the parser refuses would measure rejections, not sales: fail loudly instead.
  for (const c of commands.slice(0, 3)) {
    const parsed = parseCommand(c);
    if (!parsed.ok) throw new Error(`bench command does not parse: ${JSON.stringify(parsed.error)}`);
  }
  return { device, commands, duplicates: count - sold.length, unique: sold.length } satisfies SaleStream;
}

/** The serial and sale id of a stream's command (baseline inserts read the same values). */
export function saleFields(c: CommandEnvelope) {
  const p = c.payload as {
    saleId: string;
    lines: Array<{ serial: string; price: { minor: number; currency: string } }>;
    tax: { minor: number };
    total: { minor: number; currency: string };
    clientId?: string;
  };
  const line = p.lines[0];
  if (!line) throw new Error('a sale without lines');
  return {
    saleId: p.saleId,
    serial: line.serial,
    line,
    tax: p.tax.minor,
    total: p.total,
    clientId: p.clientId,
  };
}
