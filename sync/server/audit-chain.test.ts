/** The tamper-evident audit chain (sync/SPEC.md CHAIN-*), over a real SQLite file. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../domain/commands.ts';
import { DEVICE, saleOf, serial } from '../../domain/test-support.ts';
import { AuditChain, COMMAND_COLUMNS, GENESIS, linkHash } from './audit-chain.ts';
import { AuditLog } from './audit-log.ts';
import { CommandDecider } from './validator/decider.ts';
import { openTestDatabase } from './validator/test-db.ts';

const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));

/** A database with three sales decided (one refused: the serial was already sold) and two edits. */
function recorded(): { db: DatabaseSync; path: string; ids: string[] } {
  const path = `${process.env.TMPDIR ?? '/tmp'}/loupe-chain-${process.pid}-${Math.random().toString(36).slice(2)}.db`;
  const db = openTestDatabase(5, path);
  const decisions = new CommandDecider(db, { attribution: 'envelope' }).decideOutbox(DEVICE, [
    plain(saleOf([serial(1)])),
    plain(saleOf([serial(2)])),
    plain(saleOf([serial(1)])),
  ]);
  new AuditLog(db).record(
    ['a', 'b'].map((n, i) => ({
      entry: {
        id: `entry-${n}`,
        at: `2026-12-01T10:0${i}:00.000Z`,
        user: 'u-1',
        userName: 'Ana',
        device: 'd-1',
        document: 'clients/paris',
        changes: { clients: [`c-1.${n === 'a' ? 'names' : 'phones'}`] },
      },
      stores: ['paris'],
    })),
  );
  return { db, path, ids: decisions.map((d) => d.id) };
}

