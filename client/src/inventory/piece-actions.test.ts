import { describe, expect, it } from 'vitest';
import { dateInputValue, pieceActions, reservationUntil, sentAway } from './piece-actions.ts';

const actions = (
  status: string | undefined,
  role: 'associate' | 'designer' | 'manager' | 'owner',
  otherStores = 1,
) => pieceActions({ status, role, otherStores });

describe('piece page: which actions show (domain STOCK-6, WRITEOFF-*)', () => {
  it('a manager sees every move a piece in stock can make, the price and the write-off', () => {
    expect(actions('in-stock', 'manager')).toEqual([
      'reservation.place',
      'memo.out',
      'repair.in',
      'transfer.send',
      'piece.write-off',
      'price.change',
    ]);
  });

  it('an associate may reserve, release and send to repair; never memo, transfer, reprice or write off', () => {
    expect(actions('in-stock', 'associate')).toEqual(['reservation.place', 'repair.in']);
    expect(actions('reserved', 'associate')).toEqual(['reservation.release']);
    expect(actions('in-repair', 'associate')).toEqual(['repair.out']);
    expect(actions('returned', 'associate')).toEqual(['repair.in']);
    expect(actions('on-memo', 'associate')).toEqual([]);
    expect(actions('in-transit', 'associate')).toEqual([]);
  });

  it('each status offers its own way out', () => {
    expect(actions('reserved', 'manager')).toEqual([
      'reservation.release',
      'piece.write-off',
      'price.change',
    ]);
    expect(actions('on-memo', 'manager')).toEqual(['memo.return', 'piece.write-off', 'price.change']);
    expect(actions('returned', 'manager')).toEqual([
      'repair.in',
      'piece.restock',
      'piece.write-off',
      'price.change',
    ]);
    expect(actions('in-transit', 'manager')).toEqual(['transfer.receive', 'price.change']);
    expect(actions('sold', 'manager')).toEqual(['price.change']);
    expect(actions('sold', 'associate')).toEqual([]);
  });

  it('a written-off piece, or one with no stock status, offers nothing', () => {
    expect(actions('written-off', 'owner')).toEqual([]);
    expect(actions(undefined, 'owner')).toEqual([]);
    expect(actions('lost-somewhere', 'owner')).toEqual([]);
  });

  it('a transfer is offered only when the organisation has another store', () => {
    expect(actions('in-stock', 'owner', 0)).not.toContain('transfer.send');
    expect(actions('in-stock', 'owner', 2)).toContain('transfer.send');
  });
});

describe('piece page: reservation dates', () => {
  const now = new Date(2026, 2, 1, 15, 30);
  it('CMD-7: the default is 7 days on; a reservation holds to the end of the chosen day, after now', () => {
    expect(dateInputValue(now)).toBe('2026-03-08');
    const until = reservationUntil('2026-03-08', now);
    expect(until && new Date(until).getDate()).toBe(8);
    expect(until && Date.parse(until) > now.getTime()).toBe(true);
    expect(reservationUntil('2026-03-01', now)).toBeDefined();
    expect(reservationUntil('2026-02-28', now)).toBeUndefined();
    expect(reservationUntil('next week', now)).toBeUndefined();
  });
});

describe('piece page: a piece sent to another store (STOCK-3)', () => {
  it('the latest accepted transfer of this serial says where it went', () => {
    const send = (serial: string, toStore: string, at: string, status = 'accepted') => ({
      type: 'transfer.send',
      status,
      at,
      payload: { serial, toStore },
    });
    const entries = {
      a: send('LP-1', 'nyc', '2026-03-01T10:00:00.000Z'),
      b: send('LP-1', 'ldn', '2026-03-02T10:00:00.000Z', 'rejected'),
      c: send('LP-2', 'ldn', '2026-03-03T10:00:00.000Z'),
      d: {
        type: 'memo.out',
        status: 'accepted',
        at: '2026-03-04T10:00:00.000Z',
        payload: { serial: 'LP-1' },
      },
    };
    expect(sentAway(entries, 'LP-1')).toEqual({ toStore: 'nyc', at: '2026-03-01T10:00:00.000Z' });
    expect(sentAway(entries, 'LP-3')).toBeUndefined();
  });
});
