import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePiece } from './piece.ts';
import { pieceRecord } from './test-support.ts';
import { decimalText, formatCarats, formatGrams, parseDecimalText, thousandthsFromFloat } from './units.ts';

const json = (p: unknown) => JSON.parse(JSON.stringify(p));

describe('units', () => {
  it('UNIT-1: carats and grams add exactly (no float noise)', () => {
    // 1.3 + 0.13 is 1.4300000000000002 in binary floats; in thousandths it is 1430.
    expect(1.3 + 0.13).not.toBe(1.43);
    expect(decimalText(1_300 + 130)).toBe('1.43');
    expect(formatCarats(1_300 + 130)).toBe('1.43 ct');
    expect(formatCarats(1_000)).toBe('1.00 ct');
    expect(formatCarats(5)).toBe('0.005 ct');
    expect(formatGrams(4_200)).toBe('4.20 g');
    expect(formatCarats(1_430, 'fr')).toBe('1,43 ct');
  });

  it('UNIT-1: any sum of thousandths prints as the exact decimal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 20 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const text = decimalText(total, 3);
        expect(text).toMatch(/^\d+\.\d{3}$/);
        expect(parseDecimalText(text)).toEqual({ ok: true, value: total });
      }),
    );
  });

  it('UNIT-2: text parses digit by digit; more than three decimals is refused', () => {
    expect(parseDecimalText('1.43')).toEqual({ ok: true, value: 1_430 });
    expect(parseDecimalText('1,43')).toEqual({ ok: true, value: 1_430 });
    expect(parseDecimalText('.5')).toEqual({ ok: true, value: 500 });
    expect(parseDecimalText('12')).toEqual({ ok: true, value: 12_000 });
    for (const bad of ['1.4301', '-1', '1e3', '', '1,000.5', 'abc'])
      expect(parseDecimalText(bad).ok).toBe(false);
  });

  it('UNIT-3: a record with the old float fields is read as thousandths, rounded once', () => {
    const { weightMg: _w, stones: _s, ...rest } = pieceRecord(1);
    const old = { ...rest, weightGrams: 4.2, stones: [{ kind: 'diamond', carat: 1.4300000000000002 }] };
    const r = parsePiece(json(old));
    expect(r.ok && r.value.weightMg).toBe(4_200);
    expect(r.ok && r.value.stones[0]?.milliCarats).toBe(1_430);
    expect(r.ok && 'carat' in (r.value.stones[0] ?? {})).toBe(false);
    expect(thousandthsFromFloat(0.005)).toBe(5);
  });

  it('UNIT-3: new records hold whole thousandths; fractions of them are refused', () => {
    expect(parsePiece(json(pieceRecord(1))).ok).toBe(true);
    const r = parsePiece(json(pieceRecord(1, { weightMg: 4_200.5 })));
    expect(r.ok ? null : r.error.path).toBe('weightMg');
    const s = parsePiece(json({ ...pieceRecord(1), stones: [{ kind: 'diamond', milliCarats: 0 }] }));
    expect(s.ok ? null : s.error.path).toBe('stones[0].milliCarats');
  });
});