describe('audit chain', () => {
  it('CHAIN-1: a link is SHA-256 of the previous hash, a newline and the canonical JSON, byte for byte (chains written before stay valid)', () => {
    const body = {
      id: 'c-1',
      reason: 'Zoë’s ring 💍 \u2028',
      code: null,
      seq: 3,
      nested: { b: 1, a: [true] },
    };
    const json =
      '{"code":null,"id":"c-1","nested":{"a":[true],"b":1},"reason":"Zoë’s ring 💍 \u2028","seq":3}';
    const expected = createHash('sha256').update(GENESIS).update('\n').update(json, 'utf8').digest('hex');
    expect(linkHash(GENESIS, body)).toBe(expected);
    expect(linkHash(expected, body)).not.toBe(expected);
  });

  it('CHAIN-1: every decided command and every audit entry is linked, in the order recorded', () => {
    const { db, ids } = recorded();
    const links = db.prepare('SELECT kind, ref, prev, hash FROM audit_chain ORDER BY seq').all() as {
      kind: string;
      ref: string;
      prev: string;
      hash: string;
    }[];
    expect(links.map((l) => `${l.kind}:${l.ref}`)).toEqual([
      ...ids.map((id) => `command:${id}`),
      'audit:entry-a',
      'audit:entry-b',
    ]);
    expect(links[0]?.prev).toBe(GENESIS);
    for (let i = 1; i < links.length; i++) expect(links[i]?.prev).toBe(links[i - 1]?.hash);
    const verdict = new AuditChain(db).verify();
    expect(verdict).toMatchObject({ ok: true, checked: 5, first: null });
    expect(verdict.head?.hash).toBe(links.at(-1)?.hash);
  });

  it('CHAIN-2: a command edited in the database is named as the first problem', () => {
    const { db, ids } = recorded();
    // Someone turns the refused double sale into an accepted one, straight in SQL.
    db.prepare("UPDATE commands SET status = 'accepted', code = NULL WHERE id = ?").run(ids[2] ?? '');
    expect(new AuditChain(db).verify().first).toMatchObject({
      kind: 'command',
      ref: ids[2],
      problem: 'edited',
    });
  });

  it('CHAIN-2: an edited audit entry, a deleted command, a deleted link and moved links are each found', () => {
    const edited = recorded();
    edited.db.prepare("UPDATE audit_log SET user_name = 'Someone else' WHERE id = 'entry-a'").run();
    expect(new AuditChain(edited.db).verify().first).toMatchObject({ ref: 'entry-a', problem: 'edited' });

    const deleted = recorded();
    deleted.db.prepare('DELETE FROM commands WHERE id = ?').run(deleted.ids[1] ?? '');
    expect(new AuditChain(deleted.db).verify().first).toMatchObject({
      ref: deleted.ids[1],
      problem: 'deleted',
    });

    const unlinked = recorded();
    unlinked.db.prepare('DELETE FROM audit_chain WHERE seq = 2').run();
    expect(new AuditChain(unlinked.db).verify().first).toMatchObject({ seq: 3, problem: 'deleted' });

    const moved = recorded();
    moved.db.exec(`UPDATE audit_chain SET seq = -1 WHERE seq = 2;
      UPDATE audit_chain SET seq = 2 WHERE seq = 3; UPDATE audit_chain SET seq = 3 WHERE seq = -1;`);
    expect(new AuditChain(moved.db).verify().first).toMatchObject({ seq: 2, problem: 'reordered' });
  });

  it('CHAIN-2: a row slipped in without a link is found, and a link rewritten with a fresh hash breaks the next', () => {
    const slipped = recorded();
    slipped.db
      .prepare(
        `INSERT INTO commands (id, device, store, type, envelope, status, events, decided_at)
         VALUES ('forged', 'd-x', 'paris', 'sale.void', '{}', 'accepted', '[]', '2026-12-01T11:00:00.000Z')`,
      )
      .run();
    expect(new AuditChain(slipped.db).verify().first).toMatchObject({ ref: 'forged', problem: 'unchained' });

    // Editing a row and recomputing its own link is not enough: the next link names the old hash.
    const rehashed = recorded();
    const { db, ids } = rehashed;
    db.prepare("UPDATE commands SET reason = 'nothing to see' WHERE id = ?").run(ids[2] ?? '');
    const link = db.prepare('SELECT seq, prev FROM audit_chain WHERE ref = ?').get(ids[2] ?? '') as {
      seq: number;
      prev: string;
    };
    const row = { ...(db.prepare('SELECT * FROM commands WHERE id = ?').get(ids[2] ?? '') as object) };
    const body = Object.fromEntries(COMMAND_COLUMNS.map((k) => [k, (row as Record<string, unknown>)[k]]));
    db.prepare('UPDATE audit_chain SET hash = ? WHERE seq = ?').run(linkHash(link.prev, body), link.seq);
    expect(new AuditChain(db).verify().first).toMatchObject({
      seq: Number(link.seq) + 1,
      problem: 'deleted',
    });
  });

  it('CHAIN-5: entries recorded before the chain existed are linked once, in order', () => {
    const { db, ids } = recorded();
    db.exec('DELETE FROM audit_chain');
    const chain = new AuditChain(db);
    expect(chain.verify().first).toMatchObject({ ref: ids[0], problem: 'unchained' });
    expect(chain.catchUp()).toBe(5);
    expect(chain.catchUp()).toBe(0);
    expect(chain.verify()).toMatchObject({ ok: true, checked: 5 });
  });

  it('CHAIN-4: npm run audit:verify reports the head, then names an edited row and exits 1', () => {
    const { db, path, ids } = recorded();
    const run = () =>
      spawnSync(process.execPath, ['scripts/audit-verify.ts'], {
        env: { ...process.env, LOUPE_DB: path },
        encoding: 'utf8',
      });
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('Audit chain holds: 5 entries checked.');
    expect(good.stdout).toContain(new AuditChain(db).head()?.hash ?? 'no head');
    db.prepare("UPDATE commands SET events = '[]' WHERE id = ?").run(ids[0] ?? '');
    db.close();
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`First problem (edited): command ${ids[0]}`);
  });
});
