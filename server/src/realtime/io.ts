import type { Server as HttpServer } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { rooms, type ServerToClientEvents } from '@smartket/shared';
import { Server } from 'socket.io';
import { readCookie, SESSION_COOKIE } from '../http/middleware/session.ts';
import type { Logger } from '../lib/logger.ts';
import type { SessionService } from '../modules/auth/session.service.ts';
import { Membership } from '../modules/tenants/membership.entity.ts';

export type RealtimeServer = Server<Record<never, never>, ServerToClientEvents>;

/**
 * Socket.IO on the app's own HTTP server. The handshake is authenticated with the session
 * cookie and the server alone decides the rooms: the session's own, and its active tenant's
 * when the user is a member. A client never names a room.
 */
export function createRealtimeServer(
  httpServer: HttpServer,
  deps: {
    adminOrm: MikroORM;
    sessions: SessionService;
    logger: Logger;
    isAllowedOrigin: (origin: string, host: string | undefined) => boolean;
  },
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || deps.isAllowedOrigin(origin, req.headers.host));
    },
  });

  io.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    if (!token) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    const em = deps.adminOrm.em.fork();
    deps.sessions
      .validate(em, token)
      .then(async (valid) => {
        if (!valid) {
          next(new Error('UNAUTHENTICATED'));
          return;
        }
        const joined = [rooms.session(valid.session.id)];
        const tenantId = valid.session.activeTenant?.id;
        if (
          tenantId &&
          (await em.count(Membership, { user: valid.user.id, tenant: { id: tenantId, status: 'active' } }))
        ) {
          joined.push(rooms.tenant(tenantId));
        }
        await socket.join(joined);
        next();
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      });
  });

  return io;
}
