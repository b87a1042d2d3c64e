/**
 * Clients of the other stores (`GET /api/clients/search`, docs/api.md, SEARCH-5): asked only
 * online, when this store's own book finds few; what comes back is what the role may see.
 */
import type { ChainClientHit } from '../../../domain/client-search.ts';
import { isPlainObject } from '../../../domain/parse.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readChainHit(v: unknown): ChainClientHit | undefined {
  if (!isPlainObject(v)) return undefined;
  const id = str(v.id);
  const homeStore = str(v.homeStore);
  const name = str(v.name);
  if (!id || !homeStore || !name) return undefined;
  const email = str(v.email);
  const phone = str(v.phone);
  return { id, homeStore, name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

/** The other stores' matches; `undefined` when the relay cannot be asked (offline, refused). */
export async function fetchChainClients(
  store: string,
  query: string,
  token: string,
  signal?: AbortSignal,
): Promise<ChainClientHit[] | undefined> {
  try {
    const params = new URLSearchParams({ q: query, store, limit: '20' });
    const res = await fetch(`/api/clients/search?${params}`, {
      headers: { authorization: `Bearer ${token}` },
      ...(signal ? { signal } : {}),
    });
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    const list = isPlainObject(body) && Array.isArray(body.clients) ? body.clients : [];
    return list.map(readChainHit).filter((c): c is ChainClientHit => c !== undefined);
  } catch {
    return undefined;
  }
}

/** Fewer local matches than this, and the other stores are asked too. */
export const FEW_LOCAL_MATCHES = 3;
