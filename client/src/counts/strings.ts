/** Every user-facing string of the Counts screen (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  title: 'Stock count',
  managersOnly: 'Stock counts are recorded by managers.',
  countForm: 'Count',
  scope: 'What is counted',
  defaultScope: 'Whole store',
  wholeStore: 'Whole store (report missing pieces)',
  start: 'Start count',
  again: 'Count again',
  stop: 'Stop reading',
  submit: 'Submit count',
  found: 'Found',
  of: 'of',
  expected: 'expected',
  unexpected: 'unexpected',
  notOurs: (n: number) => ` · ${n} tags not ours`,
  variance: 'Variance',
  missingTitle: 'Missing',
  unexpectedTitle: 'Unexpected',
  foundTitle: 'Found',
  none: 'None.',
  notInCatalog: 'not in the catalog',
  andMore: (n: number) => `and ${n} more`,
  submittedLabel: 'Submitted count',
  submitted: 'Count submitted',
  waiting: 'Waiting for the store server’s variance…',
  recorded: (found: number, missing: number, unexpected: number) =>
    `The store server recorded ${found} found, ${missing} missing, ${unexpected} unexpected.`,
};

const fr: Partial<typeof en> = {
  title: 'Inventaire',
  managersOnly: 'Les inventaires sont enregistrés par les responsables.',
  countForm: 'Inventaire',
  scope: 'Ce qui est compté',
  defaultScope: 'Toute la boutique',
  wholeStore: 'Toute la boutique (signaler les pièces manquantes)',
  start: 'Commencer',
  again: 'Recompter',
  stop: 'Arrêter la lecture',
  submit: 'Envoyer l’inventaire',
  found: 'Trouvées',
  of: 'sur',
  expected: 'attendues',
  unexpected: 'inattendues',
  missingTitle: 'Manquantes',
  unexpectedTitle: 'Inattendues',
  foundTitle: 'Trouvées',
  none: 'Aucune.',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const C = messages(catalog);
