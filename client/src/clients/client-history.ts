/**
 * A client's history on the profile (domain HISTORY-*): recent lines from the documents this till
 * holds (the ledger months it has open, the stock's reservations), older ones from the relay
 * (`GET /api/clients/history`, paged). Offline, the till's lines alone, marked as such.
 */
import type { HistoryLine } from '../../../domain/client-history.ts';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import { isPlainObject } from '../../../domain/parse.ts';
import type { LedgerEntry, StockView } from '../local/records.ts';

type Money = { minor: number; currency: string };
const moneyOf = (v: unknown): Money | undefined =>
  isPlainObject(v) && typeof v.minor === 'number' && typeof v.currency === 'string'
    ? { minor: v.minor, currency: v.currency }
    : undefined;

/** HISTORY-1: the lines of `ids` (a client and those merged into it) in the till's ledger and stock. */
export function deviceHistory(
  ids: ReadonlySet<string>,
  entries: Record<string, LedgerEntry>,
  stock: Record<string, StockView>,
): HistoryLine[] {
  const lines: HistoryLine[] = [];
  const sales = new Map<string, LedgerEntry>();
  const accepted = Object.values(entries).filter((e) => e.status === 'accepted');
  for (const e of accepted) {
    const p = e.payload as Record<string, unknown>;
    const client = typeof p.clientId === 'string' ? p.clientId : undefined;
    if (e.type === 'sale.complete' && client && ids.has(client)) {
      sales.set(String(p.saleId), e);
      const serials = Array.isArray(p.lines)
        ? p.lines.map((l) => String((l as { serial?: unknown }).serial))
        : [];
      const total = moneyOf(p.total);
      lines.push({
        id: String(p.saleId),
        kind: 'purchase',
        at: e.at,
        store: e.store,
        ...(total ? { amount: total as HistoryLine['amount'] & object } : {}),
        serials,
        source: 'device',
      });
    }
    if (e.type === 'order.open' && client && ids.has(client)) {
      const total = moneyOf(p.total);
      lines.push({
        id: String(p.orderId),
        kind: 'order',
        at: e.at,
        store: e.store,
        ...(total ? { amount: total as HistoryLine['amount'] & object } : {}),
        description: `${String(p.kind)}: ${String(p.description ?? '')}`,
        source: 'device',
      });
    }
  }
  for (const e of accepted) {
    const p = e.payload as Record<string, unknown>;
    const sale = typeof p.saleId === 'string' ? sales.get(p.saleId) : undefined;
    if (!sale) continue;
    const currency = moneyOf((sale.payload as Record<string, unknown>).total)?.currency ?? '';
    if (e.type === 'sale.return') {
      const refunded = Array.isArray(p.refunds)
        ? p.refunds.reduce((s, r) => s + (moneyOf((r as { amount?: unknown }).amount)?.minor ?? 0), 0)
        : 0;
      lines.push({
        id: String(p.returnId),
        kind: 'return',
        at: e.at,
        store: e.store,
        amount: { minor: refunded, currency } as HistoryLine['amount'] & object,
        serials: Array.isArray(p.serials) ? p.serials.map(String) : [],
        saleId: String(p.saleId),
        source: 'device',
      });
    }
    if (e.type === 'sale.void') {
      const total = moneyOf((sale.payload as Record<string, unknown>).total);
      lines.push({
        id: e.id,
        kind: 'void',
        at: e.at,
        store: e.store,
        ...(total ? { amount: total as HistoryLine['amount'] & object } : {}),
        saleId: String(p.saleId),
        source: 'device',
      });
    }
  }
  for (const [serial, s] of Object.entries(stock))
    if (s.status === 'reserved' && s.reservedFor && ids.has(s.reservedFor))
      lines.push({
        id: `reservation:${serial}`,
        kind: 'reservation',
        at: s.reservedUntil ?? '',
        store: '',
        serials: [serial],
        source: 'device',
      });
  return lines;
}

export type RelayHistory = { lines: HistoryLine[]; next: string | null; rates: ExchangeRate[] };

/** One page of the relay's history; undefined when the relay cannot be reached (offline). */
export async function fetchHistory(
  store: string,
  client: string,
  token: string,
  before?: string,
): Promise<RelayHistory | undefined> {
  const q = new URLSearchParams({ store, client, limit: '50', ...(before ? { before } : {}) });
  try {
    const res = await fetch(`/api/clients/history?${q}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return undefined;
    const body = (await res.json()) as {
      lines?: HistoryLine[];
      next?: string | null;
      rates?: ExchangeRate[];
    };
    return { lines: body.lines ?? [], next: body.next ?? null, rates: body.rates ?? [] };
  } catch {
    return undefined;
  }
}
