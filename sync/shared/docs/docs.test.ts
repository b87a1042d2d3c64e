import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eur, pieceRecord, STORE } from '../../../domain/test-support.ts';
import { parseDocName, RELAY_OWNED } from '../doc-names.ts';
import { auditDoc } from './audit.ts';
import { catalogDoc, catalogPieces, readPiece } from './catalog.ts';
import { clientsDoc } from './clients.ts';
import { financeDoc } from './finance.ts';
import { ledgerDoc, ledgerEntries, parseLedgerEntry, readOutcome, writeOutcome } from './ledger.ts';
import { moneyDoc } from './money.ts';
import { orgDoc } from './org.ts';
import { appendCommand, commands, outboxDoc, parseEnvelope } from './outbox.ts';
import { chainReportDoc, reportDoc } from './report.ts';
import { readStock, readStockEntry, stockArray, stockDoc, writeStock } from './stock.ts';
import { workDoc } from './work.ts';

describe('one schema module per document (DOC-8)', () => {
  it('each module names documents its kind parses to, and says who writes it as the access table does', () => {
    expect(parseDocName(orgDoc.name).ok && RELAY_OWNED.has(orgDoc.kind)).toBe(true);
    const modules = [
      [catalogDoc, catalogDoc.name(STORE)],
      [stockDoc, stockDoc.name(STORE)],
      [ledgerDoc, ledgerDoc.name(STORE, '2026-11-30T10:00:00.000Z')],
      [financeDoc, financeDoc.name(STORE)],
      [auditDoc, auditDoc.name(STORE)],
      [moneyDoc, moneyDoc.name(STORE)],
      [clientsDoc, clientsDoc.name(STORE)],
      [workDoc, workDoc.name(STORE)],
      [outboxDoc, outboxDoc.name(STORE)],
      [reportDoc, reportDoc.name(STORE)],
      [chainReportDoc, chainReportDoc.name],
    ] as const;
    for (const [schema, name] of modules) {
      const parsed = parseDocName(name);
      expect(parsed.ok && parsed.value.kind).toBe(schema.kind);
      expect(RELAY_OWNED.has(schema.kind)).toBe(schema.writer === 'relay');
    }
  });

  it('DOC-4: a catalog record is read through the domain parser: no cost, and an invalid record is not a piece', () => {
    const doc = new Y.Doc();
    const { cost: _cost, ...piece } = pieceRecord(1);
    catalogPieces(doc).set(piece.serial, { ...piece, cost: eur(1) } as typeof piece);
    catalogPieces(doc).set('LP-BAD', { ...piece, serial: 'LP-BAD', listPrice: undefined } as never);
    expect(readPiece(doc, piece.serial)).toEqual(piece);
    expect(readPiece(doc, piece.serial)).not.toHaveProperty('cost');
    expect(readPiece(doc, 'LP-BAD')).toBeUndefined();
  });

  it('stock: the rightmost entry wins; an entry without a known status is skipped', () => {
    const doc = new Y.Doc();
    const at = '2026-11-30T10:00:00.000Z';
    writeStock(doc, [['LP-1', { status: 'in-stock', location: 'case-1', reservedFor: null, updatedAt: at }]]);
    writeStock(doc, [['LP-1', { status: 'sold', location: 'case-1', reservedFor: null, updatedAt: at }]]);
    stockArray(doc).push([{ key: 'LP-2', val: { status: 'melted' } as never }]);
    expect(readStockEntry(doc, 'LP-1')?.status).toBe('sold');
    expect([...readStock(doc).keys()]).toEqual(['LP-1']);
  });

  it('outbox and ledger: an envelope and its outcome read back as written; junk reads as nothing', () => {
    const outbox = new Y.Doc();
    const envelope = {
      id: 'c1',
      type: 'sale.void',
      store: STORE,
      device: 'd1',
      user: 'u1',
      at: '2026-11-30T10:00:00.000Z',
      payload: { saleId: 's', reason: 'r' },
    };
    appendCommand(outbox, envelope);
    expect(parseEnvelope(commands(outbox).get(0))).toEqual(envelope);
    expect(parseEnvelope({ id: 7 })).toBeUndefined();
    const ledger = new Y.Doc();
    writeOutcome(ledger, 'c1', {
      status: 'rejected',
      code: 'sale-unknown',
      reason: 'No such sale.',
      decidedAt: envelope.at,
    });
    expect(readOutcome(ledger, 'c1')?.code).toBe('sale-unknown');
    ledgerEntries(ledger).set('c1', {
      ...envelope,
      status: 'rejected',
      decidedAt: envelope.at,
      context: { n: 1 },
    });
    expect(parseLedgerEntry(ledgerEntries(ledger).get('c1'))).toMatchObject({ id: 'c1', context: { n: 1 } });
    expect(parseLedgerEntry({ ...envelope, status: 'maybe' })).toBeUndefined();
  });
});
