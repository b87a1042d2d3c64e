import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseCommand } from '../../domain/commands.ts';
import { newDeviceId, newSaleId, newStoreId, newUserId } from '../../domain/ids.ts';
import { command, type Envelope } from './command-builder.ts';
import { newSigningKey, verifyApproval, verifyCommandSignature } from './command-proof.ts';

const actor = { store: newStoreId(), device: newDeviceId(), user: newUserId() };
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const sale = {
  saleId: newSaleId(),
  lines: [{ serial: 'LP-24-000001', price: eur(100_000) }],
  tax: eur(16_667),
  total: eur(100_000),
  tenders: [{ kind: 'card' as const, amount: eur(100_000), reference: 'T-1' }],
};

describe('command builder', () => {
  it('CMD-1: builds an envelope the relay parses, typed by its command type', () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const c = command(actor, 'sale.complete', sale, { now });
    expectTypeOf(c).toEqualTypeOf<Envelope<'sale.complete'>>();
    expect(c).toMatchObject({ type: 'sale.complete', ...actor, at: now.toISOString(), payload: sale });
    const parsed = parseCommand(c);
    expect(parsed.ok && parsed.value.id).toBe(c.id);
    expect(c.signature).toBeUndefined();
    expect(c.approval).toBeUndefined();
  });

  it('types the payload by the command type', () => {
    // @ts-expect-error a sale needs lines, tax, total and tenders
    command(actor, 'sale.complete', { saleId: newSaleId() });
    // @ts-expect-error a tender kind is one of TENDER_KINDS
    command(actor, 'deposit.take', { orderId: 'o', depositId: 'd', amount: eur(1), tender: 'cheque' });
    // @ts-expect-error not a command type
    command(actor, 'sale.refund', {});
    expect(command(actor, 'piece.restock', { serial: 'LP-24-000001' }).payload.serial).toBe('LP-24-000001');
  });

  it('USER-2, USER-4: signs with the writer key and carries the manager approval over the same content', () => {
    const writerKey = newSigningKey();
    const managerKey = newSigningKey();
    const at = '2026-03-01T09:59:00.000Z';
    const manager = newUserId();
    const c = command({ ...actor, signingKey: writerKey }, 'sale.complete', sale, {
      now: new Date('2026-03-01T10:00:00.000Z'),
      approval: { userId: manager, at, signingKey: managerKey },
    });
    expect(c.signature && verifyCommandSignature(c, c.signature, writerKey)).toBe(true);
    expect(c.approval && verifyApproval(c, c.approval, managerKey)).toBe(true);
    expect(c.approval).toMatchObject({ by: manager, at });
    expect(parseCommand(c).ok).toBe(true);
  });

  it('keeps plain JSON only, so the proof is over what the relay sees', () => {
    const key = newSigningKey();
    const c = command({ ...actor, signingKey: key }, 'memo.out', {
      serial: 'LP-24-000001',
      consignee: undefined,
    });
    expect('consignee' in c.payload).toBe(false);
    const wire = JSON.parse(JSON.stringify(c));
    expect(verifyCommandSignature(wire, wire.signature, key)).toBe(true);
  });

  it('takes a given id for seeded histories', () => {
    const id = '01900000-0000-7000-8000-000000000000';
    expect(command(actor, 'repair.in', { serial: 'LP-24-000001' }, { id }).id).toBe(id);
  });
});
