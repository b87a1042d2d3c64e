/** Every word the Clients screens (the list and a profile) show, ready for translation. */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  title: 'Clients',
  search: 'Search clients',
  searchPlaceholder: 'Name, phone or e-mail',
  count: (n: number) => (n === 1 ? '1 client' : `${n} clients`),
  showingFirst: (n: number) => ` — showing the first ${n}`,
  none: 'No client matches.',
  loading: 'Opening the client book…',
  listLabel: 'Clients of this store',
  backToList: '← Clients',
  noClient: 'This client is not in this store’s client book (or was removed).',
  savedOffline: 'Every change is kept on this till and merges with other tills’ changes when they sync.',

  names: 'Name',
  first: 'First name',
  last: 'Last name',
  display: 'Shown as',
  contacts: 'Contact',
  emails: 'E-mails',
  phones: 'Phones',
  newEmail: 'New e-mail',
  newPhone: 'New phone',
  add: 'Add',
  remove: (what: string) => `Remove ${what}`,
  removeShort: 'Remove',
  emptyList: 'None yet.',
  consent: 'Consent',
  consentChannel: { email: 'By e-mail', sms: 'By SMS', phone: 'By phone call', post: 'By post' } as Record<
    string,
    string
  >,
  consentSince: (date: string) => `since ${date}`,

  sizes: 'Sizes',
  ringSizes: 'Ring sizes',
  hand: 'Hand',
  hands: { left: 'Left', right: 'Right' } as Record<string, string>,
  finger: 'Finger',
  fingers: { thumb: 'Thumb', index: 'Index', middle: 'Middle', ring: 'Ring', little: 'Little' } as Record<
    string,
    string
  >,
  size: 'Size',
  system: 'System',
  addRingSize: 'Add ring size',
  ringSizeText: (hand: string, finger: string, size: string, system: string) =>
    `${hand} ${finger.toLowerCase()}: ${size} ${system}`,
  ringSizeInvalid: (size: string, system: string) =>
    `“${size}” is not a ${system} ring size. ${
      system === 'US'
        ? 'US sizes run from 0 to 16 in quarter steps (7, 7.25, 7.5…).'
        : system === 'UK'
          ? 'UK sizes are a capital letter, with an optional ½ (N, N½).'
          : 'EU sizes run from 38 to 76, with halves (52, 52.5).'
    }`,
  ringSizeMissing: 'Type a size first.',
  wrist: 'Wrist (cm)',
  neck: 'Neck (cm)',
  measureInvalid: (label: string, min: number, max: number) =>
    `${label} must be a number from ${min} to ${max}.`,

  preferences: 'Preferences',
  metals: 'Metals',
  metalNames: {
    'yellow-gold': 'Yellow gold',
    'white-gold': 'White gold',
    'rose-gold': 'Rose gold',
    platinum: 'Platinum',
    silver: 'Silver',
    palladium: 'Palladium',
    titanium: 'Titanium',
    other: 'Other',
  } as Record<string, string>,
  stones: 'Stones',
  designers: 'Designers',
  newStone: 'New stone',
  newDesigner: 'New designer',

  milestones: 'Milestones',
  kind: 'Occasion',
  kinds: {
    birthday: 'Birthday',
    anniversary: 'Anniversary',
    engagement: 'Engagement',
    wedding: 'Wedding',
    other: 'Other',
  } as Record<string, string>,
  date: 'Date',
  recurrence: 'Repeats',
  yearly: 'Every year',
  once: 'Once',
  label: 'Label (optional)',
  addMilestone: 'Add milestone',
  milestoneText: (kind: string, date: string, yearly: boolean, label?: string) =>
    `${kind}${label ? ` (${label})` : ''}: ${date}${yearly ? ', every year' : ''}`,
  dateInvalid: 'Enter a real date (YYYY-MM-DD).',

  notes: 'Notes',
  notesHint: 'Shared with the store’s associates; edits from several tills merge.',

  emailInvalid: 'E-mail is not a valid address (like name@example.com).',
  phoneInvalid: 'Phone may hold digits, spaces, ( ) . - and a leading +.',
  nameRequired: 'A client needs a first or last name.',
  tooMany: (what: string) => `No more ${what.toLowerCase()} can be added.`,
  invalid: (what: string, why: string) => `${what}: ${why}.`,
  gone: 'This client was removed meanwhile.',

  filters: 'Filters',
  filterRingSize: 'Ring size',
  filterRingSizeHint: 'e.g. 52 or N½',
  anySystem: 'Any system',
  filterMetal: 'Preferred metal',
  anyMetal: 'Any metal',
  filterMilestone: 'Milestone',
  anyMilestone: 'Any time',
  withinDays: (n: number) => `In the next ${n} days`,
  clearFilters: 'Clear filters',
  someone: 'Someone',
  openBy: (names: readonly string[]) => `Open: ${names.join(', ')}`,
  otherStores: 'Other stores',
  otherStoresOffline: 'Other stores cannot be searched right now (offline or not signed in).',
  otherStoresNone: 'No client of another store matches.',
  homeStore: (store: string) => `Client of ${store}`,

  presenceHere: (names: readonly string[]) =>
    names.length === 1
      ? `${names[0]} also has this client open`
      : `${names.join(', ')} also have this client open`,
  presenceIn: (field: string) => `in ${field}`,
  presenceField: {
    names: 'the name',
    emails: 'e-mails',
    phones: 'phones',
    consent: 'consent',
    ringSizes: 'ring sizes',
    measures: 'sizes',
    metals: 'metals',
    stones: 'stones',
    designers: 'designers',
    milestones: 'milestones',
    notes: 'the notes',
  } as Record<string, string>,
  editingHere: (name: string) => `${name} is here`,
};

