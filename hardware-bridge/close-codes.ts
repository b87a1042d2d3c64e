/**
 * Websocket close codes the bridge uses (4000–4999 is the application range).
 * Each says what the app should do next. Browser-safe.
 */
export const closeCodes = {
  /** No token or an unknown token: forget the stored token and pair again. */
  unauthorized: 4401,
  /** The page's Origin is not in the bridge's allowed list: fix the bridge config, do not retry. */
  forbiddenOrigin: 4403,
  /** No protocol version in common: update the app or the bridge, do not retry. */
  unsupportedVersion: 4406,
  /** The bridge is shutting down: reconnect with backoff. */
  goingAway: 1001,
} as const;
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];
