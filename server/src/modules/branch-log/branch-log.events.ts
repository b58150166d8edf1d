import { rooms, type BranchEvent } from '@smartket/shared';
import type { Broadcast, Broadcaster } from '../../realtime/broadcaster.ts';

/**
 * Where each logged event goes once its transaction committed: every event to the branch's
 * floor room (waiters, cashiers, the owner's board), `tickets.*` also to its kitchen room.
 */
export function branchEventBroadcasts(tenantId: string, events: readonly BranchEvent[]): Broadcast[] {
  return events.map((event) => ({
    rooms:
      event.kitchenSeq === null
        ? [rooms.branch(tenantId, event.branchId)]
        : [rooms.branch(tenantId, event.branchId), rooms.kitchen(tenantId, event.branchId)],
    event: event.type,
    payload: event,
  }));
}

/**
 * Sends a change's logged events to their rooms. Call it only once the change's transaction
 * committed: a client must never hear of a change that could still roll back.
 */
export function publishBranchEvents(
  broadcaster: Broadcaster,
  tenantId: string,
  events: readonly BranchEvent[],
): void {
  for (const broadcast of branchEventBroadcasts(tenantId, events)) {
    broadcaster.publish(broadcast);
  }
}
