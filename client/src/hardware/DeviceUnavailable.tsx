import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { DeviceKind } from '../../../hardware-bridge/protocol.ts';
import { useHardware } from './hardware.ts';
import { H } from './strings.ts';

/** Says, in words, why a device cannot be used right now; nothing when it can. */
export function DeviceUnavailable(props: { kind: DeviceKind; fallback?: string }) {
  const hardware = useHardware();
  return (
    <Show when={hardware.unavailable(props.kind)}>
      {(why) => (
        <p class="muted device-unavailable" data-testid="device-unavailable" data-kind={props.kind}>
          {why()} {props.fallback ?? ''} <A href="/settings/hardware">{H.hardwareSettings}</A>
        </p>
      )}
    </Show>
  );
}
