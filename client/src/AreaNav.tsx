import { A, useLocation } from '@solidjs/router';
import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { N } from './nav-strings.ts';

/** One area of the app: its address and its name's key in the strings. */
export type Area = { readonly href: string; readonly key: string };
/** Areas shown together under one button (NAV-1); a group of one area is shown as that area's link. */
export type AreaGroup = { readonly key: string; readonly areas: readonly Area[] };

/** Is `pathname` inside `href` (the area itself or one of its screens)? */
export const inArea = (pathname: string, href: string): boolean =>
  pathname === href || pathname.startsWith(`${href}/`);

/**
 * NAV-1…3: the top bar's areas, grouped so that the owner's seventeen fit on one line at 820 px.
 * Each group is a button that shows or hides its list of links (the disclosure pattern: the
 * links stay links); the group holding the screen shown is marked and says which area it is.
 * Keyboard: Enter, Space or ↓ opens a group on its first link (↑ on its last), ↓ ↑ Home End move
 * within it, Escape closes it and gives focus back to its button, and leaving it closes it.
 */
export function AreaNav(props: { groups: readonly AreaGroup[] }) {
  const location = useLocation();
  const shown = () => props.groups.filter((g) => g.areas.length > 0);
  return (
    <nav aria-label={N.areasLabel} class="areas">
      <ul class="area-groups">
        <For each={shown()}>
          {(g) => (
            <Show
              when={g.areas.length > 1}
              fallback={
                <li>
                  <A href={g.areas[0]?.href ?? '/'} activeClass="active" class="area-link">
                    {N.area[g.areas[0]?.key ?? ''] ?? g.areas[0]?.key}
                  </A>
                </li>
              }
            >
              <AreaMenu group={g} pathname={() => location.pathname} />
            </Show>
          )}
        </For>
      </ul>
    </nav>
  );
}

function AreaMenu(props: { group: AreaGroup; pathname: () => string }) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let item!: HTMLLIElement;
  let button!: HTMLButtonElement;
  const links = () => [...item.querySelectorAll<HTMLAnchorElement>('.area-menu a')];
  const current = () => props.group.areas.find((a) => inArea(props.pathname(), a.href));
  const label = () => N.group[props.group.key] ?? props.group.key;
  const focusLink = (which: 'first' | 'last' | 1 | -1) => {
    const all = links();
    if (all.length === 0) return;
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next =
      which === 'first'
        ? 0
        : which === 'last'
          ? all.length - 1
          : at < 0
            ? 0
            : (at + which + all.length) % all.length;
    all[next]?.focus();
  };
  const openOn = (which: 'first' | 'last') => {
    setOpen(true);
    queueMicrotask(() => focusLink(which));
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.focus();
  };
  // A press anywhere outside the group closes it.
  const outside = (e: PointerEvent) => {
    if (open() && !item.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener('pointerdown', outside);
  onCleanup(() => document.removeEventListener('pointerdown', outside));

  return (
    <li
      ref={item}
      class="area-group"
      classList={{ active: current() !== undefined, open: open() }}
      data-nav-group={props.group.key}
      onFocusOut={(e) => {
        if (!item.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => setOpen(!open())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            openOn('first');
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            openOn('last');
          } else if (e.key === 'Escape' && open()) {
            e.preventDefault();
            close(true);
          }
        }}
      >
        <span class="group-name">{label()}</span>
        {/* The area shown, unless it is named like its group (Clients in Clients). */}
        <Show when={current() && N.area[current()?.key ?? ''] !== label() ? current() : undefined}>
          {(a) => (
            <span class="group-current">
              <span class="sr-only">{N.nowShowing}</span>
              {N.area[a().key] ?? a().key}
            </span>
          )}
        </Show>
        <span class="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <ul
        id={id}
        class="area-menu"
        hidden={!open()}
        onKeyDown={(e) => {
          const keys: Record<string, () => void> = {
            ArrowDown: () => focusLink(1),
            ArrowUp: () => focusLink(-1),
            Home: () => focusLink('first'),
            End: () => focusLink('last'),
            Escape: () => close(true),
          };
          const act = keys[e.key];
          if (act) {
            e.preventDefault();
            act();
          }
        }}
      >
        <For each={props.group.areas}>
          {(a) => (
            <li>
              <A href={a.href} activeClass="active" onClick={() => setOpen(false)}>
                {N.area[a.key] ?? a.key}
              </A>
            </li>
          )}
        </For>
      </ul>
    </li>
  );
}
