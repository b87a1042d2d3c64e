/**
 * A seeded, deterministic organisation generator (SEED-*). Pure: no I/O, no clock unless
 * passed. Used by the demo seed, by tests, and by benchmarks (a boutique of 15k clients,
 * 6k pieces and 25k sales; a 100-store chain).
 */
import type { Milestone } from '../../../domain/client.ts';
import { type ClientId, type SerialNumber, type StoreId, uuidv7 } from '../../../domain/ids.ts';
import { currency, minorDigits } from '../../../domain/money.ts';
import type { Piece as PieceRecord, Stone } from '../../../domain/piece.ts';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import type { Role } from '../../../domain/roles.ts';
import type { ClientRecord } from '../../shared/docs/clients.ts';
import {
  CATEGORIES,
  CLARITIES,
  COLLECTIONS,
  COLOURED_STONES,
  COLOURS,
  CUTS,
  DESIGNERS,
  FIRST_NAMES,
  LABS,
  LAST_NAMES,
  METALS,
  TITLES,
  WATCH_METALS,
} from './catalog-data.ts';
import { mulberry32, type Rng } from './random.ts';

export type GenStore = {
  id: string;
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  taxRateBp: number;
  /** Ticket prices include the tax (VAT: Europe, Japan, the Gulf) or it is added at the till (US). */
  taxInclusive: boolean;
  /** Address lines for receipts (the demo's stores only). */
  address?: readonly string[];
};
export type GenUser = { id: string; name: string; login: string; role: Role; stores: string[]; pin: string };
export type GenPiece = {
  record: PieceRecord;
  status: PieceStatus;
  location: string;
  reservedFor: string | null;
};
export type GenSale = {
  id: string;
  serial: string;
  store: string;
  client: string;
  at: string;
  amountMinor: number;
  currency: string;
};
export type GenOrg = {
  stores: GenStore[];
  users: GenUser[];
  pieces: GenPiece[];
  clients: ClientRecord[];
  sales: GenSale[];
};

export type GenOptions = {
  seed?: number;
  stores?: number;
  piecesPerStore?: number;
  clientsPerStore?: number;
  salesPerStore?: number;
  /** Reference time (ms); ids and dates are spread over the two years before it. */
  now?: number;
  /** Over how many days before `now` the sales are spread (default 730: two years). */
  salesDays?: number;
};

const DEMO_STORES = [
  {
    code: 'PAR',
    name: 'Maison Loupe — Paris',
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    taxRateBp: 2000,
    taxInclusive: true,
    address: ['12 rue de la Paix', '75002 Paris'],
  },
  {
    code: 'NYC',
    name: 'Loupe New York',
    currency: 'USD',
    timeZone: 'America/New_York',
    taxRateBp: 888,
    taxInclusive: false,
    address: ['727 Fifth Avenue', 'New York, NY 10022'],
  },
];
const CHAIN_CITIES: ReadonlyArray<[string, string, string, number]> = [
  ['London', 'GBP', 'Europe/London', 2000],
  ['Milan', 'EUR', 'Europe/Rome', 2200],
  ['Geneva', 'CHF', 'Europe/Zurich', 810],
  ['Tokyo', 'JPY', 'Asia/Tokyo', 1000],
  ['Los Angeles', 'USD', 'America/Los_Angeles', 950],
  ['Dubai', 'AED', 'Asia/Dubai', 500],
];

export const DEMO_PRESET: GenOptions = {
  seed: 20_261_124,
  stores: 2,
  piecesPerStore: 150,
  clientsPerStore: 150,
  salesPerStore: 0,
};
export const BOUTIQUE_PRESET: GenOptions = {
  seed: 1,
  stores: 1,
  piecesPerStore: 6_000,
  clientsPerStore: 15_000,
  salesPerStore: 25_000,
};
export const CHAIN_PRESET: GenOptions = {
  seed: 2,
  stores: 100,
  piecesPerStore: 600,
  clientsPerStore: 1_500,
  salesPerStore: 2_500,
};

/**
 * The chain the reports are measured on (issue 14): 100 stores, 6,000 pieces each (600k), 30,000
 * sales each (3 million) over three years. `bench/reports.bench.ts` runs it scaled down by default.
 */
export const CHAIN_3Y_PRESET: GenOptions = {
  seed: 3,
  stores: 100,
  piecesPerStore: 6_000,
  clientsPerStore: 1_500,
  salesPerStore: 30_000,
  salesDays: 1_095,
};

const DAY = 86_400_000;

