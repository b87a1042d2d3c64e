/** What the relay knows about each connection, merged into Hocuspocus' `context`. */
import type { Access } from '../shared/access.ts';
import type { TokenClaims } from './tokens.ts';

export type RelayContext = { user: TokenClaims; access: Access };

/** Context of the relay's own direct connections: the only writers of relay-owned documents. */
export type RelayWriterContext = { relay: true; purpose: string };

export const isClientContext = (c: unknown): c is RelayContext =>
  typeof c === 'object' && c !== null && 'user' in c && 'access' in c;
