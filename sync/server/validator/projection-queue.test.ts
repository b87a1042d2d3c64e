import type { DatabaseSync } from 'node:sqlite';
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload } from '@hocuspocus/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { unwrap } from '../../../domain/result.ts';
import { OTHER_STORE, STORE } from '../../../domain/test-support.ts';
import { names } from '../../shared/doc-names.ts';
import { createClient, setClientField, setClientNotes } from '../../shared/docs/clients.ts';
import type { DocumentStore } from '../document-store.ts';
import { ClientDirectory } from './client-directory.ts';
import { ClientSearchProjection } from './client-search-api.ts';
import { flushProjections } from './projection-queue.ts';
import { openTestDatabase } from './test-db.ts';

const BOOK = names.clients(STORE);
const profile = (first: string, last: string): ClientProfile =>
  unwrap(
    parseClient({
      id: uuidv7(),
      names: { first, last, display: `${first} ${last}` },
      contacts: { emails: [], phones: [] },
      consent: {},
      ringSizes: [],
      preferences: { metals: [], stones: [], designers: [] },
      milestones: [],
      notes: '',
      homeStore: STORE,
      createdAt: '2026-01-01T10:00:00.000Z',
    }),
  );
const rename = (doc: Y.Doc, id: string, first: string, last: string) =>
  setClientField(doc, id, 'names', { first, last, display: `${first} ${last}` });

const until = async (f: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('book projections off the edit path (PERF-1)', () => {
  let db: DatabaseSync;
  let doc: Y.Doc;
  let directory: ClientDirectory;
  let search: ClientSearchProjection;
  const listed = () =>
    (db.prepare('SELECT count(*) AS n FROM client_directory WHERE store = ?').get(STORE) as { n: number }).n;
  const found = (word: string) =>
    search.store.find({ kind: 'words', words: [word] }, OTHER_STORE, 50).map((r) => r.displayName);

  const open = async (options: { delayMs: number; maxDelayMs: number }) => {
    directory = new ClientDirectory(db, options);
    search = new ClientSearchProjection(db, {} as DocumentStore, undefined, options);
    const load = { documentName: BOOK, document: doc } as unknown as afterLoadDocumentPayload;
    await directory.extension().afterLoadDocument?.(load);
    await search.afterLoadDocument(load);
  };

  beforeEach(() => {
    db = openTestDatabase(0);
    doc = new Y.Doc();
  });
  afterEach(() => {
    directory?.queue.close();
    search?.queue.close();
    db.close();
  });

  it('PERF-1: a burst of 50 edits is projected once, after the burst, and the projection is up to date', async () => {
    await open({ delayMs: 40, maxDelayMs: 5_000 });
    const clients = Array.from({ length: 10 }, (_, i) => profile('Ada', `Lovelace${i}`));
    // 50 edits, each its own Yjs transaction as each device message is: 10 new clients, 40 renames.
    for (const c of clients) createClient(doc, c);
    for (let i = 0; i < 40; i++) {
      const c = clients[i % 10] as ClientProfile;
      unwrap(rename(doc, c.id, 'Grace', `Hopper${i % 10}-${Math.floor(i / 10)}`));
    }
    // Nothing written on the edits' own path.
    expect(directory.queue.passes).toBe(0);
    expect(search.queue.passes).toBe(0);
    expect(listed()).toBe(0);
    expect(found('lovelace0')).toEqual([]);

    await until(() => directory.queue.passes > 0 && search.queue.passes > 0);
    await new Promise((r) => setTimeout(r, 120)); // would a second pass follow? (none should)
    expect(directory.queue.passes).toBe(1);
    expect(search.queue.passes).toBe(1);
    expect(listed()).toBe(10);
    // Each client's last name as the burst left it; the names it had on the way are gone.
    expect(found('hopper3').sort()).toEqual(['Grace Hopper3-3']);
    expect(found('lovelace3')).toEqual([]);
    expect(found('grace')).toHaveLength(10);
    expect(found('hopper7-2')).toEqual([]);
  });

  it('PERF-1: edits that never pause are still projected within the longest wait', async () => {
    await open({ delayMs: 60, maxDelayMs: 150 });
    const c = profile('Ada', 'Lovelace');
    createClient(doc, c);
    const start = Date.now();
    let i = 0;
    // An edit every 10 ms: the quiet time is never reached while it lasts.
    while (search.queue.passes === 0 && Date.now() - start < 3_000) {
      unwrap(rename(doc, c.id, 'Ada', `Byron${i++}`));
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(search.queue.passes).toBeGreaterThan(0);
    expect(directory.queue.passes).toBeGreaterThan(0);
    expect(listed()).toBe(1);
  });

  it('PERF-1: a decision, an unload or a shutdown writes what is pending at once', async () => {
    await open({ delayMs: 60_000, maxDelayMs: 60_000 });
    const a = profile('Ada', 'Lovelace');
    createClient(doc, a);
    expect(listed()).toBe(0);
    // The decider calls this before deciding (a merge of a client created a moment ago).
    flushProjections(db);
    expect(listed()).toBe(1);
    expect(found('lovelace')).toEqual(['Ada Lovelace']);

    const b = profile('Grace', 'Hopper');
    createClient(doc, b);
    const unload = { documentName: BOOK, document: doc } as unknown as afterUnloadDocumentPayload;
    await directory.extension().afterUnloadDocument?.(unload);
    await search.afterUnloadDocument(unload);
    expect(listed()).toBe(2);
    expect(found('hopper')).toEqual(['Grace Hopper']);

    // Loaded again (projected whole), edited, then the relay stops before the quiet time is over.
    await search.afterLoadDocument({
      documentName: BOOK,
      document: doc,
    } as unknown as afterLoadDocumentPayload);
    unwrap(rename(doc, a.id, 'Augusta', 'King'));
    expect(found('king')).toEqual([]);
    await search.onDestroy();
    expect(found('king')).toEqual(['Augusta King']);
  });

  it('PERF-1: an edit that changes nothing a search reads (a note) rewrites no search row', async () => {
    await open({ delayMs: 60_000, maxDelayMs: 60_000 });
    const a = profile('Ada', 'Lovelace');
    createClient(doc, a);
    flushProjections(db);
    const row = () =>
      db.prepare('SELECT seq, updated_at FROM client_search WHERE id = ?').get(a.id) as {
        seq: number;
        updated_at: string;
      };
    const first = row();
    await new Promise((r) => setTimeout(r, 5));
    unwrap(setClientNotes(doc, a.id, 'Prefers rose gold'));
    flushProjections(db);
    expect(search.queue.passes).toBe(2);
    expect(row()).toEqual(first);
    expect(found('lovelace')).toEqual(['Ada Lovelace']);
    unwrap(rename(doc, a.id, 'Ada', 'Byron'));
    flushProjections(db);
    expect(row().updated_at).not.toBe(first.updated_at);
    expect(found('byron')).toEqual(['Ada Byron']);
    expect(found('lovelace')).toEqual([]);
  });
});
