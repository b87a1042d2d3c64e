import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { PIECE_STATUSES } from '../../../domain/piece-status.ts';
import { formatCarats } from '../../../domain/units.ts';
import { useApp } from '../app-state.ts';
import { fmt, LOCALE, statusLabel } from '../format.ts';
import { EMPTY_FILTER, facets, filterPieces, type PieceFilter, type Row } from './piece-filter.ts';
import { t } from './strings.ts';

/**
 * TRANSIT-3, TRANSIT-4: a piece this store sent says where it is going, one on its way here where
 * it comes from; any other its status.
 */
export function statusText(r: Row, storeName: (id: string) => string): string {
  if (r.stock?.transitTo) return t.transitTo(storeName(r.stock.transitTo));
  if (r.stock?.transitFrom) return t.transitFrom(storeName(r.stock.transitFrom));
  return statusLabel(r.stock?.status);
}

/** Pieces of this store, searchable by jewelry attributes; filters live in the URL so they survive a reload. */
export function InventoryPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<Record<keyof PieceFilter, string>>();
  const filter = (): PieceFilter => {
    const f = { ...EMPTY_FILTER };
    for (const k of Object.keys(EMPTY_FILTER) as Array<keyof PieceFilter>) f[k] = params[k] ?? '';
    return f;
  };
  const set = (k: keyof PieceFilter, v: string) => setParams({ [k]: v || undefined }, { replace: true });
  const pieces = () => app.data()?.pieces ?? {};
  const stock = () => app.data()?.stock ?? {};
  const storeName = (id: string) => app.data()?.stores[id]?.name ?? id;
  const result = createMemo(() =>
    filterPieces(pieces(), stock(), filter(), 200, app.data()?.store, storeName),
  );
  const menus = createMemo(() => facets(pieces()));

  const select = (
    k: keyof PieceFilter,
    label: string,
    values: readonly string[],
    show = (v: string) => v,
  ): JSX.Element => (
    <label class="field">
      {label}
      <select data-testid={`filter-${k}`} value={filter()[k]} onChange={(e) => set(k, e.currentTarget.value)}>
        <option value="">{t.any}</option>
        <For each={values}>{(v) => <option value={v}>{show(v)}</option>}</For>
      </select>
    </label>
  );

  // Karats (gold) and fineness (platinum, silver, palladium) are two scales: one menu, two groups.
  const purity = (): JSX.Element => (
    <label class="field">
      {t.purity}
      <select
        data-testid="filter-purity"
        value={filter().purity}
        onChange={(e) => set('purity', e.currentTarget.value)}
      >
        <option value="">{t.any}</option>
        <Show when={menus().karat.length > 0}>
          <optgroup label={t.karatGroup}>
            <For each={menus().karat}>{(v) => <option value={v}>{v}</option>}</For>
          </optgroup>
        </Show>
        <Show when={menus().fineness.length > 0}>
          <optgroup label={t.finenessGroup}>
            <For each={menus().fineness}>{(v) => <option value={v}>{v}</option>}</For>
          </optgroup>
        </Show>
      </select>
    </label>
  );

  const price = (k: 'minPrice' | 'maxPrice', label: string): JSX.Element => (
    <label class="field narrow">
      {label}
      <input
        inputmode="decimal"
        data-testid={`filter-${k}`}
        value={filter()[k]}
        onInput={(e) => set(k, e.currentTarget.value)}
      />
    </label>
  );

  return (
    <div class="inventory">
      <h1>{t.title}</h1>
      <section class="filters" aria-label={t.filters}>
        <label class="field grow">
          {t.search}
          <input
            type="search"
            data-testid="inventory-search"
            placeholder={t.searchPlaceholder}
            value={filter().text}
            onInput={(e) => set('text', e.currentTarget.value)}
          />
        </label>
        {select('metal', t.metal, menus().metal)}
        {purity()}
        {select('stone', t.stone, menus().stone)}
        {select('designer', t.designer, menus().designer)}
        {select('status', t.status, PIECE_STATUSES, statusLabel)}
        {price('minPrice', t.minPrice)}
        {price('maxPrice', t.maxPrice)}
      </section>
      <p class="muted" data-testid="inventory-count" aria-live="polite">
        {t.count(result().total)}
        <Show when={result().total > result().rows.length}>{t.showingFirst(result().rows.length)}</Show>
      </p>
      <div class="table-scroll">
        <table class="pieces" data-testid="pieces" aria-label={t.piecesTable}>
          <thead>
            <tr>
              <th scope="col">{t.colSerial}</th>
              <th scope="col">{t.colPiece}</th>
              <th scope="col">{t.colMetal}</th>
              <th scope="col" class="col-stones">
                {t.colStones}
              </th>
              <th scope="col" class="col-designer">
                {t.colDesigner}
              </th>
              <th scope="col">{t.colStatus}</th>
              <th scope="col" class="num">
                {t.colPrice}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={result().rows}>
              {(r) => (
                <tr
                  data-testid="piece-row"
                  data-serial={r.piece.serial}
                  data-status={r.stock?.status ?? 'unknown'}
                >
                  <td>
                    <A href={`/inventory/${encodeURIComponent(r.piece.serial)}`}>{r.piece.serial}</A>
                  </td>
                  <td>{r.piece.title}</td>
                  <td data-testid="piece-metal">
                    {[r.piece.metal, r.piece.karat].filter(Boolean).join(' · ')}
                  </td>
                  <td class="col-stones" data-testid="piece-stones">
                    {r.piece.stones.map((s) => `${formatCarats(s.milliCarats, LOCALE)} ${s.kind}`).join(', ')}
                  </td>
                  <td class="col-designer">{r.piece.designer}</td>
                  <td>
                    <span
                      class={`pill status-${r.stock?.status ?? 'unknown'}`}
                      data-testid="piece-row-status"
                    >
                      {statusText(r, storeName)}
                    </span>
                  </td>
                  <td class="num price">{fmt(r.piece.price)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
