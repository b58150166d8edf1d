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

/**
 * The only place that emits to sockets. Modules describe broadcasts in their `*.events.ts` and
 * publish them after their transaction committed.
 */
export class Broadcaster {
  private io: Server<Record<never, never>, ServerToClientEvents> | undefined;
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  attach(io: Server<Record<never, never>, ServerToClientEvents>): void {
    this.io = io;
  }

  publish<E extends EventName>(broadcast: Broadcast<E>): void {
    const io = this.io;
    if (!io || broadcast.rooms.length === 0) {
      return;
    }
    const target = io.to(broadcast.rooms);
    // The typed emit cannot see that `payload` matches `event` through the generic; it does.
    (target.emit as (event: EventName, payload: unknown) => boolean)(broadcast.event, broadcast.payload);
    if (broadcast.disconnect) {
      io.in(broadcast.rooms).disconnectSockets(true);
    }
    this.logger.debug({ event: broadcast.event, rooms: broadcast.rooms }, 'broadcast');
  }
}
