/**
 * `work/<store>` — custom orders and repairs, edited live by the store's staff (DOC-*). The
 * money held for an order is decided by commands (`order.open`, `deposit.*`) and kept in SQL; this
 * document carries what people edit together.
 */
import { names } from '../doc-names.ts';

export const workDoc = {
  kind: 'work',
  name: names.work,
  writer: 'staff',
  roots: { orders: 'orders' },
} as const;
