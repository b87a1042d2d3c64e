/** Every word the clienteling screens (Today, viewings, tiers, segments, recommendations) show. */
import type { RecoReason } from '../../../domain/recommend.ts';
import { type Catalog, messages } from '../i18n.ts';

const en = {
  tier: { vip: 'VIP', loyal: 'Loyal', new: 'New' } as Record<string, string>,
  rising: 'Rising',
  tierNone: 'No tier (thresholds not set)',
  spend: (amount: string) => `Spend here: ${amount}`,
  lastVisit: (date: string) => `Last visit ${date}`,
  neverSeen: 'No visit on record',
  clienteling: 'Clienteling',

  recommendations: 'Suggested pieces in stock',
  noRecommendations: 'Nothing in stock matches what we know of this client yet.',
  reason: (r: RecoReason): string => {
    switch (r.kind) {
      case 'metal':
        return `in ${r.metal.replaceAll('-', ' ')}, a metal they prefer`;
      case 'stone':
        return `set with ${r.stone}, a stone they like`;
      case 'designer':
        return `by ${r.designer}, a designer they like`;
      case 'same-designer':
        return `by ${r.designer}, like the ${r.bought} they bought`;
      case 'same-collection':
        return `from the ${r.collection} collection, like the ${r.bought} they bought`;
      case 'complements':
        return `goes with the ${r.bought} they bought`;
      case 'within-budget':
        return 'within their budget';
      case 'ring-size':
        return `their ring size is on file (${r.size} ${r.system})`;
      case 'reserved-for-them':
        return 'already reserved for them';
    }
  },

  today: 'Today',
  todayFor: (date: string) => `Follow-ups for ${date}`,
  mine: 'Mine',
  everyone: 'Whole store',
  showWhose: 'Show',
  notSeenDays: 'Not seen for (days)',
  nothingToday: 'Nothing to follow up today.',
  followUpsLabel: 'Follow-ups',
  kindAppointment: (time: string) => `Viewing at ${time}`,
  kindMilestone: (kind: string, inDays: number) =>
    inDays === 0 ? `${kind} today` : inDays === 1 ? `${kind} tomorrow` : `${kind} in ${inDays} days`,
  milestone: {
    birthday: 'Birthday',
    anniversary: 'Anniversary',
    engagement: 'Engagement',
    wedding: 'Wedding',
    other: 'Milestone',
  } as Record<string, string>,
  kindNotSeen: (since: string, never: boolean) =>
    never ? `Never seen since ${since}` : `Not seen since ${since}`,
  done: 'Done',
  snooze: (days: number) => (days === 1 ? 'Snooze a day' : `Snooze ${days} days`),
  followUpDone: 'Marked done',

  appointments: 'Viewings',
  dayView: (date: string) => `Viewings on ${date}`,
  previousDay: '← Previous day',
  nextDay: 'Next day →',
  day: 'Day',
  noAppointments: 'No viewing booked this day.',
  book: 'Book a viewing',
  client: 'Client',
  findClient: 'Find a client',
  chooseClient: 'Choose a client…',
  date: 'Date',
  time: 'Time (store)',
  minutes: 'Length (minutes)',
  associate: 'Associate',
  pieces: 'Pieces to prepare',
  addPiece: 'Add piece (serial)',
  add: 'Add',
  removePiece: (serial: string) => `Remove ${serial}`,
  notes: 'Notes',
  save: 'Book and reserve pieces',
  booked: 'Booked: its pieces are being reserved.',
  pieceUnknown: (serial: string) => `No piece ${serial} at this store.`,
  pieceNotFree: (serial: string, status: string) => `${serial} is ${status}; it cannot be prepared.`,
  needClient: 'Choose the client first.',
  needTime: 'Give a date and a time.',
  invalid: (message: string) => `Not booked: ${message}`,
  markDone: 'Done — release pieces',
  cancel: 'Cancel viewing',
  status: { booked: 'Booked', done: 'Done', cancelled: 'Cancelled' } as Record<string, string>,
  hold: {
    pending: 'reserving…',
    accepted: 'reserved',
    rejected: 'not reserved',
    released: 'released',
  } as Record<string, string>,
  clientAppointments: 'Viewings',
  noClientAppointments: 'No viewing yet.',
  bookForClient: 'Book a viewing',

  segments: 'Segments',
  exportList: 'Export this list',
  filterTier: 'Tier',
  anyTier: 'Any tier',
  onlyRising: 'Rising only',
  milestoneWithin: 'Milestone within (days)',
  preferredMetal: 'Preferred metal',
  anyMetal: 'Any metal',
  preferredDesigner: 'Preferred designer',
  channel: 'Consent channel',
  channels: { email: 'E-mail', sms: 'SMS', phone: 'Phone', post: 'Post' } as Record<string, string>,
  exportCsv: 'Export CSV',
  segmentCount: (n: number, excluded: number) =>
    `${n} in this list; ${excluded} without consent for this channel will be left out of the export.`,

  tierSettings: 'Tier thresholds',
  loyalFrom: 'Loyal from',
  vipFrom: 'VIP from',
  saveTiers: 'Save thresholds',
  tiersCurrent: (loyal: string, vip: string) => `Now: loyal from ${loyal}, VIP from ${vip}.`,
  tiersUnset: 'No thresholds set for this currency yet: nobody has a tier.',
  tiersPending: 'Sent; waiting for the store server.',
  tiersAccepted: 'Saved for the whole organisation.',
  tiersRejected: (reason: string) => `Refused: ${reason}`,
  tiersInvalid: 'Give two amounts, VIP above loyal.',
};

