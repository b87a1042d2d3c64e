/**
 * `npm run bridge`: loads the configuration, opens devices (twins with LOUPE_BRIDGE_SIMULATE=1),
 * starts the server on 127.0.0.1 and prints a one-time pairing code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { closeDevices, listDevices, openDevices } from './device-set.ts';
import { Pairing } from './pairing.ts';
import { startBridge } from './server.ts';

const log = (line: string): void => console.log(`[bridge] ${line}`);

const config = await loadConfig();
if (!config.ok) {
  console.error(`[bridge] configuration error at ${config.error.path}: ${config.error.message}`);
  process.exit(1);
}
const c = config.value;
const devices = await openDevices(c);
const pairing = await Pairing.open({
  stateDir: c.stateDir,
  renewAfterUse: true,
  onNewCode: ({ code, expiresAt }) => {
    // BRIDGE-11: a simulated bridge also writes the current code where tests can read it
    // (Playwright's webServer cannot hand its stdout to the tests). Written before the pairing
    // reply goes out, so a test that just paired reads the next code.
    if (c.simulate) writeFileSync(join(c.stateDir, 'pairing-code'), `${code}\n`, { mode: 0o600 });
    log(
      `pairing code ${code.slice(0, 4)} ${code.slice(4)} (valid until ${new Date(expiresAt).toISOString()})`,
    );
  },
});
const bridge = await startBridge({ port: c.port, allowedOrigins: c.allowedOrigins, pairing, devices });

log(`listening on http://127.0.0.1:${bridge.port} (ws://127.0.0.1:${bridge.port}/?token=…)`);
log(`allowed origins: ${c.allowedOrigins.join(', ')}`);
const list = listDevices(devices);
log(list.length === 0 ? 'no devices' : `devices: ${list.map((d) => `${d.id} (${d.status})`).join(', ')}`);
for (const problem of devices.problems) log(problem);
if (devices.twins)
  log(
    `simulation on: receipt twin on :${devices.twins.receipt.port}, tag twin on :${devices.twins.tag.port}`,
  );
pairing.newCode();

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await closeDevices(devices);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
