/** Every user-facing string of Settings › Hardware and the hardware notices (translate here). */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  title: 'Hardware',
  intro:
    'Scanners, the RFID reader, printers and the cash drawer are reached through the Loupe hardware bridge running on this computer (npm run bridge). It prints a pairing code on its console.',
  bridge: 'Bridge',
  pairForm: 'Pair with the bridge',
  bridgeAddress: 'Bridge address 127.0.0.1:',
  pairingCode: 'Pairing code',
  pair: 'Pair',
  paired: 'Paired.',
  notAPort: (port: string) => `“${port}” is not a port number.`,
  pairedWith: (port: number) => `Paired with the bridge at 127.0.0.1:${port}`,
  since: (when: string) => ` since ${when}`,
  unpair: 'Unpair this till',
  unpairNote:
    'Unpairing forgets the token here; the bridge keeps its record until its state directory is cleared.',
  link: {
    connecting: 'Connecting…',
    ready: 'Connected',
    retrying: 'Not connected — retrying',
    unauthorized: 'The bridge no longer accepts this till',
    'forbidden-origin': 'The bridge does not allow this site',
    'unsupported-version': 'The app and the bridge speak different versions',
    closed: 'Disconnected',
  } as Record<string, string>,
  devices: 'Devices',
  noDevices: 'The bridge reports no devices.',
  colDevice: 'Device',
  colName: 'Name',
  colStatus: 'Status',
  simulatedSuffix: ' (simulated)',
  cashDrawer: 'cash drawer',
  drawerOn: (printer: string) => `on ${printer}`,
  kind: {
    scanner: 'barcode scanner',
    rfid: 'RFID reader',
    'receipt-printer': 'receipt printer',
    'tag-printer': 'tag printer',
  } as Record<string, string>,
  testReceipt: 'Print a test receipt',
  testReceiptDone: 'Test receipt printed.',
  openDrawer: 'Open the cash drawer',
  drawerOpened: 'Cash drawer opened.',
  simulation: 'Simulated devices',
  simulationIntro:
    'This bridge runs twin devices (LOUPE_BRIDGE_SIMULATE=1): drive them from here for a demo or a test.',
  scanData: 'Barcode to scan',
  simulateScan: 'Simulate a scan',
  scanSent: (data: string) => `Scanned ${data}.`,
  simulateSweep: 'Simulate an RFID sweep',
  sweepNote: (n: number) =>
    `Reads the tags of the ${n} pieces in stock here; a count running on the Counts page finds them.`,
  sweepSent: (n: number) => `The RFID twin read ${n} tags.`,
  nothingToSweep: 'No pieces in stock here to read.',
  hardwareSettings: 'Hardware settings',
  // Why a device cannot be used (hardware.ts).
  notPaired: 'No hardware bridge is paired with this till: pair one in Settings › Hardware.',
  forbiddenOrigin: (origin: string) =>
    `The hardware bridge does not allow this site (${origin}): start it with LOUPE_APP_ORIGIN=${origin}, or add the address to allowedOrigins in its config.`,
  unsupportedVersion: 'The app and the hardware bridge speak different versions: update one of them.',
  unauthorized: 'The hardware bridge no longer accepts this till: pair it again.',
  notConnected: 'The hardware bridge is not connected (retrying).',
  noDevice: (kind: string) => `The hardware bridge has no ${kind}.`,
  deviceStatus: (kind: string, status: string, detail: string) =>
    `The ${kind} is ${status}${detail ? `: ${detail}` : ''}.`,
  deviceFailed: (kind: string, message: string) => `The ${kind} failed: ${message}`,
  tokenRemoved: 'The bridge no longer knows this till (its token was removed): pair it again.',
  // Pairing (pairing.ts).
  codeIs8Digits: 'The code is 8 digits.',
  invalidCode: 'The bridge did not accept that code. Check the code on the bridge’s console.',
  expiredCode: 'That code has expired or was tried too often. Restart the bridge for a new code.',
  refusedOrigin: (origin: string) =>
    `The bridge is running but does not allow this site (${origin}). A bridge on this computer allows the Loupe app on any local port; for another address start it with LOUPE_APP_ORIGIN=${origin}.`,
  unreachable: 'No bridge answered at that address: is it running (npm run bridge), and is the port right?',
  refused: 'The bridge refused the request.',
};

const fr: Partial<typeof en> = {
  title: 'Matériel',
  bridge: 'Passerelle',
  pairForm: 'Appairer avec la passerelle',
  bridgeAddress: 'Adresse de la passerelle 127.0.0.1 :',
  pairingCode: 'Code d’appairage',
  pair: 'Appairer',
  paired: 'Appairé.',
  unpair: 'Désappairer cette caisse',
  devices: 'Appareils',
  noDevices: 'La passerelle ne signale aucun appareil.',
  colDevice: 'Appareil',
  colName: 'Nom',
  colStatus: 'État',
  simulatedSuffix: ' (simulé)',
  testReceipt: 'Imprimer un ticket de test',
  openDrawer: 'Ouvrir le tiroir-caisse',
  simulation: 'Appareils simulés',
  scanData: 'Code-barres à scanner',
  simulateScan: 'Simuler un scan',
  simulateSweep: 'Simuler un balayage RFID',
  hardwareSettings: 'Réglages du matériel',
};

export const catalog: Catalog<typeof en> = { en, fr };
export const H = messages(catalog);
