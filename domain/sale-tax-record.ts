/**
 * What a sale charged, per rate (TAXCAT-7): recorded with the sale when it is decided, so a
 * receipt reprinted after the owner changed a rate shows what was charged (TAXCAT-8), and a return
 * at a store that adds tax on top gives back each line's share of its own rate's tax (RET-3,
 * TAXCAT-9). One stored form (`StoredSaleTax`: minor units, JSON) serves the relay's SQL and the
 * ledger entry the tills read.
 */
import { allocate, type Currency, type Money, money } from './money.ts';
import { array, boolean, integer, isPlainObject, object, type Parser, string } from './parse.ts';
import type { SaleTax } from './tax.ts';

/** One rate a sale used: the lines' net at that rate, the tax on it, and which lines. */
export type RecordedRate = {
  readonly basisPoints: number;
  readonly net: Money;
  readonly tax: Money;
  /** The lines taxed at this rate, in the sale's order. */
  readonly serials: readonly string[];
};

export type SaleTaxRecord = {
  /** Whether the rates were included in the prices (VAT) or added on top. */
  readonly inclusive: boolean;
  /** Highest rate first, as `taxSale` lists them. */
  readonly rates: readonly RecordedRate[];
};

/** The breakdown `taxSale` computed for these lines, as the sale records it. */
export function recordSaleTax(
  lines: readonly { readonly serial: string }[],
  taxed: SaleTax,
  inclusive: boolean,
  rateOf: (index: number) => number,
): SaleTaxRecord {
  return {
    inclusive,
    rates: taxed.rates.map((r) => ({
      basisPoints: r.basisPoints,
      net: r.net,
      tax: r.tax,
      serials: lines.filter((_, i) => rateOf(i) === r.basisPoints).map((l) => l.serial),
    })),
  };
}

/**
 * A line's share of the tax its rate added (TAXCAT-3: each rate's tax shared among its lines by
 * net, largest remainder, earlier line first), or undefined when the record does not name the
 * line. Zero at a store whose prices include the tax: that VAT is part of the line's net.
 */
export function recordedLineTax(
  record: SaleTaxRecord,
  lines: readonly { readonly serial: string; readonly net: Money }[],
  serial: string,
): Money | undefined {
  const rate = record.rates.find((r) => r.serials.includes(serial));
  if (!rate) return undefined;
  if (record.inclusive || rate.tax.minor === 0) return money(0, rate.tax.currency);
  const nets = rate.serials.map((s) => lines.find((l) => l.serial === s)?.net.minor ?? 0);
  if (nets.every((n) => n === 0)) return money(0, rate.tax.currency);
  return allocate(rate.tax, nets)[rate.serials.indexOf(serial)];
}

/** Whether the record covers exactly these lines (each once), so a return may rely on it. */
export const coversLines = (
  record: SaleTaxRecord,
  lines: readonly { readonly serial: string }[],
): boolean => {
  const named = record.rates.flatMap((r) => r.serials);
  return named.length === lines.length && lines.every((l) => named.includes(l.serial));
};

/** The stored form: minor units in the sale's currency (SQL `sales.tax_rates`, ledger entries). */
export type StoredSaleTax = {
  readonly inclusive: boolean;
  readonly rates: readonly {
    readonly basisPoints: number;
    readonly netMinor: number;
    readonly taxMinor: number;
    readonly serials: readonly string[];
  }[];
};

export const storeSaleTax = (r: SaleTaxRecord): StoredSaleTax => ({
  inclusive: r.inclusive,
  rates: r.rates.map((x) => ({
    basisPoints: x.basisPoints,
    netMinor: x.net.minor,
    taxMinor: x.tax.minor,
    serials: [...x.serials],
  })),
});

const parseStored: Parser<StoredSaleTax> = object({
  inclusive: boolean,
  rates: array(
    object({
      basisPoints: integer({ min: 0, max: 10_000 }),
      netMinor: integer(),
      taxMinor: integer({ min: 0 }),
      serials: array(string({ min: 1, max: 64 })),
    }),
    { min: 1, max: 32 },
  ),
});

/** The stored form checked (untrusted JSON text or value); undefined when it is not one. */
export function parseStoredSaleTax(input: unknown): StoredSaleTax | undefined {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return undefined;
    }
  }
  if (!isPlainObject(value)) return undefined;
  const parsed = parseStored(value);
  return parsed.ok ? parsed.value : undefined;
}

/** The stored form read back (SQL text or a ledger entry) in the sale's currency; undefined when it is not one. */
export function readSaleTax(input: unknown, currency: Currency): SaleTaxRecord | undefined {
  const stored = parseStoredSaleTax(input);
  if (!stored) return undefined;
  return {
    inclusive: stored.inclusive,
    rates: stored.rates.map((r) => ({
      basisPoints: r.basisPoints,
      net: money(r.netMinor, currency),
      tax: money(r.taxMinor, currency),
      serials: r.serials,
    })),
  };
}
