import { describe, expect, it } from 'vitest';
import { parseClient } from '../../../domain/client.ts';
import { parsePiece } from '../../../domain/piece.ts';
import { CHAIN_PRESET, DEMO_PRESET, generateOrg } from './generate.ts';

describe('seeded generator', () => {
  it('SEED-1: the same seed yields the same organisation; another seed a different one', () => {
    const a = generateOrg({ ...DEMO_PRESET, now: Date.UTC(2026, 0, 1) });
    const b = generateOrg({ ...DEMO_PRESET, now: Date.UTC(2026, 0, 1) });
    const c = generateOrg({ ...DEMO_PRESET, seed: 7, now: Date.UTC(2026, 0, 1) });
    expect(b).toEqual(a);
    expect(c.pieces[0]).not.toEqual(a.pieces[0]);
  });

  it('SEED-2: every generated piece and client is valid for the domain parsers', () => {
    const org = generateOrg({ ...DEMO_PRESET, stores: 8, piecesPerStore: 60, clientsPerStore: 60 });
    for (const p of org.pieces) {
      const r = parsePiece(p.record);
      expect(r.ok ? 'ok' : `${p.record.serial} ${r.error.path}: ${r.error.message}`).toBe('ok');
    }
    for (const c of org.clients) {
      const r = parseClient(c);
      expect(r.ok ? 'ok' : `${c.id} ${r.error.path}: ${r.error.message}`).toBe('ok');
    }
  });

  it('SEED-3: the demo has two stores in two currencies, every role in each, one owner across both', () => {
    const org = generateOrg(DEMO_PRESET);
    expect(org.stores.map((s) => s.currency)).toEqual(['EUR', 'USD']);
    // Receipts print the store's address and date the sale in its time zone.
    expect(org.stores.map((s) => [s.timeZone, s.address])).toEqual([
      ['Europe/Paris', ['12 rue de la Paix', '75002 Paris']],
      ['America/New_York', ['727 Fifth Avenue', 'New York, NY 10022']],
    ]);
    for (const store of org.stores) {
      const roles = org.users.filter((u) => u.stores.includes(store.id)).map((u) => u.role);
      expect(new Set(roles)).toEqual(new Set(['owner', 'manager', 'associate', 'designer']));
    }
    expect(org.users.filter((u) => u.role === 'owner')).toHaveLength(1);
    expect(new Set(org.users.map((u) => u.login)).size).toBe(org.users.length);
    expect(new Set(org.pieces.map((p) => p.record.serial)).size).toBe(org.pieces.length);
    expect(org.pieces.some((p) => p.record.stones.some((s) => s.certificate?.lab === 'GIA'))).toBe(true);
  });

  it('SEED-4: the chain preset scales to 100 stores with unique serials', () => {
    const org = generateOrg({ ...CHAIN_PRESET, piecesPerStore: 5, clientsPerStore: 2, salesPerStore: 1 });
    expect(org.stores).toHaveLength(100);
    expect(new Set(org.pieces.map((p) => p.record.serial)).size).toBe(500);
    expect(org.sales).toHaveLength(100);
  });
});
