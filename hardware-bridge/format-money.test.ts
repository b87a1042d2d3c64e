import { describe, expect, it } from 'vitest';
import { currency } from '../domain/money.ts';
import { formatMinor } from './format-money.ts';

describe('money on paper', () => {
  it('ESCPOS-4: minor units are shown with the currency’s own decimals', () => {
    expect(formatMinor(120000, currency('USD'))).toBe('$1,200.00');
    expect(formatMinor(5, currency('EUR'), 'en-US')).toBe('€0.05');
    expect(formatMinor(150000, currency('JPY'), 'en-US')).toBe('¥150,000');
    expect(formatMinor(-2550, currency('GBP'), 'en-GB')).toBe('-£25.50');
  });

  it('ESCPOS-4: amounts beyond float precision keep every digit', () => {
    expect(formatMinor(900719925474099, currency('USD'))).toBe('$9,007,199,254,740.99');
  });
});
