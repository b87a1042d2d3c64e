/** The top bar's words: the areas and their groups (every screen), ready for translation; see i18n.ts. */
import { type Catalog, messages } from './i18n.ts';

const en = {
  areasLabel: 'Areas',
  group: {
    money: 'Money held',
    clients: 'Clients',
    stock: 'Stock',
    office: 'Office',
  } as Record<string, string>,
  area: {
    sell: 'Sell',
    payments: 'Payments',
    giftCards: 'Gift cards',
    clients: 'Clients',
    today: 'Today',
    viewings: 'Viewings',
    work: 'Work',
    inventory: 'Inventory',
    receive: 'Receive',
    counts: 'Counts',
    locations: 'Locations',
    backOffice: 'Back office',
    reports: 'Reports',
    endOfDay: 'End of day',
    audit: 'Audit',
    conflicts: 'Conflicts',
    hardware: 'Hardware',
  } as Record<string, string>,
  /** Read (not shown) between a group's name and the area of it on screen: "Stock, now: Counts". */
  nowShowing: ', now: ',
};

const fr: Partial<typeof en> = {
  areasLabel: 'Espaces',
  group: { money: 'Encaissements', clients: 'Clients', stock: 'Stock', office: 'Bureau' },
  area: {
    sell: 'Vendre',
    payments: 'Paiements',
    giftCards: 'Cartes cadeaux',
    clients: 'Clients',
    today: 'Aujourd’hui',
    viewings: 'Rendez-vous',
    work: 'Ateliers',
    inventory: 'Inventaire',
    receive: 'Réception',
    counts: 'Comptages',
    locations: 'Emplacements',
    backOffice: 'Administration',
    reports: 'Rapports',
    endOfDay: 'Fin de journée',
    audit: 'Audit',
    conflicts: 'Conflits',
    hardware: 'Matériel',
  },
  nowShowing: ', actuellement : ',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const N = messages(catalog);
