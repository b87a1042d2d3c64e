/**
 * The relay's HTTP answers that devices read (docs/api.md, HTTP): declared once, used by the relay
 * that sends them, the till that keeps them and the tests that check them.
 */
import type { Role } from '../../domain/roles.ts';

/** A person as the API shows them: no login name, no secret. */
export type PublicUser = { id: string; name: string; role: Role; stores: string[] };

/** The answer to `POST /api/login` and `POST /api/refresh`. */
export type LoginAnswer = {
  /** A short-lived access token (JWT, EdDSA) for the websocket and the API. */
  token: string;
  refreshToken: string;
  expiresAt: string;
  device: string;
  user: PublicUser;
  /** This person's key on this device, for command signatures and approvals (sync/SPEC.md USER-*). */
  signingKey: string;
};
