/** Every word of the Conflicts screen (the managers' inbox, and an associate's refused sales). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  title: 'Conflicts',
  none: 'No open conflicts in this store.',
  yourRefused: 'Your refused sales',
  yourRefusedIntro:
    'A sale the store server refused is not a sale: the piece is not the client’s. Here is what happened and what to do.',
  noneRefused: 'None of your sales is waiting: no refused sale to deal with.',
  aCommand: 'A command',
  rejectedAt: (when: string) => `refused ${when}`,
  rejectedByServer: 'Refused by the store server.',
  refusedSide: 'Refused sale — the client to look after',
  winningSide: 'Sale that kept the piece',
  soldBy: 'Sold by',
  where: 'Where',
  when: 'When',
  client: 'Client',
  paid: 'Paid',
  total: 'Total',
  thisTill: 'this till',
  anotherTill: 'another till',
  tillOf: (till: string, store: string) => (store ? `${till}, ${store}` : till),
  noClient: 'no client attached',
  unknownPerson: 'someone (not in this till’s staff list)',
  unknown: 'not known on this till',
  noPayment: 'no payment recorded',
  stockNow: (serial: string, status: string) => `${serial} is now ${status} (recorded by another till).`,
  note: 'Note',
  notePlaceholder: 'What was agreed with the client',
  refundThis: 'Refund this client (the other sale keeps the piece)',
  tookAnother: 'Client took another piece',
  voidOther: 'Void the other sale and refund its client',
  dismiss: 'Correct the record',
  refundThisNote: 'Refunded this client',
  tookAnotherNote: 'The client chose another piece',
  voidOtherNote: (saleId: string) => `Voided sale ${saleId} and refunded its client`,
  voidReason: (id: string) => `Conflict with ${id}: the piece goes to the other client`,
  dismissNote: 'Record corrected',
  hide: 'Hide',
};

export const T = messages({ en } as Catalog<typeof en>);
