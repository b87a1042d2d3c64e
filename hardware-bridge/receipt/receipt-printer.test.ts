import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { TcpTransport } from '../transport/tcp-transport.ts';
import { decodeEscPos } from './escpos-decoder.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import { sampleReceipt } from './fixtures.ts';
import { receiptPrinterContract } from './receipt-printer-contract.ts';
import { SimReceiptPrinter } from './sim-receipt-printer.ts';

describe('receipt printer contract on the TCP twin', () => {
  receiptPrinterContract(async () => {
    const sim = await SimReceiptPrinter.start();
    return { printer: sim.printer, printouts: () => sim.printouts(), close: () => sim.close() };
  });
});

describe('ESC/POS decoder', () => {
  it('ESCPOS-5: text in both code pages, barcodes and cuts decode back', () => {
    const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: 'epson' })
      .initialize()
      .codepage('cp858')
      .bold(true)
      .line('Prix 1 200 € — Ø 3 mm')
      .bold(false)
      .barcode('LP-24-000187', 'code128', 60)
      .barcode('4006381333931', 'ean13', 60)
      .cut('partial')
      .encode();
    const r = decodeEscPos(bytes);
    expect(r.lines[0]).toBe('Prix 1 200 € ? Ø 3 mm');
    expect(r.barcodes).toEqual([
      { symbology: 'code128', data: 'LP-24-000187' },
      { symbology: 'ean13', data: '4006381333931' },
    ]);
    expect(r.cuts).toBe(1);
    expect(r.unknown).toEqual([]);
  });

  it('ESCPOS-5: bytes the decoder does not know are listed, not guessed', () => {
    expect(decodeEscPos(new Uint8Array([0x1b, 0x2a, 0x41, 0x42])).unknown).toEqual(['1b2a']);
  });
});

describe('printer offline', () => {
  it('ESCPOS-6: a printer nobody listens on answers offline, and says so in its status', async () => {
    const sim = await SimReceiptPrinter.start();
    const port = sim.port;
    await sim.close();
    const printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), { id: 'gone' });
    const r = await printer.print(sampleReceipt);
    expect(r.ok).toBe(false);
    expect(printer.info().status).toBe('offline');
  });
});
