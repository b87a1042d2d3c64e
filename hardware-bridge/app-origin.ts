/**
 * Which web pages may pair with and use the bridge (BRIDGE-2, BRIDGE-12). Configured origins
 * (`allowedOrigins` in config.json, `LOUPE_APP_ORIGIN`) are allowed as they are. Besides them, a
 * page on this machine's loopback address — `http://localhost:<port>`, `http://127.0.0.1:<port>`
 * or `http://[::1]:<port>`, any port — is allowed when that origin serves the Loupe web app (its
 * `/manifest.webmanifest` names Loupe), so `PORT=8080 npm start` pairs without a config file.
 * Any other origin (another site, another machine, a path or a credential in the Origin) is
 * refused: the check stays exact.
 */

/** `http://localhost:8080`, `http://127.0.0.1:4321`, `http://[::1]:4321`; nothing more. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})$/;

export const isLoopbackOrigin = (origin: string): boolean => {
  const m = LOOPBACK_ORIGIN.exec(origin);
  return !!m && Number(m[2]) > 0 && Number(m[2]) < 65_536;
};

/** Asks the origin whether it serves the Loupe web app; any failure is a no. */
export async function servesLoupeApp(origin: string, timeoutMs = 2_000): Promise<boolean> {
  if (!isLoopbackOrigin(origin)) return false;
  try {
    const res = await fetch(`${origin}/manifest.webmanifest`, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return false;
    const body: unknown = JSON.parse((await res.text()).slice(0, 10_000));
    return typeof body === 'object' && body !== null && (body as { name?: unknown }).name === 'Loupe';
  } catch {
    return false;
  }
}

export type OriginCheck = (origin: string | undefined) => Promise<boolean>;

/**
 * The bridge's Origin check: exact configured origins, or a loopback origin whose app answers
 * as Loupe (remembered for a minute either way, so a reconnecting till does not ask each time).
 */
export function originCheck(
  allowed: readonly string[],
  isLoupeApp: (origin: string) => Promise<boolean> = servesLoupeApp,
  now: () => number = Date.now,
): OriginCheck {
  const seen = new Map<string, { ok: boolean; until: number }>();
  return async (origin) => {
    if (!origin) return false;
    if (allowed.includes(origin)) return true;
    if (!isLoopbackOrigin(origin)) return false;
    const cached = seen.get(origin);
    if (cached && cached.until > now()) return cached.ok;
    const ok = await isLoupeApp(origin);
    seen.set(origin, { ok, until: now() + 60_000 });
    return ok;
  };
}
