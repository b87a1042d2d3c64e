import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import type { Role } from '../../domain/roles.ts';
import { type AccessSubject, accessFor } from './access.ts';
import { COLLABORATIVE, docName, isRelayOwned, names, parseDocName } from './doc-names.ts';

const paris = uuidv7();
const ny = uuidv7();
const device = uuidv7();
const as = (role: Role, stores = [paris]): AccessSubject => ({ id: uuidv7(), role, stores, device });

describe('document names', () => {
  it('DOC-1: every documented name parses and prints back to itself', () => {
    for (const n of [
      'org',
      names.catalog(paris),
      names.clients(paris),
      names.work(paris),
      names.stock(paris),
      names.finance(paris),
      names.audit(paris),
      names.money(paris),
      names.outbox(device),
      names.ledger(paris, '2026-11-24T10:00:00.000Z'),
    ]) {
      const parsed = parseDocName(n);
      expect(parsed.ok && docName(parsed.value)).toBe(n);
    }
  });

  it('DOC-2: malformed names are refused', () => {
    for (const n of [
      '',
      'orgs',
      'clients',
      'catalog',
      `catalog/${paris}/x`,
      `clients/${paris}/x`,
      'clients/paris',
      `ledger/${paris}/2026-13`,
      `ledger/${paris}`,
      'outbox/1',
      42,
    ]) {
      expect(parseDocName(n).ok).toBe(false);
    }
  });

  it('DOC-3: the ledger month is the UTC month of the command time', () => {
    expect(names.ledger(paris, '2026-01-31T23:30:00.000Z')).toBe(`ledger/${paris}/2026-01`);
  });
});

describe('accessFor', () => {
  it('ACCESS-6: relay-owned documents are read-only for every role, even the owner', () => {
    for (const role of ['associate', 'designer', 'manager', 'owner'] as const) {
      for (const n of [
        names.catalog(paris),
        names.stock(paris),
        names.audit(paris),
        names.ledger(paris, '2026-11-01T00:00:00Z'),
      ]) {
        expect(accessFor(as(role), n)).toBe('read-only');
      }
    }
    expect(accessFor(as('owner'), names.finance(paris))).toBe('read-only');
  });

  it('ACCESS-7: finance is refused below manager', () => {
    expect(accessFor(as('associate'), names.finance(paris))).toBe('refused');
    expect(accessFor(as('designer'), names.finance(paris))).toBe('refused');
    expect(accessFor(as('manager'), names.finance(paris))).toBe('read-only');
  });

  it('ACCESS-8: another store’s documents are refused unless owner', () => {
    expect(accessFor(as('manager'), names.clients(ny))).toBe('refused');
    expect(accessFor(as('manager'), names.stock(ny))).toBe('refused');
    expect(accessFor(as('owner', [paris]), names.clients(ny))).toBe('read-write');
  });

  it('ACCESS-9: the outbox is read-write for the token’s device only', () => {
    expect(accessFor(as('associate'), names.outbox(device))).toBe('read-write');
    expect(accessFor(as('owner'), names.outbox(uuidv7()))).toBe('refused');
  });

  it('ACCESS-10: catalog/<store> is read-only for every role (relay-owned)', () => {
    for (const role of ['associate', 'designer', 'manager', 'owner'] as const)
      expect(accessFor(as(role), names.catalog(paris))).toBe('read-only');
    expect(accessFor(as('manager'), names.catalog(ny))).toBe('refused');
    expect(accessFor(as('owner', [paris]), names.catalog(ny))).toBe('read-only');
    expect(accessFor(as('manager'), 'catalog')).toBe('refused');
    expect(isRelayOwned(names.catalog(paris))).toBe(true);
  });

  it('ACCESS-13: org is relay-owned: read-only for every role, the owner included (changed by commands)', () => {
    for (const role of ['associate', 'designer', 'manager', 'owner'] as const)
      expect(accessFor(as(role), names.org)).toBe('read-only');
    expect(accessFor(as('owner', []), names.org)).toBe('read-only');
    expect(isRelayOwned(names.org)).toBe(true);
    expect(COLLABORATIVE.has('org')).toBe(false);
  });

  it('ACCESS-11: client books and work orders are read-write for every role of the store', () => {
    for (const role of ['associate', 'designer', 'manager'] as const) {
      expect(accessFor(as(role), names.clients(paris))).toBe('read-write');
      expect(accessFor(as(role), names.work(paris))).toBe('read-write');
    }
  });

  it('ACCESS-12: an unknown document name is refused', () => {
    expect(accessFor(as('owner'), 'secrets')).toBe('refused');
  });
  it('MONEY-13: money/<store> is relay-owned: every role of the store reads it, nobody writes it, other stores are refused', () => {
    for (const role of ['associate', 'designer', 'manager', 'owner'] as const)
      expect(accessFor(as(role), names.money(paris))).toBe('read-only');
    expect(accessFor(as('manager'), names.money(ny))).toBe('refused');
    expect(isRelayOwned(names.money(paris))).toBe(true);
  });
});
