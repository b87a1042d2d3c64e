/**
 * The relay's record of a submitted count (`stockCounts` of the ledger month of the command):
 * its own variance, worked out against the authoritative stock. Read-only, like every ledger.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { ledgerDoc, type StockCountRecord, stockCounts } from '../../../sync/shared/docs/ledger.ts';
import type { Command } from '../local/records.ts';
import type { StoreData } from '../local/store-data.ts';

export function createCountRecord(
  data: StoreData,
  command: Command,
  countId: string,
): Accessor<StockCountRecord | undefined> {
  const name = ledgerDoc.name(data.store, command.at);
  const doc = data.docs.find((d) => d.name === name)?.doc;
  const [record, setRecord] = createSignal<StockCountRecord | undefined>();
  if (!doc) return record;
  const counts = stockCounts(doc);
  const read = () => setRecord(counts.get(countId));
  counts.observe(read);
  read();
  onCleanup(() => counts.unobserve(read));
  return record;
}
