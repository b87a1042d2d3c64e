/**
 * The contract every DocumentStore implementation passes (STORE-1…STORE-5). Call it from a
 * test file with a factory that yields a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from './document-store.ts';

export type StoreFactory = () => Promise<{ store: DocumentStore; dispose: () => Promise<void> }>;

const stateWith = (entries: Record<string, string>): Uint8Array => {
  const doc = new Y.Doc();
  const map = doc.getMap('clients');
  for (const [k, v] of Object.entries(entries)) map.set(k, v);
  return Y.encodeStateAsUpdate(doc);
};

const read = (state: Uint8Array): Record<string, unknown> => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getMap('clients').toJSON();
};

export function runStorageContract(label: string, factory: StoreFactory): void {
  describe(`DocumentStore contract: ${label}`, () => {
    let store: DocumentStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => dispose());

    it('STORE-1: an unknown document fetches as null', async () => {
      expect(await store.fetch('clients/never-stored')).toBeNull();
    });

    it('STORE-2: a stored state comes back byte for byte and still decodes', async () => {
      const state = stateWith({ a: 'Ada', b: 'Béatrice' });
      await store.store('clients/s1', state);
      const back = await store.fetch('clients/s1');
      expect(back).toEqual(state);
      expect(read(back as Uint8Array)).toEqual({ a: 'Ada', b: 'Béatrice' });
    });

    it('STORE-3: storing again replaces the previous state', async () => {
      await store.store('catalog', stateWith({ a: '1' }));
      await store.store('catalog', stateWith({ a: '2', b: '3' }));
      expect(read((await store.fetch('catalog')) as Uint8Array)).toEqual({ a: '2', b: '3' });
    });

    it('STORE-4: names are exact: similar names and prefixes do not collide', async () => {
      await store.store('ledger/s1/2026-01', stateWith({ x: 'jan' }));
      await store.store('ledger/s1/2026-02', stateWith({ x: 'feb' }));
      await store.store('ledger/s10/2026-01', stateWith({ x: 'other store' }));
      await store.store('ledger/s_/2026-01', stateWith({ x: 'underscore' }));
      expect(await store.list('ledger/s1/')).toEqual(['ledger/s1/2026-01', 'ledger/s1/2026-02']);
      expect(await store.list('ledger/s_/')).toEqual(['ledger/s_/2026-01']);
      expect(read((await store.fetch('ledger/s10/2026-01')) as Uint8Array)).toEqual({ x: 'other store' });
    });

    it('STORE-5: a deleted document fetches as null and is no longer listed', async () => {
      await store.store('work/s1', stateWith({ o: 'order' }));
      await store.delete('work/s1');
      expect(await store.fetch('work/s1')).toBeNull();
      expect(await store.list('work/')).toEqual([]);
    });

    it('STORE-6: a large state (a boutique client book) round-trips', async () => {
      const entries: Record<string, string> = {};
      for (let i = 0; i < 5000; i++) entries[`client-${i}`] = `profile ${i} ${'x'.repeat(50)}`;
      const state = stateWith(entries);
      await store.store('clients/big', state);
      expect(await store.fetch('clients/big')).toEqual(state);
    });
  });
}
