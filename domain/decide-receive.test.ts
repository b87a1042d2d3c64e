import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands.ts';
import { countAccuracy } from './decide-admin.ts';
import type { DomainEvent } from './decision-types.ts';
import { newImportId } from './ids.ts';
import { parseLocation } from './piece.ts';
import { code, command, OTHER_STORE, pieceRecord, serial, testId, USERS, world } from './test-support.ts';

const SAFE = { kind: 'safe', label: 'Safe' } as const;
const CASE3 = { kind: 'case', label: 'Case 3' } as const;
const events = (r: { ok: boolean; value?: unknown }) => (r.ok ? (r.value as DomainEvent[]) : []);

function stocked() {
  const s = world(0);
  for (const n of [1, 2, 3, 4])
    s.execute(command('piece.receive', { piece: pieceRecord(n, { location: CASE3 }) }));
  return s;
}

describe('locations', () => {
  it('LOCATION-3, LOCATION-2: a manager scans pieces into the safe; those already there (by name, any case) are left out', () => {
    const s = stocked();
    const r = s.execute(
      command('piece.relocate', { serials: [serial(1), serial(2)], location: SAFE, reason: 'safe-check' }),
    );
    expect(events(r)).toEqual([
      {
        type: 'pieces.relocated',
        store: expect.any(String),
        serials: [serial(1), serial(2)],
        location: SAFE,
        reason: 'safe-check',
      },
    ]);
    expect(s.locationsAt?.(s.pieces()[0]?.store ?? ('' as never)).get(serial(1))).toEqual(SAFE);
    const again = s.execute(
      command('piece.relocate', {
        serials: [serial(1), serial(3)],
        location: { kind: 'safe', label: 'safe ' },
        reason: 'move',
      }),
    );
    expect(events(again).flatMap((e) => (e.type === 'pieces.relocated' ? e.serials : []))).toEqual([
      serial(3),
    ]);
  });

  it('LOCATION-3: associates may not move stock; a sold, unknown or other store’s piece refuses the whole scan', () => {
    const s = stocked();
    expect(
      code(
        s.decide(
          command(
            'piece.relocate',
            { serials: [serial(1)], location: SAFE, reason: 'move' },
            { user: USERS.associate },
          ),
        ),
      ),
    ).toBe('not-allowed');
    s.execute(command('piece.write-off', { serial: serial(2), reason: 'lost', note: 'gone' }));
    expect(
      code(
        s.decide(
          command('piece.relocate', { serials: [serial(1), serial(2)], location: SAFE, reason: 'move' }),
        ),
      ),
    ).toBe('piece-not-placeable');
    expect(
      code(
        s.decide(
          command('piece.relocate', { serials: [serial(1), serial(99)], location: SAFE, reason: 'move' }),
        ),
      ),
    ).toBe('piece-unknown');
    expect(
      code(
        s.decide(
          command(
            'piece.relocate',
            { serials: [serial(1)], location: SAFE, reason: 'move' },
            { store: OTHER_STORE },
          ),
        ),
      ),
    ).toBe('piece-at-other-store');
  });
});

describe('counts of a place, by several counters', () => {
  it('COUNT-4: a count of one case reports what is missing there and what was found there but belongs elsewhere', () => {
    const s = stocked();
    s.execute(command('piece.relocate', { serials: [serial(4)], location: SAFE, reason: 'move' }));
    const r = s.execute(
      command('stock.count', {
        countId: testId(),
        scope: 'Case 3',
        wholeStore: false,
        location: CASE3,
        found: [serial(1), serial(4)],
      }),
    );
    expect(events(r)[0]).toMatchObject({
      type: 'count.recorded',
      found: 2,
      missing: [serial(2), serial(3)],
      unexpected: [],
      wrongLocation: [serial(4)],
      parts: 1,
    });
  });

  it('COUNT-5: two counters send parts of one count; the variance is over both, and a part for another place is refused', () => {
    const s = stocked();
    const countId = testId();
    const part = (found: number[], extra = {}) =>
      command('stock.count', {
        countId,
        scope: 'Whole store',
        wholeStore: true,
        found: found.map(serial),
        ...extra,
      });
    expect(events(s.execute(part([1, 2])))[0]).toMatchObject({ missing: [serial(3), serial(4)], parts: 1 });
    expect(events(s.execute(part([3, 2], {})))[0]).toMatchObject({
      found: 3,
      missing: [serial(4)],
      parts: 2,
      partFound: [serial(3), serial(2)],
    });
    expect(code(s.decide(part([4], { wholeStore: false, location: CASE3 })))).toBe('count-scope-mismatch');
  });
});

