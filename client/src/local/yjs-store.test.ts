import { createEffect, createMemo, createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindYArray, bindYKeyValue, bindYMap } from './yjs-store.ts';

type Piece = { serial: string; price: number };
const readPiece = (v: unknown): Piece | undefined =>
  v && typeof v === 'object' && typeof (v as Piece).price === 'number' ? (v as Piece) : undefined;

describe('bindYMap', () => {
  it('shows the map, then follows adds, updates and deletes from another device', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    a.getMap('pieces').set('LP-1', { serial: 'LP-1', price: 100 });
    const { state, dispose } = bindYMap(b.getMap('pieces'), readPiece);
    expect(state['LP-1']?.price).toBe(100);
    a.getMap('pieces').set('LP-2', { serial: 'LP-2', price: 250 });
    a.getMap('pieces').set('LP-1', { serial: 'LP-1', price: 120 });
    expect(state['LP-1']?.price).toBe(120);
    expect(Object.keys(state).sort()).toEqual(['LP-1', 'LP-2']);
    a.getMap('pieces').delete('LP-2');
    expect(state['LP-2']).toBeUndefined();
    expect(Object.keys(state)).toEqual(['LP-1']);
    dispose();
    a.getMap('pieces').set('LP-3', { serial: 'LP-3', price: 1 });
    expect(state['LP-3']).toBeUndefined();
  });

  it('drops records the reader rejects', () => {
    const doc = new Y.Doc();
    doc.getMap('pieces').set('bad', { serial: 'bad', price: 'free' });
    const { state } = bindYMap(doc.getMap('pieces'), readPiece);
    expect(state.bad).toBeUndefined();
  });

  it('re-runs only effects that read the changed key', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('pieces');
    map.set('LP-1', { serial: 'LP-1', price: 1 });
    map.set('LP-2', { serial: 'LP-2', price: 2 });
    const seen: number[] = [];
    const dispose = createRoot((dispose) => {
      const { state } = bindYMap(map, readPiece);
      createEffect(() => seen.push(state['LP-1']?.price ?? -1));
      return dispose;
    });
    map.set('LP-2', { serial: 'LP-2', price: 3 });
    map.set('LP-1', { serial: 'LP-1', price: 5 });
    expect(seen).toEqual([1, 5]);
    dispose();
    map.set('LP-1', { serial: 'LP-1', price: 7 });
    expect(seen).toEqual([1, 5]);
  });

  it('follows edits inside nested shared maps', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('clients');
    const inner = new Y.Map<unknown>();
    map.set('c1', inner);
    inner.set('name', 'Ada');
    const { state } = bindYMap<{ name: string }>(map);
    expect(state.c1?.name).toBe('Ada');
    inner.set('name', 'Ada Lovelace');
    expect(state.c1?.name).toBe('Ada Lovelace');
  });
});

describe('bindYArray', () => {
  it('follows appends', () => {
    const doc = new Y.Doc();
    const arr = doc.getArray('commands');
    arr.push([{ id: '1' }]);
    const { state } = bindYArray<{ id: string }>(arr);
    arr.push([{ id: '2' }]);
    expect(state.items.map((c) => c.id)).toEqual(['1', '2']);
  });
});

describe('bindYKeyValue', () => {
  it('reads the rightmost value per key and never writes to the document', () => {
    const doc = new Y.Doc();
    const arr = doc.getArray('statuses');
    arr.push([
      { key: 'LP-1', val: { status: 'in-stock' } },
      { key: 'LP-2', val: { status: 'in-stock' } },
    ]);
    let writes = 0;
    doc.on('update', () => writes++);
    const { state } = bindYKeyValue<{ status: string }>(arr);
    expect(writes).toBe(0);
    expect(state['LP-1']?.status).toBe('in-stock');
    doc.transact(() => {
      arr.delete(0, 1);
      arr.push([{ key: 'LP-1', val: { status: 'sold' } }]);
    });
    expect(state['LP-1']?.status).toBe('sold');
    expect(state['LP-2']?.status).toBe('in-stock');
    arr.delete(0, arr.length);
    expect(state['LP-1']).toBeUndefined();
  });
});

describe('bindings and views that read every record', () => {
  it('a whole store arriving at once (first sync, IndexedDB load) updates a list view once, not once per record', () => {
    const source = new Y.Doc();
    const stock = source.getArray<{ key: string; val: Piece }>('stock');
    const catalog = source.getMap<Piece>('pieces');
    source.transact(() => {
      for (let i = 0; i < 2_000; i++) {
        stock.push([{ key: `LP-${i}`, val: { serial: `LP-${i}`, price: i } }]);
        catalog.set(`LP-${i}`, { serial: `LP-${i}`, price: i });
      }
    });
    const till = new Y.Doc();
    createRoot((dispose) => {
      const kv = bindYKeyValue(till.getArray('stock'), readPiece);
      const map = bindYMap(till.getMap('pieces'), readPiece);
      let runs = 0;
      // Like the inventory screen: a filter over every record.
      const cheap = createMemo(() => {
        runs++;
        return Object.values(kv.state).filter((p) => p.price < 10).length + Object.values(map.state).length;
      });
      createEffect(() => cheap());
      const before = runs;
      Y.applyUpdate(till, Y.encodeStateAsUpdate(source));
      expect(cheap()).toBe(10 + 2_000);
      expect(runs - before).toBeLessThanOrEqual(2);
      dispose();
    });
  });
});
