/**
 * One table of sales and the code each must get, used on both sides of the one path (domain
 * SALE-7a, SALE-7b): the relay's decider over SQL (sync/server/validator/store-tax.test.ts) and a
 * till's pre-check over its local copy (client/src/sell/precheck.test.ts). Same store rule, same
 * lines, same tax and total: same answer. Holds no tests itself (vitest excludes *.support.test.ts).
 */
import type { TaxRule } from '../../domain/tax.ts';

/** Maison Loupe — Paris: 20 % VAT included in the prices. */
export const PARIS: TaxRule = { basisPoints: 2_000, inclusive: true };
/** Loupe New York: 8.88 % sales tax added at the till. */
export const NEW_YORK: TaxRule = { basisPoints: 888, inclusive: false };

export type TaxCase = {
  readonly name: string;
  readonly rule: TaxRule;
  /** One line at the piece's list price (minor units; the test stores price pieces at €1,000.00). */
  readonly price: number;
  readonly tax: number;
  readonly total: number;
  readonly code: 'accepted' | 'tax-mismatch' | 'total-mismatch';
};

export const TAX_CASES: readonly TaxCase[] = [
  { name: 'Paris, VAT included', rule: PARIS, price: 100_000, tax: 16_667, total: 100_000, code: 'accepted' },
  {
    name: 'Paris, VAT a cent short',
    rule: PARIS,
    price: 100_000,
    tax: 16_666,
    total: 100_000,
    code: 'tax-mismatch',
  },
  {
    name: 'Paris, VAT added on top',
    rule: PARIS,
    price: 100_000,
    tax: 20_000,
    total: 120_000,
    code: 'tax-mismatch',
  },
  { name: 'Paris, no VAT shown', rule: PARIS, price: 100_000, tax: 0, total: 100_000, code: 'tax-mismatch' },
  {
    name: 'Paris, total not the lines',
    rule: PARIS,
    price: 100_000,
    tax: 16_667,
    total: 100_001,
    code: 'total-mismatch',
  },
  {
    name: 'New York, tax on top',
    rule: NEW_YORK,
    price: 100_000,
    tax: 8_880,
    total: 108_880,
    code: 'accepted',
  },
  {
    name: 'New York, tax a cent over',
    rule: NEW_YORK,
    price: 100_000,
    tax: 8_881,
    total: 108_881,
    code: 'tax-mismatch',
  },
  { name: 'New York, no tax', rule: NEW_YORK, price: 100_000, tax: 0, total: 100_000, code: 'tax-mismatch' },
  {
    name: 'New York, tax left out of the total',
    rule: NEW_YORK,
    price: 100_000,
    tax: 8_880,
    total: 100_000,
    code: 'total-mismatch',
  },
];
