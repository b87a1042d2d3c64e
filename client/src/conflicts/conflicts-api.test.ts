import { describe, expect, it } from 'vitest';
import type { Conflict } from './conflicts.ts';
import { mergeConflicts, parseRemote } from './conflicts-api.ts';

const remoteItem = {
  id: 'c2',
  type: 'sale.complete',
  store: 's1',
  user: 'u2',
  device: 'd2',
  at: '2026-11-25T10:00:00.000Z',
  payload: { saleId: 'sale-2', lines: [{ serial: 'LP-1' }] },
  code: 'serial-already-sold',
  reason: 'LP-1 is sold',
  context: {},
  decidedAt: '2026-11-25T10:05:00.000Z',
  resolved: null,
  competing: {
    id: 'c1',
    type: 'sale.complete',
    user: 'u1',
    at: '2026-11-25T09:59:00.000Z',
    payload: { saleId: 'sale-1' },
  },
};
const local = (id: string, decidedAt: string): Conflict => ({
  id,
  outcome: { status: 'rejected', decidedAt },
  serials: ['LP-9'],
});

describe('relay conflicts list', () => {
  it('reads the rejected command, its serials and the competing sale', () => {
    const c = parseRemote(remoteItem);
    expect(c?.serials).toEqual(['LP-1']);
    expect(c?.competing?.id).toBe('c1');
    expect(c?.competing?.payload).toEqual({ saleId: 'sale-1' });
    expect(c?.outcome.code).toBe('serial-already-sold');
  });

  it('online, the relay is the authority; a newer local rejection is kept; offline, local only', () => {
    const remote = [parseRemote(remoteItem)!];
    const asked = '2026-11-25T11:00:00.000Z';
    const merged = mergeConflicts(
      [local('old', '2026-11-25T09:00:00.000Z'), local('new', '2026-11-25T11:30:00.000Z')],
      remote,
      asked,
    );
    expect(merged.map((c) => c.id)).toEqual(['new', 'c2']);
    expect(
      mergeConflicts([local('old', '2026-11-25T09:00:00.000Z')], undefined, asked).map((c) => c.id),
    ).toEqual(['old']);
  });
});
