/**
 * A provider for relay-owned documents that only listens. Its copy can never hold anything
 * the relay lacks (the app writes to a mirror, see sync/shared/guard.ts), so its sync replies
 * carry nothing new — except that a Yjs reply always repeats the whole delete set, which the
 * relay's guard reads as a write and answers by closing the socket. Not sending them keeps
 * the shared socket up; requests (sync step 1) and authentication still go out.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';

type SendArgs = Parameters<HocuspocusProvider['send']>;

/** Replies (`{encoder}`) and updates (`{update}`) are the two ways a provider pushes content. */
export const pushesContent = (args: unknown): boolean =>
  typeof args === 'object' && args !== null && ('encoder' in args || 'update' in args);

export class ListeningProvider extends HocuspocusProvider {
  override send(message: SendArgs[0], args: SendArgs[1]): void {
    if (pushesContent(args)) return;
    super.send(message, args);
  }
}
