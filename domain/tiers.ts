/**
 * Tiers and rising clients (TIER-*). An owner sets, per currency, the spend at which a client
 * becomes loyal and VIP (`tiers.set`, projected to `org`); every screen computes the tier from the
 * client's spend with `tierFor`, so a change of thresholds shows on every badge at once.
 */
import type { Currency, Money } from './money.ts';
import { parseAmount } from './money-parse.ts';
import { object, type Parser, refine } from './parse.ts';

export const TIERS = ['new', 'loyal', 'vip'] as const;
export type Tier = (typeof TIERS)[number];

/** Spend (at or above) that makes a client loyal, and VIP; both in one currency. */
export type TierThresholds = { readonly loyal: Money; readonly vip: Money };

/** TIER-1: one currency, both above zero, VIP above loyal. */
export const parseTierThresholds: Parser<TierThresholds> = refine(
  object({ loyal: parseAmount, vip: parseAmount }),
  (t) =>
    t.loyal.currency !== t.vip.currency
      ? 'loyal and VIP thresholds must be in one currency'
      : t.loyal.minor <= 0
        ? 'the loyal threshold must be more than zero'
        : t.vip.minor <= t.loyal.minor
          ? 'the VIP threshold must be above the loyal threshold'
          : undefined,
);

/**
 * TIER-2: VIP from the VIP threshold on, loyal from the loyal one, new below; undefined when no
 * thresholds are set for the spend's currency (the screens then show no tier rather than guess).
 */
export function tierFor(
  spend: Money,
  thresholds: Readonly<Partial<Record<Currency, TierThresholds>>>,
): Tier | undefined {
  const t = thresholds[spend.currency];
  if (!t || t.loyal.currency !== spend.currency) return undefined;
  if (spend.minor >= t.vip.minor) return 'vip';
  if (spend.minor >= t.loyal.minor) return 'loyal';
  return 'new';
}

/** Spend and visits (days with a purchase or an attended viewing) in one period. */
export type Activity = { readonly spendMinor: number; readonly visits: number };

/** The length of each of the two windows `isRising` compares. */
export const RISING_WINDOW_DAYS = 90;

/**
 * TIER-3: a client is rising when, in the last 90 days against the 90 before, their spend grew
 * by half or more (and they were not a first-time buyer with a single visit), or they came at
 * least two more times.
 */
export function isRising(recent: Activity, prior: Activity): boolean {
  const spendUp =
    recent.spendMinor > prior.spendMinor &&
    recent.spendMinor * 2 >= prior.spendMinor * 3 &&
    (prior.visits > 0 || recent.visits >= 2);
  const visitsUp = recent.visits >= prior.visits + 2;
  return spendUp || visitsUp;
}
