import { describe, expect, it } from 'vitest';
import { catalog as counts } from '../counts/strings.ts';
import { catalog } from './strings.ts';

describe('camera strings', () => {
  it('CAMCOUNT-4: the camera scanner is in French in full, functions keep their arity', () => {
    const fr = catalog.fr ?? {};
    for (const [key, en] of Object.entries(catalog.en)) {
      const translated = (fr as Record<string, unknown>)[key];
      expect(translated, key).toBeDefined();
      expect(typeof translated, key).toBe(typeof en);
      if (typeof en === 'function')
        expect((translated as (...a: unknown[]) => string).length, key).toBe(en.length);
    }
  });

  it('every problem says the scan field still works, in both languages', () => {
    const fr = catalog.fr ?? {};
    for (const key of [
      'noMediaDevices',
      'denied',
      'noCamera',
      'busy',
      'lost',
      'readerNoStart',
      'readerNoAnswer',
      'readerUnreadable',
    ] as const) {
      expect(catalog.en[key]).toContain('The scan field still works.');
      expect(fr[key]).toContain('Le champ de scan fonctionne toujours.');
    }
  });

  it('what a camera read became is translated on the count screen', () => {
    for (const key of ['countedNow', 'countedUnexpected', 'countedElsewhere', 'counted'] as const)
      expect(counts.fr?.[key]?.('PAR-1')).toContain('PAR-1');
  });
});
