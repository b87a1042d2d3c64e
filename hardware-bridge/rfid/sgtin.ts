/**
 * EPC decoding for stock counts (RFID-1). Jewelry tags carry SGTIN-96: the GTIN of the style
 * plus a numeric serial. Other EPC schemes (or raw TIDs) are kept as unknown, never dropped,
 * so a count can show "3 tags we could not identify".
 */
import epcTds from 'epc-tds';
import { LOUPE_GTIN, sgtinSerialOf } from '../protocol.ts';

// At run time the package is `module.exports = TDS`; its .d.ts says `export default TDS`, so
// under NodeNext TypeScript sees one level too many.
const tds = epcTds as unknown as typeof epcTds.default;

export type DecodedEpc = { readonly epc: string; readonly gtin?: string; readonly serial?: string };

export function decodeEpc(hex: string): DecodedEpc {
  const epc = hex.toUpperCase();
  try {
    const decoded = tds.valueOf(epc);
    if (decoded instanceof tds.Sgtin96) {
      return { epc, gtin: decoded.getGtin(), serial: String(decoded.getSerial()) };
    }
  } catch {
    // epc-tds throws on headers it does not know: an unidentified tag, not a bridge failure.
  }
  return { epc };
}

/** SGTIN-96 EPC (filter 1 = point-of-sale item) for a 14-digit GTIN and serial; used by the twin. */
export function encodeSgtin96(gtin14: string, serial: number, partition = 5): string {
  return new tds.Sgtin96()
    .setFilter(1)
    .setPartition(partition)
    .setGtin(gtin14)
    .setSerial(serial)
    .toHexString();
}

/** The EPC a Loupe tag carries for one of our serials (`LP-001-000123`); see protocol.ts. */
export function epcForSerial(serial: string): string | undefined {
  const n = sgtinSerialOf(serial);
  return n === undefined ? undefined : encodeSgtin96(LOUPE_GTIN, n);
}
