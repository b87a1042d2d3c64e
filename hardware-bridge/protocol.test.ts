import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { negotiateVersion, parseBridgeMessage, parseClientMessage } from './protocol.ts';

describe('protocol parsing', () => {
  it('BRIDGE-6: the highest common version wins; none in common is undefined', () => {
    expect(negotiateVersion([1, 2])).toBe(1);
    expect(negotiateVersion([2, 3])).toBeUndefined();
  });

  it('BRIDGE-7: a wrong field is reported with its path and the request id', () => {
    const r = parseClientMessage(JSON.stringify({ type: 'sim.rfid', id: 'r1', epcs: ['nothex'] }));
    expect(r).toMatchObject({ ok: false, error: { id: 'r1', path: 'epcs[0]' } });
  });

  it('BRIDGE-7: money as a float or a lowercase currency is refused at the edge', () => {
    const tag = {
      serial: 'LP-1',
      price: 10.5,
      currency: 'EUR',
      metal: 'Gold',
      description: 'Ring',
      size: 'barbell',
    };
    expect(parseClientMessage(JSON.stringify({ type: 'print.tags', id: 't', tags: [tag] }))).toMatchObject({
      ok: false,
      error: { path: 'tags[0].price' },
    });
    const parsed = parseClientMessage(
      JSON.stringify({ type: 'print.tags', id: 't', tags: [{ ...tag, price: 1050, currency: 'XYZ' }] }),
    );
    expect(parsed).toMatchObject({ ok: false, error: { path: 'tags[0].currency' } });
  });

  it('BRIDGE-7: inherited object keys are not message types', () => {
    expect(parseClientMessage('{"type":"constructor","id":"c"}')).toMatchObject({
      ok: false,
      error: { path: 'type' },
    });
  });

  it('BRIDGE-10: the app parses what the bridge sends; a malformed frame is a value, not a throw', () => {
    const welcome = parseBridgeMessage(
      '{"type":"welcome","id":"h","version":1,"bridge":"0.1.0","simulate":true}',
    );
    expect(welcome).toEqual({
      ok: true,
      value: { type: 'welcome', id: 'h', version: 1, bridge: '0.1.0', simulate: true },
    });
    const device = { id: 'sim-rfid', kind: 'rfid', name: 'RFID', simulated: true, status: 'ready' };
    expect(parseBridgeMessage(JSON.stringify({ type: 'devices', id: 'd', devices: [device] }))).toMatchObject(
      {
        ok: true,
      },
    );
    expect(
      parseBridgeMessage(JSON.stringify({ type: 'print.result', id: 'p', device: 'x', ok: true })),
    ).toMatchObject({ ok: true, value: { ok: true } });
    expect(parseBridgeMessage('{"type":"welcome","version":7,"bridge":"x","simulate":false}')).toMatchObject({
      ok: false,
      error: { path: 'version' },
    });
    expect(
      parseBridgeMessage(JSON.stringify({ type: 'devices', devices: [{ ...device, kind: 'toaster' }] })),
    ).toMatchObject({ ok: false, error: { path: 'devices[0].kind' } });
    expect(parseBridgeMessage('{"type":"hasOwnProperty"}')).toMatchObject({
      ok: false,
      error: { path: 'type' },
    });
    expect(parseBridgeMessage('not json')).toMatchObject({ ok: false });
    expect(
      parseBridgeMessage(JSON.stringify({ type: 'print.result', id: 'p', device: 'x', ok: false })).ok,
    ).toBe(false);
  });

  it('protocol.ts and close-codes.ts stay browser-safe (no Node imports)', async () => {
    for (const file of ['protocol.ts', 'close-codes.ts']) {
      const source = await readFile(new URL(file, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => !i?.startsWith('../domain/') && !i?.startsWith('./close-codes'))).toEqual(
        [],
      );
    }
  });
});
