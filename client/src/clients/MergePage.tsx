import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { ClientProfile } from '../../../domain/client.ts';
import {
  type MergePickField,
  type MergePicks,
  mergeChoices,
  mergeProfiles,
} from '../../../domain/client-merge.ts';
import { isOutcomeCode, OUTCOME_MESSAGES } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import { B } from './book-strings.ts';
import { createLiveClient } from './client-record.ts';
import { C } from './strings.ts';

const nameOf = (p: ClientProfile) =>
  p.names.display || [p.names.first, p.names.last].filter(Boolean).join(' ');

/** A field's value in words, as the side-by-side choice shows it. */
function valueText(p: ClientProfile, field: MergePickField): string {
  switch (field) {
    case 'names':
      return nameOf(p);
    case 'wristCm':
    case 'neckCm':
      return p[field] === undefined ? B.empty : String(p[field]);
    case 'budget':
      return p.budget ? `${fmt(p.budget.min)} – ${fmt(p.budget.max)}` : B.empty;
    case 'consent':
      return (
        Object.entries(p.consent)
          .filter(([, c]) => c?.granted)
          .map(([k]) => C.consentChannel[k] ?? k)
          .join(', ') || B.empty
      );
    case 'notes':
      return p.notes.trim() ? p.notes : B.empty;
  }
}

/**
 * MERGE-3, MERGE-4: a manager merges two clients, picking each differing field's value side by
 * side; the relay decides (`client.merge`) and moves every history line to the client who stays.
 */
export function MergePage() {
  const app = useApp();
  const [params] = useSearchParams<{ a: string; b: string }>();
  const [swapped, setSwapped] = createSignal(false);
  const doc = () => app.data()?.clientsDoc;
  const first = createLiveClient(doc, () => params.a ?? '');
  const second = createLiveClient(doc, () => params.b ?? '');
  const survivor = () => (swapped() ? second() : first())?.profile;
  const merged = () => (swapped() ? first() : second())?.profile;
  const [picks, setPicks] = createSignal<MergePicks>({});
  const [sent, setSent] = createSignal<{ id: string; survivorId: string }>();
  const isManager = () => ['manager', 'owner'].includes(app.session()?.user.role ?? '');
  const choices = createMemo(() => {
    const s = survivor();
    const m = merged();
    return s && m ? mergeChoices(s, m) : [];
  });
  const preview = createMemo(() => {
    const s = survivor();
    const m = merged();
    if (!s || !m) return undefined;
    const r = mergeProfiles(s, m, picks());
    return r.ok ? r.value : undefined;
  });
  const outcome = () => {
    const s = sent();
    return s ? app.data()?.outcomes()[s.id] : undefined;
  };
  const submit = () => {
    const d = app.data();
    const s = survivor();
    const m = merged();
    if (!d || !s || !m) return;
    const c = appendCommand(d.outbox, app.actor(), 'client.merge', {
      survivorId: s.id,
      mergedId: m.id,
      picks: picks(),
    });
    setSent({ id: c.id, survivorId: s.id });
  };
  const side = (field: MergePickField) => picks()[field] ?? 'survivor';
  const pick = (field: MergePickField, value: 'survivor' | 'merged' | 'both') =>
    setPicks((p) => ({ ...p, [field]: value }));

  return (
    <div class="clients merge-page">
      <A href="/clients/duplicates" class="link">
        ← {B.duplicates}
      </A>
      <h1>{B.mergeTitle}</h1>
      <Show when={isManager()} fallback={<p class="notice">{B.managersOnly}</p>}>
        <Show
          when={sent()}
          fallback={
            <Show
              when={survivor() && merged()}
              fallback={<p class="notice">{app.data()?.ready() ? B.missingPair : C.loading}</p>}
            >
              <p class="muted">{B.mergeIntro}</p>
              <table class="merge-table" data-testid="merge-table">
                <thead>
                  <tr>
                    <th scope="col">{B.field}</th>
                    <th scope="col" data-testid="merge-survivor" data-client={survivor()?.id}>
                      {B.keeps}: {nameOf(survivor() as ClientProfile)}
                    </th>
                    <th scope="col" data-testid="merge-merged" data-client={merged()?.id}>
                      {B.goes}: {nameOf(merged() as ClientProfile)}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={choices()}>
                    {(field) => (
                      <tr data-testid={`merge-field-${field}`}>
                        <th scope="row">{B.fieldNames[field] ?? field}</th>
                        <For each={['survivor', 'merged'] as const}>
                          {(s) => (
                            <td>
                              <label class="check">
                                <input
                                  type="radio"
                                  name={`pick-${field}`}
                                  data-testid={`pick-${field}-${s}`}
                                  checked={side(field) === s}
                                  onChange={() => pick(field, s)}
                                />{' '}
                                {valueText(
                                  (s === 'survivor' ? survivor() : merged()) as ClientProfile,
                                  field,
                                )}
                              </label>
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                  <Show when={choices().includes('notes')}>
                    <tr>
                      <th scope="row">{B.bothNotes}</th>
                      <td colSpan={2}>
                        <label class="check">
                          <input
                            type="radio"
                            name="pick-notes"
                            data-testid="pick-notes-both"
                            checked={side('notes') === 'both'}
                            onChange={() => pick('notes', 'both')}
                          />{' '}
                          {B.bothNotes}
                        </label>
                      </td>
                    </tr>
                  </Show>
                  <tr>
                    <th scope="row">{B.joined}</th>
                    <td colSpan={2} class="muted" data-testid="merge-joined">
                      {[...(preview()?.contacts.emails ?? []), ...(preview()?.contacts.phones ?? [])].join(
                        ' · ',
                      )}
                    </td>
                  </tr>
                </tbody>
              </table>
              <div class="actions">
                <button type="button" onClick={() => setSwapped((v) => !v)} data-testid="merge-swap">
                  {B.swap}
                </button>
                <button type="button" class="primary" onClick={submit} data-testid="merge-submit">
                  {B.mergeButton}
                </button>
              </div>
            </Show>
          }
        >
          {(s) => (
            <div role="status" aria-live="polite" data-testid="merge-status">
              <Show when={outcome()} fallback={<p>{B.merging}</p>}>
                {(o) =>
                  o().status === 'accepted' ? (
                    <p>
                      {B.merged}{' '}
                      <A href={`/clients/${s().survivorId}`} data-testid="open-survivor">
                        {B.openSurvivor}
                      </A>
                    </p>
                  ) : (
                    <p class="error" role="alert">
                      {B.mergeRefused(
                        o().code && isOutcomeCode(o().code)
                          ? OUTCOME_MESSAGES[o().code as never]
                          : (o().reason ?? ''),
                      )}
                    </p>
                  )
                }
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
