/** Every user-facing string of the camera scanner (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  useCamera: 'Use camera',
  stopCamera: 'Stop camera',
  starting: 'Opening the camera…',
  aim: 'Hold a tag’s barcode across the line. Each piece is read once; Esc stops the camera.',
  view: 'Camera view',
  reads: 'Read by the camera',
  noReads: 'Nothing read yet.',
  noMediaDevices:
    'This browser cannot open a camera here (it needs the secure https address of the store server). The scan field still works.',
  denied:
    'The camera was not allowed. Allow it for this site in the browser’s settings, then press “Use camera” again. The scan field still works.',
  noCamera: 'No camera was found on this device. The scan field still works.',
  busy: 'The camera is in use by another app or could not start. Close the other app and try again. The scan field still works.',
  failed: (name: string) => `The camera could not start (${name}). The scan field still works.`,
  lost: 'The camera stopped (it was unplugged or taken by another app). The scan field still works.',
  addedToCart: (serial: string) => `${serial} added to the cart.`,
  notAdded: (serial: string) => `${serial} was not added.`,
  readerNoStart:
    'The camera’s barcode reader could not start on this device (its file did not load; open the app once with the store server reachable). The scan field still works.',
  readerNoAnswer:
    'The camera’s barcode reader stopped answering. Press “Use camera” to try again. The scan field still works.',
  readerUnreadable:
    'This browser cannot hand the camera’s pictures to the barcode reader. The scan field still works.',
};

const fr: Partial<typeof en> = {
  useCamera: 'Utiliser la caméra',
  stopCamera: 'Arrêter la caméra',
  starting: 'Ouverture de la caméra…',
  aim: 'Placez le code-barres d’une étiquette sur la ligne. Chaque pièce est lue une fois ; Échap arrête la caméra.',
  view: 'Image de la caméra',
  reads: 'Lues par la caméra',
  noReads: 'Rien de lu pour l’instant.',
  noMediaDevices:
    'Ce navigateur ne peut pas ouvrir de caméra ici (il faut l’adresse https sécurisée du serveur de la boutique). Le champ de scan fonctionne toujours.',
  denied:
    'La caméra n’a pas été autorisée. Autorisez-la pour ce site dans les réglages du navigateur, puis appuyez de nouveau sur « Utiliser la caméra ». Le champ de scan fonctionne toujours.',
  noCamera: 'Aucune caméra n’a été trouvée sur cet appareil. Le champ de scan fonctionne toujours.',
  busy: 'La caméra est utilisée par une autre application ou n’a pas pu démarrer. Fermez l’autre application et réessayez. Le champ de scan fonctionne toujours.',
  failed: (name: string) => `La caméra n’a pas pu démarrer (${name}). Le champ de scan fonctionne toujours.`,
  lost: 'La caméra s’est arrêtée (débranchée ou prise par une autre application). Le champ de scan fonctionne toujours.',
  addedToCart: (serial: string) => `${serial} ajoutée au panier.`,
  notAdded: (serial: string) => `${serial} n’a pas été ajoutée.`,
  readerNoStart:
    'Le lecteur de codes-barres de la caméra n’a pas pu démarrer sur cet appareil (son fichier n’a pas été chargé ; ouvrez l’application une fois avec le serveur de la boutique joignable). Le champ de scan fonctionne toujours.',
  readerNoAnswer:
    'Le lecteur de codes-barres de la caméra ne répond plus. Appuyez de nouveau sur « Utiliser la caméra ». Le champ de scan fonctionne toujours.',
  readerUnreadable:
    'Ce navigateur ne peut pas transmettre les images de la caméra au lecteur de codes-barres. Le champ de scan fonctionne toujours.',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const K = messages(catalog);