describe('bulk import', () => {
  it('IMPORT-2, IMPORT-3: parts in order, stock only with the last; pieces already here are skipped', () => {
    const s = stocked();
    const importId = newImportId();
    const p0 = { importId, source: 'a.csv', part: 0, parts: 2, pieces: [pieceRecord(1), pieceRecord(10)] };
    const p1 = { ...p0, part: 1, pieces: [pieceRecord(11)] };
    expect(code(s.decide(command('piece.import', p1)))).toBe('import-out-of-order');
    const first = events(s.execute(command('piece.import', p0)));
    expect(first).toMatchObject([{ type: 'import.part-staged', skipped: [serial(1)] }]);
    expect(s.piece(serial(10))).toBeUndefined();
    const last = events(s.execute(command('piece.import', p1)));
    expect(last.map((e) => e.type)).toEqual(['import.part-staged', 'pieces.imported']);
    expect(s.piece(serial(10))?.status).toBe('in-stock');
    expect(s.piece(serial(11))?.status).toBe('in-stock');
    expect(code(s.decide(command('piece.import', p1)))).toBe('import-done');
  });

  it('IMPORT-1: a piece for another store, or in another currency, refuses the part', () => {
    const s = stocked();
    const base = { importId: newImportId(), source: 'a.csv', part: 0, parts: 1 };
    expect(
      code(s.decide(command('piece.import', { ...base, pieces: [pieceRecord(20, { store: OTHER_STORE })] }))),
    ).toBe('import-invalid');
    const yen = { minor: 5_000, currency: 'JPY' };
    expect(
      code(
        s.decide(
          command('piece.import', { ...base, pieces: [pieceRecord(21, { listPrice: yen as never })] }),
        ),
      ),
    ).toBe('currency-mismatch');
  });
});

describe('places, the safe check and adjustments', () => {
  it('LOCATION-1: a place is a case, the safe, a window, a tray, the back office, the workshop or the warehouse', () => {
    for (const kind of ['case', 'safe', 'window', 'tray', 'back-office', 'workshop', 'warehouse'])
      expect(parseLocation({ kind, label: 'Here' }).ok).toBe(true);
    expect(parseLocation({ kind: 'drawer', label: 'Here' }).ok).toBe(false);
    expect(parseLocation({ kind: 'case', label: '' }).ok).toBe(false);
  });

  it('LOCATION-4: the safe check is a whole-store count: every piece in stock or reserved not scanned back is missing', () => {
    const s = stocked();
    s.execute(
      command('reservation.place', { serial: serial(3), clientId: 'd0000000-0000-7000-8000-000000000001' }),
    );
    const check = s.execute(
      command('stock.count', {
        countId: testId(),
        scope: 'Safe check',
        wholeStore: true,
        found: [serial(1), serial(2)],
      }),
    );
    expect(events(check)[0]).toMatchObject({ missing: [serial(3), serial(4)], unexpected: [] });
  });

  it('COUNT-6: accuracy is what was found where expected over everything expected or found', () => {
    expect(countAccuracy({ found: 10, missing: [], unexpected: [] })).toBe(1);
    expect(countAccuracy({ found: 9, missing: ['a'], unexpected: ['b'] })).toBeCloseTo(0.8);
    expect(countAccuracy({ found: 0, missing: [], unexpected: [] })).toBe(1);
  });

  it('COUNT-7: a count moves nothing; its missing piece leaves stock only by a manager’s write-off, a misplaced one by a relocation', () => {
    const s = stocked();
    const countId = testId();
    s.execute(
      command('stock.count', {
        countId,
        scope: 'Case 3',
        wholeStore: false,
        location: CASE3,
        found: [serial(1)],
      }),
    );
    expect(s.piece(serial(2))?.status).toBe('in-stock');
    const note = { serial: serial(2), reason: 'lost', note: 'Missing at the count “Case 3”' };
    expect(code(s.decide(command('piece.write-off', note, { user: USERS.associate })))).toBe('not-allowed');
    expect(s.execute(command('piece.write-off', note)).ok).toBe(true);
    expect(s.piece(serial(2))?.status).toBe('written-off');
    const fix = s.execute(
      command('piece.relocate', { serials: [serial(1)], location: SAFE, reason: 'count', countId }),
    );
    expect(events(fix)[0]).toMatchObject({ type: 'pieces.relocated', reason: 'count' });
  });

  it('IMPORT-4: every piece of an import is checked by parsePiece, karat against metal included, before anything is decided', () => {
    const bad = { ...pieceRecord(30), metal: 'platinum', karat: 18 };
    const r = parseCommand({
      id: testId(),
      type: 'piece.import',
      store: pieceRecord(30).store,
      device: 'c0000000-0000-7000-8000-000000000001',
      user: USERS.manager,
      at: '2026-03-01T10:00:00.000Z',
      payload: {
        importId: newImportId(),
        source: 'a.csv',
        part: 0,
        parts: 1,
        pieces: [pieceRecord(31), bad],
      },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      path: 'payload.pieces[1]',
      message: 'karat applies only to gold',
    });
  });
});
