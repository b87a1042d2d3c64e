/** Verifies the JWT and decides the document's access for this connection (AUTH-*, ACCESS-*). */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { accessFor } from '../../shared/access.ts';
import { parseDocName } from '../../shared/doc-names.ts';
import { CloseCodes, RelayError } from '../close-codes.ts';
import type { RelayContext } from '../context.ts';
import type { KeyRing } from '../tokens.ts';

export class AuthExtension implements Extension {
  extensionName = 'loupe-auth';
  priority = 1000;
  private readonly keys: KeyRing;

  constructor(keys: KeyRing) {
    this.keys = keys;
  }

  async onAuthenticate({
    token,
    documentName,
    connectionConfig,
  }: onAuthenticatePayload): Promise<RelayContext> {
    if (!parseDocName(documentName).ok) throw new RelayError(CloseCodes.InvalidDocumentName, documentName);
    const claims = token ? await this.keys.verify(token) : null;
    if (!claims) throw new RelayError(CloseCodes.Unauthorized);
    const access = accessFor(
      { id: claims.sub, role: claims.role, stores: claims.stores, device: claims.device },
      documentName,
    );
    if (access === 'refused') throw new RelayError(CloseCodes.Forbidden, documentName);
    if (access === 'read-only') connectionConfig.readOnly = true;
    return { user: claims, access };
  }
}
