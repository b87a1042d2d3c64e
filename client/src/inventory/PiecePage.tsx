import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatCarats, formatGrams } from '../../../domain/units.ts';
import { useApp } from '../app-state.ts';
import { AttachmentGallery } from '../attachments/AttachmentGallery.tsx';
import { A as Att } from '../attachments/strings.ts';
import { PieceBackOffice } from '../backoffice/PieceBackOffice.tsx';
import { fmt, fmtDate, LOCALE, statusLabel } from '../format.ts';
import { TagPrintPanel } from '../hardware/TagPrintPanel.tsx';
import { stateOf } from '../local/outbox.ts';
import { LayawayPanel } from '../money/LayawayPanel.tsx';
import { SellPieceButton } from '../sell/SellPieceButton.tsx';
import { PieceLifePanel } from './PieceLifePanel.tsx';
import { sentAway } from './piece-actions.ts';
import { t } from './strings.ts';

/** One piece: what it is, its certificates, where it is, and what happened to it. */
export function PiecePage() {
  const app = useApp();
  const params = useParams<{ serial: string }>();
  const serial = () => decodeURIComponent(params.serial ?? '');
  const piece = () => app.data()?.pieces[serial()];
  const stock = () => app.data()?.stock[serial()];
  // Every decided command of the store that named this piece (any till), then this till's
  // commands still waiting for the relay.
  const mentions = (payload: unknown) => JSON.stringify(payload ?? {}).includes(`"${serial()}"`);
  const history = () => {
    const d = app.data();
    if (!d) return [];
    const decided = Object.values(d.entries()).filter((e) => mentions(e.payload));
    const known = new Set(decided.map((e) => e.id));
    const waiting = d.commands.items.filter((c) => !known.has(c.id) && mentions(c.payload));
    return [...decided, ...waiting].sort((a, b) => b.at.localeCompare(a.at));
  };
  const sent = () => sentAway(app.data()?.entries() ?? {}, serial());
  return (
    <div class="piece-page">
      <A href="/inventory" class="link">
        {t.backToInventory}
      </A>
      <Show
        when={piece()}
        fallback={
          <Show when={sent()} fallback={<p class="notice">{t.noPiece(serial())}</p>}>
            {(s) => (
              <p class="notice" data-testid="piece-sent-away">
                {t.sentAway(serial(), app.data()?.stores[s().toStore]?.name ?? s().toStore, fmtDate(s().at))}
              </p>
            )}
          </Show>
        }
      >
        {(p) => (
          <article data-testid="piece-detail" data-serial={p().serial}>
            <header class="piece-head">
              <div>
                <h1>{p().title}</h1>
                <p class="muted">
                  {p().serial} · {[p().designer, p().collection].filter(Boolean).join(' · ')}
                </p>
              </div>
              <div class="num">
                <div class="price-big">{fmt(p().price)}</div>
                <span class={`pill status-${stock()?.status ?? 'unknown'}`} data-testid="piece-status">
                  {statusLabel(stock()?.status)}
                </span>
                <div>
                  <SellPieceButton serial={p().serial} />
                </div>
              </div>
            </header>
            {/* TRANSIT-3: sent from this store and not yet received: it says where it went. */}
            <Show when={stock()?.transitTo}>
              {(to) => (
                <p class="notice" data-testid="piece-sent-away">
                  {t.sentAway(
                    serial(),
                    app.data()?.stores[to()]?.name ?? to(),
                    fmtDate(sent()?.at ?? stock()?.updatedAt ?? ''),
                  )}
                </p>
              )}
            </Show>
            {/* TRANSIT-4: on its way here: it says where it comes from. */}
            <Show when={stock()?.transitFrom}>
              {(from) => (
                <p class="notice" data-testid="piece-coming-from">
                  {t.comingFrom(app.data()?.stores[from()]?.name ?? from())}
                </p>
              )}
            </Show>
            <dl class="facts">
              <dt>{t.metal}</dt>
              <dd data-testid="piece-metal">{[p().metal, p().karat].filter(Boolean).join(' · ')}</dd>
              <dt>{t.weight}</dt>
              <dd data-testid="piece-weight">{formatGrams(p().weightMg, LOCALE)}</dd>
              <dt>{t.category}</dt>
              <dd>{p().category}</dd>
              <dt>{t.location}</dt>
              <dd>{stock()?.location || p().location || '—'}</dd>
              <Show when={stock()?.reservedFor}>
                <dt>{t.reservedFor}</dt>
                <dd data-testid="reserved-for">
                  {app.data()?.clients[stock()?.reservedFor ?? '']?.name ?? stock()?.reservedFor}
                  <Show when={stock()?.reservedUntil}>
                    {' '}
                    <span class="muted">
                      {t.reservedUntil} {fmtDate(stock()?.reservedUntil ?? '')}
                    </span>
                  </Show>
                </dd>
              </Show>
            </dl>
            {/* The destination receives it; the sender has nothing left to do with it. */}
            <Show when={!stock()?.transitTo && p().serial} keyed>
              {(sn) => <PieceLifePanel serial={sn} status={stock()?.status} currency={p().price.currency} />}
            </Show>
            <PieceBackOffice piece={p()} />
            <LayawayPanel serial={p().serial} status={stock()?.status} title={p().title} />
            <TagPrintPanel piece={p()} />
            <h2>{Att.photos}</h2>
            <AttachmentGallery refs={p().imageRefs ?? []} />
            <h2>{t.stones}</h2>
            <Show when={p().stones.length > 0} fallback={<p class="muted">{t.noStones}</p>}>
              <ul data-testid="piece-stones">
                <For each={p().stones}>
                  {(s) => (
                    <li>
                      {formatCarats(s.milliCarats, LOCALE)} {s.kind}{' '}
                      {s.detail && <span class="muted">{s.detail}</span>}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h2>{t.certificates}</h2>
            <Show when={p().certificates.length > 0} fallback={<p class="muted">{t.noCertificates}</p>}>
              <ul data-testid="certificates">
                <For each={p().certificates}>
                  {(c) => (
                    <li>
                      {c.lab} · {c.number}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h2>{t.statusHistory}</h2>
            <ul class="history">
              <li>
                {t.now}: {statusLabel(stock()?.status)}
                <Show when={stock()?.updatedAt}>
                  {' '}
                  {t.since} {fmtDate(stock()?.updatedAt ?? '')}
                </Show>
              </li>
              <For each={history()}>
                {(c) => (
                  <li>
                    {fmtDate(c.at)} · {c.type} · {stateOf(c.id, app.data()?.outcomes() ?? {})} ·{' '}
                    {app.data()?.staff[c.user]?.name ?? c.user}
                  </li>
                )}
              </For>
            </ul>
          </article>
        )}
      </Show>
    </div>
  );
}
