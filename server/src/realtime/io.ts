import type { Server as HttpServer } from 'node:http';
import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { roleCan, rooms, type Role, type ServerToClientEvents } from '@smartket/shared';
import { Server } from 'socket.io';
import { readCookie, SESSION_COOKIE } from '../http/middleware/session.ts';
import type { Logger } from '../lib/logger.ts';
import type { SessionService } from '../modules/auth/session.service.ts';
import {
  DEVICE_COOKIE,
  STAFF_COOKIE,
  type DeviceAuthenticator,
  type DeviceRefusal,
} from '../modules/devices/device-credentials.ts';
import { Membership } from '../modules/tenants/membership.entity.ts';

export type RealtimeServer = Server<Record<never, never>, ServerToClientEvents>;

/** Why a handshake is refused: the client reads it as `connect_error`'s message. */
type Refusal = 'UNAUTHENTICATED' | DeviceRefusal;

interface RealtimeDeps {
  adminOrm: MikroORM;
  sessions: SessionService;
  devices: DeviceAuthenticator;
  logger: Logger;
  isAllowedOrigin: (origin: string, host: string | undefined) => boolean;
}

/**
 * Socket.IO on the app's own HTTP server. The handshake is authenticated with the cookies and
 * the server alone decides the rooms. An e-mail session joins its own room and its active
 * tenant's when the user is a member; a paired device joins its own room, its PIN sign-in's,
 * and its branch's order and kitchen rooms as far as the role signed in (or a kitchen screen's
 * own) may see them. A client never names a room.
 */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || deps.isAllowedOrigin(origin, req.headers.host));
    },
  });

  io.use((socket, next) => {
    roomsFor(deps, socket.handshake.headers.cookie)
      .then(async (joined) => {
        if (typeof joined === 'string') {
          next(new Error(joined));
          return;
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

/** The rooms of whoever the cookies name: the e-mail session first, else the paired device. */
async function roomsFor(deps: RealtimeDeps, cookies: string | undefined): Promise<string[] | Refusal> {
  const em = deps.adminOrm.em.fork();
  const sessionToken = readCookie(cookies, SESSION_COOKIE);
  if (sessionToken) {
    const joined = await userRooms(em, deps.sessions, sessionToken);
    if (joined) {
      return joined;
    }
  }
  const deviceToken = readCookie(cookies, DEVICE_COOKIE);
  if (deviceToken) {
    return deviceRooms(em, deps.devices, deviceToken, readCookie(cookies, STAFF_COOKIE));
  }
  return 'UNAUTHENTICATED';
}

async function userRooms(
  em: EntityManager,
  sessions: SessionService,
  token: string,
): Promise<string[] | null> {
  const valid = await sessions.validate(em, token);
  if (!valid) {
    return null;
  }
  const joined = [rooms.session(valid.session.id)];
  const tenantId = valid.session.activeTenant?.id;
  if (
    tenantId &&
    (await em.count(Membership, { user: valid.user.id, tenant: { id: tenantId, status: 'active' } }))
  ) {
    joined.push(rooms.tenant(tenantId));
  }
  return joined;
}

async function deviceRooms(
  em: EntityManager,
  devices: DeviceAuthenticator,
  deviceToken: string,
  staffToken: string | undefined,
): Promise<string[] | Refusal> {
  const found = await devices.authenticate(em, deviceToken, staffToken);
  if (typeof found === 'string') {
    return found;
  }
  // The rooms are decided now; nothing more is read from the tenant database for this socket.
  found.lease.release();
  const { tenant, device, signedIn } = found;
  const joined = [rooms.device(tenant.id, device.id)];
  if (signedIn) {
    joined.push(rooms.staffSession(tenant.id, signedIn.session.id));
  }
  const role: Role | null = signedIn
    ? signedIn.staff.role
    : device.kind === 'kitchen_screen'
      ? 'kitchen'
      : null;
  if (role && roleCan(role, 'orders.view')) {
    joined.push(rooms.branch(tenant.id, device.branchId));
  }
  if (role && roleCan(role, 'kitchen.view')) {
    joined.push(rooms.kitchen(tenant.id, device.branchId));
  }
  return joined;
}
