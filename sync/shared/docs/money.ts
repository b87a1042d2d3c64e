/**
 * `money/<store>` — money held for the store's clients (MONEY-13): each order's balance, plan and
 * statement, and each gift card or store credit issued or used here with its moves. Written by the
 * relay only, from SQL; every member of the store's staff reads it (a till shows the relay's balance,
 * never its own sum). Values are absolute, so projecting twice gives the same document.
 */
import type * as Y from 'yjs';
import { names } from '../doc-names.ts';

export const moneyDoc = {
  kind: 'money',
  name: names.money,
  writer: 'relay',
  roots: { orders: 'orders', cards: 'cards' },
} as const;

/** One payment or refund on an order, as decided (MONEY-14). */
export type MoneyMove = {
  id: string;
  kind: 'payment' | 'refund';
  amountMinor: number;
  at: string;
  tender?: string;
  reference?: string;
  user?: string;
  commandId?: string;
};

export type MoneyOrder = {
  orderId: string;
  kind: string;
  clientId: string;
  description: string;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  /** total − paid + refunded: what the client still owes (MONEY-12). */
  balanceMinor: number;
  status: 'open' | 'completed' | 'cancelled';
  plan?: { instalments: { due: string; amountMinor: number }[]; paidBeforeMinor: number };
  layaway?: { serial: string; saleId: string };
  moves: MoneyMove[];
};

export type MoneyCardMove = {
  kind: 'issue' | 'redeem' | 'credit';
  amountMinor: number;
  /** The balance after this move. */
  balanceMinor: number;
  store: string;
  source?: string;
  at: string;
  commandId: string;
};

export type MoneyCard = {
  number: string;
  kind: 'gift-card' | 'store-credit';
  /** Where it was issued. */
  store: string;
  clientId?: string;
  currency: string;
  issuedMinor: number;
  balanceMinor: number;
  how: 'sold' | 'given' | 'refund';
  issuedAt: string;
  moves: MoneyCardMove[];
};

export const moneyOrders = (doc: Y.Doc): Y.Map<MoneyOrder> => doc.getMap<MoneyOrder>(moneyDoc.roots.orders);
export const moneyCards = (doc: Y.Doc): Y.Map<MoneyCard> => doc.getMap<MoneyCard>(moneyDoc.roots.cards);
