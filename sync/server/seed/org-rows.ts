/**
 * The SQL rows of a generated organisation's stores and pieces, in one transaction: shared by the
 * demo seed and the benchmarks' databases so both hold exactly what the relay expects.
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db.ts';
import type { GenOrg } from './generate.ts';

export function insertStoresAndPieces(db: DatabaseSync, org: GenOrg): void {
  transaction(db, () => {
    const store = db.prepare(
      `INSERT INTO stores (id, name, currency, time_zone, tax_rate_bp, tax_inclusive, address)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of org.stores)
      store.run(
        s.id,
        s.name,
        s.currency,
        s.timeZone,
        s.taxRateBp,
        s.taxInclusive ? 1 : 0,
        JSON.stringify(s.address ?? []),
      );
    const piece = db.prepare(
      `INSERT INTO pieces (serial, store, status, reserved_for, list_price_minor, currency, record)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of org.pieces) {
      const r = p.record;
      piece.run(
        r.serial,
        r.store,
        p.status,
        p.reservedFor,
        r.listPrice.minor,
        r.listPrice.currency,
        JSON.stringify(r),
      );
    }
  });
}
