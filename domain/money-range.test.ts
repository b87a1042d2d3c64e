import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands.ts';
import { MAX_AMOUNT_MINOR, parseAmount, parseMoney, parseMoneyJson } from './money-parse.ts';
import { DEVICE, EUR, eur, STORE, serial, testId, USERS } from './test-support.ts';

const errorOf = (r: { ok: boolean; error?: unknown }) =>
  r.ok ? null : (r.error as { code: string; path: string });

const sale = (price: number, tax: number) => ({
  id: testId(),
  type: 'sale.complete',
  store: STORE,
  device: DEVICE,
  user: USERS.associate,
  at: '2026-03-01T10:00:00.000Z',
  payload: {
    saleId: testId(),
    lines: [{ serial: serial(1), price: { minor: price, currency: 'EUR' } }],
    tax: { minor: tax, currency: 'EUR' },
    total: { minor: price + tax, currency: 'EUR' },
    tenders: [{ kind: 'card', amount: { minor: price + tax, currency: 'EUR' } }],
  },
});

describe('amount range', () => {
  it('MONEY-11: the maximum leaves room for every sum a command implies', () => {
    // 100 lines, their tax and 20 tenders of the maximum stay exact.
    expect(Number.isSafeInteger(MAX_AMOUNT_MINOR * (100 + 1 + 20))).toBe(true);
    expect(parseAmount(eur(MAX_AMOUNT_MINOR))).toEqual({ ok: true, value: eur(MAX_AMOUNT_MINOR) });
  });

  it('MONEY-11: amounts above the maximum, negative wire amounts and absurd numbers are amount-out-of-range', () => {
    for (const minor of [MAX_AMOUNT_MINOR + 1, 2 ** 53, 2 ** 54, 1e300, -1e300, Infinity])
      expect(errorOf(parseMoneyJson({ minor, currency: 'EUR' }, 'price')), String(minor)).toEqual({
        code: 'amount-out-of-range',
        path: 'price.minor',
        message: expect.any(String),
      });
    expect(errorOf(parseAmount({ minor: -1, currency: 'EUR' }, 'tax'))?.code).toBe('amount-out-of-range');
    // A malformed amount stays a plain invalid input.
    expect(errorOf(parseMoneyJson({ minor: 1.5, currency: 'EUR' }))?.code).toBe('invalid-input');
    expect(errorOf(parseMoneyJson({ minor: '12', currency: 'EUR' }))?.code).toBe('invalid-input');
    // Text amounts too (MONEY-4).
    expect(errorOf(parseMoney('100,000,000,001.00', EUR))?.code).toBe('amount-out-of-range');
    expect(parseMoney('100,000,000,000.00', EUR)).toEqual({ ok: true, value: eur(MAX_AMOUNT_MINOR) });
  });

  it('MONEY-11: a sale whose price + tax passes 2^53 is refused when parsed, with the amount’s path', () => {
    const r = parseCommand(sale(2 ** 53 - 2, 2));
    expect(errorOf(r)).toEqual({
      code: 'amount-out-of-range',
      path: 'payload.lines[0].price.minor',
      message: expect.any(String),
    });
    expect(parseCommand(sale(MAX_AMOUNT_MINOR - 2, 2)).ok).toBe(true);
  });
});
