/** Presence read from the wire and published for an order (ORDERPRES-*), without a relay. */
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readPresence, startPresence } from './presence.ts';

describe('presence on orders and repairs (ORDERPRES-1)', () => {
  it('ORDERPRES-1: a job and its field are read from the wire; junk is not', () => {
    expect(
      readPresence({ user: 'u', device: 'd', name: 'Ines', job: 'j1', field: 'stones', beat: 2 }),
    ).toEqual({ user: 'u', device: 'd', name: 'Ines', job: 'j1', field: 'stones', beat: 2 });
    expect(readPresence({ user: 'u', device: 'd', job: 42, field: 'x'.repeat(41) })).toEqual({
      user: 'u',
      device: 'd',
      name: '',
      beat: 0,
    });
    expect(readPresence({ device: 'd', job: 'j1' })).toBeUndefined();
  });

  it('ORDERPRES-1: focusJob publishes the job and field; leaving clears them; a client profile replaces the job', () => {
    const awareness = new Awareness(new Y.Doc());
    const handle = startPresence(
      awareness,
      { user: 'u', name: 'Ines', device: 'd' },
      { heartbeatMs: 60_000 },
    );
    handle.focusJob('j1', 'notes');
    expect(awareness.getLocalState()).toMatchObject({ job: 'j1', field: 'notes' });
    handle.focusJob('j1');
    expect(awareness.getLocalState()?.field).toBeUndefined();
    handle.focus('c1', 'names');
    expect(awareness.getLocalState()).toMatchObject({ client: 'c1', field: 'names' });
    expect(awareness.getLocalState()?.job).toBeUndefined();
    handle.focusJob(undefined);
    expect(awareness.getLocalState()?.job).toBeUndefined();
    expect(awareness.getLocalState()?.client).toBeUndefined();
    handle.stop();
    expect(awareness.getLocalState()).toBeNull();
    awareness.destroy();
  });
});
