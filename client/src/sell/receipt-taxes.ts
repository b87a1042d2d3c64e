/**
 * The tax lines of a receipt (TAXCAT-6): one per rate the sale's lines use, each with the VAT it
 * includes or the tax it adds, as `taxSale` shares them (domain/tax.ts). A decided sale brings
 * the rates it recorded (TAXCAT-8) and the receipt shows those. Otherwise they are recomputed from
 * the sale's lines, their pieces' categories and the store's rule; when that does not give the tax
 * the sale recorded (the rates changed since, or a piece's record is not on this till), the
 * receipt shows the recorded tax on one line rather than amounts it cannot vouch for.
 */
import type { Money } from '../../../domain/money.ts';
import type { SaleTaxRecord } from '../../../domain/sale-tax-record.ts';
import { basisPointsPercent, hasCategoryRates, type TaxRule, taxSale } from '../../../domain/tax.ts';
import { asCategory, taxLabel } from './cart.ts';
import { S } from './strings.ts';

export type ReceiptTaxLine = {
  readonly label: string;
  readonly amount: Money;
  readonly basisPoints?: number;
};

/** "VAT included (5.5 %)" / "Tax (4 %)": one rate's line. */
export const rateLabel = (basisPoints: number, inclusive: boolean): string =>
  S.taxAt(basisPointsPercent(basisPoints), inclusive);

export function receiptTaxLines(
  sale: {
    readonly lines: readonly { readonly serial: string; readonly net: Money }[];
    readonly tax: Money;
    readonly taxRates?: SaleTaxRecord | undefined;
  },
  rule: TaxRule | undefined,
  categoryOf: (serial: string) => string | undefined,
): ReceiptTaxLine[] {
  // TAXCAT-8: a decided sale says what it charged; today's rule has nothing to add.
  const recorded = sale.taxRates;
  if (recorded && recorded.rates.reduce((t, r) => t + r.tax.minor, 0) === sale.tax.minor)
    return recorded.rates.map((r) => ({
      label: rateLabel(r.basisPoints, recorded.inclusive),
      amount: r.tax,
      basisPoints: r.basisPoints,
    }));
  if (rule && hasCategoryRates(rule)) {
    const categories = sale.lines.map((l) => asCategory(categoryOf(l.serial)));
    if (categories.every((c) => c !== undefined)) {
      const t = taxSale(
        sale.lines.map((l, i) => ({ net: l.net, category: categories[i] })),
        rule,
        sale.tax.currency,
      );
      if (t.tax.minor === sale.tax.minor)
        return t.rates
          .filter((r) => r.tax.minor > 0 || t.rates.length > 1)
          .map((r) => ({
            label: rateLabel(r.basisPoints, rule.inclusive),
            amount: r.tax,
            basisPoints: r.basisPoints,
          }));
    }
  }
  return [{ label: taxLabel(rule), amount: sale.tax }];
}
