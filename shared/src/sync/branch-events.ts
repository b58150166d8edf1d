import { z } from 'zod';
import { OrderView } from '../schemas/order.schema.ts';
import { KitchenTimingView, TicketView } from '../schemas/kitchen.schema.ts';
import { ORDER_STATUSES, SALE_STATUSES } from '../enums.ts';

/**
 * The payload of each event of a branch's log. A floor screen (tables, orders, the till, the
 * owner's board) hears every event; a kitchen screen hears the `tickets.*` ones and `kitchen.timing`.
 */
export const BranchEventPayloads = {
  /** A table or a takeaway/delivery order was opened. */
  'orders.opened': z.object({ order: OrderView }),
  /** Anything else about a live order: a round, items served or voided, bill, move, join, edits. */
  'orders.updated': z.object({ order: OrderView }),
  /** The order left the floor: cancelled, merged into another, or (issue 6) paid. */
  'orders.closed': z.object({
    orderId: z.uuid(),
    status: z.enum(ORDER_STATUSES),
    mergedIntoId: z.uuid().nullable(),
  }),
  /**
   * A sale was charged or voided — of a live order or of a closed one (a void after the bill, a
   * canje charged again), which changes nothing else on the floor. Screens that show what the
   * branch sold (the day's sales, the till's and the board's figures) read them again; the floor
   * itself (tables, orders) does not change with it. `status` is the sale's after the change.
   */
  'sales.changed': z.object({
    saleId: z.uuid(),
    orderId: z.uuid(),
    status: z.enum(SALE_STATUSES),
  }),
  /** A round reached a station. */
  'tickets.created': z.object({ ticket: TicketView }),
  /** Items started or ready, the ticket bumped or recalled, an item voided. */
  'tickets.updated': z.object({ ticket: TicketView }),
  /** When the branch's tickets turn amber and red changed: open kitchen screens recolour at once. */
  'kitchen.timing': z.object({ timing: KitchenTimingView }),
} as const;

export type BranchEventType = keyof typeof BranchEventPayloads;
export const BRANCH_EVENT_TYPES = Object.keys(BranchEventPayloads) as BranchEventType[];
export type BranchEventPayload<T extends BranchEventType> = z.infer<(typeof BranchEventPayloads)[T]>;

/** The two streams of a branch's log: the floor hears every event, the kitchen its own. */
export const BRANCH_STREAMS = ['floor', 'kitchen'] as const;
export type BranchStream = (typeof BRANCH_STREAMS)[number];

/** Whether an event type is part of the kitchen stream (every type is part of the floor's). */
export function isKitchenEvent(type: BranchEventType): boolean {
  return type.startsWith('tickets.') || type === 'kitchen.timing';
}

const envelopeFields = {
  branchId: z.uuid(),
  /** The floor stream's sequence: 1, 2, 3… per branch, without gaps, in commit order. */
  seq: z.int().min(1),
  /** The kitchen stream's sequence for its events (see `isKitchenEvent`), else null. */
  kitchenSeq: z.int().min(1).nullable(),
  at: z.iso.datetime(),
};

function envelope<T extends BranchEventType>(type: T) {
  return z.object({ ...envelopeFields, type: z.literal(type), payload: BranchEventPayloads[type] });
}

/** One event as it is broadcast and as catch-up returns it. */
export const BranchEvent = z.discriminatedUnion('type', [
  envelope('orders.opened'),
  envelope('orders.updated'),
  envelope('orders.closed'),
  envelope('sales.changed'),
  envelope('tickets.created'),
  envelope('tickets.updated'),
  envelope('kitchen.timing'),
]);
export type BranchEvent = z.infer<typeof BranchEvent>;
export type BranchEventOf<T extends BranchEventType> = Extract<BranchEvent, { type: T }>;

/** The sequence a client of `stream` counts by. */
export function streamSeq(event: BranchEvent, stream: BranchStream): number | null {
  return stream === 'floor' ? event.seq : event.kitchenSeq;
}

/** How many missed events catch-up returns at most before it asks for a fresh snapshot. */
export const CATCH_UP_LIMIT = 500;

/** `?after=` of the catch-up routes: the last sequence the client applied (0: none yet). */
export const CatchUpQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type CatchUpQuery = z.infer<typeof CatchUpQuery>;

/**
 * `GET /api/tenant/branches/:id/{floor,kitchen}/events?after=N`: every event of the stream after
 * N, in order — or, when the client is too far behind (more than `CATCH_UP_LIMIT`, or older
 * than the log keeps), `snapshotRequired` and no events: it reloads the snapshot instead.
 */
export const CatchUpView = z.object({
  events: z.array(BranchEvent),
  latestSeq: z.int().min(0),
  snapshotRequired: z.boolean(),
});
export type CatchUpView = z.infer<typeof CatchUpView>;

/**
 * Catch-up as a client reads it. An event the client cannot read — a type added after it was
 * built, in an installed app not updated yet — comes as `null` instead of failing the whole
 * answer, which would leave the screen stuck behind it for good: the client reloads the
 * snapshot rather than guess what that event changed. (A view the snapshot shares with the
 * event, changed incompatibly, still fails the snapshot too: only new event types are covered.)
 */
export const TolerantCatchUpView = CatchUpView.extend({
  events: z.array(z.unknown().transform((raw) => BranchEvent.safeParse(raw).data ?? null)),
});
export type TolerantCatchUpView = z.infer<typeof TolerantCatchUpView>;

/**
 * The Socket.IO handshake's `auth`. A user (owner, admin) names the branch whose live screens it
 * has open; the server checks the user may see it before joining its rooms. Devices are bound
 * to their branch and send nothing.
 */
export const SocketAuth = z.object({ branchId: z.uuid().optional() });
export type SocketAuth = z.infer<typeof SocketAuth>;
