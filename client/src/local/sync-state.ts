/**
 * What the sync badge says, derived from facts the device knows. Pure so the wording and
 * the edge cases (offline with nothing pending, first download) are tested without a socket.
 */
export type Link = 'online' | 'connecting' | 'offline';

export type SyncFacts = {
  /** `navigator.onLine` — false means no network at all. */
  readonly network: boolean;
  /** The shared websocket's status. */
  readonly socket: 'connected' | 'connecting' | 'disconnected';
  /** Commands in this device's outbox with no outcome in the ledger yet. */
  readonly pending: number;
  /** Rejected commands of the store no manager has resolved yet. */
  readonly conflicts: number;
  /** Documents opened for this session, and how many have completed their first sync with the relay. */
  readonly docsTotal: number;
  readonly docsSynced: number;
  /** Whether this device ever completed a full sync (then local data is usable offline). */
  readonly hadFirstSync: boolean;
};

export type SyncView = {
  readonly link: Link;
  readonly tone: 'calm' | 'busy' | 'warn' | 'alert';
  readonly label: string;
  readonly detail: readonly string[];
  /** The part of `detail` about commands waiting to be sent, when any. */
  readonly pendingWords: string | undefined;
  /** The part of `detail` about conflicts waiting for a manager, when any. */
  readonly conflictWords: string | undefined;
  /** 0..1 while the first sync is downloading the store; undefined otherwise. */
  readonly firstSyncProgress: number | undefined;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function describeSync(f: SyncFacts): SyncView {
  const link: Link =
    !f.network || f.socket === 'disconnected'
      ? 'offline'
      : f.socket === 'connecting'
        ? 'connecting'
        : 'online';
  const downloading = !f.hadFirstSync && f.docsTotal > 0 && f.docsSynced < f.docsTotal;
  const pendingWords = f.pending > 0 ? `${plural(f.pending, 'command', 'commands')} pending` : undefined;
  const conflictWords =
    f.conflicts > 0 ? `${plural(f.conflicts, 'conflict', 'conflicts')} waiting` : undefined;
  const detail = [pendingWords, conflictWords].filter((w): w is string => w !== undefined);

  let label: string;
  if (link === 'offline') label = 'Offline';
  else if (link === 'connecting') label = 'Connecting…';
  else if (downloading) label = 'Downloading store…';
  else if (f.pending > 0) label = 'Syncing';
  else label = 'Online';

  const tone =
    f.conflicts > 0
      ? 'alert'
      : link === 'offline'
        ? 'warn'
        : link === 'connecting' || downloading || f.pending > 0
          ? 'busy'
          : 'calm';

  const firstSyncProgress = downloading ? f.docsSynced / f.docsTotal : undefined;
  return { link, tone, label, detail, pendingWords, conflictWords, firstSyncProgress };
}
