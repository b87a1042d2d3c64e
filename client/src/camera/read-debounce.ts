/**
 * A camera reads the same tag in frame after frame (CAMCOUNT-2): each code is taken once while it
 * stays in sight, and again only after it has been out of sight for `quietMs` — then it is a new
 * scan, exactly as a second pull of the scan gun's trigger (the count says it was already counted).
 * Codes are remembered one by one, so two tags in view read in turn are each taken once.
 */
export type ReadDebouncer = {
  /** The code read in a frame at `now` (ms); returns it when it is to be taken as a scan. */
  readonly see: (code: string, now: number) => boolean;
  /** Forgets every code (the camera was stopped). */
  readonly reset: () => void;
};

export const QUIET_MS = 1500;

export function createReadDebouncer(quietMs: number = QUIET_MS): ReadDebouncer {
  const lastSeen = new Map<string, number>();
  return {
    see(code, now) {
      const before = lastSeen.get(code);
      lastSeen.set(code, now);
      // Forget codes long out of sight, so the map stays small over a long count.
      if (lastSeen.size > 64)
        for (const [c, at] of lastSeen) if (now - at >= quietMs && c !== code) lastSeen.delete(c);
      return before === undefined || now - before >= quietMs;
    },
    reset() {
      lastSeen.clear();
    },
  };
}
