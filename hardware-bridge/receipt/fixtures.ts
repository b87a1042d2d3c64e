import { currency } from '../../domain/money.ts';
import type { Receipt } from '../protocol.ts';

/** A realistic sale: one serialized piece, a service line, a split tender and change. */
export const sampleReceipt: Receipt = {
  saleId: '0196f3a2-8c1e-7a10-9b2c-3d4e5f607182',
  at: '2026-11-24T15:30:00.000Z',
  currency: currency('EUR'),
  locale: 'fr-FR',
  timeZone: 'Europe/Paris',
  store: { name: 'Maison Éclat', address: ['12 rue de la Paix', '75002 Paris'] },
  associate: 'Amélie',
  lines: [
    { description: 'Solitaire 18k or blanc 0,50 ct', serial: 'LP-24-000187', quantity: 1, total: 420000 },
    { description: 'Gravure', serial: undefined, quantity: 2, total: 3000 },
  ],
  subtotal: 423000,
  taxes: [{ label: 'TVA 20 % incl.', amount: 70500 }],
  total: 423000,
  tenders: [
    { label: 'Carte', amount: 400000 },
    { label: 'Espèces', amount: 25000 },
  ],
  change: 2000,
  footer: ['Merci de votre visite'],
};
