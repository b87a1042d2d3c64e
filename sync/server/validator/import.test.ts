/**
 * Bulk import over the relay's SQL (IMPORT-*): a spreadsheet export of 5,000 pieces with three bad
 * rows, mapped and checked as the back office does (sync/shared/piece-import.ts), sent in parts,
 * decided by the CommandDecider; then the same file again.
 */
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import { type ImportId, newImportId } from '../../../domain/ids.ts';
import { currency } from '../../../domain/money.ts';
import { command, DEVICE, OTHER_STORE, STORE, saleOf, serial, USERS } from '../../../domain/test-support.ts';
import { guessMapping, importParts, planImport, readCsv } from '../../shared/piece-import.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));
const EUR = currency('EUR');

/** A supplier's export: French-ish headers, prices with thousands separators, a stone per row. */
function supplierCsv(rows: number, bad: ReadonlyMap<number, (cells: string[]) => void> = new Map()): string {
  const header =
    'Serial,Style,Name,Category,Metal,Karat,Weight (g),Price,Cost,Stone,Carats,Clarity,Lab,Certificate,Location';
  const lines = [header];
  for (let i = 1; i <= rows; i++) {
    const cells = [
      `IM-${String(i).padStart(6, '0')}`,
      `ST-${i % 40}`,
      `"Ring, solitaire ${i}"`,
      'ring',
      'Yellow gold',
      '18',
      '4.25',
      '"1,250.00"',
      '480',
      'diamond',
      '0.51',
      'VS1',
      'GIA',
      `22${String(i).padStart(8, '0')}`,
      `Case ${1 + (i % 6)}`,
    ];
    bad.get(i)?.(cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const knownIn = (db: DatabaseSync) => {
  const stmt = db.prepare('SELECT store FROM pieces WHERE serial = ?');
  return (serial: string): 'here' | 'elsewhere' | undefined => {
    const row = stmt.get(serial) as { store: string } | undefined;
    return row ? (row.store === STORE ? 'here' : 'elsewhere') : undefined;
  };
};
const countPieces = (db: DatabaseSync) =>
  Number((db.prepare("SELECT count(*) AS n FROM pieces WHERE serial LIKE 'IM-%'").get() as { n: number }).n);

/** One till's outbox: what it appends is decided in order, as the relay does. */
function till(db: DatabaseSync) {
  const decider = new CommandDecider(db, TRUSTED);
  const outbox: unknown[] = [];
  return (...commands: Command[]) => {
    outbox.push(...commands.map(plain));
    return decider.decideOutbox(DEVICE, outbox);
  };
}

const importCommands = (importId: ImportId, pieces: Parameters<typeof importParts>[2]) =>
  importParts(importId, 'supplier.csv · sha256 0123456789abcdef', pieces).map((p) =>
    command('piece.import', p, { user: USERS.manager }),
  );

describe('bulk import', () => {
  it('IMPORT-1..3: 5,000 rows with 3 bad ones → 4,997 pieces and 3 errors in words; the same file again adds nothing', () => {
    const db = openTestDatabase();
    const send = till(db);
    const bad = new Map<number, (cells: string[]) => void>([
      [17, (c) => (c[4] = 'Unobtainium')],
      [2_500, (c) => (c[7] = '"12,50x"')],
      [4_999, (c) => (c[2] = '')],
    ]);
    const text = supplierCsv(5_000, bad);
    const table = readCsv(text);
    const mapping = guessMapping(table.headers);
    expect(mapping).toMatchObject({
      serial: 'Serial',
      title: 'Name',
      weightGrams: 'Weight (g)',
      listPrice: 'Price',
    });
    const plan = planImport(table, mapping, { store: STORE, currency: EUR, known: knownIn(db) });
    expect(plan.pieces).toHaveLength(4_997);
    expect(plan.errors.map((e) => e.message)).toEqual([
      'Row 18: metal "Unobtainium" is not one of yellow gold, white gold, rose gold, platinum, silver, palladium, titanium, other.',
      'Row 2501: list price "12,50x" is not an amount in EUR (at most 2 decimals).',
      'Row 5000: the title is missing.',
    ]);
    expect(plan.pieces[0]).toMatchObject({
      title: 'Ring, solitaire 1',
      metal: 'yellow-gold',
      karat: 18,
      weightMg: 4_250,
      listPrice: { minor: 125_000, currency: 'EUR' },
      stones: [{ kind: 'diamond', milliCarats: 510, clarity: 'VS1', certificate: { lab: 'GIA' } }],
      location: { kind: 'case', label: 'Case 2' },
    });

    const decisions = send(...importCommands(newImportId(), plan.pieces));
    expect(decisions).toHaveLength(10);
    expect(decisions.every((d) => d.status === 'accepted')).toBe(true);
    expect(countPieces(db)).toBe(4_997);

    // IMPORT-3: the same file again: the till skips what is here; the relay would skip it anyway.
    const again = planImport(table, mapping, { store: STORE, currency: EUR, known: knownIn(db) });
    expect(again.pieces).toHaveLength(0);
    expect(again.alreadyHere).toHaveLength(4_997);
    expect(again.errors).toHaveLength(3);
    const blind = planImport(table, mapping, { store: STORE, currency: EUR });
    const resent = send(...importCommands(newImportId(), blind.pieces));
    expect(resent.every((d) => d.status === 'accepted')).toBe(true);
    expect(countPieces(db)).toBe(4_997);
  });

  it('IMPORT-2: nothing is stock until the last part; a refused part leaves the whole import out', () => {
    const db = openTestDatabase();
    const send = till(db);
    const plan = planImport(readCsv(supplierCsv(1_200)), guessMapping(readCsv(supplierCsv(1)).headers), {
      store: STORE,
      currency: EUR,
    });
    const importId = newImportId();
    const parts = importParts(importId, 'big.csv', plan.pieces);
    expect(parts.map((p) => p.pieces.length)).toEqual([500, 500, 200]);
    const [first, second, third] = parts.map((p) => command('piece.import', p));
    if (!first || !second || !third) throw new Error('three parts expected');
    send(first, second);
    expect(countPieces(db)).toBe(0);
    // A piece of the last part was received at another store meanwhile: the import is refused whole.
    const taken = plan.pieces[1_100];
    if (!taken) throw new Error('no piece');
    send(
      command(
        'piece.receive',
        { piece: { ...taken, store: OTHER_STORE } },
        { store: OTHER_STORE, user: USERS.owner },
      ),
    );
    const [last] = send(third);
    expect(last?.status).toBe('rejected');
    expect(last?.code).toBe('import-invalid');
    expect(last?.reason).toMatch(
      /1 piece cannot be imported \(IM-001101 is already on record at another store\)/,
    );
    expect(countPieces(db)).toBe(1);
  });

  it('IMPORT-2: parts out of order, a finished import and a part of another size are refused', () => {
    const db = openTestDatabase();
    const send = till(db);
    const plan = planImport(readCsv(supplierCsv(600)), guessMapping(readCsv(supplierCsv(1)).headers), {
      store: STORE,
      currency: EUR,
    });
    const importId = newImportId();
    const [p0, p1] = importParts(importId, 'f.csv', plan.pieces);
    if (!p0 || !p1) throw new Error('two parts expected');
    const [early] = send(command('piece.import', p1));
    expect(early?.code).toBe('import-out-of-order');
    const [a, b, again] = send(
      command('piece.import', p0),
      command('piece.import', p1),
      command('piece.import', p1),
    );
    expect([a?.status, b?.status, again?.code]).toEqual(['accepted', 'accepted', 'import-done']);
    expect(countPieces(db)).toBe(600);
    // An associate may not receive stock; a sale of an imported piece works at once.
    const [assoc] = send(
      command('piece.import', { ...p0, importId: newImportId() }, { user: USERS.associate }),
    );
    expect(assoc?.code).toBe('not-allowed');
    const [sale] = send(saleOf([plan.pieces[0]?.serial ?? serial(1)], { price: 125_000 }));
    expect(sale?.status).toBe('accepted');
  });
});
