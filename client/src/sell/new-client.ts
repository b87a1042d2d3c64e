/**
 * A walk-in buyer's first profile, created at the counter: the form's values become a domain
 * `ClientProfile` checked by `parseClient`, with the failing field named in plain words, and
 * the store's book is searched for someone who is likely the same person before it is written.
 */
import { type ClientProfile, parseClient, SIZE_SYSTEMS, type SizeSystem } from '../../../domain/client.ts';
import type { ParseError } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import type { ClientView } from '../local/records.ts';
import { S } from './strings.ts';

export type ConsentChannel = 'email' | 'sms' | 'phone';

export type NewClientForm = {
  first: string;
  last: string;
  email: string;
  phone: string;
  /** Consent as the client gave it today, per channel; recorded only for a contact given. */
  consent: Record<ConsentChannel, boolean>;
  ringSize: string;
  ringSystem: SizeSystem;
  /** `YYYY-MM-DD` or '' */
  birthday: string;
  anniversary: string;
};

export type FormField = 'first' | 'last' | 'email' | 'phone' | 'ringSize' | 'birthday' | 'anniversary';
export type FormError = { readonly field: FormField; readonly message: string };

export const emptyForm = (): NewClientForm => ({
  first: '',
  last: '',
  email: '',
  phone: '',
  consent: { email: false, sms: false, phone: false },
  ringSize: '',
  ringSystem: 'EU',
  birthday: '',
  anniversary: '',
});

/** What was typed in the search goes where it belongs: an e-mail, a phone, or a name. */
export function formFromQuery(query: string): NewClientForm {
  const q = query.trim();
  const form = emptyForm();
  if (q.includes('@')) return { ...form, email: q };
  if (/^\+?[\d\s().-]+$/.test(q)) return { ...form, phone: q };
  const [first = '', ...rest] = q.split(/\s+/);
  return { ...form, first, last: rest.join(' ') };
}

export const isSizeSystem = (s: string): s is SizeSystem => (SIZE_SYSTEMS as readonly string[]).includes(s);

/** Today's date (`YYYY-MM-DD`) in a time zone: consent is dated in the store's calendar. */
export function dateIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(now)
      .slice(0, 10);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

const LABEL = S.field as Record<FormField, string>;

/** Decided by the field (from the error's path) and the error's `problem`, never by its words. */
function inWords(field: FormField, error: ParseError): string {
  if (error.problem === 'format')
    return field === 'email'
      ? S.emailInvalid
      : field === 'phone'
        ? S.phoneInvalid
        : S.fieldInvalid(LABEL[field]);
  if (error.problem === 'date') return S.notARealDate(LABEL[field]);
  if (field === 'ringSize') return S.ringSizeProblem(error.message);
  return S.fieldProblem(LABEL[field], error.message);
}

export type ClientContext = {
  readonly id: string;
  readonly store: string;
  readonly now: Date;
  /** `YYYY-MM-DD` in the store's time zone. */
  readonly today: string;
};

/** The form as a domain profile, or the first field to correct with a sentence saying why. */
export function buildClient(form: NewClientForm, ctx: ClientContext): Result<ClientProfile, FormError> {
  const first = form.first.trim();
  const last = form.last.trim();
  const email = form.email.trim();
  const phone = form.phone.trim();
  if (!first) return err({ field: 'first', message: S.firstRequired });
  if (!last) return err({ field: 'last', message: S.lastRequired });
  if (!email && !phone) return err({ field: 'email', message: S.contactRequired });

  const consent = (granted: boolean) => ({ granted, date: ctx.today });
  const milestones: Array<{ field: FormField; kind: 'birthday' | 'anniversary'; date: string }> = [];
  if (form.birthday.trim())
    milestones.push({ field: 'birthday', kind: 'birthday', date: form.birthday.trim() });
  if (form.anniversary.trim())
    milestones.push({ field: 'anniversary', kind: 'anniversary', date: form.anniversary.trim() });
  const size = form.ringSize.trim().toUpperCase();

  const r = parseClient({
    id: ctx.id,
    names: { first, last },
    contacts: { emails: email ? [email] : [], phones: phone ? [phone] : [] },
    consent: {
      ...(email ? { email: consent(form.consent.email) } : {}),
      ...(phone ? { sms: consent(form.consent.sms), phone: consent(form.consent.phone) } : {}),
    },
    ringSizes: size ? [{ hand: 'left', finger: 'ring', size, system: form.ringSystem }] : [],
    milestones: milestones.map((m) => ({ kind: m.kind, date: m.date, recurrence: 'yearly' })),
    notes: '',
    homeStore: ctx.store,
    createdAt: ctx.now.toISOString(),
  });
  if (r.ok) return ok(r.value);
  const field = fieldOf(r.error.path, milestones);
  return err({ field, message: inWords(field, r.error) });
}

function fieldOf(path: string, milestones: ReadonlyArray<{ field: FormField }>): FormField {
  if (path.startsWith('names.last')) return 'last';
  if (path.startsWith('names')) return 'first';
  if (path.startsWith('contacts.emails')) return 'email';
  if (path.startsWith('contacts.phones')) return 'phone';
  if (path.startsWith('ringSizes')) return 'ringSize';
  const m = /^milestones\[(\d+)\]/.exec(path);
  if (m) return milestones[Number(m[1])]?.field ?? 'birthday';
  return 'first';
}

export type DuplicateReason = 'email' | 'phone' | 'name';
export type Duplicate = { readonly client: ClientView; readonly reasons: readonly DuplicateReason[] };

const digits = (s: string): string => s.replace(/\D/g, '');
const folded = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Clients already in the book who are likely the same person: the same e-mail, the same phone
 * (digits compared, so `+33 6 12…` and `+33612…` match), or the same full name (accents and
 * case aside). Strongest matches first.
 */
export function findDuplicates(form: NewClientForm, clients: Record<string, ClientView>): Duplicate[] {
  const email = form.email.trim().toLowerCase();
  const phone = digits(form.phone);
  const name = folded(`${form.first} ${form.last}`);
  const out: Duplicate[] = [];
  for (const c of Object.values(clients)) {
    const reasons: DuplicateReason[] = [];
    if (email && c.email.trim().toLowerCase() === email) reasons.push('email');
    if (phone.length >= 5 && digits(c.phone) === phone) reasons.push('phone');
    if (name && form.first.trim() && form.last.trim() && folded(c.name) === name) reasons.push('name');
    if (reasons.length > 0) out.push({ client: c, reasons });
  }
  return out.sort(
    (a, b) => b.reasons.length - a.reasons.length || a.client.name.localeCompare(b.client.name),
  );
}

const REASON_WORDS = S.duplicateReason as Record<DuplicateReason, string>;
export const reasonsInWords = (d: Duplicate): string => d.reasons.map((r) => REASON_WORDS[r]).join(', ');
