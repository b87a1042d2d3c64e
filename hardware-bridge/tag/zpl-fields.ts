/**
 * Reads printed content back out of ZPL: each label's text and barcode fields with their
 * origin. The tag twin uses it to show (and tests to assert) what a tag says without ink.
 * Covers the commands we emit; layout-only commands are read past.
 */
export type ZplField = {
  readonly x: number;
  readonly y: number;
  readonly kind: 'text' | 'code128' | 'barcode';
  readonly data: string;
};
export type ZplLabel = {
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly copies: number;
  readonly fields: ZplField[];
};

const decodeHex = (data: string, escapeChar: string): string => {
  const bytes: number[] = [];
  const raw = new TextEncoder().encode(data);
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] ?? 0;
    if (b === escapeChar.charCodeAt(0) && i + 2 < raw.length) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
};

export function parseZpl(zpl: string): ZplLabel[] {
  const labels: ZplLabel[] = [];
  let current: { width?: number; height?: number; copies: number; fields: ZplField[] } | undefined;
  let x = 0;
  let y = 0;
  let barcode: ZplField['kind'] | undefined;
  let hexEscape: string | undefined;

  for (const segment of zpl.split('^').slice(1)) {
    const cmd = segment.slice(0, 2).toUpperCase();
    const args = segment.slice(2);
    const nums = args.split(',').map((n) => Number.parseInt(n, 10));
    if (cmd === 'XA') {
      current = { copies: 1, fields: [] };
    } else if (!current) {
    } else if (cmd === 'XZ') {
      labels.push({
        width: current.width,
        height: current.height,
        copies: current.copies,
        fields: current.fields,
      });
      current = undefined;
    } else if (cmd === 'PW') current.width = nums[0];
    else if (cmd === 'LL') current.height = nums[0];
    else if (cmd === 'PQ') current.copies = nums[0] ?? 1;
    else if (cmd === 'FO' || cmd === 'FT') {
      x = nums[0] ?? 0;
      y = nums[1] ?? 0;
    } else if (cmd === 'BC') barcode = 'code128';
    else if (/^B[0-9A-Z]$/.test(cmd) && cmd !== 'BY') barcode = 'barcode';
    else if (cmd === 'FH') hexEscape = args.trim().slice(0, 1) || '_';
    else if (cmd === 'FD') {
      const data = hexEscape ? decodeHex(args, hexEscape) : args;
      current.fields.push({ x, y, kind: barcode ?? 'text', data: data.replace(/\n$/, '') });
    } else if (cmd === 'FS') {
      barcode = undefined;
      hexEscape = undefined;
    }
  }
  return labels;
}

/** The text fields of a label, top to bottom then left to right. */
export const labelTexts = (label: ZplLabel): string[] =>
  label.fields
    .filter((f) => f.kind === 'text')
    .sort((a, b) => a.x - b.x || a.y - b.y)
    .map((f) => f.data);
