import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { DuplicateReason } from '../../../domain/client-duplicates.ts';
import { dismissPair } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { B } from './book-strings.ts';
import { createDuplicates, storeCountry } from './duplicates.ts';
import { C } from './strings.ts';

const nameOf = (n: { first: string; last: string; display: string }) =>
  n.display || [n.first, n.last].filter(Boolean).join(' ');

const why = (r: DuplicateReason): string =>
  r.kind === 'email'
    ? B.reasonEmail(r.value)
    : r.kind === 'phone'
      ? B.reasonPhone(r.value)
      : B.reasonName(r.distance);

/** MERGE-1, MERGE-2: the managers' review list of likely duplicate clients. */
export function DuplicatesPage() {
  const app = useApp();
  const isManager = () => ['manager', 'owner'].includes(app.session()?.user.role ?? '');
  const pairs = createDuplicates(
    () => app.data()?.clientsDoc,
    () => storeCountry(app.data()?.storeInfo()?.phone),
  );
  return (
    <div class="clients duplicates-page">
      <A href="/clients" class="link">
        {C.backToList}
      </A>
      <h1>{B.duplicates}</h1>
      <Show when={isManager()} fallback={<p class="notice">{B.managersOnly}</p>}>
        <p class="muted">{B.duplicatesIntro}</p>
        <Show when={pairs()} fallback={<p class="muted">…</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{B.noDuplicates}</p>}>
              <ul class="duplicate-list" aria-label={B.duplicates} data-testid="duplicate-list">
                <For each={list()}>
                  {(pair) => (
                    <li class="card duplicate-pair" data-testid="duplicate-pair" data-pair={pair.key}>
                      <p>
                        <strong>{B.pairLabel(nameOf(pair.a.names), nameOf(pair.b.names))}</strong>
                      </p>
                      <p class="muted" data-testid="duplicate-reasons">
                        {pair.reasons.map(why).join(' · ')}
                      </p>
                      <div class="actions">
                        <A
                          href={`/clients/merge?a=${pair.a.id}&b=${pair.b.id}`}
                          class="button"
                          data-testid="review-pair"
                        >
                          {B.review}
                        </A>
                        <button
                          type="button"
                          data-testid="dismiss-pair"
                          onClick={() => {
                            const d = app.data()?.clientsDoc;
                            const user = app.session()?.user.id;
                            if (d && user) dismissPair(d, pair.key, user);
                          }}
                        >
                          {B.notSame}
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