export function generateOrg(options: GenOptions = DEMO_PRESET): GenOrg {
  const rng = mulberry32(options.seed ?? 1);
  const now = options.now ?? Date.UTC(2026, 10, 24, 12);
  const id = (at: number) => uuidv7(at, (b) => rng.bytes(b));
  const past = (maxDays: number) => now - rng.int(1, maxDays * 24) * 3_600_000;

  const stores: GenStore[] = [];
  for (let i = 0; i < (options.stores ?? 2); i++) {
    const demo = DEMO_STORES[i];
    const city = CHAIN_CITIES[(i - DEMO_STORES.length) % CHAIN_CITIES.length] ?? CHAIN_CITIES[0];
    const [cityName, currency, timeZone, taxRateBp] = city as [string, string, string, number];
    const taxInclusive = currency !== 'USD';
    const code = demo?.code ?? `S${String(i + 1).padStart(3, '0')}`;
    stores.push(
      demo
        ? { id: id(now - 800 * DAY + i), ...demo }
        : {
            id: id(now - 800 * DAY + i),
            code,
            name: `Loupe ${cityName} ${i + 1}`,
            currency,
            timeZone,
            taxRateBp,
            taxInclusive,
          },
    );
  }

  const users = generateUsers(rng, stores, id, now);
  const pieces: GenPiece[] = [];
  const clients: ClientRecord[] = [];
  const sales: GenSale[] = [];
  for (const [index, store] of stores.entries()) {
    const storeClients: ClientRecord[] = [];
    for (let n = 0; n < (options.clientsPerStore ?? 150); n++)
      storeClients.push(generateClient(rng, store, id(past(730)), now));
    const storePieces: GenPiece[] = [];
    for (let n = 0; n < (options.piecesPerStore ?? 150); n++) {
      storePieces.push(
        generatePiece(
          rng,
          store,
          `LP-${String(index + 1).padStart(3, '0')}-${String(n + 1).padStart(6, '0')}`,
          storeClients,
        ),
      );
    }
    for (let n = 0; n < (options.salesPerStore ?? 0); n++) {
      const piece = rng.pick(storePieces);
      const at = past(options.salesDays ?? 730);
      sales.push({
        id: id(at),
        serial: piece.record.serial,
        store: store.id,
        client: rng.pick(storeClients).id,
        at: new Date(at).toISOString(),
        amountMinor: piece.record.listPrice.minor,
        currency: store.currency,
      });
    }
    clients.push(...storeClients);
    pieces.push(...storePieces);
  }
  return { stores, users, pieces, clients, sales };
}

function generateUsers(rng: Rng, stores: GenStore[], id: (at: number) => string, now: number): GenUser[] {
  const pin = () => String(rng.int(0, 9999)).padStart(4, '0');
  const users: GenUser[] = [
    {
      id: id(now - 900 * DAY),
      name: 'Hélène Marchand',
      login: 'owner',
      role: 'owner',
      stores: stores.map((s) => s.id),
      pin: pin(),
    },
  ];
  const roles: Role[] = ['manager', 'associate', 'associate', 'designer'];
  for (const store of stores) {
    const counts = new Map<Role, number>();
    for (const role of roles) {
      const n = (counts.get(role) ?? 0) + 1;
      counts.set(role, n);
      const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      const login = `${role}${n > 1 ? n : ''}.${store.code.toLowerCase()}`;
      users.push({ id: id(now - 850 * DAY), name, login, role, stores: [store.id], pin: pin() });
    }
  }
  return users;
}

