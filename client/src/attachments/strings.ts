/** Every user-facing string of the photos and certificates of a piece (translate here). */
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
  added: (name: string) => `${name} ajouté.`,
};

export const catalog: Catalog<typeof en> = { en, fr };
export const A = messages(catalog);
