/**
 * A return's receipt: what came back, what was refunded and how, read from the `sale.return`
 * command and the sale it returns. The same `print.receipt` job as a sale's (hardware-bridge
 * protocol), so the bridge prints it on the same printer; amounts are the refund's, positive.
 */
import { err, type Result } from '../../../domain/result.ts';
import { parseReceipt, type Receipt } from '../../../hardware-bridge/protocol.ts';
import type { Command, PieceView } from '../local/records.ts';
import { readAmount } from '../local/records.ts';
import type { SaleView } from './sale-record.ts';

export type ReturnView = {
  returnId: string;
  at: string;
  lines: Array<{ serial: string; refund: number }>;
  refunds: Array<{ kind: string; amount: number; reference?: string }>;
  total: number;
  currency: string;
};

export function readReturn(command: Command, sale: SaleView): ReturnView | undefined {
  const p = command.payload as { returnId?: unknown; serials?: unknown; refunds?: unknown } | undefined;
  if (command.type !== 'sale.return' || !p || !Array.isArray(p.serials)) return undefined;
  const serials = p.serials.map(String);
  const refunds = (Array.isArray(p.refunds) ? p.refunds : []).map((r: Record<string, unknown>) => ({
    kind: String(r.kind),
    amount: readAmount(r.amount)?.minor ?? 0,
    ...(typeof r.reference === 'string' ? { reference: r.reference } : {}),
  }));
  const lines = sale.lines
    .filter((l) => serials.includes(l.serial))
    .map((l) => ({ serial: l.serial, refund: l.net.minor + l.taxShare.minor }));
  return {
    returnId: String(p.returnId ?? command.id),
    at: command.at,
    lines,
    refunds,
    total: refunds.reduce((n, r) => n + r.amount, 0),
    currency: sale.total.currency,
  };
}

export function returnReceiptJob(
  r: ReturnView,
  ctx: {
    readonly storeName: string;
    readonly address: readonly string[];
    readonly pieces: Readonly<Record<string, PieceView>>;
    readonly associate: string;
    readonly locale: string;
    readonly timeZone: string;
    readonly words: { returned: string; refund: (kind: string) => string; footer: string };
  },
): Result<Receipt, string> {
  const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const job = parseReceipt({
    saleId: r.returnId,
    at: r.at,
    currency: r.currency,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    store: {
      name: clip(ctx.storeName || 'Loupe', 64),
      address: ctx.address.slice(0, 6).map((l) => clip(l, 64)),
    },
    ...(ctx.associate ? { associate: clip(ctx.associate, 64) } : {}),
    lines: r.lines.map((l) => ({
      description: clip(`${ctx.words.returned}: ${ctx.pieces[l.serial]?.title ?? l.serial}`, 120),
      serial: l.serial,
      quantity: 1,
      total: l.refund,
    })),
    subtotal: r.total,
    taxes: [],
    total: r.total,
    tenders: r.refunds.map((x) => ({
      label: clip([ctx.words.refund(x.kind), x.reference].filter(Boolean).join(' '), 40),
      amount: x.amount,
    })),
    change: 0,
    footer: [ctx.words.footer],
  });
  return job.ok ? job : err(`The return receipt cannot be printed: ${job.error.path} ${job.error.message}`);
}
