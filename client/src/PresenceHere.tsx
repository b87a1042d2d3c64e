import { For, Show } from 'solid-js';
import type { Peer } from '../../sync/shared/presence.ts';

/** The words a screen gives its presence line (its own catalog: each screen names its own fields). */
export type PresenceWords = {
  readonly someone: string;
  readonly presenceHere: (names: readonly string[]) => string;
  readonly presenceIn: (field: string) => string;
  readonly presenceField: Readonly<Record<string, string>>;
};

/**
 * PRESENCE-*, ORDERPRES-*: who else has this client or job open, and in which field — the same
 * line on the client profile and the order page. Nothing is shown when nobody else is there.
 */
export function PresenceHere(props: { peers: readonly Peer[]; words: PresenceWords; testId: string }) {
  const name = (p: Peer) => p.name || props.words.someone;
  return (
    <Show when={props.peers.length > 0}>
      <div class="presence" role="status" data-testid={props.testId}>
        <span>{props.words.presenceHere(props.peers.map(name))}</span>
        <ul>
          <For each={props.peers}>
            {(peer) => (
              <li data-testid="presence-peer" data-user={peer.user}>
                <span class="presence-dot" aria-hidden="true" />
                {name(peer)}
                <Show when={peer.field}>
                  {(f) => (
                    <span class="muted" data-testid="presence-field">
                      {' '}
                      {props.words.presenceIn(props.words.presenceField[f()] ?? f())}
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
