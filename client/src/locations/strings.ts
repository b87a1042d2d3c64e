/** Every user-facing string of the Locations screen (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  title: 'Locations',
  managersOnly: 'Pieces are moved between places by managers and owners.',
  modes: 'What to do',
  move: 'Move pieces',
  safeCheck: 'End-of-day safe check',
  destination: 'Move to',
  newPlace: 'A new place…',
  newKind: 'Kind of place',
  newLabel: 'Name of the place',
  scan: 'Scan or type a serial, then Enter',
  scanned: (n: number) => (n === 1 ? '1 piece scanned' : `${n} pieces scanned`),
  from: 'now at',
  remove: (serial: string) => `Remove ${serial}`,
  moveNow: (n: number, place: string) => `Move ${n} to ${place}`,
  clear: 'Start again',
  notASerial: (code: string) => `“${code}” is not a serial number.`,
  unknown: (serial: string) => `${serial} is not in this store’s catalog.`,
  notInStore: (serial: string) => `${serial} is not in the store (sold, on memo, in transit or written off).`,
  already: (serial: string) => `${serial} was already scanned.`,
  waiting: 'Saved; waiting for the store server…',
  moved: (n: number, place: string) => `${n} moved to ${place}.`,
  refused: (why: string) => `Nothing was moved: ${why}`,
  safe: 'Safe',
  backInSafe: (n: number, of: number) => `${n} of ${of} pieces back in the safe`,
  allBack: 'Every piece in the store is back in the safe.',
  stillOut: 'Not scanned back yet',
  record: 'Record the check',
  recorded: 'Safe check recorded.',
  recordedMissing: (n: number) =>
    `Safe check recorded with ${n} piece(s) missing; a manager decides what happens to them from Counts.`,
};

const fr: Partial<typeof en> = {
  title: 'Emplacements',
  managersOnly: 'Les pièces sont déplacées par les responsables et propriétaires.',
  modes: 'Que faire',
  move: 'Déplacer des pièces',
  safeCheck: 'Contrôle du coffre en fin de journée',
  destination: 'Déplacer vers',
  newPlace: 'Un nouvel emplacement…',
  newKind: 'Type d’emplacement',
  newLabel: 'Nom de l’emplacement',
  scan: 'Scannez ou saisissez un numéro, puis Entrée',
  scanned: (n: number) => (n === 1 ? '1 pièce scannée' : `${n} pièces scannées`),
  from: 'actuellement',
  remove: (serial: string) => `Retirer ${serial}`,
  moveNow: (n: number, place: string) => `Déplacer ${n} vers ${place}`,
  clear: 'Recommencer',
  notASerial: (code: string) => `« ${code} » n’est pas un numéro de série.`,
  unknown: (serial: string) => `${serial} n’est pas au catalogue de la boutique.`,
  notInStore: (serial: string) =>
    `${serial} n’est pas en boutique (vendue, en confié, en transit ou sortie).`,
  already: (serial: string) => `${serial} est déjà scannée.`,
  waiting: 'Enregistré ; en attente du serveur…',
  moved: (n: number, place: string) => `${n} déplacée(s) vers ${place}.`,
  refused: (why: string) => `Rien n’a été déplacé : ${why}`,
  safe: 'Coffre',
  backInSafe: (n: number, of: number) => `${n} sur ${of} pièces au coffre`,
  allBack: 'Toutes les pièces de la boutique sont au coffre.',
  stillOut: 'Pas encore rentrées',
  record: 'Enregistrer le contrôle',
  recorded: 'Contrôle du coffre enregistré.',
  recordedMissing: (n: number) =>
    `Contrôle enregistré avec ${n} pièce(s) manquante(s) ; un responsable décide de leur sort depuis Inventaires.`,
};

export const catalog: Catalog<typeof en> = { en, fr };
export const L = messages(catalog);
