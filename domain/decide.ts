/**
 * decide(state, command): the single place business rules for commands live. Pure: the
 * relay runs it inside a transaction over SQL, a device runs it over its local copy to
 * pre-check offline. It never mutates state; the caller applies the returned events.
 */
import { unreachable } from './assert.ts';
import type { Command } from './commands.ts';
import { decideCount, decideResolve } from './decide-admin.ts';
import {
  decideCapabilitiesSet,
  decideConsignmentReceive,
  decideConsignmentReturn,
  decideExchangeRateSet,
} from './decide-backoffice.ts';
import { decidePieceUpdate, decidePriceChange } from './decide-catalog.ts';
import { decideClientErase, decideClientMerge } from './decide-client.ts';
import { decideTiersSet } from './decide-clienteling.ts';
import { decideDayClose } from './decide-day.ts';
import { decideCardIssue, decideLayawayCancel, decideLayawayOpen, decidePlan } from './decide-money.ts';
import { decideDeposit, decideDepositRefund, decideOpenOrder } from './decide-order.ts';
import {
  decideStaffAdd,
  decideStaffDeactivate,
  decideStaffReactivate,
  decideStaffUpdate,
  decideStoreOpen,
  decideStoreUpdate,
} from './decide-org.ts';
import { decideImport, decideRelocate } from './decide-receive.ts';
import { decideReturn, decideVoid } from './decide-return.ts';
import { decideSale } from './decide-sale.ts';
import {
  decideMove,
  decideReceive,
  decideReserve,
  decideTransferReceive,
  decideTransferSend,
  decideWriteOff,
} from './decide-stock.ts';
import { decideWorkStage } from './decide-work.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { Result } from './result.ts';

export function decide(state: DecisionState, command: Command): Result<DomainEvent[], Rejection> {
  switch (command.type) {
    case 'sale.complete':
      return decideSale(state, command);
    case 'sale.return':
      return decideReturn(state, command);
    case 'sale.void':
      return decideVoid(state, command);
    case 'order.open':
      return decideOpenOrder(state, command);
    case 'deposit.take':
      return decideDeposit(state, command);
    case 'deposit.refund':
      return decideDepositRefund(state, command);
    case 'reservation.place':
      return decideReserve(state, command);
    case 'piece.receive':
      return decideReceive(state, command);
    case 'piece.update':
      return decidePieceUpdate(state, command);
    case 'price.change':
      return decidePriceChange(state, command);
    case 'transfer.send':
      return decideTransferSend(state, command);
    case 'transfer.receive':
      return decideTransferReceive(state, command);
    case 'piece.write-off':
      return decideWriteOff(state, command);
    case 'reservation.release':
    case 'piece.restock':
    case 'memo.out':
    case 'memo.return':
    case 'repair.in':
    case 'repair.out':
      return decideMove(state, command);
    case 'stock.count':
      return decideCount(state, command);
    case 'conflict.resolve':
      return decideResolve(state, command);
    case 'store.open':
      return decideStoreOpen(state, command);
    case 'store.update':
      return decideStoreUpdate(state, command);
    case 'staff.add':
      return decideStaffAdd(state, command);
    case 'staff.update':
      return decideStaffUpdate(state, command);
    case 'staff.deactivate':
      return decideStaffDeactivate(state, command);
    case 'day.close':
      return decideDayClose(state, command);
    case 'staff.reactivate':
      return decideStaffReactivate(state, command);
    case 'capabilities.set':
      return decideCapabilitiesSet(state, command);
    case 'exchange-rate.set':
      return decideExchangeRateSet(state, command);
    case 'consignment.receive':
      return decideConsignmentReceive(state, command);
    case 'consignment.return':
      return decideConsignmentReturn(state, command);
    case 'client.merge':
      return decideClientMerge(state, command);
    case 'client.erase':
      return decideClientErase(state, command);
    case 'tiers.set':
      return decideTiersSet(state, command);
    case 'work.stage':
      return decideWorkStage(state, command);
    case 'plan.set':
      return decidePlan(state, command);
    case 'layaway.open':
      return decideLayawayOpen(state, command);
    case 'layaway.cancel':
      return decideLayawayCancel(state, command);
    case 'card.issue':
      return decideCardIssue(state, command);
    case 'piece.import':
      return decideImport(state, command);
    case 'piece.relocate':
      return decideRelocate(state, command);
    default:
      return unreachable(command);
  }
}
