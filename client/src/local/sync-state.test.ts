import { describe, expect, it } from 'vitest';
import { describeSync, type SyncFacts } from './sync-state.ts';

const base: SyncFacts = {
  network: true,
  socket: 'connected',
  pending: 0,
  conflicts: 0,
  docsTotal: 5,
  docsSynced: 5,
  hadFirstSync: true,
};

describe('sync state', () => {
  it('online with nothing waiting is calm', () => {
    expect(describeSync(base)).toMatchObject({ link: 'online', tone: 'calm', label: 'Online', detail: [] });
  });

  it('no network is offline even if the socket has not noticed yet', () => {
    expect(describeSync({ ...base, network: false })).toMatchObject({ link: 'offline', label: 'Offline' });
  });

  it('offline with queued sales says how many are pending', () => {
    const v = describeSync({ ...base, socket: 'disconnected', pending: 2 });
    expect(v.label).toBe('Offline');
    expect(v.detail).toEqual(['2 commands pending']);
    expect(v.tone).toBe('warn');
  });

  it('conflicts outrank everything in tone and are counted in singular', () => {
    const v = describeSync({ ...base, pending: 1, conflicts: 1 });
    expect(v.tone).toBe('alert');
    expect(v.detail).toEqual(['1 command pending', '1 conflict waiting']);
    // The badge picks each part by what it is, not by searching the words.
    expect([v.pendingWords, v.conflictWords]).toEqual(['1 command pending', '1 conflict waiting']);
    expect(describeSync({ ...base, conflicts: 2 }).pendingWords).toBeUndefined();
  });

  it('shows progress only during the first download', () => {
    const first = describeSync({ ...base, docsSynced: 2, hadFirstSync: false });
    expect(first.label).toBe('Downloading store…');
    expect(first.firstSyncProgress).toBeCloseTo(0.4);
    const later = describeSync({ ...base, docsSynced: 2, hadFirstSync: true });
    expect(later.firstSyncProgress).toBeUndefined();
    expect(later.label).toBe('Online');
  });

  it('connecting is busy, not an error', () => {
    expect(describeSync({ ...base, socket: 'connecting' })).toMatchObject({
      link: 'connecting',
      tone: 'busy',
    });
  });
});
