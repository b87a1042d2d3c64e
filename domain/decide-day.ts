/**
 * End of day (EOD-*): a manager closes a business day for one till or the whole store; the
 * relay works out what the day took from its own records, and the close, once decided, is never
 * changed — only corrected by a later close that names it.
 */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { ok, type Result } from './result.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** A day may be closed once it has started anywhere on Earth (UTC+14) at the time of the command. */
const EARLIEST_ZONE_MS = 14 * 3_600_000;

export function decideDayClose(state: DecisionState, c: CommandOf<'day.close'>): Decision {
  // EOD-1: the people who count the drawer and answer for it.
  const actor = authorize(state, c, 'view-finance');
  if (!actor.ok) return actor;
  const p = c.payload;
  const money = checkCurrency(actor.value.currency, [p.float, p.counted]);
  if (!money.ok) return money;
  // EOD-2: no closing a day that has not begun.
  const latestDay = new Date(Date.parse(c.at) + EARLIEST_ZONE_MS).toISOString().slice(0, 10);
  if (p.day > latestDay)
    return reject('day-in-future', `${p.day} has not started yet; close a day once it is over.`, {
      day: p.day,
    });
  const takings = state.dayTakings?.(c.store, p.day, p.till);
  if (!takings)
    return reject('store-unknown', 'Only the store server can close a day; connect this till.', {
      day: p.day,
    });
  // EOD-4: once per day and scope; afterwards only a correction naming the latest close.
  const previous = state.dayClose?.(c.store, p.day, p.till);
  if (previous && p.corrects !== previous.closeId)
    return reject(
      'day-already-closed',
      `${p.day} is already closed${p.till ? ' for this till' : ''}; a closed day is not changed, record a correction of it instead.`,
      { day: p.day, closeId: previous.closeId },
    );
  if (!previous && p.corrects !== undefined)
    return reject('close-unknown', 'There is no close of that day to correct; close it first.', {
      day: p.day,
      corrects: p.corrects,
    });
  // EOD-3: what the drawer should hold.
  const cash = takings.byTender.cash ?? { in: 0, out: 0 };
  const currency = actor.value.currency;
  const expected = p.float.minor + cash.in - cash.out;
  const overShort = p.counted.minor - expected;
  // EOD-5: money over or short is explained in words.
  if (overShort !== 0 && !p.note?.trim())
    return reject(
      'over-short-needs-reason',
      `The drawer is ${overShort > 0 ? 'over' : 'short'} by ${Math.abs(overShort)} (minor units); say why in the note.`,
      { overShort },
    );
  return ok([
    {
      type: 'day.closed',
      closeId: p.closeId,
      store: c.store,
      day: p.day,
      ...(p.till ? { till: p.till } : {}),
      float: p.float,
      counted: p.counted,
      expected: { minor: expected, currency },
      overShort: { minor: overShort, currency },
      takings,
      ...(p.note ? { note: p.note } : {}),
      ...(p.corrects ? { corrects: p.corrects } : {}),
    },
  ]);
}
