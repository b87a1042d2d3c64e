/**
 * Per-till scanner tuning, kept in localStorage: a Bluetooth scanner or a busy tablet can
 * deliver keys slower than a wired scanner, so the store can widen the gap it accepts.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import type { BurstOptions } from './burst-detector.ts';

const KEY = 'loupe.scanner';

export function scannerSettings(storage: Storage = localStorage): BurstOptions {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    if (!isPlainObject(v)) return {};
    const out: { maxGapMs?: number; minLength?: number } = {};
    if (typeof v.maxGapMs === 'number' && v.maxGapMs >= 5 && v.maxGapMs <= 500) out.maxGapMs = v.maxGapMs;
    if (typeof v.minLength === 'number' && v.minLength >= 3 && v.minLength <= 40) out.minLength = v.minLength;
    return out;
  } catch {
    return {};
  }
}
