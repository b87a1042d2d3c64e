import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { can, type Role } from '../../domain/roles.ts';
import { useApp } from './app-state.ts';
import { openConflicts } from './conflicts/conflicts.ts';
import type { Command, Outcome } from './local/records.ts';
import { B } from './sync-badge-strings.ts';

/** "1 sale, 2 returns waiting to be sent": what this till's outbox holds, in words. */
export function waitingWords(commands: readonly Command[], outcomes: Record<string, Outcome>): string {
  const byKind = new Map<string, number>();
  for (const c of commands) if (!outcomes[c.id]) byKind.set(c.type, (byKind.get(c.type) ?? 0) + 1);
  if (byKind.size === 0) return '';
  let other = 0;
  const parts: string[] = [];
  for (const [type, count] of byKind) {
    const word = B.kind[type];
    if (word) parts.push(word(count));
    else other += count;
  }
  if (other) parts.push(B.other(other));
  return B.waiting(parts);
}

/**
 * Always visible: online or offline, what waits to be sent, and open conflicts — for a manager a
 * link to the inbox; for an associate, their own refused sales and what to do about them.
 */
export function SyncBadge() {
  const app = useApp();
  const v = () => app.sync();
  const manager = () => can((app.session?.()?.user.role ?? 'associate') as Role, 'resolve-conflicts');
  const pending = () => {
    const d = app.data?.();
    if (!d) return v().pendingWords ?? '';
    return waitingWords(d.commands.items, d.outcomes());
  };
  const conflicts = () => v().conflictWords;
  // An associate's own refused sales (sent from this till), not the whole store's inbox.
  const ownRefused = () => {
    const d = app.data?.();
    if (!d) return 0;
    const mine = new Set(d.commands.items.map((c) => c.id));
    return openConflicts(d).filter((c) => mine.has(c.id) && c.command?.type === 'sale.complete').length;
  };
  return (
    <div
      class={`sync-badge tone-${v().tone}`}
      data-testid="sync-badge"
      data-link={v().link}
      role="status"
      aria-live="polite"
    >
      <span class="dot" aria-hidden="true" />
      <span data-testid="sync-label">{v().label}</span>
      <Show when={pending()}>
        <span class="detail" data-testid="sync-pending">
          {pending()}
        </span>
      </Show>
      <Show
        when={manager() || !app.data?.()}
        fallback={
          <Show when={ownRefused() > 0}>
            <A href="/conflicts" class="detail" data-testid="sync-conflicts">
              {B.refused(ownRefused())}
            </A>
          </Show>
        }
      >
        <For each={conflicts() ? [conflicts() as string] : []}>
          {(d) => (
            <A href="/conflicts" class="detail" data-testid="sync-conflicts">
              {d}
            </A>
          )}
        </For>
      </Show>
    </div>
  );
}
