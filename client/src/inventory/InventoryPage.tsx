import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { PIECE_STATUSES } from '../../../domain/piece-status.ts';
import { useApp } from '../app-state.ts';
import { fmt, statusLabel } from '../format.ts';
import { EMPTY_FILTER, facets, filterPieces, type PieceFilter } from './piece-filter.ts';

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
  const result = createMemo(() => filterPieces(pieces(), stock(), filter(), 200, app.data()?.store));
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
        <option value="">Any</option>
        <For each={values}>{(v) => <option value={v}>{show(v)}</option>}</For>
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
      <section class="filters" aria-label="Filters">
        <label class="field grow">
          Search
          <input
            data-testid="inventory-search"
            placeholder="Serial, title, designer, collection"
            value={filter().text}
            onInput={(e) => set('text', e.currentTarget.value)}
          />
        </label>
        {select('metal', 'Metal', menus().metal)}
        {select('karat', 'Karat', menus().karat)}
        {select('stone', 'Stone', menus().stone)}
        {select('designer', 'Designer', menus().designer)}
        {select('status', 'Status', PIECE_STATUSES, statusLabel)}
        {price('minPrice', 'Min price')}
        {price('maxPrice', 'Max price')}
      </section>
      <p class="muted" data-testid="inventory-count">
        {result().total} pieces
        <Show when={result().total > result().rows.length}> — showing the first {result().rows.length}</Show>
      </p>
      <table class="pieces" data-testid="pieces">
        <thead>
          <tr>
            <th>Serial</th>
            <th>Piece</th>
            <th>Metal</th>
            <th>Stones</th>
            <th>Designer</th>
            <th>Status</th>
            <th class="num">Price</th>
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
                <td>{[r.piece.metal, r.piece.karat].filter(Boolean).join(' · ')}</td>
                <td>{r.piece.stones.map((s) => `${s.carat} ct ${s.kind}`).join(', ')}</td>
                <td>{r.piece.designer}</td>
                <td>
                  <span class={`pill status-${r.stock?.status ?? 'unknown'}`}>
                    {statusLabel(r.stock?.status)}
                  </span>
                </td>
                <td class="num">{fmt(r.piece.price)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
