import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLIENT, STORE } from '../../../domain/test-support.ts';
import { createClient, setClientField } from '../../shared/docs/clients.ts';
import { clientFieldValues, type FieldValue } from './field-values.ts';

const profile = {
  id: CLIENT,
  names: { first: 'Ada', last: 'Lovelace', display: '' },
  contacts: { emails: [], phones: [] },
  consent: {},
  ringSizes: [],
  preferences: { metals: [], stones: [], designers: [] },
  milestones: [],
  notes: '',
  homeStore: STORE,
  createdAt: '2026-01-10T09:00:00.000Z',
} as const;

/** A relay's copy that records what each incoming update did to valued fields. */
function relayCopy(from: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  const seen: Record<string, FieldValue>[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    const v = clientFieldValues(doc, tr);
    if (Object.keys(v).length) seen.push(v);
  });
  return { doc, seen };
}

describe('field values in the audit', () => {
  it('FIELDHIST-1: a field set records before and after; two concurrent sets both recorded, one kept', () => {
    const base = new Y.Doc();
    createClient(base, profile as never, 0);
    setClientField(base, CLIENT, 'wristCm', 16);
    const relay = relayCopy(base);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    setClientField(a, CLIENT, 'wristCm', 17);
    setClientField(b, CLIENT, 'wristCm', 18);
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(a, Y.encodeStateVector(base)));
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(b, Y.encodeStateVector(base)));
    const key = `${CLIENT}.wristCm`;
    const [first, second] = relay.seen.map((s) => s[key]);
    expect(first).toEqual({ before: 16, after: 17, kept: true });
    const finalValue = relay.doc.getMap('clients').get(CLIENT) as Y.Map<unknown>;
    expect(second?.after).toBe(18);
    // Whichever won, the loser's value is in the history and the final value is one of the two.
    if (finalValue.get('wristCm') === 18) expect(second).toEqual({ before: 17, after: 18, kept: true });
    else expect(second).toEqual({ before: 17, after: 18, kept: false });
  });

  it('FIELDHIST-1: clearing a field records the value it had; notes and lists carry no values', () => {
    const base = new Y.Doc();
    createClient(base, profile as never, 0);
    setClientField(base, CLIENT, 'neckCm', 40);
    const relay = relayCopy(base);
    const a = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    setClientField(a, CLIENT, 'neckCm', undefined);
    setClientField(a, CLIENT, 'names', { first: 'Ada', last: 'King' });
    Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(a, Y.encodeStateVector(base)));
    expect(relay.seen[0]?.[`${CLIENT}.neckCm`]).toEqual({ before: 40, after: null, kept: true });
    expect(relay.seen[0]?.[`${CLIENT}.names`]).toMatchObject({
      before: { last: 'Lovelace' },
      after: { last: 'King' },
      kept: true,
    });
  });
});
