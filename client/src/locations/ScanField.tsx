/**
 * Where a back-office screen takes scans: the bridge's scanner, a keyboard-wedge scanner anywhere on
 * the page (the counter's burst detector), or a serial typed and Enter. Each arrives once as a code.
 */
import { createSignal, onCleanup, onMount } from 'solid-js';
import { useHardware } from '../hardware/hardware.ts';
import { listenForScans } from '../sell/scanner-listener.ts';
import { scannerSettings } from '../sell/scanner-settings.ts';

export function ScanField(props: { label: string; onScan: (code: string) => void; testid?: string }) {
  const hardware = useHardware();
  const [value, setValue] = createSignal('');
  let input: HTMLInputElement | undefined;
  onMount(() => {
    const stopWedge = listenForScans((code) => props.onScan(code), scannerSettings());
    const stopBridge = hardware.onScan((s) => props.onScan(s.data));
    input?.focus();
    onCleanup(() => {
      stopWedge();
      stopBridge();
    });
  });
  return (
    <form
      class="scan-field"
      onSubmit={(e) => {
        e.preventDefault();
        const code = value().trim();
        if (code) props.onScan(code);
        setValue('');
      }}
    >
      <label>
        {props.label}
        <input
          ref={input}
          data-testid={props.testid ?? 'scan-input'}
          autocomplete="off"
          value={value()}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </label>
    </form>
  );
}
