/**
 * Mail to clients about their custom orders and repairs (MAIL-*): "ready for collection" when a
 * job enters `ready`, and "instalment due" for the money module to call. Sent only when the client
 * gave e-mail consent (MAIL-2), always with an unsubscribe link (MAIL-3). `SMTP_URL` names the SMTP
 * server (`smtp://user:pass@host:587`, `smtps://…`); when it is unset, each message is written as
 * an `.eml` file to a local outbox folder (`LOUPE_MAIL_OUTBOX`, default `data/mail-outbox`) that a
 * manager reads through `GET /api/work/mail-outbox` (MAIL-5).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Currency, formatMoney, money } from '../../domain/money.ts';
import { names } from '../shared/doc-names.ts';
import { readClient } from '../shared/docs/clients.ts';
import { signWorkToken, statusLinkToken } from './work-links.ts';

export type MailOptions = {
  /** SMTP server URL; default `process.env.SMTP_URL`. */
  smtpUrl?: string;
  /** Where mail goes without SMTP; default `process.env.LOUPE_MAIL_OUTBOX` or `data/mail-outbox`. */
  outboxDir?: string;
  /** The address the mail comes from; default `process.env.LOUPE_MAIL_FROM`. */
  from?: string;
  /** Public address of the relay for links in mail; default `process.env.LOUPE_PUBLIC_URL`. */
  publicUrl?: string;
  /** How often the relay looks for jobs that became ready (ms); default 2 000. */
  pollMs?: number;
};

export type MailKind = 'ready' | 'instalment-due';
export type MailResult =
  | { sent: true; transport: 'smtp' | 'outbox'; to: string; id: string }
  | { sent: false; reason: 'no-consent' | 'no-email' | 'unknown-client' | 'failed'; detail?: string };

type Row = Record<string, string | number | null>;

const mailFrom = (o: MailOptions) => o.from ?? process.env.LOUPE_MAIL_FROM ?? 'Loupe <no-reply@loupe.local>';
export const outboxDirOf = (o: MailOptions = {}): string =>
  o.outboxDir ?? process.env.LOUPE_MAIL_OUTBOX ?? join('data', 'mail-outbox');
