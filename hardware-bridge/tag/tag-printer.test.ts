import { describe, expect, it } from 'vitest';
import { SimTagPrinter } from './sim-tag-printer.ts';
import { tagPrinterContract } from './tag-printer-contract.ts';
import { zplText } from './tag-zpl.ts';
import { parseZpl } from './zpl-fields.ts';

describe('tag printer contract on the TCP twin', () => {
  tagPrinterContract(async () => {
    const sim = await SimTagPrinter.start();
    return {
      printer: sim.printer,
      labels: () => sim.labels(),
      jobs: () => sim.jobs(),
      close: () => sim.close(),
    };
  });
});

describe('ZPL field reader', () => {
  it('ZPL-3: hex-escaped field data round-trips, including UTF-8', () => {
    const text = 'Or rosé ^ ~ _ 18 ct €';
    const [label] = parseZpl(`^XA^CI28^FO1,2^FH_^FD${zplText(text)}^FS^XZ`);
    expect(label?.fields).toEqual([{ x: 1, y: 2, kind: 'text', data: text }]);
  });
});
