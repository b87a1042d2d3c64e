/**
 * The device client (DEVICE-*): what a browser tab, a Node script or a connector uses to
 * talk to the relay. One websocket for all documents; documents are authenticated in
 * batches so a device never exceeds the relay's limit of pending authentications.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { commandSignature } from './command-proof.ts';
import { isRelayOwned, names, parseDocName } from './doc-names.ts';
import { readOnlyMirror, type ViolationHandler } from './guard.ts';
import type { CommandEnvelope, Outcome } from './local-types.ts';
import { appendCommand, outcomes } from './records.ts';

/** Relay refuses more than 100 documents pending authentication on one socket. */
export const MAX_PENDING_AUTH = 64;

export type TokenSource = string | (() => string | Promise<string>);

export type DeviceOptions = {
  url: string;
  token: TokenSource;
  deviceId: string;
  /** Documents to use instead of fresh Y.Docs (e.g. ones y-indexeddb already loaded). */
  docFor?: (name: string) => Y.Doc;
  onGuardViolation?: ViolationHandler;
  /** Passed through for Node < 22 or tests; Node 24 and browsers have a global WebSocket. */
  WebSocketPolyfill?: unknown;
};

export class DocumentRefused extends Error {
  readonly document: string;
  readonly reason: string;
  constructor(document: string, reason: string) {
    super(`${document}: ${reason}`);
    this.name = 'DocumentRefused';
    this.document = document;
    this.reason = reason;
  }
}

export type OpenDocument = {
  name: string;
  /** For relay-owned documents, a read-only mirror (see guard.ts). */
  doc: Y.Doc;
  /** Resolves after the first sync; rejects with DocumentRefused if the relay refuses. */
  synced: Promise<void>;
  readOnly: () => boolean;
  provider: HocuspocusProvider;
};

export type Device = {
  socket: HocuspocusProviderWebsocket;
  open(name: string): OpenDocument;
  /**
   * Appends a command to this device's outbox (works offline; syncs when online). With the
   * signing key of the command's `user` on this device (the login answer's `signingKey`), the
   * command carries its writer's proof, so it stays theirs whoever holds the connection (USER-2).
   */
  append(command: CommandEnvelope, proof?: { signingKey?: string }): CommandEnvelope;
  /**
   * Resolves when the relay has decided the command: from `ledger/<store>/<month>`, or from this
   * device's own outbox, where every rejection is answered too (VAL-12) — so a command whose
   * store or time could not be read still gets its outcome.
   */
  outcome(commandId: string, where?: { store: string; at: string }): Promise<Outcome>;
  close(): void;
};

/** The ledger month a command's outcome lands in, when its store and time can be read. */
function ledgerName(store: unknown, at: unknown): string | undefined {
  if (typeof store !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  const name = names.ledger(store, at);
  return parseDocName(name).ok ? name : undefined;
}

export function connectDevice(options: DeviceOptions): Device {
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
  const opened = new Map<string, OpenDocument>();
  const appended = new Map<string, { store: string; at: string }>();
  const waiting: Array<() => void> = [];
  let pending = 0;

  const settle = () => {
    pending--;
    waiting.shift()?.();
  };

  const open = (name: string): OpenDocument => {
    const existing = opened.get(name);
    if (existing) return existing;
    const relayOwned = isRelayOwned(name);
    const synced = relayOwned ? new Y.Doc() : (options.docFor?.(name) ?? new Y.Doc());
    const doc = relayOwned ? readOnlyMirror(name, synced, options.onGuardViolation) : synced;
    let resolveSynced: () => void = () => {};
    let rejectSynced: (e: Error) => void = () => {};
    const syncedPromise = new Promise<void>((resolve, reject) => {
      resolveSynced = resolve;
      rejectSynced = reject;
    });
    // A refusal with no listener yet must not crash a Node process.
    syncedPromise.catch(() => {});
    let authPending = true;
    const done = () => {
      if (authPending) {
        authPending = false;
        settle();
      }
    };
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: synced,
      token: options.token as string | (() => Promise<string>),
      onAuthenticated: done,
      onAuthenticationFailed: ({ reason }) => {
        done();
        rejectSynced(new DocumentRefused(name, reason));
      },
      onSynced: () => resolveSynced(),
    });
    const handle: OpenDocument = {
      name,
      doc,
      synced: syncedPromise,
      readOnly: () => relayOwned || provider.authorizedScope === 'readonly',
      provider,
    };
    opened.set(name, handle);
    const start = () => {
      pending++;
      provider.attach();
    };
    if (pending < MAX_PENDING_AUTH) start();
    else waiting.push(start);
    return handle;
  };

  const outbox = () => open(names.outbox(options.deviceId));

  return {
    socket,
    open,
    append(command, proof) {
      const { signature: _unsigned, ...rest } = command;
      const final =
        proof?.signingKey !== undefined
          ? { ...rest, signature: commandSignature(command, proof.signingKey) }
          : command;
      appended.set(command.id, { store: command.store, at: command.at });
      appendCommand(outbox().doc, final);
      return final;
    },
    outcome(commandId, where) {
      const place = where ?? appended.get(commandId);
      const maps = [outcomes(outbox().doc)];
      const ledger = place && ledgerName(place.store, place.at);
      if (ledger) maps.push(outcomes(open(ledger).doc));
      return new Promise<Outcome>((resolve) => {
        const check = () => {
          const found = maps.map((m) => m.get(commandId)).find((o) => o !== undefined);
          if (!found) return false;
          for (const m of maps) m.unobserve(check);
          resolve(found);
          return true;
        };
        if (!check()) for (const m of maps) m.observe(check);
      });
    },
    close() {
      for (const d of opened.values()) {
        d.provider.destroy();
        if (d.doc !== d.provider.document) d.doc.destroy();
      }
      opened.clear();
      socket.destroy();
    },
  };
}
