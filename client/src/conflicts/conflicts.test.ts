import { describe, expect, it } from 'vitest';
import type { Command, Outcome } from '../local/records.ts';
import { openConflicts, RESOLVE } from './conflicts.ts';

const sale = (id: string, serial: string): Command => ({
  id,
  type: 'sale.complete',
  store: 's',
  device: 'd',
  user: 'u',
  at: '2026-11-25T10:00:00.000Z',
  payload: { lines: [{ serial, price: { minor: 1, currency: 'EUR' } }] },
});
const rejected = (reason: string, decidedAt = '2026-11-25T10:01:00.000Z'): Outcome => ({
  status: 'rejected',
  code: 'serial-already-sold',
  reason,
  decidedAt,
});

describe('conflicts inbox', () => {
  it('lists rejected commands with the serial from this till’s own outbox', () => {
    const outcomes = { c1: rejected('already sold'), c2: { status: 'accepted' as const, decidedAt: '' } };
    const list = openConflicts({
      outcomes: () => outcomes,
      commands: { items: [sale('c1', 'LP-1'), sale('c2', 'LP-2')] },
    });
    expect(list.map((c) => [c.id, c.serials])).toEqual([['c1', ['LP-1']]]);
  });

  it('CMD-13: on another till, the serials come from the ledger entry, never from the reason’s words', () => {
    const outcomes = { c9: rejected('LP-24-000187 was already sold by another sale') };
    const list = openConflicts({ outcomes: () => outcomes, commands: { items: [] } });
    expect(list[0]?.serials).toEqual([]);
    expect(list[0]?.command).toBeUndefined();
    const entries = {
      c9: {
        ...sale('c9', 'LP-24-000187'),
        type: 'piece.reserve',
        payload: { clientId: 'c-1' },
        status: 'rejected' as const,
        code: 'piece-not-sellable',
        context: { serial: 'LP-24-000188', from: 'sold' },
        decidedAt: '2026-11-25T10:01:00.000Z',
      },
    };
    const fromEntry = openConflicts({
      outcomes: () => outcomes,
      commands: { items: [] },
      entries: () => entries,
    });
    expect(fromEntry[0]?.serials).toEqual(['LP-24-000188']);
  });

  it('a resolution removes the conflict unless the resolution itself was refused', () => {
    const resolve: Command = { ...sale('r1', 'x'), type: RESOLVE, payload: { commandId: 'c1' } };
    const outcomes: Record<string, Outcome> = { c1: rejected('sold') };
    const src = { outcomes: () => outcomes, commands: { items: [sale('c1', 'LP-1'), resolve] } };
    expect(openConflicts(src)).toEqual([]);
    outcomes.r1 = rejected('no');
    expect(openConflicts(src).map((c) => c.id)).toEqual(['c1']);
  });
});

describe('conflicts from the ledger entries', () => {
  const entry = (id: string, status: 'accepted' | 'rejected', extra: object = {}) => ({
    ...sale(id, 'LP-5'),
    device: 'other-till',
    status,
    decidedAt: '2026-11-25T10:02:00.000Z',
    context: {},
    ...extra,
  });
  it('another till’s rejected sale shows with its serial and the sale that won', () => {
    const entries = {
      win: entry('win', 'accepted'),
      lose: entry('lose', 'rejected', {
        code: 'serial-already-sold',
        context: { competingCommandId: 'win' },
      }),
    };
    const outcomes = { win: { status: 'accepted' as const, decidedAt: '' }, lose: rejected('sold') };
    const list = openConflicts({ outcomes: () => outcomes, commands: { items: [] }, entries: () => entries });
    expect(list.map((c) => [c.id, c.serials, c.competing?.id])).toEqual([['lose', ['LP-5'], 'win']]);
  });
  it('a conflict a manager resolved on any till leaves the inbox', () => {
    const entries = {
      lose: entry('lose', 'rejected', {
        resolution: { resolution: 'dismissed', note: 'ok', by: 'x', at: '' },
      }),
    };
    const list = openConflicts({
      outcomes: () => ({ lose: rejected('sold') }),
      commands: { items: [] },
      entries: () => entries,
    });
    expect(list).toEqual([]);
  });
});
