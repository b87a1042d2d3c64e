import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { CameraScanner, type ScanOutcome } from '../camera/CameraScanner.tsx';
import { K } from '../camera/strings.ts';
import { fmt, statusLabel } from '../format.ts';
import { useHardware } from '../hardware/hardware.ts';
import { createReceiptPrinting } from '../hardware/receipt-printing.ts';
import { CartLines } from './CartLines.tsx';
import { ClientPicker } from './ClientPicker.tsx';
import { DiscountControl } from './DiscountControl.tsx';
import { type PieceMatch, searchPieces } from './piece-search.ts';
import { Receipt } from './Receipt.tsx';
import { RecentSales } from './RecentSales.tsx';
import { ReturnLookup } from './ReturnLookup.tsx';
import { useSale } from './sale-context.ts';
import { listenForScans } from './scanner-listener.ts';
import { scannerSettings } from './scanner-settings.ts';
import { S } from './strings.ts';
import { TenderPanel } from './TenderPanel.tsx';

export function SellPage() {
  const app = useApp();
  const sale = useSale();
  const hardware = useHardware();
  const printing = createReceiptPrinting(app, hardware);
  const [code, setCode] = createSignal('');
  const [active, setActive] = createSignal(-1);
  const [listOpen, setListOpen] = createSignal(true);
  let input: HTMLInputElement | undefined;

  const styleOf = (serial: string): string => app.data()?.pieces[serial]?.style ?? '';
  const matches = createMemo((): PieceMatch[] => {
    const d = app.data();
    const q = code().trim();
    // An exact serial is a scan, not a search.
    if (!d || q.length < 2 || d.pieces[q.toUpperCase()]) return [];
    return searchPieces({ pieces: d.pieces, stock: d.stock, styleOf }, q);
  });
  const showList = () => listOpen() && matches().length > 0;

  // The camera's reads take the scan gun's path (CAMCOUNT-3); what the cart made of each is shown.
  const cameraScan = (c: string): ScanOutcome => {
    const serial = c.trim().toUpperCase();
    if (sale.scan(c)) {
      const n = sale.notice();
      return { kind: 'taken', text: n?.code === 'loading' ? n.message : K.addedToCart(serial) };
    }
    const n = sale.notice();
    return { kind: n?.code === 'in-cart' ? 'repeat' : 'refused', text: n?.message ?? K.notAdded(serial) };
  };

  const pick = (m: PieceMatch) => {
    if (sale.scan(m.piece.serial)) setCode('');
    setActive(-1);
    input?.focus();
  };

  onMount(() => {
    // A scanner's burst lands in the cart whatever field has focus.
    const stop = listenForScans((c) => sale.scan(c), scannerSettings());
    // The bridge's scanners (HID POS) take the same path as a typed or wedge scan.
    const stopBridgeScans = hardware.onScan((s) => sale.scan(s.data));
    // After a sale: the receipt printer prints it, and the drawer opens for cash.
    const stopPrinting = sale.onComplete((c) => printing.afterSale(c));
    // Keyboard-first: "/" goes back to the scan field, Ctrl+Enter completes the sale (or says
    // why it cannot).
    const onKey = (e: KeyboardEvent) => {
      const inField =
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.target instanceof HTMLSelectElement;
      if (e.key === '/' && !inField) {
        e.preventDefault();
        input?.focus();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        sale.complete();
      }
    };
    addEventListener('keydown', onKey);
    onCleanup(() => {
      stop();
      stopBridgeScans();
      stopPrinting();
      removeEventListener('keydown', onKey);
    });
    input?.focus();
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const q = code().trim();
    if (!q) return;
    const list = showList() ? matches() : [];
    const chosen = list[active()];
    if (chosen) return pick(chosen);
    if (list.length > 0 && !app.data()?.pieces[q.toUpperCase()]) {
      if (list.length === 1 && list[0]) return pick(list[0]);
      setActive(0);
      sale.setNotice({ code: 'cannot-complete', message: S.searchPick(list.length, q), at: Date.now() });
      return;
    }
    if (sale.scan(q)) setCode('');
  };

  const onSearchKey = (e: KeyboardEvent) => {
    const n = matches().length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      setListOpen(true);
      setActive((i) => (i + 1) % n);
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      setListOpen(true);
      setActive((i) => (i <= 0 ? n - 1 : i - 1));
    } else if (e.key === 'Escape') {
      setListOpen(false);
      setActive(-1);
    }
  };

  const receipt = () => sale.lastSale();

  return (
    <div class="sell">
      <h1 class="sr-only">{S.title}</h1>
      <section class="sell-main" aria-label={S.cartRegion}>
        <form class="scan" onSubmit={submit}>
          <label class="sr-only" for="scan-input">
            {S.scanLabel}
          </label>
          <input
            id="scan-input"
            ref={input}
            data-testid="scan-input"
            placeholder={S.scanPlaceholder}
            value={code()}
            onInput={(e) => {
              setCode(e.currentTarget.value);
              setActive(-1);
              setListOpen(true);
            }}
            onKeyDown={onSearchKey}
            autocomplete="off"
            spellcheck={false}
            role="combobox"
            aria-expanded={showList()}
            aria-controls="piece-matches"
            aria-autocomplete="list"
            aria-activedescendant={active() >= 0 ? `piece-match-${active()}` : undefined}
          />
          <button type="submit">{S.scanAdd}</button>
        </form>
        <Show when={showList()}>
          <div class="piece-matches" id="piece-matches" role="listbox" aria-label={S.searchListLabel}>
            <For each={matches()}>
              {(m, i) => (
                <div
                  id={`piece-match-${i()}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={active() === i()}
                  classList={{ active: active() === i(), unsellable: !m.sellable }}
                  data-testid="piece-match"
                  data-serial={m.piece.serial}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(m)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') pick(m);
                  }}
                >
                  <span class="what">
                    <strong>{m.piece.title}</strong>
                    <span class="muted">
                      {[m.piece.serial, m.piece.designer, ...m.piece.certificates.map((c) => c.number)]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </span>
                  <span class={`pill status-${m.status || 'unknown'}`}>
                    {m.sellable ? statusLabel(m.status) : `${statusLabel(m.status)} · ${S.notInStore}`}
                  </span>
                  <span class="num">{fmt(m.piece.price)}</span>
                </div>
              )}
            </For>
            <p class="hint muted" aria-hidden="true">
              {S.searchHint}
            </p>
          </div>
        </Show>
        <CameraScanner testid="sell-camera" onCode={cameraScan} />
        <Show when={sale.notice()}>
          {(n) => (
            <p class="notice" role="alert" data-testid="scan-notice" data-code={n().code}>
              {n().message}
            </p>
          )}
        </Show>
        <Show when={!app.data()?.ready()}>
          <p class="muted">{S.loadingStore}</p>
        </Show>
        {/* After a sale the receipt takes the cart's place, where the eye already is. */}
        <Show when={receipt()}>
          {(c) => (
            <Receipt
              command={c()}
              printing={printing}
              onClose={() => {
                sale.setLastSale(undefined);
                // Keyboard-first: the next client starts at the scan field.
                input?.focus();
              }}
            />
          )}
        </Show>
        <Show when={!receipt() || sale.lines().length > 0}>
          <CartLines />
          <ClientPicker />
        </Show>
      </section>
      <aside class="sell-side" aria-label={S.paymentRegion}>
        <DiscountControl />
        <TenderPanel />
      </aside>
      <section class="sell-history" aria-label={S.historyRegion}>
        <RecentSales />
        <ReturnLookup />
      </section>
    </div>
  );
}
