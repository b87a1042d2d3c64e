/**
 * The demo organisation (SEED-*): created on an empty database only, never on one with data.
 * Writes the SQL rows (stores, users, pieces), then the documents devices sync: `org` and
 * `catalog/<store>` projected from those rows by the relay's own projections (DOC-5, DOC-7),
 * stock/<store>, clients/<store>.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import { names } from '../../shared/doc-names.ts';
import { createClient } from '../../shared/docs/clients.ts';
import { writeStock } from '../../shared/docs/stock.ts';
import { createUser } from '../accounts.ts';
import { rebuildCatalog } from '../catalog-projection.ts';
import { rebuildOrg } from '../org-projection.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { DEMO_PRESET, type GenOptions, type GenUser, generateOrg } from './generate.ts';
import { insertStoresAndPieces } from './org-rows.ts';

export const DEFAULT_DEMO_PASSWORD = 'loupe-demo';

export type DemoSummary = {
  password: string;
  stores: Array<{ id: string; name: string; currency: string }>;
  users: Array<Pick<GenUser, 'id' | 'name' | 'login' | 'role' | 'pin'> & { stores: string[] }>;
  pieces: number;
  clients: number;
  /** Client ids by home store (the demo history attaches its sales to them). */
  clientIds: Record<string, string[]>;
};

export type DemoOptions = {
  password?: string;
  seed?: number;
  piecesPerStore?: number;
  clientsPerStore?: number;
};

export function isEmpty(db: DatabaseSync): boolean {
  for (const table of ['stores', 'users', 'pieces', 'documents']) {
    if (db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) return false;
  }
  return true;
}

export async function seedDemoIfEmpty(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  options: DemoOptions = {},
): Promise<DemoSummary | undefined> {
  if (!isEmpty(db)) return undefined;
  const password = options.password ?? process.env.LOUPE_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  const gen: GenOptions = {
    ...DEMO_PRESET,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.piecesPerStore !== undefined ? { piecesPerStore: options.piecesPerStore } : {}),
    ...(options.clientsPerStore !== undefined ? { clientsPerStore: options.clientsPerStore } : {}),
    now: Date.now(),
  };
  const org = generateOrg(gen);

  insertStoresAndPieces(db, org);
  for (const u of org.users) await createUser(db, { ...u, password });

  const at = new Date().toISOString();
  // `org` is SQL's projection (DOC-7): the same code the validator runs after a store or staff command.
  await rebuildOrg(db, hocuspocus, 'seed');
  for (const s of org.stores) {
    // The catalog is SQL's projection (docs/decisions/0005): the same code the validator runs.
    await rebuildCatalog(db, hocuspocus, s.id);
    const pieces = org.pieces.filter((p) => p.record.store === s.id);
    await writeRelayDoc(hocuspocus, names.stock(s.id), 'seed', (doc) =>
      writeStock(
        doc,
        pieces.map((p) => [
          p.record.serial,
          { status: p.status, location: p.location, reservedFor: p.reservedFor, updatedAt: at },
        ]),
      ),
    );
    await writeRelayDoc(hocuspocus, names.clients(s.id), 'seed', (doc) => {
      for (const c of org.clients) if (c.homeStore === s.id) createClient(doc, c, Date.parse(c.createdAt));
    });
  }

  return {
    password,
    stores: org.stores.map((s) => ({ id: s.id, name: s.name, currency: s.currency })),
    users: org.users.map(({ id, name, login, role, pin, stores }) => ({
      id,
      name,
      login,
      role,
      pin,
      stores,
    })),
    pieces: org.pieces.length,
    clients: org.clients.length,
    clientIds: Object.fromEntries(
      org.stores.map((s) => [s.id, org.clients.filter((c) => c.homeStore === s.id).map((c) => c.id)]),
    ),
  };
}
