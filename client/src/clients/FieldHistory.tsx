import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { names as docNames } from '../../../sync/shared/doc-names.ts';
import { type AuditEntry, auditEntries } from '../../../sync/shared/docs/audit.ts';
import { type ClientScalarField, clientAliases, setClientField } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { B } from './book-strings.ts';
import type { LiveClient } from './client-record.ts';

type Change = {
  key: string;
  field: ClientScalarField;
  before: unknown;
  after: unknown;
  kept: boolean;
  entry: AuditEntry;
};

const FIELDS: readonly ClientScalarField[] = ['names', 'wristCm', 'neckCm', 'budget'];

/** A recorded value in words. */
export function valueInWords(field: ClientScalarField, v: unknown): string {
  if (v === null || v === undefined) return B.cleared;
  if (field === 'names' && typeof v === 'object') {
    const n = v as { first?: string; last?: string; display?: string };
    return n.display || [n.first, n.last].filter(Boolean).join(' ') || B.cleared;
  }
  if (field === 'budget' && typeof v === 'object') {
    const b = v as { min?: { minor: number; currency: string }; max?: { minor: number; currency: string } };
    return b.min && b.max ? `${fmt(b.min)} – ${fmt(b.max)}` : B.cleared;
  }
  return String(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * FIELDHIST-2: each scalar field's changes from the store's audit (who, when, on which till,
 * before → after, and the values that lost to a concurrent edit); Restore writes an older value
 * back as an ordinary edit, attributed to whoever restores it.
 */
export function FieldHistorySection(props: { clientId: string; live: () => LiveClient | undefined }) {
  const app = useApp();
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [message, setMessage] = createSignal<string>();
  createEffect(() => {
    const d = app.data();
    if (!d) return;
    const audit = d.open(docNames.audit(d.store));
    const list = auditEntries(audit.doc);
    const refresh = () => setEntries(list.toArray().filter((e) => e.values));
    refresh();
    list.observe(refresh);
    onCleanup(() => list.unobserve(refresh));
  });
  const changes = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    const ids = clientAliases(d.clientsDoc, props.clientId);
    const out: Change[] = [];
    for (const e of entries())
      for (const [path, v] of Object.entries(e.values ?? {})) {
        const [id, field] = path.split('.');
        if (!id || !ids.includes(id) || !FIELDS.includes(field as ClientScalarField)) continue;
        out.push({ key: `${e.id}:${path}`, field: field as ClientScalarField, ...v, entry: e });
      }
    return out.sort((a, b) => (a.entry.at < b.entry.at ? 1 : -1));
  });
  const current = (field: ClientScalarField): unknown => {
    const p = props.live()?.profile;
    if (!p) return undefined;
    if (field === 'names') return { first: p.names.first, last: p.names.last };
    return p[field];
  };
  const comparable = (field: ClientScalarField, v: unknown) =>
    field === 'names' && v && typeof v === 'object'
      ? { first: (v as { first?: string }).first ?? '', last: (v as { last?: string }).last ?? '' }
      : v;
  const restore = (c: Change, value: unknown) => {
    const d = app.data();
    if (!d) return;
    const r = setClientField(d.clientsDoc, props.clientId, c.field, (value ?? undefined) as never);
    setMessage(r.ok ? B.restored : r.error.reason === 'invalid' ? r.error.error.message : r.error.reason);
  };
  const till = (device: string) => (device === app.deviceId ? B.thisTill : B.otherTill(device));
  return (
    <section class="card field-history-card" aria-labelledby="fieldhist-h" data-testid="field-history">
      <h2 id="fieldhist-h">{B.fieldHistory}</h2>
      <p class="muted">{B.fieldHistoryIntro}</p>
      <Show when={changes().length > 0} fallback={<p class="muted">{B.noFieldHistory}</p>}>
        <ul class="field-changes" aria-label={B.fieldHistory}>
          <For each={changes()}>
            {(c) => (
              <li data-testid="field-change" data-field={c.field} data-kept={String(c.kept)}>
                <strong>{B.fieldNames[c.field] ?? c.field}</strong>{' '}
                <span data-testid="field-change-values">
                  {valueInWords(c.field, c.before)} → {valueInWords(c.field, c.after)}
                </span>{' '}
                <span class="muted">
                  {B.changeBy(c.entry.userName || c.entry.user, fmtDate(c.entry.at), till(c.entry.device))}
                </span>
                <Show when={!c.kept}>
                  <span class="tag warn"> {B.notKept}</span>
                </Show>
                <For each={[c.after, c.before]}>
                  {(value) => (
                    <Show when={!same(comparable(c.field, value), current(c.field))}>
                      {' '}
                      <button
                        type="button"
                        class="link"
                        data-testid="restore-value"
                        data-value={valueInWords(c.field, value)}
                        onClick={() => restore(c, comparable(c.field, value))}
                      >
                        {/* The words read aloud are the words shown (WCAG 2.5.3, label in name). */}
                        {B.restoreValue(B.fieldNames[c.field] ?? c.field, valueInWords(c.field, value))}
                      </button>
                    </Show>
                  )}
                </For>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={message()}>
        <p role="status">{message()}</p>
      </Show>
    </section>
  );
}
