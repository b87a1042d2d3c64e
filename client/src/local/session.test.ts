import { describe, expect, it } from 'vitest';
import { parseSession, refreshDelay } from './session.ts';

describe('session', () => {
  it('reads the login API answer and refuses unknown roles', () => {
    const answer = {
      token: 't',
      refreshToken: 'r',
      expiresAt: '2026-01-01T00:15:00.000Z',
      user: { id: 'u', name: 'Ines', role: 'manager', stores: ['s1'] },
    };
    expect(parseSession(answer)?.user.role).toBe('manager');
    expect(parseSession({ ...answer, user: { ...answer.user, role: 'god' } })).toBeUndefined();
  });

  it('refreshes a minute before expiry, sooner for short tokens, never in the past', () => {
    const now = Date.parse('2026-01-01T00:00:00.000Z');
    expect(refreshDelay('2026-01-01T00:15:00.000Z', now)).toBe(14 * 60_000);
    expect(refreshDelay('2026-01-01T00:01:00.000Z', now)).toBe(30_000);
    expect(refreshDelay('2026-01-01T00:01:40.000Z', now)).toBe(50_000);
    expect(refreshDelay('2025-12-31T00:00:00.000Z', now)).toBe(1_000);
  });
});
