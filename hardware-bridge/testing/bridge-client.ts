/**
 * A minimal Node client for the bridge, for tests and scripts (e2e can drive twins with it).
 * It records every message and the close code, and pairs requests with replies by id.
 */
import { expect } from 'vitest';
import type { WebSocket } from 'ws';
import { WebSocket as NodeWebSocket } from 'ws';
import type { BridgeMessage } from '../protocol.ts';

export type TestClient = {
  readonly messages: BridgeMessage[];
  closeCode(): number | undefined;
  send(message: unknown): void;
  sendRaw(raw: string): void;
  /** Sends a message with `id` and resolves with the first reply carrying that id. */
  request(message: { type: string; id: string } & Record<string, unknown>): Promise<BridgeMessage>;
  close(): void;
};

export async function connectClient(url: string, origin: string | undefined): Promise<TestClient> {
  const socket: WebSocket = new NodeWebSocket(url, origin ? { origin } : {});
  const messages: BridgeMessage[] = [];
  let code: number | undefined;
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as BridgeMessage));
  socket.on('close', (c) => {
    code = c;
  });
  socket.on('error', () => undefined);
  await expect.poll(() => socket.readyState !== NodeWebSocket.CONNECTING).toBe(true);
  const reply = (id: string): BridgeMessage | undefined => messages.find((m) => 'id' in m && m.id === id);
  return {
    messages,
    closeCode: () => code,
    send: (m) => socket.send(JSON.stringify(m)),
    sendRaw: (raw) => socket.send(raw),
    async request(m) {
      socket.send(JSON.stringify(m));
      await expect.poll(() => reply(m.id) !== undefined || code !== undefined).toBe(true);
      const r = reply(m.id);
      if (!r) throw new Error(`connection closed (${code}) before a reply to ${m.id}`);
      return r;
    },
    close: () => socket.close(),
  };
}

export async function pair(port: number, code: string, origin = 'http://localhost:4321'): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code, label: 'test' }),
  });
}
