/**
 * The provider of read-only documents (DEVICE-5): it only listens. Its copy can never hold
 * anything the relay lacks (the app writes to a mirror, see guard.ts), so its sync replies
 * carry nothing new — except that a Yjs reply always repeats the whole delete set, which a
 * relay guard may read as a write and answer by closing the channel. Requests (sync step 1)
 * and authentication still go out.
 *
 * `listening()` is asked on every message: a document that is read-only by the access table
 * listens from the start; one the relay grants read-only (`authorizedScope`) from then on.
 */
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';

type SendArgs = Parameters<HocuspocusProvider['send']>;

/** Replies (`{encoder}`) and updates (`{update}`) are the two ways a provider pushes content. */
export const pushesContent = (args: unknown): boolean =>
  typeof args === 'object' && args !== null && ('encoder' in args || 'update' in args);

export class ListeningProvider extends HocuspocusProvider {
  private readonly listening: (provider: HocuspocusProvider) => boolean;

  constructor(
    configuration: HocuspocusProviderConfiguration,
    listening: (provider: HocuspocusProvider) => boolean = () => true,
  ) {
    super(configuration);
    this.listening = listening;
  }

  override send(message: SendArgs[0], args: SendArgs[1]): void {
    if (pushesContent(args) && this.listening(this)) return;
    super.send(message, args);
  }
}
