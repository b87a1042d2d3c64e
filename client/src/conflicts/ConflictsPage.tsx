import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { capable } from '../../../domain/capabilities.ts';
import type { Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { stateOf } from '../local/outbox.ts';
import { Receipt } from '../sell/Receipt.tsx';
import { ConflictCard } from './ConflictCard.tsx';
import { openConflicts, resolvedHere } from './conflicts.ts';
import { fetchConflicts, mergeConflicts, type RemoteConflict } from './conflicts-api.ts';
import { T } from './strings.ts';

/**
 * An associate's view: their own refused sales from this till, each as its (invalid) receipt with
 * what happened and what to do now. Resolving is a manager's; knowing is everyone's.
 */
function OwnRefusedSales() {
  const app = useApp();
  const [open, setOpen] = createSignal<string>();
  const refused = () => {
    const d = app.data();
    if (!d) return [];
    const settled = new Set(openConflicts(d).map((c) => c.id));
    return d.commands.items
      .filter((c) => c.type === 'sale.complete' && stateOf(c.id, d.outcomes()) === 'rejected')
      .filter((c) => settled.has(c.id))
      .reverse();
  };
  return (
    <section aria-label={T.yourRefused} data-testid="own-refused">
      <h2>{T.yourRefused}</h2>
      <Show when={refused().length > 0} fallback={<p class="muted">{T.noneRefused}</p>}>
        <p>{T.yourRefusedIntro}</p>
        <For each={refused()}>
          {(c) => (
            <Show when={open() !== c.id}>
              <Receipt command={c} onClose={() => setOpen(c.id)} closeLabel={T.hide} focus={false} />
            </Show>
          )}
        </For>
      </Show>
    </section>
  );
}

/** The manager's inbox of rejected commands; each resolution is itself a command. */
export function ConflictsPage() {
  const app = useApp();
  const allowed = () =>
    capable(
      app.data()?.capabilities(),
      (app.session()?.user.role ?? 'associate') as Role,
      'resolve-conflicts',
    );
  const [remote, setRemote] = createSignal<{ list: RemoteConflict[] | undefined; askedAt: string }>({
    list: undefined,
    askedAt: '',
  });
  const ask = async () => {
    const d = app.data();
    const token = app.session()?.token;
    if (!d || !token || !allowed()) return;
    const askedAt = new Date().toISOString();
    const list = await fetchConflicts(d.store, token);
    if (list) setRemote({ list, askedAt });
  };
  // Ask again whenever an outcome or one of our commands arrives, and every few seconds.
  createEffect(
    on(
      () => [
        Object.keys(app.data()?.outcomes() ?? {}).length,
        app.data()?.commands.items.length,
        app.sync().link,
      ],
      () => void ask(),
    ),
  );
  const timer = setInterval(() => void ask(), 5_000);
  onCleanup(() => clearInterval(timer));

  const list = () => {
    const d = app.data();
    if (!d) return [];
    const settled = resolvedHere(d);
    return mergeConflicts(openConflicts(d), remote().list, remote().askedAt).filter(
      (c) => !settled.has(c.id),
    );
  };
  return (
    <div class="conflicts">
      <h1>{T.title}</h1>
      <Show when={allowed()} fallback={<OwnRefusedSales />}>
        <Show
          when={list().length > 0}
          fallback={
            <p class="muted" data-testid="no-conflicts">
              {T.none}
            </p>
          }
        >
          <ul class="conflict-list">
            <For each={list()}>{(c) => <ConflictCard conflict={c} onResolved={() => void ask()} />}</For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
