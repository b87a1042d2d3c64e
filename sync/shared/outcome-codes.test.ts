import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { REJECTION_CODES, type RejectionCode } from '../../domain/decision-types.ts';
import {
  isOutcomeCode,
  OUTCOME_CODES,
  OUTCOME_MESSAGES,
  type OutcomeCode,
  outcomeMessage,
  outcomeText,
  RELAY_REJECTION_CODES,
} from './outcome-codes.ts';

describe('outcome codes', () => {
  it('CMD-13: every outcome code has a message, and every message a code', () => {
    expectTypeOf<keyof typeof OUTCOME_MESSAGES>().toEqualTypeOf<OutcomeCode>();
    expectTypeOf<(typeof OUTCOME_CODES)[number]>().toEqualTypeOf<OutcomeCode>();
    expect(Object.keys(OUTCOME_MESSAGES).sort()).toEqual([...OUTCOME_CODES].sort());
    expect(new Set(OUTCOME_CODES).size).toBe(OUTCOME_CODES.length);
  });

  it('CMD-13: a message says what happened and what to do next, in a sentence or two', () => {
    for (const code of OUTCOME_CODES) {
      const message = OUTCOME_MESSAGES[code];
      expect(message, code).toMatch(/^[A-Z].*[.]$/);
      expect(message.length, code).toBeGreaterThan(30);
      expect(message.length, code).toBeLessThan(200);
      // Words for a person, not the code spelled back.
      expect(message, code).not.toContain(code);
    }
  });

  it('holds every domain rejection and the relay’s own, apart', () => {
    expectTypeOf<RejectionCode>().toMatchTypeOf<OutcomeCode>();
    for (const code of REJECTION_CODES) expect(isOutcomeCode(code)).toBe(true);
    for (const code of RELAY_REJECTION_CODES) {
      expect(isOutcomeCode(code)).toBe(true);
      expect((REJECTION_CODES as readonly string[]).includes(code)).toBe(false);
    }
    expect(OUTCOME_CODES).toContain('tax-mismatch');
    expect(OUTCOME_CODES).toContain('total-mismatch');
    expect(isOutcomeCode('total-does-not-match-lines')).toBe(false);
  });

  it('an unknown code still gets words', () => {
    expect(outcomeMessage('tax-mismatch')).toBe(OUTCOME_MESSAGES['tax-mismatch']);
    expect(outcomeMessage('from-a-newer-relay')).toMatch(/Conflicts inbox/);
    expect(outcomeMessage(undefined)).toMatch(/Conflicts inbox/);
    // The relay's reason is shown only for a code this version does not know.
    expect(outcomeText({ code: 'tax-mismatch', reason: 'relay words' })).toBe(
      OUTCOME_MESSAGES['tax-mismatch'],
    );
    expect(outcomeText({ code: 'from-a-newer-relay', reason: 'relay words' })).toBe('relay words');
  });

  it('docs/api.md lists every outcome code with its message', () => {
    const api = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    for (const code of OUTCOME_CODES) expect(api, code).toContain(`| \`${code}\``);
    for (const code of OUTCOME_CODES) expect(api, code).toContain(OUTCOME_MESSAGES[code]);
  });
});
