import { For, Show } from 'solid-js';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { ConflictCard } from './ConflictCard.tsx';
import { openConflicts } from './conflicts.ts';

/** The manager's inbox of rejected commands; each resolution is itself a command. */
export function ConflictsPage() {
  const app = useApp();
  const allowed = () => can((app.session()?.user.role ?? 'associate') as Role, 'resolve-conflicts');
  const list = () => {
    const d = app.data();
    return d ? openConflicts(d) : [];
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
            <For each={list()}>{(c) => <ConflictCard conflict={c} />}</For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
