import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrate, openDatabase } from './db.ts';
import { DocumentJournal, journalMigrations } from './journal.ts';

describe('the relay journal of its own writes', () => {
  it('GUARD-10: entries are replayed until a stored state contains them, whoever wrote them', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'loupe-journal-')), 'loupe.db'));
    migrate(db, journalMigrations);
    const journal = new DocumentJournal(db);
    const mine = new Y.Doc();
    const other = new Y.Doc(); // another relay instance, whose change this one has not received
    mine.on('update', (u: Uint8Array) => journal.append('ledger/x', u));
    other.on('update', (u: Uint8Array) => journal.append('ledger/x', u));
    mine.getMap('outcomes').set('a', 1);
    other.getMap('outcomes').set('b', 2);
    mine.getMap('outcomes').set('c', 3);
    expect(journal.entries('ledger/x')).toHaveLength(3);

    // A restart replays everything the relays broadcast.
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, Y.mergeUpdates(journal.entries('ledger/x')));
    expect(replayed.getMap('outcomes').toJSON()).toEqual({ a: 1, b: 2, c: 3 });

    // This instance stores its state (without b): only its own entries are dropped.
    expect(journal.trim('ledger/x', Y.encodeStateAsUpdate(mine))).toBe(2);
    expect(journal.entries('ledger/x')).toHaveLength(1);
    expect(journal.trim('ledger/x', Y.encodeStateAsUpdate(replayed))).toBe(1);
    expect(journal.entries('ledger/x')).toEqual([]);
  });
});