function generatePiece(rng: Rng, store: GenStore, serial: string, clients: ClientRecord[]): GenPiece {
  const total = CATEGORIES.reduce((sum, c) => sum + c.weight, 0);
  let roll = rng.int(1, total);
  const cat = CATEGORIES.find((c) => {
    roll -= c.weight;
    return roll <= 0;
  });
  if (!cat) throw new Error('no categories');
  const spec = rng.pick(cat.category === 'watch' ? WATCH_METALS : METALS);
  const stones: Stone[] = [];
  if (cat.category !== 'watch' || rng.chance(0.2)) {
    // Weights in thousandths of a carat, rounded to the hundredth the trade quotes (UNIT-1).
    const centre = 300 + Math.round(rng.next() ** 2 * 320) * 10;
    stones.push({
      kind: 'diamond',
      shape: rng.pick(CUTS),
      milliCarats: centre,
      cut: rng.pick(['Excellent', 'Very Good', 'Good']),
      colour: rng.pick(COLOURS),
      clarity: rng.pick(CLARITIES),
      ...(centre >= 500
        ? { certificate: { lab: rng.pick(LABS), number: String(rng.int(1_000_000_000, 2_147_483_647)) } }
        : {}),
    });
    if (rng.chance(0.3))
      stones.push({ kind: rng.pick(COLOURED_STONES), milliCarats: Math.round(rng.next() * 200) * 10 + 100 });
  }
  const carats = stones.reduce((sum, x) => sum + x.milliCarats, 0) / 1000;
  const major = Math.min(
    cat.maxPrice * 3,
    cat.minPrice + (cat.maxPrice - cat.minPrice) * rng.next() * 0.6 + carats * 4_000,
  );
  const cur = currency(store.currency);
  // Zero-decimal currencies (JPY) have no minor unit; round to tens of the major unit either way.
  const scale = 10 ** minorDigits(cur);
  const listMinor = Math.round(major / 10) * 10 * scale;
  const costMinor = Math.round((listMinor * rng.int(38, 55)) / 100 / scale) * scale;
  const designer = rng.pick(DESIGNERS);
  const status: PieceStatus = rng.chance(0.85)
    ? 'in-stock'
    : rng.pick(['reserved', 'on-memo', 'in-repair'] as const);
  const reservedFor = status === 'reserved' && clients.length > 0 ? rng.pick(clients).id : null;
  const location = rng.pick([
    { kind: 'case', label: 'case-1' },
    { kind: 'case', label: 'case-2' },
    { kind: 'window', label: 'window' },
    { kind: 'safe', label: 'safe' },
  ] as const);
  const record: PieceRecord = {
    serial: serial as SerialNumber,
    style: `${designer.slice(0, 3).toUpperCase()}-${cat.category.slice(0, 2).toUpperCase()}-${rng.int(100, 999)}`,
    title: `${rng.pick(TITLES[cat.category])}, ${metalLabel(spec)}`,
    category: cat.category,
    metal: spec.metal,
    ...(spec.fineness ? { fineness: spec.fineness } : {}),
    ...(spec.karat ? { karat: spec.karat } : {}),
    weightMg: Math.round((cat.grams[0] + rng.next() * (cat.grams[1] - cat.grams[0])) * 100) * 10,
    stones,
    designer,
    ...(rng.chance(0.7) ? { collection: rng.pick(COLLECTIONS) } : {}),
    cost: { minor: costMinor, currency: cur },
    listPrice: { minor: listMinor, currency: cur },
    imageRefs: [],
    ...(stones.length > 0 ? { sourcing: 'Kimberley Process certified; supplier invoice on file' } : {}),
    store: store.id as StoreId,
    location,
  };
  return { record, status, location: location.label, reservedFor };
}

function generateClient(rng: Rng, store: GenStore, id: string, now: number): ClientRecord {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const day = (yearsBack: number) =>
    new Date(now - rng.int(30, yearsBack * 365) * DAY).toISOString().slice(0, 10);
  const milestones: Milestone[] = [{ kind: 'birthday', date: day(70), recurrence: 'yearly' }];
  if (rng.chance(0.4)) milestones.push({ kind: 'anniversary', date: day(30), recurrence: 'yearly' });
  if (rng.chance(0.15)) milestones.push({ kind: 'engagement', date: day(3), recurrence: 'once' });
  const since = day(2);
  const cur = currency(store.currency);
  const budget = rng.int(2, 60) * 1000 * 10 ** minorDigits(cur);
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  return {
    id: id as ClientId,
    names: { first, last, display: `${first} ${last}` },
    contacts: {
      emails: [`${ascii(first)}.${ascii(last)}.${rng.int(1, 999)}@example.com`],
      phones: [`+${rng.int(1, 49)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`],
    },
    consent: {
      email: { granted: rng.chance(0.7), date: since },
      ...(rng.chance(0.5) ? { sms: { granted: rng.chance(0.5), date: since } } : {}),
    },
    ringSizes: rng.chance(0.8)
      ? [{ hand: 'left', finger: 'ring', size: String(rng.int(46, 62)), system: 'EU' }]
      : [],
    ...(rng.chance(0.5) ? { wristCm: rng.int(150, 190) / 10 } : {}),
    ...(rng.chance(0.3) ? { neckCm: rng.int(38, 50) } : {}),
    preferences: {
      metals: [rng.pick(['yellow-gold', 'white-gold', 'rose-gold', 'platinum'] as const)],
      stones: rng.chance(0.6) ? [rng.pick(['diamond', ...COLOURED_STONES, 'pearl'])] : [],
      designers: rng.chance(0.5) ? [rng.pick(DESIGNERS)] : [],
    },
    ...(rng.chance(0.5)
      ? { budget: { min: { minor: budget / 2, currency: cur }, max: { minor: budget, currency: cur } } }
      : {}),
    milestones,
    notes: rng.chance(0.3)
      ? rng.pick([
          'Prefers private viewings.',
          'Collects vintage watches.',
          'Allergic to nickel.',
          'Partner buys for anniversaries.',
        ])
      : '',
    homeStore: store.id as StoreId,
    createdAt: new Date(now - rng.int(1, 730) * DAY).toISOString(),
  };
}

/** How a tag names the metal: "18k rose gold", "platinum", and 904 "other" is a watch's 904L steel. */
function metalLabel(spec: { metal: string; karat?: number; alloy?: string }): string {
  if (spec.alloy) return spec.alloy;
  return `${spec.karat ? `${spec.karat}k ` : ''}${spec.metal.replace('-', ' ')}`;
}