const fr: Partial<typeof en> = {
  tier: { vip: 'VIP', loyal: 'Fidèle', new: 'Nouveau' },
  rising: 'En progression',
  tierNone: 'Pas de niveau (seuils non fixés)',
  spend: (amount: string) => `Achats ici : ${amount}`,
  lastVisit: (date: string) => `Dernière visite le ${date}`,
  neverSeen: 'Aucune visite enregistrée',
  clienteling: 'Suivi client',
  recommendations: 'Pièces suggérées en stock',
  noRecommendations: 'Rien en stock ne correspond encore à ce que nous savons de ce client.',
  reason: (r: RecoReason): string => {
    switch (r.kind) {
      case 'metal':
        return `en ${r.metal.replaceAll('-', ' ')}, un métal qu’il ou elle préfère`;
      case 'stone':
        return `serti de ${r.stone}, une pierre appréciée`;
      case 'designer':
        return `de ${r.designer}, un créateur apprécié`;
      case 'same-designer':
        return `de ${r.designer}, comme « ${r.bought} » acheté`;
      case 'same-collection':
        return `de la collection ${r.collection}, comme « ${r.bought} » acheté`;
      case 'complements':
        return `s’accorde avec « ${r.bought} » acheté`;
      case 'within-budget':
        return 'dans son budget';
      case 'ring-size':
        return `tour de doigt connu (${r.size} ${r.system})`;
      case 'reserved-for-them':
        return 'déjà réservée pour ce client';
    }
  },
  today: 'Aujourd’hui',
  todayFor: (date: string) => `Suivis du ${date}`,
  mine: 'Les miens',
  everyone: 'Toute la boutique',
  showWhose: 'Afficher',
  notSeenDays: 'Non vu depuis (jours)',
  nothingToday: 'Aucun suivi aujourd’hui.',
  followUpsLabel: 'Suivis',
  kindAppointment: (time: string) => `Rendez-vous à ${time}`,
  kindMilestone: (kind: string, inDays: number) =>
    inDays === 0 ? `${kind} aujourd’hui` : inDays === 1 ? `${kind} demain` : `${kind} dans ${inDays} jours`,
  milestone: {
    birthday: 'Anniversaire',
    anniversary: 'Anniversaire de mariage',
    engagement: 'Fiançailles',
    wedding: 'Mariage',
    other: 'Date',
  },
  kindNotSeen: (since: string, never: boolean) =>
    never ? `Jamais revu depuis le ${since}` : `Pas vu depuis le ${since}`,
  done: 'Fait',
  snooze: (days: number) => (days === 1 ? 'Reporter d’un jour' : `Reporter de ${days} jours`),
  followUpDone: 'Marqué fait',
  appointments: 'Rendez-vous',
  dayView: (date: string) => `Rendez-vous du ${date}`,
  previousDay: '← Jour précédent',
  nextDay: 'Jour suivant →',
  day: 'Jour',
  noAppointments: 'Aucun rendez-vous ce jour.',
  book: 'Prendre un rendez-vous',
  client: 'Client',
  findClient: 'Chercher un client',
  chooseClient: 'Choisir un client…',
  date: 'Date',
  time: 'Heure (boutique)',
  minutes: 'Durée (minutes)',
  associate: 'Conseiller',
  pieces: 'Pièces à préparer',
  addPiece: 'Ajouter une pièce (numéro)',
  add: 'Ajouter',
  removePiece: (serial: string) => `Retirer ${serial}`,
  notes: 'Notes',
  save: 'Réserver le rendez-vous et les pièces',
  booked: 'Rendez-vous pris : ses pièces sont en cours de réservation.',
  pieceUnknown: (serial: string) => `Aucune pièce ${serial} dans cette boutique.`,
  pieceNotFree: (serial: string, status: string) => `${serial} est ${status} ; impossible de la préparer.`,
  needClient: 'Choisissez d’abord le client.',
  needTime: 'Indiquez une date et une heure.',
  invalid: (message: string) => `Non enregistré : ${message}`,
  markDone: 'Terminé — libérer les pièces',
  cancel: 'Annuler le rendez-vous',
  status: { booked: 'Prévu', done: 'Terminé', cancelled: 'Annulé' },
  hold: { pending: 'réservation…', accepted: 'réservée', rejected: 'non réservée', released: 'libérée' },
  clientAppointments: 'Rendez-vous',
  noClientAppointments: 'Aucun rendez-vous pour l’instant.',
  bookForClient: 'Prendre un rendez-vous',
  segments: 'Segments',
  exportList: 'Exporter cette liste',
  filterTier: 'Niveau',
  anyTier: 'Tous niveaux',
  onlyRising: 'En progression seulement',
  milestoneWithin: 'Date importante sous (jours)',
  preferredMetal: 'Métal préféré',
  anyMetal: 'Tous métaux',
  preferredDesigner: 'Créateur préféré',
  channel: 'Canal de consentement',
  channels: { email: 'E-mail', sms: 'SMS', phone: 'Téléphone', post: 'Courrier' },
  exportCsv: 'Exporter en CSV',
  segmentCount: (n: number, excluded: number) =>
    `${n} dans cette liste ; ${excluded} sans consentement pour ce canal seront exclus de l’export.`,
  tierSettings: 'Seuils des niveaux',
  loyalFrom: 'Fidèle à partir de',
  vipFrom: 'VIP à partir de',
  saveTiers: 'Enregistrer les seuils',
  tiersCurrent: (loyal: string, vip: string) => `Actuellement : fidèle dès ${loyal}, VIP dès ${vip}.`,
  tiersUnset: 'Aucun seuil pour cette devise : personne n’a de niveau.',
  tiersPending: 'Envoyé ; en attente du serveur de la boutique.',
  tiersAccepted: 'Enregistré pour toute l’organisation.',
  tiersRejected: (reason: string) => `Refusé : ${reason}`,
  tiersInvalid: 'Indiquez deux montants, VIP au-dessus de fidèle.',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const K = messages(catalog);
