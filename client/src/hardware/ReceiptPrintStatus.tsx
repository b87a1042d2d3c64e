import { Show } from 'solid-js';
import { unreachable } from '../../../domain/assert.ts';
import type { Command } from '../local/records.ts';
import { DeviceUnavailable } from './DeviceUnavailable.tsx';
import { useHardware } from './hardware.ts';
import type { PrintState, ReceiptPrinting } from './receipt-printing.ts';

/** The receipt printer's side of a receipt: what happened to this sale's printout, and a reprint. */
export function ReceiptPrintStatus(props: { command: Command; printing: ReceiptPrinting }) {
  const hardware = useHardware();
  const state = () => props.printing.state(props.command.id);
  return (
    <div class="receipt-printer no-print" data-testid="receipt-printer" data-state={state()?.kind ?? 'idle'}>
      <Show when={state()}>
        {(s) => (
          <p class={s().kind === 'failed' ? 'error' : ''} role={s().kind === 'failed' ? 'alert' : 'status'}>
            {describePrint(s())}
          </p>
        )}
      </Show>
      <DeviceUnavailable kind="receipt-printer" fallback="Use the browser’s Print button instead." />
      <Show when={!hardware.unavailable('receipt-printer')}>
        <button
          type="button"
          data-testid="print-receipt"
          disabled={state()?.kind === 'printing'}
          onClick={() => void props.printing.reprint(props.command)}
        >
          Print on receipt printer
        </button>
      </Show>
    </div>
  );
}

function describePrint(s: PrintState): string {
  switch (s.kind) {
    case 'printing':
      return 'Printing on the receipt printer…';
    case 'printed':
      return `Printed on the receipt printer${s.drawer ? '; cash drawer opened' : ''}.`;
    case 'failed':
      return `${s.message} The browser’s Print button still works.`;
    default:
      return unreachable(s);
  }
}
