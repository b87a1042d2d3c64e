/**
 * The profile screen's edits in words: what the schema module's writers refused, said for the
 * field being edited (decided by the error's reason, path and problem, never by its words), and
 * the add forms' values turned into the domain's items.
 */
import type { Milestone, MilestoneKind, RingSize, SizeSystem } from '../../../domain/client.ts';
import type { ClientList, ClientWriteError } from '../../../sync/shared/docs/clients.ts';
import { C } from './strings.ts';

/** What a ring size form holds (as typed). */
export type RingSizeForm = {
  hand: RingSize['hand'];
  finger: RingSize['finger'];
  size: string;
  system: SizeSystem;
};

/** A typed ring size as the domain spells it: `7,5` → `7.5`, `n 1/2` → `N½`. */
export function ringSizeFrom(form: RingSizeForm): RingSize {
  let size = form.size.trim().replace(',', '.');
  if (form.system === 'UK') size = size.toUpperCase().replace(/\s*1\/2$/, '½');
  return { hand: form.hand, finger: form.finger, size, system: form.system };
}

export type MilestoneForm = {
  kind: MilestoneKind;
  date: string;
  recurrence: 'yearly' | 'once';
  label: string;
};

export function milestoneFrom(form: MilestoneForm): Milestone {
  const label = form.label.trim();
  return {
    kind: form.kind,
    date: form.date.trim(),
    recurrence: form.recurrence,
    ...(label ? { label } : {}),
  };
}

const LIST_WORDS: Record<ClientList, string> = {
  emails: C.emails,
  phones: C.phones,
  ringSizes: C.ringSizes,
  milestones: C.milestones,
  metals: C.metals,
  stones: C.stones,
  designers: C.designers,
};

/** Why an edit of `what` was refused, in a sentence; `item` is what was being added. */
export function refusalInWords(
  what: ClientList | 'names' | 'wristCm' | 'neckCm' | 'notes' | 'consent',
  e: ClientWriteError,
  item?: unknown,
): string {
  if (e.reason === 'unknown-client') return C.gone;
  const { path, problem, message } = e.error;
  if (problem === 'format')
    return what === 'emails'
      ? C.emailInvalid
      : what === 'phones'
        ? C.phoneInvalid
        : C.invalid(label(what), message);
  if (problem === 'date') return C.dateInvalid;
  if (what === 'names') return C.nameRequired;
  if (what === 'notes') return C.invalid(C.notes, message);
  if (what === 'consent') return C.invalid(C.consent, message);
  if (what === 'wristCm') return C.measureInvalid(C.wrist, 5, 40);
  if (what === 'neckCm') return C.measureInvalid(C.neck, 20, 80);
  if (what === 'ringSizes' && isRingSize(item) && /^ringSizes\[\d+\]$/.test(path))
    return C.ringSizeInvalid(item.size, item.system);
  // The list itself refused (no item index in the path): it is full.
  if (what in LIST_WORDS && !/\[\d+\]/.test(path)) return C.tooMany(LIST_WORDS[what as ClientList]);
  return C.invalid(label(what), message);
}

const label = (what: string): string =>
  LIST_WORDS[what as ClientList] ?? (what === 'wristCm' ? C.wrist : what === 'neckCm' ? C.neck : C.names);

const isRingSize = (v: unknown): v is RingSize =>
  typeof v === 'object' && v !== null && 'size' in v && 'system' in v;