const publicUrlOf = (o: MailOptions): string =>
  (o.publicUrl ?? process.env.LOUPE_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 4321}`).replace(
    /\/$/,
    '',
  );

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribe: string;
  store: string;
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export class WorkMailer {
  readonly #db: DatabaseSync;
  readonly #options: MailOptions;
  #hocuspocus: Hocuspocus | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  readonly #transport: Transporter | undefined;

  constructor(db: DatabaseSync, options: MailOptions = {}) {
    this.#db = db;
    this.#options = options;
    const url = options.smtpUrl ?? process.env.SMTP_URL;
    this.#transport = url ? nodemailer.createTransport(url) : undefined;
  }

  /** Whether the relay handed over its instance (the client book is readable): mail can go. */
  get configured(): boolean {
    return this.#hocuspocus !== undefined;
  }

  get transportName(): 'smtp' | 'outbox' {
    return this.#transport ? 'smtp' : 'outbox';
  }

  /** The relay extension: finds jobs that became ready and mails their clients (MAIL-1). */
  extension(): Extension {
    return {
      extensionName: 'loupe-work-mail',
      onConfigure: async ({ instance }: onConfigurePayload) => {
        this.#hocuspocus = instance;
      },
      onListen: async () => {
        const every = this.#options.pollMs ?? 2_000;
        this.#timer = setInterval(() => void this.tick(), every);
        this.#timer.unref();
      },
      onDestroy: async () => {
        if (this.#timer) clearInterval(this.#timer);
        this.#timer = undefined;
        await this.#running;
        this.#transport?.close();
      },
    };
  }

  /** One pass over jobs that are ready and not yet mailed; resolves when it is done. */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = this.#readyPass()
      .catch((e) => console.error('work-mail: pass failed', e))
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #readyPass(): Promise<void> {
    // MAIL-1: each job that reached `ready` gets one mail (or one recorded reason why not); a
    // failed send is tried again at most three times.
    const due = this.#db
      .prepare(
        `SELECT o.id, o.store, o.client_id, o.kind, o.description FROM orders o
         WHERE o.stage IN ('ready') AND EXISTS (SELECT 1 FROM order_stages s WHERE s.order_id = o.id AND s.to_stage = 'ready')
           AND NOT EXISTS (SELECT 1 FROM work_mail m WHERE m.order_id = o.id AND m.kind = 'ready' AND m.error IS NULL)
           AND (SELECT count(*) FROM work_mail m WHERE m.order_id = o.id AND m.kind = 'ready') < 3
         LIMIT 50`,
      )
      .all() as Row[];
    for (const r of due) {
      await this.send({
        kind: 'ready',
        store: String(r.store),
        clientId: String(r.client_id),
        orderId: String(r.id),
        jobKind: r.kind === 'repair' ? 'repair' : 'custom',
        description: String(r.description),
      });
    }
  }

  /**
   * MAIL-6: "an instalment is due" for the money module: the same consent rule, unsubscribe link
   * and transport as the ready mail.
   */
  sendInstalmentDue(input: {
    store: string;
    clientId: string;
    orderId: string;
    dueDate: string;
    amountMinor: number;
    currency: string;
    /** DUEMAIL-1: the instalment's day has passed and it is still owed. */
    overdue?: boolean;
    /** The order as the client knows it (its description). */
    description?: string;
  }): Promise<MailResult> {
    return this.send({
      kind: 'instalment-due',
      ...input,
      jobKind: 'custom',
      description: input.description ?? '',
    });
  }

  async #client(store: string, clientId: string) {
    if (!this.#hocuspocus) return undefined;
    const conn = await this.#hocuspocus.openDirectConnection(names.clients(store), {
      relay: true,
      purpose: 'work-mail',
    });
    try {
      return conn.document ? readClient(conn.document, clientId) : undefined;
    } finally {
      await conn.disconnect();
    }
  }

  #storeName(store: string): string {
    const r = this.#db.prepare('SELECT name FROM stores WHERE id = ?').get(store) as Row | undefined;
    return r ? String(r.name) : 'Loupe';
  }

  async send(input: {
    kind: MailKind;
    store: string;
    clientId: string;
    orderId: string;
    jobKind: 'custom' | 'repair';
    description: string;
    dueDate?: string;
    amountMinor?: number;
    currency?: string;
    overdue?: boolean;
  }): Promise<MailResult> {
    const record = (recipient: string, transport: string, error: string | null) =>
      this.#db
        .prepare(
          `INSERT INTO work_mail (id, store, order_id, client_id, kind, recipient, transport, sent_at, error)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          randomUUID(),
          input.store,
          input.orderId,
          input.clientId,
          input.kind,
          recipient,
          transport,
          new Date().toISOString(),
          error,
        );
    const client = await this.#client(input.store, input.clientId);
    if (!client) {
      record('', 'none', null);
      return { sent: false, reason: 'unknown-client' };
    }
    // MAIL-2: only with the client's e-mail consent, and to an address they gave.
    if (client.consent.email?.granted !== true) {
      record('', 'skipped-no-consent', null);
      return { sent: false, reason: 'no-consent' };
    }
    const to = client.contacts.emails[0];
    if (!to) {
      record('', 'skipped-no-email', null);
      return { sent: false, reason: 'no-email' };
    }
    const message = await this.compose(input, to, client.names.display || client.names.first);
    try {
      const id = await this.#deliver(message);
      record(to, this.transportName, null);
      return { sent: true, transport: this.transportName, to, id };
    } catch (e) {
      record(to, this.transportName, e instanceof Error ? e.message : String(e));
      return { sent: false, reason: 'failed', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The message, with the status link when the job has one open, and the unsubscribe link (MAIL-3). */
  async compose(
    input: {
      kind: MailKind;
      store: string;
      clientId: string;
      orderId: string;
      jobKind: 'custom' | 'repair';
      description: string;
      dueDate?: string;
      amountMinor?: number;
      currency?: string;
      overdue?: boolean;
    },
    to: string,
    name: string,
  ): Promise<MailMessage> {
    const base = publicUrlOf(this.#options);
    const storeName = this.#storeName(input.store);
    const unsubToken = await signWorkToken(this.#db, {
      aud: 'loupe-unsubscribe',
      sub: input.clientId,
      store: input.store,
      days: 365,
    });
    const unsubscribe = `${base}/unsubscribe/${unsubToken}`;
    const link = await statusLinkToken(this.#db, input.orderId);
    const status = link ? `${base}/status/${link}` : undefined;
    const what = input.jobKind === 'repair' ? 'repair' : 'order';
    let subject: string;
    let body: string;
    if (input.kind === 'ready') {
      subject = `Your ${what} is ready for collection — ${storeName}`;
      body = `Dear ${name},\n\nYour ${what} (${input.description}) is ready. You can collect it at ${storeName}; please bring your claim check or an identity document.`;
    } else {
      const amount =
        input.amountMinor !== undefined && input.currency
          ? formatMoney(money(input.amountMinor, input.currency as Currency), 'en')
          : '';
      const order = input.description ? `your order (${input.description})` : 'your order';
      if (input.overdue) {
        subject = `An instalment due on ${input.dueDate ?? 'your plan'} is still open — ${storeName}`;
        body = `Dear ${name},\n\nAn instalment of ${amount} on ${order} was due on ${input.dueDate ?? ''} and is still open. If you have paid it already, please disregard this message; otherwise you can pay it at ${storeName}.`;
      } else {
        subject = `An instalment is due on ${input.dueDate ?? 'your plan'} — ${storeName}`;
        body = `Dear ${name},\n\nAn instalment of ${amount} on ${order} is due on ${input.dueDate ?? ''}. You can pay it at ${storeName}.`;
      }
    }
    const text = `${body}\n${status ? `\nFollow your ${what}: ${status}\n` : ''}\n${storeName}\n\nTo stop receiving these e-mails: ${unsubscribe}\n`;
    const html = `<p>${escapeHtml(body).replace(/\n\n/g, '</p><p>')}</p>${
      status ? `<p><a href="${escapeHtml(status)}">Follow your ${what}</a></p>` : ''
    }<p>${escapeHtml(storeName)}</p><p style="font-size:small"><a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>`;
    return { to, subject, text, html, unsubscribe, store: input.store };
  }

  async #deliver(m: MailMessage): Promise<string> {
    const mail = {
      from: mailFrom(this.#options),
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that posts to the link.
      list: { unsubscribe: { url: m.unsubscribe, comment: 'Unsubscribe' } },
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Loupe-Store': m.store },
    };
    if (this.#transport) {
      const info = (await this.#transport.sendMail(mail)) as { messageId: string };
      return info.messageId;
    }
    // MAIL-5: no SMTP server: the message as it would have been sent, in the outbox folder.
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = (await stream.sendMail(mail)) as { messageId: string; message: Buffer };
    const dir = outboxDirOf(this.#options);
    mkdirSync(dir, { recursive: true });
    const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
    writeFileSync(join(dir, file), info.message);
    return info.messageId;
  }
}

/** The outbox folder's messages, newest first (MAIL-5): file name and raw message. */
export function readMailOutbox(dir: string, limit = 100): { file: string; raw: string }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^[\w.-]+\.eml$/.test(f));
  } catch {
    return [];
  }
  return files
    .sort()
    .reverse()
    .slice(0, limit)
    .map((file) => ({ file, raw: readFileSync(join(dir, file), 'utf8') }));
}

const mailers = new WeakMap<DatabaseSync, WorkMailer>();
/** The relay's mailer (MAIL-6: the money module sends "instalment due" through it). */
export const mailerOf = (db: DatabaseSync): WorkMailer | undefined => mailers.get(db);
export function registerMailer(db: DatabaseSync, mailer: WorkMailer): WorkMailer {
  mailers.set(db, mailer);
  return mailer;
}
