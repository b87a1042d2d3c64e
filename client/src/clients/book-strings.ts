/** Words of the client book's duplicates, merge, history, field history and privacy screens. */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  duplicates: 'Likely duplicates',
  duplicatesIntro:
    'Pairs of clients that may be the same person. Review a pair to merge it, or mark it as two people.',
  noDuplicates: 'No likely duplicates.',
  pairLabel: (a: string, b: string) => `${a} and ${b}`,
  reasonEmail: (v: string) => `same e-mail ${v}`,
  reasonPhone: (v: string) => `same phone ${v}`,
  reasonName: (d: number) =>
    d === 0 ? 'same name' : d === 1 ? 'name one letter apart' : `name ${d} letters apart`,
  notSame: 'Not the same person',
  review: 'Review and merge',
  managersOnly: 'Only managers and owners merge, export or erase clients.',

  mergeTitle: 'Merge two clients',
  mergeIntro:
    'Pick, for each field, the value to keep. E-mails, phones, sizes, milestones and preferences of both are kept.',
  keeps: 'Stays',
  goes: 'Merged into it',
  swap: 'Keep the other one',
  field: 'Field',
  fieldNames: {
    names: 'Name',
    wristCm: 'Wrist (cm)',
    neckCm: 'Neck (cm)',
    budget: 'Budget',
    consent: 'Consent',
    notes: 'Notes',
  } as Record<string, string>,
  bothNotes: 'Both notes',
  empty: '—',
  joined: 'Joined from both',
  mergeButton: 'Merge',
  merging: 'Sent; waiting for the store server…',
  merged: 'Merged. Every sale, order and reservation now belongs to the client who stays.',
  mergeRefused: (why: string) => `Not merged: ${why}`,
  openSurvivor: 'Open the client',
  missingPair: 'One of these clients is no longer in the client book.',

  history: 'History',
  lifetime: 'Lifetime value',
  visits: 'Visits',
  lastVisit: 'Last visit',
  frequency: 'Visit frequency',
  everyDays: (n: number) => `every ${n} days`,
  basket: 'Average basket',
  noHistory: 'No purchase, order or reservation yet.',
  kinds: {
    purchase: 'Purchase',
    return: 'Return',
    void: 'Sale voided',
    order: 'Custom order',
    reservation: 'Reserved',
  } as Record<string, string>,
  convertedFrom: (original: string) => `(${original})`,
  unconverted: (n: number) =>
    n === 1
      ? '1 line in another currency has no rate for its day and is not counted.'
      : `${n} lines in another currency have no rate for their day and are not counted.`,
  offlineHistory:
    'Offline: showing what this till holds (recent months). Older history comes back with the connection.',
  onTill: 'on this till',
  more: 'Show older',
  reservedUntil: (d: string) => `until ${d}`,

  fieldHistory: 'Field history',
  fieldHistoryIntro:
    'Every change of the name, sizes and budget: who, when, on which till. Restore puts an older value back.',
  noFieldHistory: 'No change recorded yet.',
  changeBy: (who: string, when: string, till: string) => `${who}, ${when}, ${till}`,
  notKept: 'not kept: changed at the same time by someone else',
  restore: 'Restore',
  restoreValue: (field: string, value: string) => `Restore ${field} to ${value}`,
  restored: 'Restored.',
  thisTill: 'this till',
  otherTill: (id: string) => `till …${id.slice(-4)}`,
  cleared: '(empty)',

  privacy: 'Privacy',
  exportButton: 'Export data (JSON)',
  exporting: 'Preparing the export…',
  exportFailed: 'The export needs the store server; try again when online.',
  eraseButton: 'Erase this client…',
  eraseReason: 'Why (kept with the erasure)',
  eraseConfirm: 'Erase for good',
  eraseWarning: 'The name, contacts, sizes, notes and history of changes go. Sales stay, without a client.',
  erased: 'This client was erased on request. Their sales are kept without a client.',
  erasedClient: 'Erased client',
  cancel: 'Cancel',
  mergedInto: 'This client was merged into another one.',
};

