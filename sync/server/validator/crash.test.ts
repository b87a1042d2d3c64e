/**
 * VAL-9: the relay process is killed (SIGKILL) in the middle of a burst of thousands of
 * commands and restarted on the same database: every command is decided exactly once and none
 * is lost — the device resends what the dead relay never stored, the validator resumes from the
 * persisted outbox position, and outcomes SQL knew but the documents missed are re-projected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../domain/ids.ts';
import { money, currency as toCurrency } from '../../../domain/money.ts';
import { taxOn } from '../../../domain/tax.ts';
import { connectDevice } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import { outcomes } from '../../shared/docs/ledger.ts';
import type { CommandEnvelope } from '../../shared/docs/outbox.ts';
import {
  freePort,
  kill,
  type RelayProcess,
  readDb as readRelayDb,
  startRelayProcess,
} from './relay-process.ts';

const PASSWORD = 'crash-test';
const dir = mkdtempSync(join(tmpdir(), 'loupe-crash-'));
const dbPath = join(dir, 'loupe.db');
let child: RelayProcess | undefined;

afterAll(() => {
  child?.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const readDb = <T>(sql: string, ...args: string[]): T => readRelayDb<T>(dbPath, sql, ...args);

describe('validator crash recovery', () => {
  it('VAL-9: SIGKILL mid-burst, restart on the same database: every command decided exactly once, none lost', async () => {
    const port = await freePort();
    child = await startRelayProcess(port, dbPath, PASSWORD);
    const base = `http://127.0.0.1:${port}`;
    const { login, store } = readDb<{ login: string; store: string }>(
      "SELECT login, json_extract(stores, '$[0]') AS store FROM users WHERE role = 'manager' LIMIT 1",
    );
    const deviceId = uuidv7();
    const res = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: login, password: PASSWORD, device: deviceId }),
    });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { token: string; user: { id: string } };
    const pieces = new DatabaseSync(dbPath, { readOnly: true });
    const serials = (
      pieces
        .prepare(
          "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 20",
        )
        .all(store) as { serial: string; minor: number; currency: string }[]
    ).map((p) => ({ ...p }));
    pieces.close();
    const currency = serials[0]?.currency ?? 'EUR';
    const taxRow = readDb<{ bp: number; inclusive: number }>(
      'SELECT tax_rate_bp AS bp, tax_inclusive AS inclusive FROM stores WHERE id = ?',
      store,
    );
    const rule = { basisPoints: Number(taxRow.bp), inclusive: Number(taxRow.inclusive) === 1 };

    const device = connectDevice({ url: `ws://127.0.0.1:${port}`, token: session.token, deviceId });
    const at = new Date().toISOString();
    const envelope = (type: string, payload: unknown): CommandEnvelope => ({
      id: uuidv7(),
      type,
      store,
      device: deviceId,
      user: session.user.id,
      at,
      payload,
    });
    const orderId = uuidv7();
    const burst: CommandEnvelope[] = [
      envelope('order.open', {
        orderId,
        kind: 'custom',
        clientId: uuidv7(),
        total: { minor: 100_000_000, currency },
        description: 'Bespoke tiara, paid in instalments',
      }),
    ];
    for (let i = 0; i < 3000; i++) {
      if (i % 10 === 0) {
        // Every piece is sold twice in the burst: the second must be rejected, across the crash too.
        const p = serials[(i / 10) % serials.length];
        if (!p) throw new Error('demo has no pieces');
        const amount = { minor: p.minor, currency: p.currency };
        const { tax, total } = taxOn(money(p.minor, toCurrency(p.currency)), rule);
        burst.push(
          envelope('sale.complete', {
            saleId: uuidv7(),
            lines: [{ serial: p.serial, price: amount }],
            tax,
            total,
            tenders: [{ kind: 'cash', amount: total }],
          }),
        );
      }
      burst.push(
        envelope('deposit.take', {
          orderId,
          depositId: uuidv7(),
          amount: { minor: 100, currency },
          tender: 'card',
        }),
      );
    }
    // The demo's own history is in the same tables: count only this device's commands.
    const decided = () =>
      Number(readDb<{ n: number }>('SELECT count(*) AS n FROM commands WHERE device = ?', deviceId).n);

    // Append in chunks, as a busy till would; kill the relay once it is deciding mid-burst.
    let sent = 0;
    const sendChunk = () => {
      const outbox = device.open(names.outbox(deviceId)).doc;
      outbox.transact(() => {
        for (const c of burst.slice(sent, sent + 100)) outbox.getArray<CommandEnvelope>('commands').push([c]);
      });
      sent = Math.min(burst.length, sent + 100);
    };
    while (sent < burst.length / 2) {
      sendChunk();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await expect.poll(decided, { timeout: 30_000 }).toBeGreaterThan(200);
    await kill(child);
    const beforeRestart = decided();
    expect(beforeRestart).toBeLessThan(burst.length);

    // The till keeps working offline: the rest of the burst goes into its outbox.
    while (sent < burst.length) sendChunk();
    child = await startRelayProcess(port, dbPath, PASSWORD);

    await expect.poll(decided, { timeout: 90_000, interval: 250 }).toBe(burst.length);
    for (const c of [burst[0], burst[burst.length - 1]])
      expect(readDb<{ n: number }>('SELECT count(*) AS n FROM commands WHERE id = ?', c?.id ?? '').n).toBe(1);
    const deposits = readDb<{ n: number }>(
      "SELECT count(*) AS n FROM commands WHERE type = 'deposit.take' AND status = 'accepted' AND device = ?",
      deviceId,
    ).n;
    expect(deposits).toBe(3000);
    expect(readDb('SELECT paid_minor FROM orders WHERE id = ?', orderId)).toEqual({ paid_minor: 300_000 });
    expect(
      readDb(
        'SELECT count(*) AS n FROM sales s JOIN commands c ON c.id = s.command_id WHERE c.device = ?',
        deviceId,
      ),
    ).toEqual({ n: serials.length });
    expect(
      readDb(
        "SELECT count(*) AS n FROM commands WHERE type = 'sale.complete' AND code = 'serial-already-sold' AND device = ?",
        deviceId,
      ),
    ).toEqual({ n: 300 - serials.length });

    // And the device sees every outcome, including those decided just before the kill.
    // Only this burst's ids: the demo's own history may share the ledger month (any date).
    const ledger = device.open(names.ledger(store, at));
    const published = () => burst.filter((c) => outcomes(ledger.doc).has(c.id)).length;
    await expect.poll(published, { timeout: 60_000, interval: 250 }).toBe(burst.length);
    device.close();
    child.proc.kill('SIGTERM');
  }, 180_000);
});
