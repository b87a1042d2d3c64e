/**
 * The bridge's network face: HTTP (`GET /health`, `POST /pair`) and the websocket, on
 * 127.0.0.1 only (BRIDGE-1). Every websocket must come from an allowed Origin and carry a
 * paired token (`?token=`); refusals complete the upgrade and then close with a documented
 * code, because a browser sees nothing but 1006 when an upgrade is rejected outright.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { object, optional, string } from '../domain/parse.ts';
import { originCheck } from './app-origin.ts';
import { closeCodes } from './close-codes.ts';
import type { DeviceSet } from './device-set.ts';
import type { Pairing } from './pairing.ts';
import type { BridgeMessage } from './protocol.ts';
import { BRIDGE_VERSION, Session } from './session.ts';

export type BridgeOptions = {
  readonly port: number;
  readonly allowedOrigins: readonly string[];
  /** Whether a loopback origin serves the Loupe app (BRIDGE-12); tests inject it. */
  readonly isLoupeApp?: (origin: string) => Promise<boolean>;
  readonly pairing: Pairing;
  readonly devices: DeviceSet;
};

export type RunningBridge = { readonly address: string; readonly port: number; close(): Promise<void> };

// The console shows the code in two groups ("0903 9904"); people type it either way.
const parsePairBody = object({
  code: string({ min: 6, max: 16, pattern: /^[\d ]+$/ }),
  label: optional(string({ max: 64 })),
});
const MAX_BODY = 4096;

export async function startBridge(o: BridgeOptions): Promise<RunningBridge> {
  const sessions = new Set<Session>();
  const broadcast = (m: BridgeMessage): void => {
    for (const s of sessions) if (s.ready) s.send(m);
  };
  const unsubscribe = o.devices.scanners.map((scanner) =>
    scanner.onScan((scan) =>
      broadcast({ type: 'scan', device: scanner.info().id, ...scan, at: new Date().toISOString() }),
    ),
  );

  const originAllowed = originCheck(o.allowedOrigins, o.isLoupeApp);
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 would send its own Host.
  const hostAllowed = (host: string | undefined): boolean =>
    !!host && /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);

  const http = createServer((req, res) => void handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // Only /pair answers to pages; the check may ask the origin for its manifest (BRIDGE-12).
    const allowed = path === '/pair' && hostAllowed(req.headers.host) && (await originAllowed(origin));
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(allowed && origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
      });
      res.end(JSON.stringify(body));
    };
    if (!hostAllowed(req.headers.host)) return json(403, { error: 'forbidden-host' });
    if (req.method === 'GET' && path === '/health') return json(200, { ok: true, version: BRIDGE_VERSION });
    if (path !== '/pair') return json(404, { error: 'not-found' });
    if (!allowed || !origin) return json(403, { error: 'forbidden-origin' });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        // Chrome's Private Network Access preflight for pages calling a loopback service.
        'access-control-allow-private-network': 'true',
        vary: 'Origin',
      });
      return void res.end();
    }
    if (req.method !== 'POST') return json(405, { error: 'method-not-allowed' });
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) return json(413, { error: 'too-large' });
    }
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      return json(400, { error: 'invalid-input', message: 'not JSON' });
    }
    const parsed = parsePairBody(input);
    if (!parsed.ok) return json(400, { error: 'invalid-input', ...parsed.error });
    const r = await o.pairing.exchange(parsed.value.code.replaceAll(' ', ''), parsed.value.label);
    return r.ok
      ? json(200, { token: r.value.token })
      : json(401, { error: r.error.code, message: r.error.message });
  }

  http.on('upgrade', (req, socket, head) => {
    if (!hostAllowed(req.headers.host)) return void socket.destroy();
    // The Origin is checked before the upgrade completes, so no early frame is missed.
    void originAllowed(req.headers.origin).then((originOk) =>
      wss.handleUpgrade(req, socket, head, (client) => onConnection(client, req, originOk)),
    );
  });

  function onConnection(client: WebSocket, req: IncomingMessage, originOk: boolean): void {
    if (!originOk) {
      client.close(closeCodes.forbiddenOrigin, 'origin not allowed');
      return;
    }
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
    if (!o.pairing.verify(token)) {
      client.close(closeCodes.unauthorized, 'pair first');
      return;
    }
    const session = new Session(
      { send: (m) => client.send(JSON.stringify(m)), close: (code, reason) => client.close(code, reason) },
      o.devices,
    );
    sessions.add(session);
    // Messages are handled one at a time so replies keep the order of requests.
    let queue = Promise.resolve();
    client.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      queue = queue.then(() => session.receive(raw));
    });
    client.on('close', () => {
      sessions.delete(session);
      void session.dispose();
    });
    client.on('error', () => client.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, '127.0.0.1', () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;

  return {
    address,
    port,
    async close() {
      for (const u of unsubscribe) u();
      // Say goodbye properly (apps reconnect on 1001), but never wait on a silent peer.
      await Promise.all(
        [...wss.clients].map(
          (c) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => c.terminate(), 1_000);
              c.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              c.close(closeCodes.goingAway, 'bridge stopping');
            }),
        ),
      );
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}
