import { describe, expect, it } from 'vitest';
import { readCategoryRates, readFooter, readReminderDays } from './store-settings.ts';

describe('Stores page: category rates and receipt footer', () => {
  it('TAXCAT-1: rows become the ordered list of category rates, in basis points', () => {
    expect(
      readCategoryRates([
        { category: 'watch', rate: '5.5' },
        { category: 'other', rate: '0' },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { category: 'watch', basisPoints: 550 },
        { category: 'other', basisPoints: 0 },
      ],
    });
    expect(readCategoryRates([])).toEqual({ ok: true, value: [] });
  });

  it('TAXCAT-1: no category, a category twice or a rate that is no percentage is refused in words', () => {
    expect(readCategoryRates([{ category: '', rate: '5' }])).toEqual({
      ok: false,
      error: 'Choose a category for each rate.',
    });
    expect(
      readCategoryRates([
        { category: 'watch', rate: '5' },
        { category: 'watch', rate: '10' },
      ]),
    ).toEqual({ ok: false, error: 'Watches has two rates; keep one.' });
    expect(readCategoryRates([{ category: 'watch', rate: '101' }]).ok).toBe(false);
    expect(readCategoryRates([{ category: 'watch', rate: 'five' }]).ok).toBe(false);
  });

  it('FOOTER-1: lines trimmed, blank ones dropped; more than 4 or wider than 42 characters refused', () => {
    expect(readFooter('  Returns within 30 days \n\nThank you\n')).toEqual({
      ok: true,
      value: ['Returns within 30 days', 'Thank you'],
    });
    expect(readFooter('')).toEqual({ ok: true, value: [] });
    expect(readFooter('a\nb\nc\nd\ne')).toEqual({
      ok: false,
      error: 'A receipt footer has at most 4 lines.',
    });
    expect(readFooter(`ok\n${'x'.repeat(43)}`)).toEqual({
      ok: false,
      error: 'Footer line 2 is longer than 42 characters, the width of the receipt.',
    });
  });

  it('DUEMAIL-5: the reminder lead time is whole days from 0 to 30; empty goes back to the default', () => {
    expect(readReminderDays(' 7 ')).toEqual({ ok: true, value: 7 });
    expect(readReminderDays('0')).toEqual({ ok: true, value: 0 });
    expect(readReminderDays('30')).toEqual({ ok: true, value: 30 });
    expect(readReminderDays('')).toEqual({ ok: true, value: null });
    const words =
      'Reminders go out between 0 and 30 days ahead: give a whole number of days, or leave it empty for the default.';
    for (const bad of ['31', '-1', '2.5', 'a week', '1e1', '007'])
      expect(readReminderDays(bad), bad).toEqual({ ok: false, error: words });
  });
});
