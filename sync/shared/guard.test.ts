import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assertClientWritable, type GuardViolation, readOnlyMirror } from './guard.ts';

describe('client-side guard of relay-owned documents', () => {
  it('GUARD-5: client writers refuse relay-owned documents', () => {
    expect(() => assertClientWritable('stock/0191fa5c-44ee-7da7-80c9-12e04e8ee28a')).toThrow(/relay only/);
    expect(() => assertClientWritable('clients/0191fa5c-44ee-7da7-80c9-12e04e8ee28a')).not.toThrow();
  });

  it('GUARD-2: a mirror follows the synced copy; a write into it is reported and never reaches that copy', () => {
    const synced = new Y.Doc();
    synced.getMap('outcomes').set('c1', { status: 'accepted' });
    const violations: GuardViolation[] = [];
    const mirror = readOnlyMirror('ledger/x/2026-11', synced, (v) => violations.push(v));
    expect(mirror.getMap('outcomes').get('c1')).toEqual({ status: 'accepted' });
    synced.getMap('outcomes').set('c2', { status: 'rejected' });
    expect(mirror.getMap('outcomes').get('c2')).toEqual({ status: 'rejected' });
    expect(violations).toEqual([]);
    mirror.getMap('outcomes').set('c3', { status: 'accepted' });
    expect(violations).toHaveLength(1);
    expect(violations[0]?.document).toBe('ledger/x/2026-11');
    expect(synced.getMap('outcomes').has('c3')).toBe(false);
  });
});
