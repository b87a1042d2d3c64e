/** For tests: a device whose documents are plain in-memory Y.Docs, as if loaded and synced. */
import * as Y from 'yjs';
import type { Device, OpenDoc } from './device.ts';

export function fakeDevice(): Device & { doc: (name: string) => Y.Doc } {
  const docs = new Map<string, OpenDoc>();
  const open = (name: string) => {
    let d = docs.get(name);
    if (!d) {
      d = { name, doc: new Y.Doc(), loaded: Promise.resolve(), synced: () => true, awareness: null };
      docs.set(name, d);
    }
    return d;
  };
  return {
    open,
    doc: (name) => open(name).doc,
    docs: () => [...docs.values()],
    socket: () => 'connected',
    authFailed: () => undefined,
    reauthenticate: () => {},
    destroy: () => {},
  };
}
