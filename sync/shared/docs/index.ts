/**
 * One schema module per document (DOC-8): its name, root names, record types (from `domain/`
 * where the domain defines them), typed readers that parse at the edge, writers, and who writes
 * it. Everything that reads or writes a document — client, relay, validator, bench, e2e — goes
 * through these modules; `docs/api.md` is their public description.
 *
 * | document | writer | module |
 * | --- | --- | --- |
 * | `org` | relay (from SQL) | `org.ts` |
 * | `catalog/<store>` | relay (from SQL, no cost) | `catalog.ts` |
 * | `stock/<store>` | relay | `stock.ts` |
 * | `ledger/<store>/<yyyy-mm>` | relay | `ledger.ts` |
 * | `finance/<store>` | relay | `finance.ts` |
 * | `audit/<store>` | relay | `audit.ts` |
 * | `clients/<store>` | the store's staff, live | `clients.ts` |
 * | `work/<store>` | the store's staff, live | `work.ts` |
 * | `outbox/<device>` | that device | `outbox.ts` |
 */
export * from './audit.ts';
export * from './catalog.ts';
export * from './clients.ts';
export * from './finance.ts';
export * from './ledger.ts';
export * from './org.ts';
export * from './outbox.ts';
export * from './outcome.ts';
export * from './stock.ts';
export * from './work.ts';
