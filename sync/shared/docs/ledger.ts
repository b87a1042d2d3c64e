/**
 * `ledger/<store>/<yyyy-mm>` — what the validator decided (DOC-*, VAL-*), written by the relay
 * only. `outcomes` is the public answer per command id; `entries` carries the decided command
 * itself, so every till — not only the one that sent it — can show a sale's lines for a return,
 * and a manager's conflicts inbox can show a rejected command next to the one that won; `counts`
 * holds recorded stock counts with their variance.
 */
import type * as Y from 'yjs';
import { isPlainObject } from '../../../domain/parse.ts';
import { parseStoredSaleTax, type StoredSaleTax } from '../../../domain/sale-tax-record.ts';
import { names } from '../doc-names.ts';
import { type CommandEnvelope, parseEnvelope } from './outbox.ts';
import { type Outcome, parseOutcome } from './outcome.ts';

export type { Outcome };

export const ledgerDoc = {
  kind: 'ledger',
  /** The ledger month is that of the command's `at` (UTC). */
  name: names.ledger,
  writer: 'relay',
  roots: { outcomes: 'outcomes', entries: 'entries', counts: 'counts' },
} as const;

export type LedgerContext = Record<string, string | number | boolean | null>;

/** A manager's answer to a rejection (`conflict.resolve`). */
export type Resolution = { resolution: string; note: string; by: string; at: string; commandId?: string };

/** A decided command as published in `entries`: the envelope (without proofs) and its outcome. */
export type LedgerEntry = Omit<CommandEnvelope, 'approval' | 'signature'> & {
  approval?: CommandEnvelope['approval'];
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  /** For a rejection: facts a human needs, e.g. `competingCommandId` of the sale that won. */
  context?: LedgerContext;
  decidedAt: string;
  /** Set when a manager resolved this rejection. */
  resolution?: Resolution;
  /** TAXCAT-7: for an accepted sale that recorded them, what each rate charged (minor units). */
  saleTax?: StoredSaleTax;
};

/** A recorded stock count and its variance against the relay's records (COUNT-*). */
export type StockCountRecord = {
  countId: string;
  commandId: string;
  store: string;
  scope: string;
  wholeStore: boolean;
  found: number;
  missing: string[];
  unexpected: string[];
  user: string;
  at: string;
  /** COUNT-4: the place counted, for a count of one place. */
  location?: { kind: string; label: string };
  /** COUNT-4: found at the counted place, recorded at another place of the store. */
  wrongLocation?: string[];
  /** COUNT-5: the counters' parts the count holds so far. */
  parts?: number;
};

export const outcomes = (doc: Y.Doc): Y.Map<Outcome> => doc.getMap<Outcome>(ledgerDoc.roots.outcomes);
export const ledgerEntries = (doc: Y.Doc): Y.Map<LedgerEntry> =>
  doc.getMap<LedgerEntry>(ledgerDoc.roots.entries);
export const stockCounts = (doc: Y.Doc): Y.Map<StockCountRecord> =>
  doc.getMap<StockCountRecord>(ledgerDoc.roots.counts);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseContext(v: unknown): LedgerContext {
  const out: LedgerContext = {};
  if (!isPlainObject(v)) return out;
  for (const [k, x] of Object.entries(v))
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  return out;
}

export function parseLedgerEntry(v: unknown): LedgerEntry | undefined {
  const command = parseEnvelope(v);
  const outcome = parseOutcome(v);
  if (!command || !outcome || !isPlainObject(v)) return undefined;
  const { signature: _proof, ...envelope } = command;
  const r = v.resolution;
  const saleTax = parseStoredSaleTax(v.saleTax);
  return {
    ...envelope,
    ...outcome,
    context: parseContext(v.context),
    ...(saleTax ? { saleTax } : {}),
    ...(isPlainObject(r)
      ? {
          resolution: {
            resolution: str(r.resolution),
            note: str(r.note),
            by: str(r.by),
            at: str(r.at),
            ...(typeof r.commandId === 'string' ? { commandId: r.commandId } : {}),
          },
        }
      : {}),
  };
}

export const readOutcome = (ledger: Y.Doc, commandId: string): Outcome | undefined =>
  parseOutcome(outcomes(ledger).get(commandId));

/** Relay only. */
export const writeOutcome = (ledger: Y.Doc, commandId: string, outcome: Outcome): void => {
  outcomes(ledger).set(commandId, outcome);
};
