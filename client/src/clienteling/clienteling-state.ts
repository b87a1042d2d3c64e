/**
 * Clienteling for the open store, reactive: tiers from the organisation's thresholds (TIER-2),
 * spend and visits from sales (TIER-4), viewings and follow-up marks from `clients/<store>`
 * (sync/SPEC.md APPT-5, FOLLOWUP-6). One instance per store's data, shared by the screens; it works offline from what the
 * till holds and refreshes the relay's sales when it can.
 */
import { type Accessor, createMemo, createRoot, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import { zonedDateTime } from '../../../domain/appointment.ts';
import { type ClientValue, clientValue, mergeClientSales } from '../../../domain/client-value.ts';
import type { FollowUpMark } from '../../../domain/followups.ts';
import type { ClientId } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import { isRising, type Tier, type TierThresholds, tierFor } from '../../../domain/tiers.ts';
import {
  CLIENTELING_ROOTS,
  followUpsMap,
  readAppointments,
  readFollowUpMark,
  readNotSeenDays,
  type StoredAppointment,
} from '../../../sync/shared/docs/clienteling.ts';
import type { AppState } from '../app-state.ts';
import type { StoreData } from '../local/store-data.ts';
import { cachedSales, fetchClientSales, type KnownSale, salesFromLedger } from './client-sales.ts';

export type Clienteling = {
  readonly currency: Accessor<Currency | undefined>;
  readonly timeZone: Accessor<string>;
  readonly thresholds: Accessor<Partial<Record<Currency, TierThresholds>>>;
  readonly appointments: Accessor<StoredAppointment[]>;
  readonly marks: Accessor<Record<string, FollowUpMark>>;
  readonly notSeenDays: Accessor<number>;
  readonly valueOf: (client: string) => ClientValue | undefined;
  readonly tierOf: (client: string) => Tier | undefined;
  readonly risingOf: (client: string) => boolean;
  /** The associate of the client's latest sale or viewing (FOLLOWUP-5). */
  readonly associateOf: (client: string) => string | undefined;
  /** Asks the relay for the store's whole sales history (kept for offline use). */
  readonly refresh: () => Promise<void>;
};

/** A Solid signal that re-reads a Yjs root (deeply) on every change. */
function observed<T>(doc: Y.Doc, root: string, read: () => T): Accessor<T> {
  const [value, setValue] = createSignal<T>(read(), { equals: false });
  const type = doc.getMap(root);
  type.observeDeep(() => setValue(() => read()));
  return value;
}

function create(app: AppState, data: StoreData): Clienteling {
  const doc = data.clientsDoc;
  const appointments = observed(doc, CLIENTELING_ROOTS.appointments, () => readAppointments(doc));
  const marks = observed(doc, CLIENTELING_ROOTS.followups, () => {
    const out: Record<string, FollowUpMark> = {};
    for (const [k, v] of followUpsMap(doc)) {
      const m = readFollowUpMark(v);
      if (m) out[k] = m;
    }
    return out;
  });
  const notSeenDays = observed(doc, CLIENTELING_ROOTS.settings, () => readNotSeenDays(doc));
  const [remote, setRemote] = createSignal<KnownSale[]>(cachedSales(data.store));
  const sales = createMemo(() => mergeClientSales(remote(), salesFromLedger(data.entries())) as KnownSale[]);
  const currency = () => data.storeInfo()?.currency as Currency | undefined;
  const timeZone = () => data.storeInfo()?.timeZone ?? 'UTC';
  const thresholds = () => ({ ...data.tiers }) as Partial<Record<Currency, TierThresholds>>;
  // The clock moves on slowly: values are recomputed when sales or viewings change, per minute at most.
  const [now, setNow] = createSignal(new Date().toISOString());
  setInterval(() => setNow(new Date().toISOString()), 60_000);

  const byClient = createMemo(() => {
    const m = new Map<string, KnownSale[]>();
    for (const s of sales()) m.set(s.clientId, [...(m.get(s.clientId) ?? []), s]);
    return m;
  });
  const visitDays = createMemo(() => {
    const m = new Map<string, string[]>();
    const tz = timeZone();
    for (const a of appointments())
      if (a.status === 'done')
        m.set(a.clientId, [...(m.get(a.clientId) ?? []), zonedDateTime(a.start, tz).date]);
    return m;
  });
  const values = createMemo(() => {
    const c = currency();
    const out = new Map<string, ClientValue>();
    if (!c) return out;
    const at = now();
    const ids = new Set([...byClient().keys(), ...visitDays().keys()]);
    for (const id of ids)
      out.set(id, clientValue(byClient().get(id) ?? [], id as ClientId, c, at, visitDays().get(id) ?? []));
    return out;
  });
  const associates = createMemo(() => {
    const m = new Map<string, { at: string; who: string }>();
    const note = (client: string, at: string, who: string) => {
      const had = m.get(client);
      if (who && (!had || at > had.at)) m.set(client, { at, who });
    };
    for (const s of sales()) note(s.clientId, s.at, s.userId);
    for (const a of appointments()) if (a.status !== 'cancelled') note(a.clientId, a.start, a.associate);
    return m;
  });
  const zero = (): ClientValue | undefined => {
    const c = currency();
    return c
      ? {
          spend: { minor: 0, currency: c },
          recent: { spendMinor: 0, visits: 0 },
          prior: { spendMinor: 0, visits: 0 },
          purchases: [],
        }
      : undefined;
  };
  const valueFor = (client: string) => values().get(client) ?? zero();
  let fetching = false;
  const refresh = async () => {
    const token = app.session()?.token;
    if (!token || fetching) return;
    fetching = true;
    try {
      const got = await fetchClientSales(data.store, token);
      if (got) setRemote(got);
    } finally {
      fetching = false;
    }
  };
  void refresh();
  return {
    currency,
    timeZone,
    thresholds,
    appointments,
    marks,
    notSeenDays,
    valueOf: valueFor,
    tierOf: (client) => {
      const v = valueFor(client);
      return v ? tierFor(v.spend, thresholds()) : undefined;
    },
    risingOf: (client) => {
      const v = values().get(client);
      return v ? isRising(v.recent, v.prior) : false;
    },
    associateOf: (client) => associates().get(client)?.who,
    refresh,
  };
}

const instances = new WeakMap<StoreData, Clienteling>();

/** The clienteling state of the open store (created once per store's data). */
export function clientelingOf(app: AppState, data: StoreData): Clienteling {
  let c = instances.get(data);
  if (!c) {
    c = createRoot(() => create(app, data));
    instances.set(data, c);
  }
  return c;
}
