/**
 * Receipts on the bridge's printer: printed by itself after a completed sale (the drawer opens
 * with it when cash changed hands), and again on request from the receipt view. The state of
 * each sale's printout is kept so the receipt can say what happened, in words.
 */
import { createStore } from 'solid-js/store';
import type { AppState } from '../app-state.ts';
import type { Command } from '../local/records.ts';
import { browserTimeZone, receiptHeader } from '../sell/receipt-header.ts';
import type { Hardware } from './hardware.ts';
import { paidInCash, receiptJob } from './receipt-job.ts';

export type PrintState =
  | { readonly kind: 'printing' }
  | { readonly kind: 'printed'; readonly drawer: boolean }
  | { readonly kind: 'failed'; readonly message: string };

export function createReceiptPrinting(app: AppState, hardware: Hardware) {
  const [states, setStates] = createStore<Record<string, PrintState>>({});

  const print = async (command: Command, opts: { openDrawer: boolean }): Promise<void> => {
    const d = app.data();
    const locale = navigator.language || 'en-US';
    // The store's name, address and time zone (the bridge formats the date in it).
    const header = receiptHeader(d?.storeInfo(), command.at, { locale, fallbackTimeZone: browserTimeZone() });
    const job = receiptJob(command, {
      storeName: header.storeName,
      address: header.address,
      taxInclusive: d?.storeInfo()?.tax.inclusive ?? false,
      taxBasisPoints: d?.storeInfo()?.tax.basisPoints ?? 0,
      ...(d?.storeInfo() ? { tax: d.storeInfo()?.tax } : {}),
      footer: d?.storeInfo()?.receiptFooter ?? [],
      pieces: d?.pieces ?? {},
      recordedTax: d?.entries()[command.id]?.saleTax,
      associate: d?.staff[command.user]?.name ?? app.session()?.user.name ?? '',
      locale,
      timeZone: header.timeZone,
    });
    if (!job.ok) return void setStates(command.id, { kind: 'failed', message: job.error });
    setStates(command.id, { kind: 'printing' });
    const r = await hardware.printReceipt(job.value, opts.openDrawer);
    setStates(
      command.id,
      r.ok ? { kind: 'printed', drawer: opts.openDrawer } : { kind: 'failed', message: r.error },
    );
  };

  return {
    state: (commandId: string): PrintState | undefined => states[commandId],
    /** After a completed sale: print when a bridge is paired; the browser's dialog stays otherwise. */
    afterSale(command: Command): void {
      if (hardware.pairing()) void print(command, { openDrawer: paidInCash(command) });
    },
    reprint: (command: Command) => print(command, { openDrawer: false }),
  };
}

export type ReceiptPrinting = ReturnType<typeof createReceiptPrinting>;