const fr: Partial<typeof en> = {
  title: 'Clients',
  search: 'Rechercher un client',
  searchPlaceholder: 'Nom, téléphone ou e-mail',
  count: (n: number) => (n <= 1 ? `${n} client` : `${n} clients`),
  showingFirst: (n: number) => ` — les ${n} premiers`,
  none: 'Aucun client ne correspond.',
  loading: 'Ouverture du fichier clients…',
  listLabel: 'Clients de cette boutique',
  backToList: '← Clients',
  add: 'Ajouter',
  notes: 'Notes',
  system: 'Système',
  metalNames: {
    'yellow-gold': 'Or jaune',
    'white-gold': 'Or blanc',
    'rose-gold': 'Or rose',
    platinum: 'Platine',
    silver: 'Argent',
    palladium: 'Palladium',
    titanium: 'Titane',
    other: 'Autre',
  },

  filters: 'Filtres',
  filterRingSize: 'Tour de doigt',
  filterRingSizeHint: 'ex. 52 ou N½',
  anySystem: 'Tout système',
  filterMetal: 'Métal préféré',
  anyMetal: 'Tout métal',
  filterMilestone: 'Date importante',
  anyMilestone: 'Peu importe',
  withinDays: (n: number) => `Dans les ${n} prochains jours`,
  clearFilters: 'Effacer les filtres',
  someone: 'Quelqu’un',
  openBy: (names: readonly string[]) => `Ouvert par ${names.join(', ')}`,
  otherStores: 'Autres boutiques',
  otherStoresOffline:
    'Les autres boutiques ne peuvent pas être consultées pour l’instant (hors ligne ou session expirée).',
  otherStoresNone: 'Aucun client d’une autre boutique ne correspond.',
  homeStore: (store: string) => `Client de ${store}`,
  presenceHere: (names: readonly string[]) =>
    names.length === 1
      ? `${names[0]} consulte aussi ce client`
      : `${names.join(', ')} consultent aussi ce client`,
  presenceIn: (field: string) => `dans ${field}`,
  presenceField: {
    names: 'le nom',
    emails: 'les e-mails',
    phones: 'les téléphones',
    consent: 'le consentement',
    ringSizes: 'les tours de doigt',
    measures: 'les mesures',
    metals: 'les métaux',
    stones: 'les pierres',
    designers: 'les créateurs',
    milestones: 'les dates importantes',
    notes: 'les notes',
  },
  editingHere: (name: string) => `${name} est ici`,
};

export const catalog: Catalog<typeof en> = { en, fr };
export const C = messages(catalog);
