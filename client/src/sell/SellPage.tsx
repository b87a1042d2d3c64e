import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { useHardware } from '../hardware/hardware.ts';
import { createReceiptPrinting } from '../hardware/receipt-printing.ts';
import { CartLines } from './CartLines.tsx';
import { ClientPicker } from './ClientPicker.tsx';
import { DiscountControl } from './DiscountControl.tsx';
import { Receipt } from './Receipt.tsx';
import { RecentSales } from './RecentSales.tsx';
import { ReturnLookup } from './ReturnLookup.tsx';
import { useSale } from './sale-context.ts';
import { listenForScans } from './scanner-listener.ts';
import { scannerSettings } from './scanner-settings.ts';
import { TenderPanel } from './TenderPanel.tsx';

export function SellPage() {
  const app = useApp();
  const sale = useSale();
  const hardware = useHardware();
  const printing = createReceiptPrinting(app, hardware);
  const [code, setCode] = createSignal('');
  let input: HTMLInputElement | undefined;

  onMount(() => {
    // A scanner's burst lands in the cart whatever field has focus.
    const stop = listenForScans((c) => sale.scan(c), scannerSettings());
    // The bridge's scanners (HID POS) take the same path as a typed or wedge scan.
    const stopBridgeScans = hardware.onScan((s) => sale.scan(s.data));
    // After a sale: the receipt printer prints it, and the drawer opens for cash.
    const stopPrinting = sale.onComplete((c) => printing.afterSale(c));
    // Keyboard-first: "/" goes back to the scan field, Ctrl+Enter completes a settled sale.
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !inField) {
        e.preventDefault();
        input?.focus();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && sale.complete()) e.preventDefault();
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
    if (code().trim() && sale.scan(code())) setCode('');
  };

  return (
    <div class="sell">
      <section class="sell-main" aria-label="Cart">
        <form class="scan" onSubmit={submit}>
          <label class="sr-only" for="scan-input">
            Scan or type a serial
          </label>
          <input
            id="scan-input"
            ref={input}
            data-testid="scan-input"
            placeholder="Scan or type a serial, then Enter  ·  / returns here"
            value={code()}
            onInput={(e) => setCode(e.currentTarget.value)}
            autocomplete="off"
            spellcheck={false}
          />
          <button type="submit">Add</button>
        </form>
        <Show when={sale.notice()}>
          {(n) => (
            <p class="notice" role="alert" data-testid="scan-notice">
              {n().message}
            </p>
          )}
        </Show>
        <Show when={!app.data()?.ready()}>
          <p class="muted">Opening this store’s data…</p>
        </Show>
        <CartLines />
        <ClientPicker />
      </section>
      <aside class="sell-side" aria-label="Payment">
        <DiscountControl />
        <TenderPanel />
        <Show when={sale.lastSale()}>
          {(c) => <Receipt command={c()} printing={printing} onClose={() => sale.setLastSale(undefined)} />}
        </Show>
      </aside>
      <section class="sell-history" aria-label="Earlier sales">
        <RecentSales />
        <ReturnLookup />
      </section>
    </div>
  );
}
