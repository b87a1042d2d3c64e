import { For, Show } from 'solid-js';
import { KIND_LABEL, useHardware } from './hardware.ts';
import { H } from './strings.ts';

/** The bridge's devices and their status; the cash drawer hangs on the receipt printer. */
export function DeviceList() {
  const hardware = useHardware();
  const drawerOn = () => hardware.device('receipt-printer');
  return (
    <Show when={hardware.devices().length > 0} fallback={<p class="muted">{H.noDevices}</p>}>
      <table class="devices" data-testid="devices">
        <thead>
          <tr>
            <th scope="col">{H.colDevice}</th>
            <th scope="col">{H.colName}</th>
            <th scope="col">{H.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          <For each={hardware.devices()}>
            {(d) => (
              <tr data-testid="device" data-kind={d.kind} data-status={d.status}>
                <td>{KIND_LABEL[d.kind]}</td>
                <td>
                  {d.name}
                  <Show when={d.simulated}>{H.simulatedSuffix}</Show>
                </td>
                <td>
                  {d.status}
                  <Show when={d.detail}> · {d.detail}</Show>
                </td>
              </tr>
            )}
          </For>
          <Show when={drawerOn()}>
            {(p) => (
              <tr data-testid="device" data-kind="drawer" data-status={p().status}>
                <td>{H.cashDrawer}</td>
                <td>{H.drawerOn(p().name)}</td>
                <td>{p().status}</td>
              </tr>
            )}
          </Show>
        </tbody>
      </table>
    </Show>
  );
}
