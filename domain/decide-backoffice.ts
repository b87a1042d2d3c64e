/**
 * The back office's organisation-wide settings and consigned stock: capabilities per role
 * (CAP-*), exchange rates (RATE-*), memo-in and consignment (CONSIGN-*).
 */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, type Envelope, pieceHere, reject } from './decide-common.ts';
import { decideReceive } from './decide-stock.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { ok, type Result } from './result.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** CAP-1: only an owner, active and known, in a known store; no approval lends it. */
function owner(state: DecisionState, c: Envelope): Result<void, Rejection> {
  if (!state.storeCurrency(c.store))
    return reject('store-unknown', 'This store is not set up on the relay; ask an owner to add it.', {
      store: c.store,
    });
  const role = state.role(c.user);
  if (!role)
    return reject('user-unknown', 'This user is not on the staff list; sign in again or ask a manager.', {
      user: c.user,
    });
  if (role !== 'owner')
    return reject('not-allowed', `Only an owner may do this (${c.type}).`, { role, capability: 'owner' });
  return ok(undefined);
}

/** CAP-1: an owner sets a role's discount limit and adjustable capabilities. */
export function decideCapabilitiesSet(state: DecisionState, c: CommandOf<'capabilities.set'>): Decision {
  const a = owner(state, c);
  if (!a.ok) return a;
  return ok([{ type: 'capabilities.set', role: c.payload.role, settings: c.payload.settings }]);
}

/** RATE-1: managers and owners (who see the finances) enter a dated rate between two currencies. */
export function decideExchangeRateSet(state: DecisionState, c: CommandOf<'exchange-rate.set'>): Decision {
  const a = authorize(state, c, 'view-finance');
  if (!a.ok) return a;
  const { rate } = c.payload;
  if (rate.from === rate.to)
    return reject('rate-invalid', 'An exchange rate converts between two different currencies.', {
      from: rate.from,
      to: rate.to,
    });
  return ok([{ type: 'exchange-rate.set', rate }]);
}

/**
 * CONSIGN-1, CONSIGN-2: received like any piece (PIECE rules, `receive-stock`), with its owner
 * and terms; a fixed payout is in the store's currency.
 */
export function decideConsignmentReceive(
  state: DecisionState,
  c: CommandOf<'consignment.receive'>,
): Decision {
  const received = decideReceive(state, { ...c, type: 'piece.receive', payload: { piece: c.payload.piece } });
  if (!received.ok) return received;
  const { terms } = c.payload.consignment;
  if (terms.kind === 'fixed') {
    const currency = state.storeCurrency(c.store);
    if (currency) {
      const money = checkCurrency(currency, [terms.payout]);
      if (!money.ok) return money;
    }
  }
  return ok([
    ...received.value,
    {
      type: 'consignment.recorded',
      serial: c.payload.piece.serial,
      store: c.store,
      consignment: c.payload.consignment,
    },
  ]);
}

/**
 * CONSIGN-5: an unsold consigned piece, on the shelf or back from a client's return, goes back to
 * its owner (`memo` capability: managers and up).
 */
export function decideConsignmentReturn(state: DecisionState, c: CommandOf<'consignment.return'>): Decision {
  const a = authorize(state, c, 'memo');
  if (!a.ok) return a;
  const found = pieceHere(state, c, c.payload.serial);
  if (!found.ok) return found;
  const piece = found.value;
  const held = state.consignment?.(piece.serial);
  if (!held)
    return reject(
      'piece-not-consigned',
      `Piece ${piece.serial} belongs to the store, not to a vendor or client; nothing to return.`,
      { serial: piece.serial },
    );
  if (piece.status !== 'in-stock' && piece.status !== 'returned')
    return reject(
      'illegal-transition',
      `Piece ${piece.serial} is ${piece.status}; only a piece on the shelf goes back to its owner.`,
      { serial: piece.serial, from: piece.status },
    );
  return ok([
    {
      type: 'consignment.returned',
      serial: piece.serial,
      store: piece.store,
      from: piece.status,
      ownerId: held.owner.id,
    },
  ]);
}
