/**
 * The sales to named clients a till knows (TIER-4): the ledger months it holds, plus the relay's
 * whole history (`GET /api/clienteling/sales`, kept in localStorage for offline use). Both become
 * the domain's `ClientSale`; `mergeClientSales` counts each sale once.
 */
import type { ClientSale } from '../../../domain/client-value.ts';
import type { ClientId, SaleId, SerialNumber } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import { isPlainObject } from '../../../domain/parse.ts';
import type { LedgerEntry } from '../local/records.ts';

/** A sale and who made it (the associate who looks after the client, FOLLOWUP-5). */
export type KnownSale = ClientSale & { readonly userId: string };

const num = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

/** Sales to named clients in the ledger entries, with their returns and voids applied. */
export function salesFromLedger(entries: Record<string, LedgerEntry>): KnownSale[] {
  const sales = new Map<string, KnownSale>();
  const later: LedgerEntry[] = [];
  for (const e of Object.values(entries)) {
    if (e.status !== 'accepted') continue;
    if (e.type !== 'sale.complete') {
      if (e.type === 'sale.return' || e.type === 'sale.void') later.push(e);
      continue;
    }
    const p = e.payload as Record<string, unknown>;
    if (typeof p.clientId !== 'string' || typeof p.saleId !== 'string' || !isPlainObject(p.total)) continue;
    const lines = Array.isArray(p.lines) ? p.lines : [];
    sales.set(p.saleId, {
      saleId: p.saleId as SaleId,
      clientId: p.clientId as ClientId,
      userId: e.user,
      at: e.at,
      total: { minor: num(p.total.minor), currency: String(p.total.currency) as Currency },
      refundedMinor: 0,
      voided: false,
      serials: lines.flatMap((l) =>
        isPlainObject(l) && typeof l.serial === 'string' ? [l.serial as SerialNumber] : [],
      ),
    });
  }
  for (const e of later) {
    const p = e.payload as Record<string, unknown>;
    const sale = typeof p.saleId === 'string' ? sales.get(p.saleId) : undefined;
    if (!sale) continue;
    if (e.type === 'sale.void') {
      sales.set(sale.saleId, { ...sale, voided: true, serials: [] });
      continue;
    }
    const refunds = Array.isArray(p.refunds) ? p.refunds : [];
    const refunded = refunds.reduce(
      (t: number, r) => t + (isPlainObject(r) && isPlainObject(r.amount) ? num(r.amount.minor) : 0),
      0,
    );
    const returned = new Set(Array.isArray(p.serials) ? p.serials.map(String) : []);
    sales.set(sale.saleId, {
      ...sale,
      refundedMinor: sale.refundedMinor + refunded,
      serials: sale.serials.filter((s) => !returned.has(s)),
    });
  }
  return [...sales.values()];
}

/** One sale as the relay's API answers it; undefined when it is not one. */
export function parseRemoteSale(v: unknown): KnownSale | undefined {
  if (!isPlainObject(v) || typeof v.saleId !== 'string' || typeof v.clientId !== 'string') return undefined;
  if (typeof v.at !== 'string' || !isPlainObject(v.total) || typeof v.total.currency !== 'string')
    return undefined;
  return {
    saleId: v.saleId as SaleId,
    clientId: v.clientId as ClientId,
    userId: typeof v.userId === 'string' ? v.userId : '',
    at: v.at,
    total: { minor: num(v.total.minor), currency: v.total.currency as Currency },
    refundedMinor: num(v.refundedMinor),
    voided: v.voided === true,
    serials: Array.isArray(v.serials)
      ? v.serials.filter((s): s is SerialNumber => typeof s === 'string')
      : [],
  };
}

const cacheKey = (store: string) => `loupe.clientSales.${store}`;

export function cachedSales(store: string): KnownSale[] {
  try {
    const raw = JSON.parse(localStorage.getItem(cacheKey(store)) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.map(parseRemoteSale).filter((s): s is KnownSale => !!s) : [];
  } catch {
    return [];
  }
}

/** Asks the relay for the store's sales to clients; keeps them for offline. Undefined when it cannot answer. */
export async function fetchClientSales(store: string, token: string): Promise<KnownSale[] | undefined> {
  try {
    const res = await fetch(`/api/clienteling/sales?store=${encodeURIComponent(store)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    const list = isPlainObject(body) && Array.isArray(body.sales) ? body.sales : [];
    const sales = list.map(parseRemoteSale).filter((s): s is KnownSale => !!s);
    try {
      localStorage.setItem(cacheKey(store), JSON.stringify(sales));
    } catch {
      // A full storage keeps the previous copy; the ledger months still count.
    }
    return sales;
  } catch {
    return undefined;
  }
}
