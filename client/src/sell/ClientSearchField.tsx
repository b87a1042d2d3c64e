import { type Accessor, For } from 'solid-js';
import type { ClientView } from '../local/records.ts';

/**
 * The client search every screen uses to pick someone from the client book: a field and the
 * matching clients as buttons (name, then phone or e-mail). The caller owns the query, the
 * matches (`client-search.ts`) and what a pick does.
 */
export function ClientSearchField(props: {
  label: string;
  placeholder: string;
  testid: string;
  query: Accessor<string>;
  setQuery: (q: string) => void;
  matches: Accessor<readonly ClientView[]>;
  onPick: (client: ClientView) => void;
}) {
  return (
    <>
      <label class="field">
        {props.label}
        <input
          data-testid={props.testid}
          placeholder={props.placeholder}
          value={props.query()}
          onInput={(e) => props.setQuery(e.currentTarget.value)}
        />
      </label>
      <ul class="matches">
        <For each={props.matches()}>
          {(c) => (
            <li>
              <button type="button" onClick={() => props.onPick(c)}>
                <strong>{c.name}</strong> <span class="muted">{c.phone || c.email}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
