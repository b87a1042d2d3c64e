import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORIGINS, loadConfig } from './config.ts';
import { closeDevices, listDevices, openDevices } from './device-set.ts';
import { decodeEscPos, receiptText } from './receipt/escpos-decoder.ts';
import { EscPosPrinter } from './receipt/escpos-printer.ts';
import { sampleReceipt } from './receipt/fixtures.ts';
import { DeviceFileTransport } from './transport/device-file-transport.ts';

const stateDir = () => mkdtemp(join(tmpdir(), 'loupe-bridge-'));

describe('starting without hardware', () => {
  it('HID-4: with no scanners or printers attached the bridge opens an empty device list', async () => {
    const config = await loadConfig({ LOUPE_BRIDGE_STATE: await stateDir() });
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const devices = await openDevices(config.value);
    expect(listDevices(devices)).toEqual([]);
    await closeDevices(devices);
  });
});

describe('configuration', () => {
  it('BRIDGE-2: the default allowed origins are the app’s own', async () => {
    const config = await loadConfig({ LOUPE_BRIDGE_STATE: await stateDir() });
    expect(config.ok && config.value.allowedOrigins).toEqual(DEFAULT_ORIGINS);
    expect(config.ok && config.value.port).toBe(4330);
  });

  it('BRIDGE-8: configured printers appear in the device list', async () => {
    const dir = await stateDir();
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        receiptPrinters: [{ id: 'front-till', tcp: { host: '192.0.2.10' } }],
        tagPrinters: [{ id: 'tags', usb: { path: '/dev/usb/lp1' } }],
        hid: false,
      }),
    );
    const config = await loadConfig({ LOUPE_BRIDGE_STATE: dir });
    if (!config.ok) throw new Error(config.error.message);
    const devices = await openDevices(config.value);
    expect(listDevices(devices).map((d) => [d.id, d.kind, d.name])).toEqual([
      ['front-till', 'receipt-printer', 'Receipt printer (tcp://192.0.2.10:9100)'],
      ['tags', 'tag-printer', 'Tag printer (usb:/dev/usb/lp1)'],
    ]);
  });

  it('BRIDGE-8: a printer with both tcp and usb, or a broken file, is a configuration error', async () => {
    const dir = await stateDir();
    const file = join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({ receiptPrinters: [{ id: 'x', tcp: { host: 'a' }, usb: { path: 'b' } }] }),
    );
    expect((await loadConfig({ LOUPE_BRIDGE_STATE: dir })).ok).toBe(false);
    await writeFile(file, '{');
    expect((await loadConfig({ LOUPE_BRIDGE_STATE: dir })).ok).toBe(false);
  });
});

describe('USB printing', () => {
  it('ESCPOS-2: a receipt written to a usblp device file decodes to the same receipt', async () => {
    const path = join(await stateDir(), 'lp0');
    const printer = new EscPosPrinter(new DeviceFileTransport(path), { id: 'usb' });
    expect((await printer.print(sampleReceipt)).ok).toBe(true);
    const paper = decodeEscPos(new Uint8Array(await readFile(path)));
    expect(receiptText(paper)).toContain('Sale 0196f3a2-8c1e-7a10-9b2c-3d4e5f607182');
    expect(paper.qrcodes).toEqual([sampleReceipt.saleId]);
  });

  it('ESCPOS-6: a missing USB device is offline, not a crash', async () => {
    const printer = new EscPosPrinter(new DeviceFileTransport('/nonexistent/usb/lp9'), { id: 'usb' });
    expect((await printer.openDrawer()).ok).toBe(false);
    expect(printer.info().status).toBe('offline');
  });
});
