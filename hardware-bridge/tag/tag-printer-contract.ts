/**
 * The tag printer contract, runnable against any TagPrinter whose ZPL can be captured
 * (the twin keeps it; a real printer's harness would sit between bridge and printer).
 */
import { expect, it } from 'vitest';
import { currency } from '../../domain/money.ts';
import type { TagPrinter } from '../devices.ts';
import type { Tag } from '../protocol.ts';
import { TAG_STOCKS } from './tag-zpl.ts';
import { labelTexts, type ZplLabel } from './zpl-fields.ts';
import { readCode128, renderZpl } from './zpl-render.ts';

export type TagPrinterHarness = {
  printer: TagPrinter;
  labels(): ZplLabel[];
  jobs(): string[];
  close(): Promise<void>;
};

export const sampleTag: Tag = {
  serial: 'LP-24-000187',
  price: 420000,
  currency: currency('EUR'),
  locale: 'fr-FR',
  metal: '18K white gold',
  description: 'Solitaire 0.50 ct F VS1',
  size: 'barbell',
};

export function tagPrinterContract(make: () => Promise<TagPrinterHarness>): void {
  it('ZPL-1: a barbell tag carries the serial barcode, price, metal and description', async () => {
    const h = await make();
    expect((await h.printer.print([sampleTag])).ok).toBe(true);
    await expect.poll(() => h.labels().length).toBe(1);
    const label = h.labels()[0]!;
    expect(label.fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual(['LP-24-000187']);
    expect(labelTexts(label)).toEqual([
      'LP-24-000187',
      '4 200,00 €',
      '18K white gold',
      'Solitaire 0.50 ct F VS1',
    ]);
    expect([label.width, label.height]).toEqual([448, 100]);
    await h.close();
  });

  it('ZPL-1: nothing is printed on the barbell strip between the flaps', async () => {
    const h = await make();
    await h.printer.print([sampleTag]);
    await expect.poll(() => h.labels().length).toBe(1);
    const s = TAG_STOCKS.barbell;
    const onStrip = h.labels()[0]!.fields.filter((f) => f.x >= s.flapWidth && f.x < s.secondFlapX);
    expect(onStrip).toEqual([]);
    await h.close();
  });

  it('ZPL-1: a batch of butterfly and barbell tags prints one label per tag, in order', async () => {
    const h = await make();
    const tags: Tag[] = [
      {
        ...sampleTag,
        size: 'butterfly',
        serial: 'LP-24-000188',
        price: 99000,
        currency: currency('USD'),
        locale: 'en-US',
      },
      { ...sampleTag, serial: 'LP-24-000189' },
    ];
    expect((await h.printer.print(tags)).ok).toBe(true);
    await expect.poll(() => h.labels().length).toBe(2);
    const [butterfly, barbell] = h.labels();
    expect(labelTexts(butterfly!).slice(0, 2)).toEqual(['LP-24-000188', '$990.00']);
    expect(butterfly!.width).toBe(TAG_STOCKS.butterfly.widthDots);
    expect(labelTexts(barbell!)[0]).toBe('LP-24-000189');
    await h.close();
  });

  it('ZPL-3: ZPL control characters in a description are printed, not executed', async () => {
    const h = await make();
    await h.printer.print([{ ...sampleTag, description: 'Rose ^XZ~JA_cut' }]);
    await expect.poll(() => h.labels().length).toBe(1);
    expect(labelTexts(h.labels()[0]!)).toContain('Rose ^XZ~JA_cut');
    await h.close();
  });

  it('ZPL-2: the rendered tag’s barcode scans back as the serial', async () => {
    const h = await make();
    for (const size of ['barbell', 'butterfly'] as const) {
      await h.printer.print([{ ...sampleTag, size }]);
    }
    await expect.poll(() => h.jobs().length).toBe(2);
    for (const [i, size] of (['barbell', 'butterfly'] as const).entries()) {
      const s = TAG_STOCKS[size];
      const rendered = await renderZpl(h.jobs()[i]!, s.widthDots, s.heightDots);
      expect(await readCode128(rendered)).toEqual({ ok: true, value: 'LP-24-000187' });
    }
    await h.close();
  });
}
