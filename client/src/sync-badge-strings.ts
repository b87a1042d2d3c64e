/** The sync badge's words (every screen), ready for translation; see i18n.ts. */
import { type Catalog, messages } from './i18n.ts';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en = {
  /** What waits in this till's outbox, by kind, e.g. "1 sale waiting to be sent". */
  waiting: (parts: readonly string[]) => `${parts.join(', ')} waiting to be sent`,
  kind: {
    'sale.complete': (c: number) => n(c, 'sale', 'sales'),
    'sale.return': (c: number) => n(c, 'return', 'returns'),
    'sale.void': (c: number) => n(c, 'voided sale', 'voided sales'),
    'conflict.resolve': (c: number) => n(c, 'conflict resolution', 'conflict resolutions'),
    'stock.count': (c: number) => n(c, 'stock count', 'stock counts'),
    'deposit.take': (c: number) => n(c, 'deposit', 'deposits'),
    'reservation.place': (c: number) => n(c, 'reservation', 'reservations'),
  } as Record<string, (count: number) => string>,
  other: (c: number) => n(c, 'other change', 'other changes'),
  conflicts: (c: number) => `${n(c, 'conflict', 'conflicts')} waiting`,
  refused: (c: number) => `${n(c, 'sale', 'sales')} refused — see what to do`,
};

export const B = messages({ en } as Catalog<typeof en>);
