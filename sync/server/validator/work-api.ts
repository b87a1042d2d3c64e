/**
 * Custom orders and repairs over HTTP (LINK-*, MAIL-*):
 *
 * - `POST|GET /api/work/<orderId>/status-links`, `DELETE /api/work/<orderId>/status-links/<id>`:
 *   a manager of the order's store creates, lists and revokes its client status links.
 * - `GET /status/<token>`: the status page a client opens on a phone, without logging in.
 * - `GET|POST /unsubscribe/<token>`: the mail's unsubscribe link; POST records the consent change.
 * - `GET /api/work/mail-outbox?store=<id>`: mail written to the local outbox (no `SMTP_URL`).
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import { simpleParser } from 'mailparser';
import { type Currency, formatMoney, money } from '../../../domain/money.ts';
import { atLeast } from '../../../domain/roles.ts';
import { stagesOf } from '../../../domain/work-order.ts';
import { names } from '../../shared/doc-names.ts';
import { appendAudit } from '../../shared/docs/audit.ts';
import { readClient, setClientConsent } from '../../shared/docs/clients.ts';
import { apiRoute, json, keyRingOf, readBody, readJson, requireCaller } from '../http-io.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import {
  createStatusLink,
  openStatusToken,
  revokeStatusLink,
  statusLinks,
  UNSUBSCRIBE_AUDIENCE,
  verifyWorkToken,
} from '../work-links.ts';
import { type MailOptions, outboxDirOf, readMailOutbox, registerMailer, WorkMailer } from '../work-mail.ts';
import { WorkSource } from '../work-projection.ts';

const LINKS = /^\/api\/work\/([0-9a-f-]{36})\/status-links(?:\/([0-9a-f-]{36}))?$/i;
const STATUS = /^\/status\/([A-Za-z0-9_.-]{20,2000})$/;
const UNSUB = /^\/unsubscribe\/([A-Za-z0-9_.-]{20,2000})$/;

type Lang = 'en' | 'fr';
const T = {
  en: {
    title: 'Your order',
    repair: 'Repair',
    custom: 'Custom order',
    stage: 'Stage',
    due: 'Promised for',
    total: 'Total',
    paid: 'Paid',
    balance: 'Still to pay',
    payments: 'Payments',
    deposit: 'Payment',
    refund: 'Refund',
    none: 'No payment yet.',
    gone: 'This link is no longer valid. Please ask the store for a new one.',
    goneTitle: 'Link not valid',
    unsubTitle: 'Unsubscribe',
    unsubAsk: 'Stop receiving e-mails from',
    unsubButton: 'Unsubscribe',
    unsubDone: 'You will no longer receive e-mails from',
    stages: {
      consultation: 'Consultation',
      design: 'Design',
      'quote-approved': 'Quote approved',
      'in-production': 'In production',
      'quality-check': 'Quality check',
      ready: 'Ready for collection',
      collected: 'Collected',
      received: 'Received',
      estimated: 'Estimated',
      approved: 'Approved',
      'at-bench': 'At the bench',
    } as Record<string, string>,
  },
  fr: {
    title: 'Votre commande',
    repair: 'Réparation',
    custom: 'Création sur mesure',
    stage: 'Étape',
    due: 'Prévu pour le',
    total: 'Total',
    paid: 'Payé',
    balance: 'Reste à payer',
    payments: 'Paiements',
    deposit: 'Paiement',
    refund: 'Remboursement',
    none: 'Aucun paiement pour l’instant.',
    gone: 'Ce lien n’est plus valable. Demandez-en un nouveau à la boutique.',
    goneTitle: 'Lien non valable',
    unsubTitle: 'Désinscription',
    unsubAsk: 'Ne plus recevoir d’e-mails de',
    unsubButton: 'Me désinscrire',
    unsubDone: 'Vous ne recevrez plus d’e-mails de',
    stages: {
      consultation: 'Consultation',
      design: 'Dessin',
      'quote-approved': 'Devis accepté',
      'in-production': 'En fabrication',
      'quality-check': 'Contrôle qualité',
      ready: 'Prête à être retirée',
      collected: 'Retirée',
      received: 'Reçue',
      estimated: 'Estimée',
      approved: 'Acceptée',
      'at-bench': 'À l’atelier',
    } as Record<string, string>,
  },
};

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const langOf = (req: IncomingMessage): Lang =>
  /^\s*fr\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'fr' : 'en';

function page(res: ServerResponse, status: number, lang: Lang, title: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1d1d1f;background:#faf8f5}
main{max-width:32rem;margin:auto}h1{font-size:1.4rem;margin:.2rem 0}dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}
dt{color:#555}dd{margin:0;font-weight:600}ol{padding-left:1.2rem}li.done{color:#555}li.now{font-weight:700}
table{width:100%;border-collapse:collapse}td{padding:.3rem 0;border-bottom:1px solid #e5e0d8}td:last-child{text-align:right}
button{font:inherit;padding:.7rem 1.2rem;border-radius:.4rem;border:1px solid #1d1d1f;background:#1d1d1f;color:#fff}</style>
</head><body><main>${body}</main></body></html>`);
}

export class WorkApi {
  readonly #db: DatabaseSync;
  readonly #work: WorkSource;
  readonly #mail: MailOptions;
  #hocuspocus: Hocuspocus | undefined;

  constructor(db: DatabaseSync, mail: MailOptions = {}) {
    this.#db = db;
    this.#work = new WorkSource(db);
    this.#mail = mail;
  }

  extension(): Extension {
    const route = apiRoute(
      'loupe-work-api',
      (url) =>
        LINKS.test(url.pathname) ||
        STATUS.test(url.pathname) ||
        UNSUB.test(url.pathname) ||
        url.pathname === '/api/work/mail-outbox',
      (req, res, url) => this.#handle(req, res, url),
    );
    return {
      ...route,
      onConfigure: async ({ instance }: onConfigurePayload) => {
        this.#hocuspocus = instance;
      },
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const links = LINKS.exec(url.pathname);
    if (links) return this.#links(req, res, String(links[1]).toLowerCase(), links[2]?.toLowerCase());
    const status = STATUS.exec(url.pathname);
    if (status) return this.#status(req, res, String(status[1]));
    const unsub = UNSUB.exec(url.pathname);
    if (unsub) return this.#unsubscribe(req, res, String(unsub[1]));
    if (url.pathname === '/api/work/mail-outbox') return this.#outbox(req, res, url);
  }

  /** The store of the order, or undefined (a 404 is sent). */
  #orderStore(res: ServerResponse, orderId: string): string | undefined {
    const r = this.#db.prepare('SELECT store FROM orders WHERE id = ?').get(orderId) as
      | { store: string }
      | undefined;
    if (!r) json(res, 404, { error: 'order-unknown', message: 'no such order is on record' });
    return r?.store;
  }

  async #links(req: IncomingMessage, res: ServerResponse, orderId: string, linkId?: string): Promise<void> {
    const method = req.method ?? 'GET';
    const allowed = linkId ? ['DELETE'] : ['GET', 'POST'];
    if (!allowed.includes(method)) {
      res.setHeader('Allow', allowed.join(', '));
      return json(res, 405, { error: 'method-not-allowed' });
    }
    const caller = await requireCaller(req, res, keyRingOf(this.#db));
    if (!caller) return;
    // LINK-4: managers (and owners) of the order's store only.
    if (!atLeast(caller.role, 'manager'))
      return json(res, 403, { error: 'forbidden', message: 'a manager creates and revokes status links' });
    const store = this.#orderStore(res, orderId);
    if (!store) return;
    if (caller.role !== 'owner' && !caller.stores.includes(store))
      return json(res, 403, { error: 'forbidden', message: 'not a store of yours' });
    if (method === 'GET') return json(res, 200, { links: statusLinks(this.#db, orderId) });
    if (method === 'DELETE') {
      if (!revokeStatusLink(this.#db, orderId, String(linkId), caller.sub))
        return json(res, 404, { error: 'link-unknown', message: 'no live link by this id on this order' });
      return json(res, 200, { revoked: linkId });
    }
    const body = Number(req.headers['content-length'] ?? 0) > 0 ? await readJson(req) : {};
    const days = (body as { days?: unknown } | null)?.days ?? 90;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365)
      return json(res, 400, { error: 'invalid-days', message: 'days must be a whole number from 1 to 365' });
    const { link, token } = await createStatusLink(this.#db, orderId, caller.sub, days);
    const host = req.headers.host ?? 'localhost';
    const base = (this.#mail.publicUrl ?? process.env.LOUPE_PUBLIC_URL ?? `http://${host}`).replace(
      /\/$/,
      '',
    );
    return json(res, 201, { link, token, url: `${base}/status/${token}` });
  }

  async #status(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const lang = langOf(req);
    const t = T[lang];
    if (req.method !== 'GET' && req.method !== 'HEAD') return page(res, 405, lang, t.goneTitle, '');
    const orderId = await openStatusToken(this.#db, token);
    const found = orderId ? this.#work.job(orderId) : undefined;
    if (!orderId || !found)
      return page(res, 404, lang, t.goneTitle, `<h1>${t.goneTitle}</h1><p>${t.gone}</p>`);
    const { job, store } = found;
    const storeRow = this.#db.prepare('SELECT name FROM stores WHERE id = ?').get(store) as
      | { name: string }
      | undefined;
    const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
    const fmt = (minor: number) => formatMoney(money(minor, job.currency as Currency), locale);
    const stages = stagesOf(job.kind);
    const at = stages.indexOf(job.stage as never);
    const steps = stages
      .map(
        (s, i) =>
          `<li class="${i < at ? 'done' : i === at ? 'now' : ''}"${i === at ? ' aria-current="step"' : ''}>${esc(t.stages[s] ?? s)}</li>`,
      )
      .join('');
    const payments = this.#work.payments(orderId);
    const rows = payments
      .map(
        (p) =>
          `<tr><td>${esc(new Date(p.at).toLocaleDateString(locale))}</td><td>${p.kind === 'refund' ? t.refund : t.deposit}</td><td>${esc(
            (p.kind === 'refund' ? '−' : '') + fmt(p.amountMinor),
          )}</td></tr>`,
      )
      .join('');
    const due = job.dueDate
      ? new Date(`${job.dueDate}T12:00:00Z`).toLocaleDateString(locale, { dateStyle: 'long' })
      : '—';
    page(
      res,
      200,
      lang,
      `${t.title} — ${storeRow?.name ?? ''}`,
      `<p>${esc(storeRow?.name ?? '')}</p>
<h1>${job.kind === 'repair' ? t.repair : t.custom}: ${esc(job.description)}</h1>
<dl><dt>${t.stage}</dt><dd data-stage="${esc(job.stage)}">${esc(t.stages[job.stage] ?? job.stage)}</dd>
<dt>${t.due}</dt><dd>${esc(due)}</dd>
<dt>${t.total}</dt><dd>${esc(fmt(job.totalMinor))}</dd>
<dt>${t.paid}</dt><dd>${esc(fmt(job.paidMinor))}</dd>
<dt>${t.balance}</dt><dd data-balance="${job.balanceMinor}">${esc(fmt(job.balanceMinor))}</dd></dl>
<h2>${t.stage}</h2><ol>${steps}</ol>
<h2>${t.payments}</h2>${rows ? `<table>${rows}</table>` : `<p>${t.none}</p>`}`,
    );
  }

  async #unsubscribe(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const lang = langOf(req);
    const t = T[lang];
    const claims = await verifyWorkToken(this.#db, token, UNSUBSCRIBE_AUDIENCE);
    if (!claims?.store) return page(res, 404, lang, t.goneTitle, `<h1>${t.goneTitle}</h1><p>${t.gone}</p>`);
    const storeRow = this.#db.prepare('SELECT name FROM stores WHERE id = ?').get(claims.store) as
      | { name: string }
      | undefined;
    const storeName = esc(storeRow?.name ?? 'Loupe');
    if (req.method === 'GET' || req.method === 'HEAD')
      // MAIL-4: a GET only asks (mail scanners follow links); the button posts.
      return page(
        res,
        200,
        lang,
        t.unsubTitle,
        `<h1>${t.unsubTitle}</h1><form method="post"><p>${t.unsubAsk} ${storeName}?</p><button type="submit">${t.unsubButton}</button></form>`,
      );
    if (req.method !== 'POST') return page(res, 405, lang, t.unsubTitle, '');
    await readBody(req, 1024);
    await this.withdrawEmailConsent(claims.store, claims.sub, 'unsubscribe-link');
    return page(res, 200, lang, t.unsubTitle, `<h1>${t.unsubTitle}</h1><p>${t.unsubDone} ${storeName}.</p>`);
  }

  /** MAIL-4: the client's e-mail consent withdrawn in their book and recorded in SQL and the audit. */
  async withdrawEmailConsent(store: string, clientId: string, source: string): Promise<void> {
    const hocuspocus = this.#hocuspocus;
    if (!hocuspocus) throw new Error('work api used before Hocuspocus configured it');
    const at = new Date().toISOString();
    let changed = false;
    await writeRelayDoc(hocuspocus, names.clients(store), 'unsubscribe', (doc) => {
      const client = readClient(doc, clientId);
      if (!client || client.consent.email?.granted === false) return;
      changed = setClientConsent(doc, clientId, 'email', { granted: false, date: at.slice(0, 10) }).ok;
    });
    this.#db
      .prepare(
        'INSERT INTO consent_changes (id, store, client_id, channel, granted, source, at) VALUES (?, ?, ?, ?, 0, ?, ?)',
      )
      .run(randomUUID(), store, clientId, 'email', source, at);
    if (changed)
      await writeRelayDoc(hocuspocus, names.audit(store), 'unsubscribe', (doc) =>
        appendAudit(doc, [
          {
            id: `unsubscribe:${randomUUID()}`,
            at,
            user: '',
            userName: 'client (unsubscribe link)',
            device: 'relay',
            document: names.clients(store),
            changes: { clients: [clientId], consent: ['email'] },
          },
        ]),
      );
  }

  async #outbox(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const store = url.searchParams.get('store') ?? '';
    const caller = await requireCaller(req, res, keyRingOf(this.#db), { store });
    if (!caller) return;
    if (!atLeast(caller.role, 'manager'))
      return json(res, 403, { error: 'forbidden', message: 'a manager reads the mail outbox' });
    const out = [];
    for (const m of readMailOutbox(outboxDirOf(this.#mail))) {
      const parsed = await simpleParser(m.raw);
      if (parsed.headers.get('x-loupe-store') !== store) continue;
      out.push({
        file: m.file,
        to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '',
        subject: parsed.subject ?? '',
        date: parsed.date?.toISOString() ?? null,
        text: parsed.text ?? '',
      });
    }
    return json(res, 200, { transport: process.env.SMTP_URL ? 'smtp' : 'outbox', messages: out });
  }
}

/** The work API and the mailer, as relay extensions (registered in `validatorExtensions`). */
export function workExtensions(db: DatabaseSync, mail: MailOptions = {}): Extension[] {
  return [new WorkApi(db, mail).extension(), registerMailer(db, new WorkMailer(db, mail)).extension()];
}
