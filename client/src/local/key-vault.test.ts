import { describe, expect, it } from 'vitest';
import { newSigningKey } from '../../../sync/shared/command-proof.ts';
import { forgetKeys, rememberKey, unlockKey } from './key-vault.ts';

const user = {
  id: '0191e0c0-0000-7000-8000-000000000001',
  name: 'Camille Martin',
  role: 'manager' as const,
  stores: ['s'],
};

describe('key vault: who may act on this till with no network', () => {
  it('USER-2: a PIN used online here unlocks the same key offline; a wrong PIN or a stranger does not', async () => {
    const storage = window.localStorage;
    forgetKeys(storage);
    const key = newSigningKey();
    await rememberKey('Manager.Par', '4821', user, key, storage);
    expect(await unlockKey('manager.par ', '4821', storage)).toEqual({
      ok: true,
      value: { user, signingKey: key },
    });
    expect(await unlockKey('manager.par', '4822', storage)).toEqual({ ok: false, error: 'wrong-pin' });
    expect(await unlockKey('associate.par', '4821', storage)).toEqual({ ok: false, error: 'unknown-here' });
    // The key itself is never stored in the clear.
    expect(storage.getItem('loupe.keyVault')).not.toContain(key);
  });
});
