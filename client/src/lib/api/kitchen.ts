import {
  BoardView,
  KitchenSnapshotView,
  KitchenTimingView,
  TicketView,
  TolerantCatchUpView,
  type BoardView as Board,
  type KitchenSnapshotView as KitchenSnapshot,
  type KitchenTimingPatch,
  type KitchenTimingView as KitchenTiming,
  type TicketAdvanceInput,
  type TicketView as Ticket,
} from '@smartket/shared';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';

function branchPath(branchId: string, rest: string): string {
  return `${BASE}/branches/${encodeURIComponent(branchId)}/${rest}`;
}

function ticketPath(ticketId: string, rest: string): string {
  return `${BASE}/tickets/${encodeURIComponent(ticketId)}/${rest}`;
}

/** The tickets on the kitchen screen, the last bumped ones, the timing and the kitchen sequence. */
export function fetchKitchen(branchId: string, options?: RequestOptions): Promise<KitchenSnapshot> {
  return api.get(branchPath(branchId, 'kitchen'), KitchenSnapshotView, options);
}

/**
 * What the kitchen stream of a branch had after `after` (a kitchen sequence), in order — or
 * `snapshotRequired` when the screen is too far behind and must load the tickets again.
 */
export function fetchKitchenEvents(
  branchId: string,
  after: number,
  options?: RequestOptions,
): Promise<TolerantCatchUpView> {
  return api.get(branchPath(branchId, `kitchen/events?after=${after}`), TolerantCatchUpView, options);
}

/**
 * Moves a ticket's items (all still standing, or the named ones) to `preparing` or `ready`.
 * Items already there or further on stay, so a double tap never skips a step.
 */
export function advanceTicket(
  ticketId: string,
  input: TicketAdvanceInput,
  options?: RequestOptions,
): Promise<Ticket> {
  return api.post(ticketPath(ticketId, 'advance'), input, TicketView, options);
}

/** Brings a bumped ticket back to the screen: its ready items go back to preparing. */
export function recallTicket(ticketId: string, options?: RequestOptions): Promise<Ticket> {
  return api.post(ticketPath(ticketId, 'recall'), {}, TicketView, options);
}

/** The minutes after which a ticket turns amber, then red, in this branch (owner only). */
export function updateKitchenTiming(
  branchId: string,
  patch: KitchenTimingPatch,
  options?: RequestOptions,
): Promise<KitchenTiming> {
  return api.patch(branchPath(branchId, 'kitchen-timing'), patch, KitchenTimingView, options);
}

/** The owner's figures for the branch's business day: orders, amount, average kitchen time. */
export function fetchBoard(branchId: string, options?: RequestOptions): Promise<Board> {
  return api.get(branchPath(branchId, 'board'), BoardView, options);
}
