import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../shared/device-client.ts';
import { connectAs, demoUser, login, saleEnvelope, startTestRelay, type TestRelay } from '../test-utils.ts';
import { validatorExtensions, validatorMigrations } from './index.ts';

let relay: TestRelay;
let device: Device | undefined;
beforeAll(async () => {
  relay = await startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) => validatorExtensions(db, documents),
  });
});
afterAll(async () => {
  device?.close();
  await relay.cleanup();
});

describe('amounts out of range', () => {
  it('VAL-4, MONEY-11: a sale whose price + tax is 2^53 is rejected amount-out-of-range (not relay-error); the next command is decided', async () => {
    const { store, login: user } = demoUser(relay, 'associate', 0);
    const session = await login(relay, user);
    device = connectAs(relay, session);
    const piece = relay.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      )
      .get(store) as { serial: string; minor: number; currency: string };

    // price 2^53 − 2 and tax 2: each a safe integer, their total 2^53 is not.
    const base = saleEnvelope(session, store, { ...piece, minor: 2 ** 53 - 2 });
    const hugeTotal = { minor: 2 ** 53, currency: piece.currency };
    const huge = {
      ...base,
      payload: {
        ...(base.payload as object),
        tax: { minor: 2, currency: piece.currency },
        total: hugeTotal,
        tenders: [{ kind: 'card', amount: hugeTotal, reference: 'T-1' }],
      },
    };
    const negative = saleEnvelope(session, store, { ...piece, minor: -100 });
    const absurd = saleEnvelope(session, store, { ...piece, minor: 1e300 });
    const fine = saleEnvelope(session, store, piece);
    for (const c of [huge, negative, absurd, fine]) device.append(c);

    // The ordinary sale behind them gets its own outcome: they did not block the outbox.
    const next = await device.outcome(fine.id, { store, at: fine.at });
    expect(next.code ?? next.status).not.toMatch(/amount-out-of-range|relay-error/);
    const decided = relay.db.prepare('SELECT status, code, reason FROM commands WHERE id = ?');
    for (const c of [huge, negative, absurd]) {
      const row = decided.get(c.id) as { status: string; code: string; reason: string };
      expect(row).toMatchObject({ status: 'rejected', code: 'amount-out-of-range' });
      expect(row.reason).toContain('payload.lines[0].price.minor');
    }
  });
});
