/** Every user-facing string of the sign-in screen (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  form: 'Sign in',
  brand: 'Loupe',
  intro: 'Sign in to this till',
  user: 'User',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
};

const fr: Partial<typeof en> = {
  form: 'Connexion',
  intro: 'Connectez-vous à cette caisse',
  user: 'Utilisateur',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signingIn: 'Connexion…',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const L = messages(catalog);
