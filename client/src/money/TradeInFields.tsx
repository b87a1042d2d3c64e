/**
 * A trade-in tender's item (TRADEIN-1): what is taken in, and whether it is kept as a piece in this
 * store's stock (with a tag, title, category, metal and list price; its cost is the value given) or
 * sent to scrap. The record is checked with the domain's piece parser before the tender is added.
 */
import { Show } from 'solid-js';
import type { TradeIn } from '../../../domain/commands.ts';
import type { Money } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { CATEGORIES, METALS, parsePiece } from '../../../domain/piece.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { M } from './strings.ts';

export type TradeInDraft = {
  readonly description: string;
  readonly disposition: 'stock' | 'scrap';
  readonly serial?: string;
  readonly title?: string;
  readonly category?: string;
  readonly metal?: string;
  readonly price?: string;
  readonly grams?: string;
};

/** The tender's `tradeIn` from the form, or the reason it cannot be added. */
export function tradeInOf(draft: TradeInDraft, value: Money, store: string): Result<TradeIn, string> {
  const description = draft.description.trim();
  if (!description) return err(M.tradeInNeeds);
  if (draft.disposition === 'scrap')
    return ok({ description: description.slice(0, 500), disposition: 'scrap' });
  const price = parseMoney((draft.price ?? '').trim(), value.currency);
  if (!draft.serial?.trim() || !draft.title?.trim() || !price.ok) return err(M.tradeInPieceNeeds);
  const grams = Number((draft.grams ?? '0').replace(',', '.'));
  const piece = parsePiece({
    serial: draft.serial.trim().toUpperCase(),
    style: 'TRADE-IN',
    title: draft.title.trim(),
    category: draft.category ?? 'other',
    metal: draft.metal ?? 'other',
    weightMg: Number.isFinite(grams) && grams > 0 ? Math.round(grams * 1000) : 0,
    stones: [],
    cost: value,
    listPrice: price.value,
    imageRefs: [],
    store,
    location: { kind: 'safe', label: 'Trade-ins' },
  });
  if (!piece.ok) return err(`${M.tradeInPieceNeeds} (${piece.error.path}: ${piece.error.message})`);
  return ok({ description: description.slice(0, 500), disposition: 'stock', piece: piece.value });
}

export function TradeInFields(props: { draft: TradeInDraft; setDraft: (d: TradeInDraft) => void }) {
  const set = (patch: Partial<TradeInDraft>) => props.setDraft({ ...props.draft, ...patch });
  return (
    <fieldset class="trade-in" data-testid="trade-in">
      <legend>{M.tradeIn}</legend>
      <label class="field">
        {M.tradeInDescription}
        <input
          data-testid="trade-in-description"
          maxLength={500}
          value={props.draft.description}
          onInput={(e) => set({ description: e.currentTarget.value })}
        />
      </label>
      <div class="kinds">
        <label>
          <input
            type="radio"
            name="trade-in-disposition"
            checked={props.draft.disposition === 'scrap'}
            onChange={() => set({ disposition: 'scrap' })}
          />
          {M.tradeInScrap}
        </label>
        <label>
          <input
            type="radio"
            name="trade-in-disposition"
            data-testid="trade-in-keep"
            checked={props.draft.disposition === 'stock'}
            onChange={() => set({ disposition: 'stock' })}
          />
          {M.tradeInKeep}
        </label>
      </div>
      <Show when={props.draft.disposition === 'stock'}>
        <label class="field">
          {M.tradeInSerial}
          <input
            data-testid="trade-in-serial"
            value={props.draft.serial ?? ''}
            onInput={(e) => set({ serial: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {M.tradeInTitle}
          <input
            value={props.draft.title ?? ''}
            maxLength={120}
            onInput={(e) => set({ title: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {M.tradeInCategory}
          <select
            value={props.draft.category ?? 'other'}
            onChange={(e) => set({ category: e.currentTarget.value })}
          >
            {CATEGORIES.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </label>
        <label class="field">
          {M.tradeInMetal}
          <select
            value={props.draft.metal ?? 'other'}
            onChange={(e) => set({ metal: e.currentTarget.value })}
          >
            {METALS.map((m) => (
              <option value={m}>{m.replace('-', ' ')}</option>
            ))}
          </select>
        </label>
        <label class="field">
          {M.tradeInWeight}
          <input
            inputmode="decimal"
            value={props.draft.grams ?? ''}
            onInput={(e) => set({ grams: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {M.tradeInPrice}
          <input
            inputmode="decimal"
            value={props.draft.price ?? ''}
            onInput={(e) => set({ price: e.currentTarget.value })}
          />
        </label>
      </Show>
    </fieldset>
  );
}
