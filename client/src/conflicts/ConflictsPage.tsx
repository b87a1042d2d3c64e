import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { ConflictCard } from './ConflictCard.tsx';
import { openConflicts, resolvedHere } from './conflicts.ts';
import { fetchConflicts, mergeConflicts, type RemoteConflict } from './conflicts-api.ts';

/** The manager's inbox of rejected commands; each resolution is itself a command. */
export function ConflictsPage() {
  const app = useApp();
  const allowed = () => can((app.session()?.user.role ?? 'associate') as Role, 'resolve-conflicts');
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
      <h1>Conflicts</h1>
      <Show
        when={allowed()}
        fallback={<p class="notice">Only a manager can resolve conflicts. Ask a manager to switch in.</p>}
      >
        <Show
          when={list().length > 0}
          fallback={
            <p class="muted" data-testid="no-conflicts">
              Nothing waiting. Every command was accepted.
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
