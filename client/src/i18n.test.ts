import { describe, expect, it } from 'vitest';
import { catalog as backoffice } from './backoffice/strings.ts';
import { catalog as clienteling } from './clienteling/strings.ts';
import { catalog as clientBook } from './clients/book-strings.ts';
import { catalog as clients } from './clients/strings.ts';
import { catalog as counts } from './counts/strings.ts';
import { catalog as hardware } from './hardware/strings.ts';
import { messages } from './i18n.ts';
import { catalog as inventory } from './inventory/strings.ts';
import { catalog as login } from './login/strings.ts';
import { catalog as money } from './money/strings.ts';
import { catalog as work } from './work/strings.ts';

describe('screen strings', () => {
  it('English is the default; a translated key wins, an untranslated one falls back to English', () => {
    expect(messages(login, 'en-GB').signIn).toBe('Sign in');
    expect(messages(login, 'fr-FR').signIn).toBe('Se connecter');
    expect(messages(inventory, 'fr').purity).toBe('Titre');
    expect(messages(hardware, 'fr').intro).toBe(hardware.en.intro);
    expect(messages(counts, 'de-DE')).toBe(counts.en);
    expect(messages(clientBook, 'fr-FR').notSame).toBe('Pas la même personne');
  });

  it('the client book screens (duplicates, merge, history, field history, privacy) are all in French', () => {
    const missing = Object.keys(clientBook.en).filter((k) => !(k in (clientBook.fr ?? {})));
    expect(missing).toEqual(['empty', 'convertedFrom', 'changeBy']);
    expect(messages(money, 'fr').balance).toBe('Reste dû');
  });

  it('every French string belongs to a key English has, with the same kind of value', () => {
    for (const c of [
      backoffice,
      clienteling,
      clients,
      clientBook,
      counts,
      hardware,
      inventory,
      login,
      money,
      work,
    ] as const) {
      const en = c.en as Record<string, unknown>;
      for (const [key, value] of Object.entries(c.fr ?? {})) {
        expect(key in en, key).toBe(true);
        expect(typeof value, key).toBe(typeof en[key]);
      }
    }
  });
});

describe('back-office strings (ORGUI-5)', () => {
  it('ORGUI-5: the back office is translated to French in full, functions keep their arity', () => {
    const en = backoffice.en as Record<string, unknown>;
    const fr = (backoffice.fr ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(en)) {
      expect(key in fr, key).toBe(true);
      if (typeof en[key] === 'function')
        expect((fr[key] as (...a: unknown[]) => unknown).length, key).toBe((en[key] as () => unknown).length);
    }
    expect(messages(backoffice, 'fr-FR').tabs.consignments).toBe('Dépôt-vente');
  });
});
