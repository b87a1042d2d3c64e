import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCodes } from './close-codes.ts';
import { closeDevices, type DeviceSet, emptyDevices, openTwins } from './device-set.ts';
import { Pairing } from './pairing.ts';
import { parseBridgeMessage, serialOfSgtin } from './protocol.ts';
import { receiptText } from './receipt/escpos-decoder.ts';
import { sampleReceipt } from './receipt/fixtures.ts';
import { RING_GTIN, tray } from './rfid/rfid-contract.ts';
import { type RunningBridge, startBridge } from './server.ts';
import { sampleTag } from './tag/tag-printer-contract.ts';
import { labelTexts } from './tag/zpl-fields.ts';
import { connectClient, pair, type TestClient } from './testing/bridge-client.ts';

const APP = 'http://127.0.0.1:4321';
let cleanup: (() => Promise<void>)[] = [];
let clients: TestClient[] = [];
afterEach(async () => {
  // BRIDGE-10: whatever the bridge sent in any of these tests, the app's parser accepts it.
  const sent = clients.flatMap((c) => c.messages);
  clients = [];
  for (const m of sent) expect(parseBridgeMessage(JSON.stringify(m)), m.type).toMatchObject({ ok: true });
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function startWith(
  devices: DeviceSet,
): Promise<{ client: () => Promise<TestClient>; bridge: RunningBridge }> {
  const pairing = await Pairing.open({ stateDir: await mkdtemp(join(tmpdir(), 'loupe-bridge-')) });
  const { code } = pairing.newCode();
  const bridge = await startBridge({ port: 0, allowedOrigins: [APP], pairing, devices });
  cleanup.push(() => bridge.close());
  const { token } = (await (await pair(bridge.port, code, APP)).json()) as { token: string };
  const client = async () => {
    const c = await connectClient(`ws://127.0.0.1:${bridge.port}/?token=${token}`, APP);
    clients.push(c);
    cleanup.push(async () => c.close());
    return c;
  };
  return { client, bridge };
}

async function simulated() {
  const twins = await openTwins();
  const devices: DeviceSet = {
    scanners: [twins.scanner],
    rfidReaders: [twins.rfid],
    receiptPrinters: [twins.receipt.printer],
    tagPrinters: [twins.tag.printer],
    twins,
    problems: [],
  };
  cleanup.push(() => closeDevices(devices));
  return { ...(await startWith(devices)), twins };
}

const hello = (c: TestClient) => c.request({ type: 'hello', id: 'hello', versions: [1] });

describe('protocol', () => {
  it('BRIDGE-6: no common version → error reply and close 4406', async () => {
    const c = await (await startWith(emptyDevices())).client();
    expect(await c.request({ type: 'hello', id: 'h', versions: [7] })).toMatchObject({
      code: 'unsupported-version',
    });
    await expect.poll(() => c.closeCode()).toBe(closeCodes.unsupportedVersion);
  });

  it('BRIDGE-6: requests before hello are answered with hello-first', async () => {
    const c = await (await startWith(emptyDevices())).client();
    expect(await c.request({ type: 'devices.list', id: 'd' })).toMatchObject({
      type: 'error',
      code: 'hello-first',
    });
  });

  it('BRIDGE-7: malformed messages get an error reply and the bridge keeps serving', async () => {
    const c = await (await startWith(emptyDevices())).client();
    await hello(c);
    c.sendRaw('{not json');
    await expect.poll(() => c.messages.at(-1)).toMatchObject({ type: 'error', code: 'invalid-message' });
    expect(await c.request({ type: 'teleport', id: 't' })).toMatchObject({
      code: 'invalid-message',
      path: 'type',
    });
    const bad = await c.request({
      type: 'print.receipt',
      id: 'p',
      receipt: { ...sampleReceipt, total: 12.5 },
    });
    expect(bad).toMatchObject({ type: 'error', code: 'invalid-message', path: 'receipt.total' });
    expect(await c.request({ type: 'devices.list', id: 'd' })).toMatchObject({ type: 'devices' });
    expect(c.closeCode()).toBeUndefined();
  });

  it('BRIDGE-8: with no devices the list is empty and printing says no-device', async () => {
    const c = await (await startWith(emptyDevices())).client();
    await hello(c);
    expect(await c.request({ type: 'devices.list', id: 'd' })).toEqual({
      type: 'devices',
      id: 'd',
      devices: [],
    });
    const r = await c.request({ type: 'print.receipt', id: 'p', receipt: sampleReceipt });
    expect(r).toMatchObject({ type: 'error', code: 'no-device' });
  });

  it('BRIDGE-9: sim messages are refused when simulation is off', async () => {
    const c = await (await startWith(emptyDevices())).client();
    await hello(c);
    const r = await c.request({ type: 'sim.scan', id: 's', symbology: ']E0', data: '4006381333931' });
    expect(r).toMatchObject({ code: 'simulation-off' });
  });
});

describe('a full flow on the twins', () => {
  it('BRIDGE-9: a triggered scan reaches every paired app', async () => {
    const { client } = await simulated();
    const [till, tablet] = [await client(), await client()];
    await hello(till);
    await hello(tablet);
    expect(
      await till.request({ type: 'sim.scan', id: 's', symbology: ']C0', data: 'LP-24-000187' }),
    ).toMatchObject({
      type: 'done',
    });
    for (const c of [till, tablet])
      await expect
        .poll(() => c.messages.find((m) => m.type === 'scan'))
        .toMatchObject({ device: 'sim-scanner', symbology: ']C0', data: 'LP-24-000187' });
  });

  it('BRIDGE-9: a receipt print job comes out of the twin printer with the drawer kick', async () => {
    const { client, twins } = await simulated();
    const c = await client();
    await hello(c);
    const r = await c.request({ type: 'print.receipt', id: 'p', receipt: sampleReceipt, openDrawer: true });
    expect(r).toEqual({ type: 'print.result', id: 'p', device: 'sim-receipt-printer', ok: true });
    await expect.poll(() => twins.receipt.printouts().length).toBe(1);
    const [paper] = twins.receipt.printouts();
    expect(receiptText(paper!)).toContain('Maison Éclat');
    expect(paper?.drawerKicks).toBe(1);
  });

  it('BRIDGE-9: tags and a bare drawer kick go to their printers', async () => {
    const { client, twins } = await simulated();
    const c = await client();
    await hello(c);
    expect(await c.request({ type: 'print.tags', id: 't', tags: [sampleTag] })).toMatchObject({ ok: true });
    await expect.poll(() => twins.tag.labels().map(labelTexts)[0]).toContain('18K white gold');
    expect(await c.request({ type: 'drawer.open', id: 'd' })).toEqual({ type: 'done', id: 'd' });
    await expect.poll(() => twins.receipt.printouts().map((p) => p.drawerKicks)).toEqual([1]);
  });

  it('BRIDGE-9: an RFID count streams new tags and ends with a de-duplicated summary', async () => {
    const { client } = await simulated();
    const c = await client();
    await hello(c);
    expect(await c.request({ type: 'rfid.start', id: 'r' })).toMatchObject({ type: 'rfid.started' });
    await c.request({ type: 'sim.rfid', id: 's1', epcs: tray() });
    await c.request({ type: 'sim.rfid', id: 's2', epcs: tray() });
    const summary = await c.request({ type: 'rfid.stop', id: 'x' });
    expect(summary).toMatchObject({ type: 'rfid.summary', summary: { uniqueTags: 6 } });
    const streamed = c.messages.flatMap((m) => (m.type === 'rfid.batch' ? m.reads : []));
    expect(streamed).toHaveLength(6);
    expect(streamed.filter((r) => r.gtin === RING_GTIN)).toHaveLength(3);
    expect(await c.request({ type: 'rfid.stop', id: 'y' })).toMatchObject({ code: 'no-session' });
  });

  it('BRIDGE-9, RFID-5: a simulated sweep of Loupe serials reads back as those serials', async () => {
    const { client } = await simulated();
    const c = await client();
    await hello(c);
    expect(await c.request({ type: 'rfid.start', id: 'r' })).toMatchObject({ type: 'rfid.started' });
    const serials = ['LP-001-000123', 'LP-002-000007'];
    expect(await c.request({ type: 'sim.rfid', id: 's', serials })).toMatchObject({ type: 'done' });
    const reads = c.messages.flatMap((m) => (m.type === 'rfid.batch' ? m.reads : []));
    expect(reads.map((r) => serialOfSgtin(r.gtin, r.serial)).sort()).toEqual(serials);
    expect(await c.request({ type: 'sim.rfid', id: 'e', serials: [] })).toMatchObject({
      type: 'error',
      code: 'invalid-message',
    });
  });

  it('BRIDGE-9: an app or e2e test reads back what the twin printers printed', async () => {
    const { client } = await simulated();
    const c = await client();
    await hello(c);
    await c.request({ type: 'print.receipt', id: 'p', receipt: sampleReceipt });
    await c.request({ type: 'print.tags', id: 't', tags: [sampleTag] });
    await expect
      .poll(async () => {
        const r = await c.request({ type: 'sim.printouts', id: `o${c.messages.length}` });
        return r.type === 'printouts' ? [r.receipts.length, r.tags.length] : r;
      })
      .toEqual([1, 1]);
    const r = c.messages.at(-1);
    if (r?.type !== 'printouts') throw new Error('expected printouts');
    expect(r.receipts[0]?.qrcodes).toEqual([sampleReceipt.saleId]);
    expect(r.tags[0]).toEqual({
      texts: ['LP-24-000187', '4 200,00 €', '18K white gold', 'Solitaire 0.50 ct F VS1'],
      barcodes: ['LP-24-000187'],
    });
  });

  it('BRIDGE-8: the device list shows the four twins, ready and marked simulated', async () => {
    const { client } = await simulated();
    const c = await client();
    expect(await hello(c)).toMatchObject({ simulate: true });
    const r = await c.request({ type: 'devices.list', id: 'd' });
    expect(r.type === 'devices' && r.devices.map((d) => [d.kind, d.simulated, d.status])).toEqual([
      ['scanner', true, 'ready'],
      ['rfid', true, 'ready'],
      ['receipt-printer', true, 'ready'],
      ['tag-printer', true, 'ready'],
    ]);
  });
});