const fr: Partial<typeof en> = {
  duplicates: 'Doublons probables',
  duplicatesIntro:
    'Paires de clients qui pourraient être la même personne. Examinez une paire pour la fusionner, ou indiquez qu’il s’agit de deux personnes.',
  noDuplicates: 'Aucun doublon probable.',
  pairLabel: (a: string, b: string) => `${a} et ${b}`,
  reasonEmail: (v: string) => `même e-mail ${v}`,
  reasonPhone: (v: string) => `même téléphone ${v}`,
  reasonName: (d: number) =>
    d === 0 ? 'même nom' : d === 1 ? 'nom à une lettre près' : `nom à ${d} lettres près`,
  notSame: 'Pas la même personne',
  review: 'Examiner et fusionner',
  managersOnly: 'Seuls les responsables et propriétaires fusionnent, exportent ou effacent des clients.',
  mergeTitle: 'Fusionner deux clients',
  mergeIntro:
    'Choisissez, pour chaque champ, la valeur à garder. Les e-mails, téléphones, tailles, dates et préférences des deux sont conservés.',
  keeps: 'Reste',
  goes: 'Fusionné dans l’autre',
  swap: 'Garder l’autre',
  field: 'Champ',
  fieldNames: {
    names: 'Nom',
    wristCm: 'Poignet (cm)',
    neckCm: 'Cou (cm)',
    budget: 'Budget',
    consent: 'Consentement',
    notes: 'Notes',
  },
  bothNotes: 'Les deux notes',
  joined: 'Réunis des deux',
  mergeButton: 'Fusionner',
  merging: 'Envoyé ; en attente du serveur du magasin…',
  merged: 'Fusionné. Chaque vente, commande et réservation appartient désormais au client conservé.',
  mergeRefused: (why: string) => `Non fusionné : ${why}`,
  openSurvivor: 'Ouvrir la fiche',
  missingPair: 'L’un de ces clients n’est plus dans le fichier.',
  history: 'Historique',
  lifetime: 'Valeur client',
  visits: 'Visites',
  lastVisit: 'Dernière visite',
  frequency: 'Fréquence des visites',
  everyDays: (n: number) => `tous les ${n} jours`,
  basket: 'Panier moyen',
  noHistory: 'Aucun achat, commande ou réservation.',
  kinds: {
    purchase: 'Achat',
    return: 'Retour',
    void: 'Vente annulée',
    order: 'Commande sur mesure',
    reservation: 'Réservé',
  },
  unconverted: (n: number) =>
    n === 1
      ? '1 ligne dans une autre devise n’a pas de taux pour son jour et n’est pas comptée.'
      : `${n} lignes dans une autre devise n’ont pas de taux pour leur jour et ne sont pas comptées.`,
  offlineHistory:
    'Hors ligne : affichage de ce que contient cette caisse (mois récents). L’historique plus ancien revient avec la connexion.',
  onTill: 'sur cette caisse',
  more: 'Plus ancien',
  reservedUntil: (d: string) => `jusqu’au ${d}`,
  fieldHistory: 'Historique des champs',
  fieldHistoryIntro:
    'Chaque modification du nom, des tailles et du budget : qui, quand, sur quelle caisse. Restaurer remet une ancienne valeur.',
  noFieldHistory: 'Aucune modification enregistrée.',
  notKept: 'non retenue : modifiée au même moment par quelqu’un d’autre',
  restore: 'Restaurer',
  restoreValue: (field: string, value: string) => `Restaurer ${field} à ${value}`,
  restored: 'Restauré.',
  thisTill: 'cette caisse',
  otherTill: (id: string) => `caisse …${id.slice(-4)}`,
  cleared: '(vide)',
  privacy: 'Confidentialité',
  exportButton: 'Exporter les données (JSON)',
  exporting: 'Préparation de l’export…',
  exportFailed: 'L’export nécessite le serveur du magasin ; réessayez une fois en ligne.',
  eraseButton: 'Effacer ce client…',
  eraseReason: 'Motif (conservé avec l’effacement)',
  eraseConfirm: 'Effacer définitivement',
  eraseWarning:
    'Le nom, les coordonnées, les tailles, les notes et l’historique des modifications disparaissent. Les ventes restent, sans client.',
  erased: 'Ce client a été effacé à sa demande. Ses ventes sont conservées sans client.',
  erasedClient: 'Client effacé',
  cancel: 'Annuler',
  mergedInto: 'Ce client a été fusionné dans un autre.',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const B = messages(catalog);
