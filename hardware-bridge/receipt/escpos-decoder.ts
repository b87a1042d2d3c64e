/**
 * Decodes the ESC/POS we emit back into text and events, so the printer twin (and tests) can
 * assert what a customer would read. It knows the commands our encoder produces (ESCPOS-5);
 * anything else is listed in `unknown` rather than guessed at.
 */

// Upper halves (0x80–0xFF) of the two code pages the encoder selects (ESC t 0 / ESC t 19).
const CP437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const CP858 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const CODEPAGES: Record<number, string> = { 0: CP437, 19: CP858 };

const BARCODE_SYMBOLOGIES: Record<number, string> = {
  0: 'upca',
  1: 'upce',
  2: 'ean13',
  3: 'ean8',
  4: 'code39',
  5: 'itf',
  6: 'codabar',
  65: 'upca',
  66: 'upce',
  67: 'ean13',
  68: 'ean8',
  69: 'code39',
  70: 'itf',
  71: 'codabar',
  72: 'code93',
  73: 'code128',
};

export type DecodedReceipt = {
  /** Printed lines, trailing padding removed. */
  readonly lines: string[];
  cuts: number;
  drawerKicks: number;
  readonly barcodes: { symbology: string; data: string }[];
  readonly qrcodes: string[];
  /** Commands the decoder does not know, as hex, e.g. `1b2a`. Empty for everything we emit. */
  readonly unknown: string[];
};

/** ESC commands with a fixed number of argument bytes. */
const ESC_ARGS: Record<number, number> = {
  64: 0, // @ initialize
  50: 0, // 2 default line spacing
  105: 0, // i partial cut
  109: 0, // m partial cut
  33: 1, // ! print mode
  45: 1, // - underline
  51: 1, // 3 line spacing
  52: 1, // 4 italic
  69: 1, // E bold
  71: 1, // G double strike
  74: 1, // J feed dots
  77: 1, // M font
  86: 1, // V rotate
  97: 1, // a align
  114: 1, // r colour
  123: 1, // { upside down
};
/** GS commands with a fixed number of argument bytes. */
const GS_ARGS: Record<number, number> = { 33: 1, 66: 1, 98: 1, 102: 1, 72: 1, 104: 1, 119: 1, 76: 2, 87: 2 };

export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const out: DecodedReceipt = { lines: [], cuts: 0, drawerKicks: 0, barcodes: [], qrcodes: [], unknown: [] };
  let line = '';
  let codepage = CP437;
  let pendingQr: string | undefined;
  const at = (k: number): number => bytes[k] ?? 0;
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  const flush = (): void => {
    out.lines.push(line.trimEnd());
    line = '';
  };
  const hex = (from: number, to: number): string =>
    Array.from(bytes.subarray(from, to), (b) => b.toString(16).padStart(2, '0')).join('');

  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      flush();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b >= 0x20 && b < 0x80) {
      line += String.fromCharCode(b);
      i += 1;
    } else if (b >= 0x80) {
      line += codepage[b - 0x80] ?? '?';
      i += 1;
    } else if (b === 0x1b) {
      const cmd = at(i + 1);
      if (cmd === 0x74) {
        const page = CODEPAGES[at(i + 2)];
        if (page === undefined) out.unknown.push(hex(i, i + 3));
        codepage = page ?? CP437;
        i += 3;
      } else if (cmd === 0x70) {
        out.drawerKicks += 1; // ESC p m t1 t2
        i += 5;
      } else if (cmd === 0x64) {
        flush(); // ESC d n: print and feed n lines
        for (let k = 1; k < at(i + 2); k++) out.lines.push('');
        i += 3;
      } else if (ESC_ARGS[cmd] !== undefined) {
        if (cmd === 0x69 || cmd === 0x6d) out.cuts += 1;
        i += 2 + ESC_ARGS[cmd];
      } else {
        out.unknown.push(hex(i, i + 2));
        i += 2;
      }
    } else if (b === 0x1c) {
      const cmd = at(i + 1);
      if (cmd === 0x2e || cmd === 0x26) i += 2;
      else {
        out.unknown.push(hex(i, i + 2));
        i += 2;
      }
    } else if (b === 0x1d) {
      const cmd = at(i + 1);
      if (cmd === 0x56) {
        out.cuts += 1; // GS V m [n]
        i += [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(at(i + 2)) ? 4 : 3;
      } else if (cmd === 0x6b) {
        const m = at(i + 2);
        let data: string;
        if (m <= 6) {
          let end = i + 3;
          while (end < bytes.length && at(end) !== 0) end++;
          data = ascii(i + 3, end);
          i = end + 1;
        } else {
          const n = at(i + 3);
          data = ascii(i + 4, i + 4 + n);
          i += 4 + n;
        }
        const symbology = BARCODE_SYMBOLOGIES[m] ?? `m${m}`;
        if (symbology === 'code128') data = data.replace(/^\{[ABC]/, '').replaceAll('{{', '{');
        out.barcodes.push({ symbology, data });
      } else if (cmd === 0x28) {
        // GS ( fn pL pH payload: 2D codes (k) and others; only QR store/print matter to us.
        const len = at(i + 3) + at(i + 4) * 256;
        const body = bytes.subarray(i + 5, i + 5 + len);
        if (at(i + 2) === 0x6b && body[0] === 49 && body[1] === 80) pendingQr = ascii(i + 8, i + 5 + len);
        if (at(i + 2) === 0x6b && body[0] === 49 && body[1] === 81 && pendingQr !== undefined) {
          out.qrcodes.push(pendingQr);
          pendingQr = undefined;
        }
        i += 5 + len;
      } else if (GS_ARGS[cmd] !== undefined) {
        i += 2 + GS_ARGS[cmd];
      } else {
        out.unknown.push(hex(i, i + 2));
        i += 2;
      }
    } else {
      out.unknown.push(hex(i, i + 1));
      i += 1;
    }
  }
  if (line.length > 0) flush();
  return out;
}

export const receiptText = (r: DecodedReceipt): string => r.lines.join('\n');
