/**
 * decide(state, command): the single place business rules for commands live. Pure: the
 * relay runs it inside a transaction over SQL, a device runs it over its local copy to
 * pre-check offline. It never mutates state; the caller applies the returned events.
 */
import type { Command } from './commands.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { err, type Result } from './result.ts';

export type {
  DecisionState,
  DomainEvent,
  OrderState,
  PieceState,
  Rejection,
  RejectionCode,
  SaleState,
} from './decision-types.ts';

export function decide(state: DecisionState, command: Command): Result<DomainEvent[], Rejection> {
  void state;
  return err({ code: 'not-allowed', message: `${command.type} is not implemented yet`, context: {} });
}
