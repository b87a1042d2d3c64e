/** Every user-facing string of the photos and certificates of a piece, and of adding a file anywhere (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  photos: 'Photos and certificates',
  none: 'No photo or certificate yet.',
  addFile: 'Add a photo or PDF',
  takePhoto: 'Take a photo',
  uploading: 'Sending…',
  remove: (name: string) => `Remove ${name}`,
  photo: (n: number) => `Photo ${n}`,
  certificate: (n: number) => `Certificate ${n} (PDF)`,
  offline: 'Not on this till yet; it shows when the till is online.',
  added: (name: string) => `${name} attached.`,
  queued: (name: string) =>
    `${name} is kept on this till and attached; it goes to the store server when the till is online.`,
  unnamed: 'The photo',
  failed: (why: string) => `The file could not be kept on this till (${why}); choose it again.`,
};

const fr: Partial<typeof en> = {
  photos: 'Photos et certificats',
  none: 'Aucune photo ni certificat.',
  addFile: 'Ajouter une photo ou un PDF',
  takePhoto: 'Prendre une photo',
  uploading: 'Envoi…',
  remove: (name: string) => `Retirer ${name}`,
  photo: (n: number) => `Photo ${n}`,
  certificate: (n: number) => `Certificat ${n} (PDF)`,
  offline: 'Pas encore sur cette caisse ; visible quand elle sera en ligne.',
  added: (name: string) => `${name} joint.`,
  queued: (name: string) =>
    `${name} est gardé sur cette caisse et joint ; il part vers le serveur de la boutique dès que la caisse est en ligne.`,
  unnamed: 'La photo',
  failed: (why: string) =>
    `Le fichier n’a pas pu être gardé sur cette caisse (${why}) ; choisissez-le de nouveau.`,
};

export const catalog: Catalog<typeof en> = { en, fr };
export const A = messages(catalog);
