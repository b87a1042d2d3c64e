import { describe, expect, it } from 'vitest';
import { catalog as clients } from './clients/strings.ts';
import { catalog as counts } from './counts/strings.ts';
import { catalog as hardware } from './hardware/strings.ts';
import { messages } from './i18n.ts';
import { catalog as inventory } from './inventory/strings.ts';
import { catalog as login } from './login/strings.ts';
import { catalog as money } from './money/strings.ts';

describe('screen strings', () => {
  it('English is the default; a translated key wins, an untranslated one falls back to English', () => {
    expect(messages(login, 'en-GB').signIn).toBe('Sign in');
    expect(messages(login, 'fr-FR').signIn).toBe('Se connecter');
    expect(messages(inventory, 'fr').purity).toBe('Titre');
    expect(messages(hardware, 'fr').intro).toBe(hardware.en.intro);
    expect(messages(counts, 'de-DE')).toBe(counts.en);
    expect(messages(money, 'fr').balance).toBe('Reste dû');
  });

  it('every French string belongs to a key English has, with the same kind of value', () => {
    for (const c of [clients, counts, hardware, inventory, login, money] as const) {
      const en = c.en as Record<string, unknown>;
      for (const [key, value] of Object.entries(c.fr ?? {})) {
        expect(key in en, key).toBe(true);
        expect(typeof value, key).toBe(typeof en[key]);
      }
    }
  });
});
