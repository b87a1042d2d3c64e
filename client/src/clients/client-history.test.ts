import { describe, expect, it } from 'vitest';
import type { LedgerEntry, StockView } from '../local/records.ts';
import { deviceHistory } from './client-history.ts';

const entry = (id: string, type: string, payload: Record<string, unknown>, at = '2026-03-01T10:00:00.000Z') =>
  ({
    id,
    type,
    store: 's',
    user: 'u',
    device: 'd',
    at,
    payload,
    status: 'accepted',
    decidedAt: at,
  }) as LedgerEntry;
const eur = (minor: number) => ({ minor, currency: 'EUR' });

describe('the till’s part of a client’s history', () => {
  it('HISTORY-1: sales, returns, voids and orders of the client or of clients merged into them, and their reservations', () => {
    const entries = {
      s1: entry('s1', 'sale.complete', {
        saleId: 'sale-1',
        clientId: 'merged',
        total: eur(1000),
        lines: [{ serial: 'A' }],
      }),
      s2: entry('s2', 'sale.complete', {
        saleId: 'sale-2',
        clientId: 'someone-else',
        total: eur(5),
        lines: [],
      }),
      r1: entry('r1', 'sale.return', {
        returnId: 'ret-1',
        saleId: 'sale-1',
        serials: ['A'],
        refunds: [{ amount: eur(400) }],
      }),
      o1: entry('o1', 'order.open', {
        orderId: 'ord-1',
        clientId: 'me',
        kind: 'custom',
        description: 'Ring',
        total: eur(9000),
      }),
      v1: entry('v1', 'sale.void', { saleId: 'sale-2', reason: 'x' }),
    };
    const stock: Record<string, StockView> = {
      B: { status: 'reserved', location: 'safe', reservedFor: 'me', updatedAt: '' },
      C: { status: 'reserved', location: 'safe', reservedFor: 'other', updatedAt: '' },
    };
    const lines = deviceHistory(new Set(['me', 'merged']), entries, stock);
    expect(lines.map((l) => [l.kind, l.id, l.amount?.minor ?? null]).sort()).toEqual(
      [
        ['order', 'ord-1', 9000],
        ['purchase', 'sale-1', 1000],
        ['reservation', 'reservation:B', null],
        ['return', 'ret-1', 400],
      ].sort(),
    );
    expect(lines.every((l) => l.source === 'device')).toBe(true);
  });
});
