import { z } from 'zod';
import { ITEM_STATUSES, KITCHEN_ITEM_STATUSES, ORDER_TYPES, TICKET_STATUSES } from '../enums.ts';

/** An item as the kitchen sees it: no prices, the options by name. */
export const TicketItemView = z.object({
  id: z.uuid(),
  name: z.string(),
  quantity: z.int(),
  /** "Pecho", "1/4", "Sin ají". */
  options: z.array(z.string()),
  note: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
});
export type TicketItemView = z.infer<typeof TicketItemView>;

/** One round's items for one station (null: the business has no stations, or the item has none). */
export const TicketView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  orderId: z.uuid(),
  orderType: z.enum(ORDER_TYPES),
  orderNumber: z.int(),
  /** "Mesa 4", "Mesa 4 + 5", "Llevar · Juan", "Delivery · Ana". */
  orderLabel: z.string(),
  waiterName: z.string(),
  waiterId: z.string(),
  roundNumber: z.int(),
  stationId: z.uuid().nullable(),
  status: z.enum(TICKET_STATUSES),
  /** When the round was sent: the age timer counts from here. */
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  /** When it was bumped (every item ready); null while on the screen. */
  readyAt: z.iso.datetime().nullable(),
  recalledAt: z.iso.datetime().nullable(),
  items: z.array(TicketItemView),
});
export type TicketView = z.infer<typeof TicketView>;

/**
 * `POST /api/tenant/tickets/:id/advance`: sets the named items — or, without `itemIds`, every
 * item of the ticket still standing — to `to`. Items already there or further on are left as
 * they are, so a double tap never skips a step.
 */
export const TicketAdvanceInput = z.strictObject({
  to: z.enum(KITCHEN_ITEM_STATUSES),
  itemIds: z.array(z.uuid()).min(1).max(200).optional(),
});
export type TicketAdvanceInput = z.infer<typeof TicketAdvanceInput>;

/** Minutes after which a ticket turns amber, then red, on the kitchen screen (per branch). */
export const KitchenTimingView = z.object({
  warnMinutes: z.int(),
  lateMinutes: z.int(),
});
export type KitchenTimingView = z.infer<typeof KitchenTimingView>;

export const KitchenTimingPatch = z
  .strictObject({
    warnMinutes: z.int().min(1).max(240),
    lateMinutes: z.int().min(1).max(480),
  })
  .refine((timing) => timing.lateMinutes > timing.warnMinutes, {
    path: ['lateMinutes'],
    message: 'Late must come after warn',
  });
export type KitchenTimingPatch = z.infer<typeof KitchenTimingPatch>;

/**
 * `GET /api/tenant/branches/:id/kitchen`: the tickets on the screen (not yet bumped, arrival
 * order), the last bumped ones for recall, the timing, and the kitchen stream's sequence.
 */
export const KitchenSnapshotView = z.object({
  branchId: z.uuid(),
  seq: z.int(),
  timing: KitchenTimingView,
  tickets: z.array(TicketView),
  recentlyBumped: z.array(TicketView),
});
export type KitchenSnapshotView = z.infer<typeof KitchenSnapshotView>;

/**
 * `GET /api/tenant/branches/:id/board`: the owner's figures for the branch's Lima day. The board
 * lists open orders and tickets from the live floor stream; these are the sums around them.
 */
export const BoardView = z.object({
  branchId: z.uuid(),
  /** The branch's business day, `YYYY-MM-DD` in its time zone. */
  day: z.string(),
  ordersToday: z.int(),
  /** Items not voided of today's orders that were not cancelled. */
  amountTodayCents: z.int(),
  /** Mean time from a ticket being sent to it being ready, today; null before the first one. */
  averageTicketSeconds: z.int().nullable(),
  ticketsReadyToday: z.int(),
});
export type BoardView = z.infer<typeof BoardView>;
