/**
 * Every count the relay recorded in the ledger months this till holds (COUNT-6): newest first,
 * with how accurate the records were, live as counts are decided.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { type StockCountRecord, stockCounts } from '../../../sync/shared/docs/ledger.ts';
import type { StoreData } from '../local/store-data.ts';

export function createCountHistory(data: StoreData): Accessor<StockCountRecord[]> {
  const maps = data.docs
    .filter((d) => d.name.startsWith(`ledger/${data.store}/`))
    .map((d) => stockCounts(d.doc));
  const read = () =>
    maps
      .flatMap((m) => [...m.values()])
      .filter((r) => r.store === data.store)
      .sort((a, b) => b.at.localeCompare(a.at));
  const [list, setList] = createSignal<StockCountRecord[]>(read());
  const update = () => setList(read());
  for (const m of maps) m.observe(update);
  onCleanup(() => {
    for (const m of maps) m.unobserve(update);
  });
  return list;
}
