/** A written-off piece in SQL (domain WRITEOFF-*): the widened CHECK, and the migration that widens it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import { command, DEVICE, STORE, saleOf, serial, USERS } from '../../../domain/test-support.ts';
import { migrate, openDatabase } from '../db.ts';
import { syncMigrations } from '../migrations.ts';
import { CommandDecider } from './decider.ts';
import { validatorMigrations } from './schema.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));
const writeOff = (n: number) =>
  command(
    'piece.write-off',
    { serial: serial(n), reason: 'damaged', note: 'crushed in the safe door' },
    { user: USERS.manager },
  );

describe('write-offs over SQLite', () => {
  it('WRITEOFF-3: the relay stores a written-off piece as such, and refuses it afterwards (WRITEOFF-4)', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const [off, sale, again] = decider.decideOutbox(DEVICE, [
      plain(writeOff(1)),
      plain(saleOf([serial(1)])),
      plain(writeOff(1)),
    ]);
    expect(off?.status).toBe('accepted');
    expect(sale?.code).toBe('piece-written-off');
    expect(again?.code).toBe('piece-written-off');
    expect(db.prepare('SELECT status FROM pieces WHERE serial = ?').get(serial(1))).toEqual({
      status: 'written-off',
    });
    // The reason and note stay on the decided command (WRITEOFF-2).
    const row = db.prepare('SELECT envelope FROM commands WHERE id = ?').get(off?.id ?? '') as {
      envelope: string;
    };
    expect(JSON.parse(row.envelope).payload).toMatchObject({
      reason: 'damaged',
      note: 'crushed in the safe door',
    });
  });

  it('WRITEOFF-4: validator-008 rebuilds pieces with the wider CHECK and keeps every row and column', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'loupe-writeoff-')), 'loupe.db'));
    const before = validatorMigrations.filter((m) => m.id !== 'validator-008-piece-written-off');
    migrate(db, [...syncMigrations, ...before]);
    db.prepare(
      `INSERT INTO pieces (serial, store, status, reserved_for, list_price_minor, currency, record, reserved_until)
       VALUES (?, ?, 'reserved', 'client-1', 120000, 'EUR', '{"title":"Ring"}', '2026-03-08T10:00:00.000Z')`,
    ).run(serial(1), STORE);
    expect(() =>
      db.prepare("UPDATE pieces SET status = 'written-off' WHERE serial = ?").run(serial(1)),
    ).toThrow();

    expect(migrate(db, [...syncMigrations, ...validatorMigrations])).toEqual([
      'validator-008-piece-written-off',
    ]);
    expect(db.prepare('SELECT * FROM pieces').all()).toEqual([
      {
        serial: serial(1),
        store: STORE,
        status: 'reserved',
        reserved_for: 'client-1',
        list_price_minor: 120000,
        currency: 'EUR',
        record: '{"title":"Ring"}',
        reserved_until: '2026-03-08T10:00:00.000Z',
      },
    ]);
    db.prepare("UPDATE pieces SET status = 'written-off' WHERE serial = ?").run(serial(1));
    expect(() => db.prepare("UPDATE pieces SET status = 'lost' WHERE serial = ?").run(serial(1))).toThrow();
    const index = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pieces'")
      .all();
    expect(index).toContainEqual({ name: 'pieces_store' });
  });
});
