import type { ServerToClientEvents } from '@smartket/shared';
import type { Server } from 'socket.io';
import type { Logger } from '../lib/logger.ts';

export type EventName = keyof ServerToClientEvents;

/** What a module wants sent: to which rooms, which event, with what payload. */
export interface Broadcast<E extends EventName = EventName> {
  rooms: string[];
  event: E;
  payload: Parameters<ServerToClientEvents[E]>[0];
  /** Disconnect the sockets of those rooms after telling them (a session that ended). */
  disconnect?: boolean;
}

/** What one SmartKet instance asks the others, besides the adapter's own broadcasts. */
export interface InterServerEvents {
  /** Tell the sockets of the broadcast's rooms, and drop them, on the instance that hears it. */
  'sockets.end': (broadcast: Broadcast) => void;
}

type BroadcastingServer = Server<Record<never, never>, ServerToClientEvents, InterServerEvents>;

/**
 * The only place that emits to sockets. Modules describe broadcasts in their `*.events.ts` and
 * publish them after their transaction committed.
 */
export class Broadcaster {
  private io: BroadcastingServer | undefined;
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  attach(io: BroadcastingServer): void {
    this.io = io;
    io.on('sockets.end', (broadcast) => endLocally(io, broadcast));
  }

  publish<E extends EventName>(broadcast: Broadcast<E>): void {
    const io = this.io;
    if (!io || broadcast.rooms.length === 0) {
      return;
    }
    if (broadcast.disconnect) {
      // Through the adapter an emit and a disconnection are two messages, each delivered here
      // only once sent: a socket joining its rooms in between would be dropped without being
      // told. Each instance does both at once instead, on its own sockets.
      endLocally(io, broadcast);
      io.serverSideEmit('sockets.end', broadcast);
    } else {
      emit(io.to(broadcast.rooms), broadcast);
    }
    this.logger.debug({ event: broadcast.event, rooms: broadcast.rooms }, 'broadcast');
  }
}

function endLocally(io: BroadcastingServer, broadcast: Broadcast): void {
  if (broadcast.rooms.length === 0) {
    // No room names every socket of the instance; an end always names whose.
    return;
  }
  emit(io.local.to(broadcast.rooms), broadcast);
  io.local.in(broadcast.rooms).disconnectSockets(true);
}

function emit(target: ReturnType<BroadcastingServer['to']>, broadcast: Broadcast): void {
  // The typed emit cannot see that `payload` matches `event` through the generic; it does.
  (target.emit as (event: EventName, payload: unknown) => boolean)(broadcast.event, broadcast.payload);
}
