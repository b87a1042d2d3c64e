import type { Receipt } from '../../../hardware-bridge/protocol.ts';

/** A receipt that sells nothing, to check the printer's paper, layout and cutter. */
export const testReceipt = (storeName: string, currency: string, now = new Date()): Receipt => ({
  saleId: 'TEST',
  at: now.toISOString(),
  currency: (currency || 'EUR') as Receipt['currency'],
  locale: navigator.language || 'en-US',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  store: { name: storeName.slice(0, 64), address: [] },
  associate: undefined,
  lines: [{ description: 'Test print — not a sale', quantity: 1, serial: undefined, total: 0 }],
  subtotal: 0,
  taxes: [],
  total: 0,
  tenders: [],
  change: 0,
  footer: ['Printer check'],
});
