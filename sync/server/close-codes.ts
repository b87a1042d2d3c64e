/**
 * Every way the relay refuses or closes something, with what the client should do.
 * `reason` strings reach the provider: authentication refusals in
 * `onAuthenticationFailed({ reason })`, closed document channels in `onClose({ event })`.
 * Codes follow Hocuspocus' 44xx convention (an HTTP status in the 4000 range).
 */
export type RelayRefusal = { readonly code: number; readonly reason: string };

export const CloseCodes = {
  /** No token, a forged or expired one, or a key that was retired. Refresh the token
   *  (POST /api/refresh) and reopen; if refresh fails, send the user to the login screen. */
  Unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The token is valid but this user may not open this document (role or store). Do not
   *  retry; remove the document from the device's list. */
  Forbidden: { code: 4403, reason: 'forbidden' },
  /** The document name is not one of the documented forms. A bug in the client: do not retry. */
  InvalidDocumentName: { code: 4404, reason: 'invalid-document-name' },
  /** A write reached a relay-owned document (stock, ledger, finance, audit) or a read-only
   *  one. A client bug: drop the local change (reload that document from the relay). */
  ReadOnlyDocument: { code: 4405, reason: 'read-only-document' },
  /** A deletion reached `outbox/<device>`, which is append-only (commands are never taken
   *  back; send a compensating command instead). A client bug: reload the outbox. */
  AppendOnlyDocument: { code: 4406, reason: 'append-only-document' },
  /** The update could not be decoded as a Yjs update. A bug or corruption: reload the
   *  document from the relay; do not resend. */
  MalformedUpdate: { code: 4400, reason: 'malformed-update' },
  /** One update exceeded the relay's size limit. Split the change (fewer records per
   *  transaction); resending the same update will be refused again. */
  UpdateTooLarge: { code: 4413, reason: 'update-too-large' },
  /** The relay is shutting down or restarting. Reconnect with backoff (the provider does). */
  ServerRestart: { code: 4503, reason: 'server-restart' },
} as const satisfies Record<string, RelayRefusal>;

export type CloseCodeName = keyof typeof CloseCodes;

/** An error object Hocuspocus understands: it closes the channel with this code and reason. */
export class RelayError extends Error {
  readonly code: number;
  readonly reason: string;
  constructor(refusal: RelayRefusal, detail?: string) {
    super(detail ? `${refusal.reason}: ${detail}` : refusal.reason);
    this.code = refusal.code;
    this.reason = refusal.reason;
  }
}
