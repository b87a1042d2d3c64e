import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guardReadOnly, ReadOnlyDocumentError } from './read-only-guard.ts';

describe('read-only guard', () => {
  it('refuses local writes to a relay-owned document and keeps it unchanged', () => {
    const doc = new Y.Doc();
    guardReadOnly(doc, 'stock/s1');
    expect(() => doc.getMap('outcomes').set('x', 1)).toThrow(ReadOnlyDocumentError);
    expect(doc.getMap('outcomes').size).toBe(0);
  });

  it('accepts the relay’s updates', () => {
    const relay = new Y.Doc();
    relay.getMap('outcomes').set('c1', { status: 'accepted' });
    const doc = new Y.Doc();
    guardReadOnly(doc, 'ledger/s1/2026-11');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay), 'provider');
    expect(doc.getMap('outcomes').get('c1')).toEqual({ status: 'accepted' });
  });
});
