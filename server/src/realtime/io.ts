import type { Server as HttpServer } from 'node:http';
import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { roleCan, rooms, SocketAuth, type Role, type ServerToClientEvents } from '@smartket/shared';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { readCookie, SESSION_COOKIE } from '../http/middleware/session.ts';
import type { Logger } from '../lib/logger.ts';
import type { TenantDatabaseLocator } from '../modules/tenants/tenant-database.ts';
import type { TenantOrmRegistry } from '../db/tenant-orm.registry.ts';
import type { SessionService } from '../modules/auth/session.service.ts';
import { Branch } from '../modules/branches/branch.entity.ts';
import {
  DEVICE_COOKIE,
  STAFF_COOKIE,
  type DeviceAuthenticator,
  type DeviceRefusal,
} from '../modules/devices/device-credentials.ts';
import { Membership } from '../modules/tenants/membership.entity.ts';
import type { InterServerEvents } from './broadcaster.ts';

/**
 * Who a handshake let in and the rooms it joined. The server alone decides them; a client
 * never names a room.
 */
type Admission =
  | { kind: 'user'; rooms: string[] }
  | { kind: 'device'; rooms: string[]; deviceId: string; staffSessionRoom: string | null };

interface SocketData {
  admission: Admission;
}

export type RealtimeServer = Server<
  Record<never, never>,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type RealtimeSocket = Socket<Record<never, never>, ServerToClientEvents, InterServerEvents, SocketData>;

/** Why a handshake is refused: the client reads it as `connect_error`'s message. */
type Refusal = 'UNAUTHENTICATED' | 'BAD_REQUEST' | DeviceRefusal;

interface RealtimeDeps {
  adminOrm: MikroORM;
  /** To check that the branch a user names in the handshake exists in their business. */
  registry: TenantOrmRegistry;
  locator: TenantDatabaseLocator;
  sessions: SessionService;
  devices: DeviceAuthenticator;
  logger: Logger;
  isAllowedOrigin: (origin: string, host: string | undefined) => boolean;
  /** Shares rooms and broadcasts with the other instances (`createRealtimeCluster`). */
  adapter: ServerOptions['adapter'];
}

/**
 * Socket.IO on the app's own HTTP server. The handshake is authenticated with the cookies. An
 * e-mail session joins its own room and its active tenant's when the user is a member; a paired
 * device joins its own room, its PIN sign-in's, and its branch's order and kitchen rooms as far
 * as the role signed in (or a kitchen screen's own) may see them.
 */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    adapter: deps.adapter,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || deps.isAllowedOrigin(origin, req.headers.host));
    },
  });

  io.use((socket, next) => {
    admit(deps, socket.handshake.headers.cookie, socket.handshake.auth)
      .then(async (admission) => {
        if (typeof admission === 'string') {
          next(new Error(admission));
          return;
        }
        await socket.join(admission.rooms);
        socket.data.admission = admission;
        next();
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      });
  });

  io.on('connection', (socket) => {
    confirmAdmission(deps, socket).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'socket re-authentication failed');
    });
  });

  return io;
}

/**
 * The rooms of whoever the cookies name: the e-mail session first, else the paired device. A
 * user's handshake may name the branch whose live screens are open (`SocketAuth`); a device's
 * branch is its own, whatever it sends.
 */
async function admit(
  deps: RealtimeDeps,
  cookies: string | undefined,
  auth: unknown,
): Promise<Admission | Refusal> {
  const em = deps.adminOrm.em.fork();
  const sessionToken = readCookie(cookies, SESSION_COOKIE);
  if (sessionToken) {
    const parsedAuth = SocketAuth.safeParse(auth ?? {});
    if (!parsedAuth.success) {
      return 'BAD_REQUEST';
    }
    const joined = await userRooms(deps, em, sessionToken, parsedAuth.data.branchId);
    if (joined) {
      return { kind: 'user', rooms: joined };
    }
  }
  const deviceToken = readCookie(cookies, DEVICE_COOKIE);
  if (deviceToken) {
    return admitDevice(em, deps.devices, deviceToken, readCookie(cookies, STAFF_COOKIE));
  }
  return 'UNAUTHENTICATED';
}

/**
 * A broadcast reaches only connected sockets, and a socket connects after its handshake read
 * the credential: a revocation, sign-out or logout committed in between would pass it by, and
 * leave it in rooms it no longer belongs to. So the credential is read again once the socket is
 * connected and in its rooms — anything ended after this read is broadcast to it as usual — and
 * a socket that lost its admission meanwhile is told, as the broadcast would have, and dropped.
 */
async function confirmAdmission(deps: RealtimeDeps, socket: RealtimeSocket): Promise<void> {
  const admitted = socket.data.admission;
  const now = await admit(deps, socket.handshake.headers.cookie, socket.handshake.auth);
  if (typeof now !== 'string' && admitted.rooms.every((room) => now.rooms.includes(room))) {
    return;
  }
  if (admitted.kind === 'user') {
    socket.emit('sessions.ended', { reason: 'logout' });
  } else if (typeof now === 'string' || now.kind !== 'device') {
    socket.emit('devices.revoked', { deviceId: admitted.deviceId });
  } else if (admitted.staffSessionRoom && !now.rooms.includes(admitted.staffSessionRoom)) {
    socket.emit('staff_sessions.ended', { reason: 'signed_out' });
  }
  socket.disconnect(true);
}

/**
 * A user's rooms: their session's, their active business's, and — when the handshake names a
 * branch of that business and their role may see orders — that branch's floor and kitchen
 * rooms. A branch that is not theirs joins nothing more, the same as no branch.
 */
async function userRooms(
  deps: RealtimeDeps,
  em: EntityManager,
  token: string,
  branchId: string | undefined,
): Promise<string[] | null> {
  const valid = await deps.sessions.validate(em, token);
  if (!valid) {
    return null;
  }
  const joined = [rooms.session(valid.session.id)];
  const tenantId = valid.session.activeTenant?.id;
  if (!tenantId) {
    return joined;
  }
  const membership = await em.findOne(
    Membership,
    { user: valid.user.id, tenant: { id: tenantId, status: 'active' } },
    { populate: ['tenant', 'tenant.databasePasswordSealed'] },
  );
  if (!membership) {
    return joined;
  }
  joined.push(rooms.tenant(tenantId));
  if (branchId && roleCan(membership.role, 'orders.view')) {
    const tenant = membership.tenant.getEntity();
    const exists = await deps.registry.withTenant(deps.locator.locate(tenant), (tenantEm) =>
      tenantEm.count(Branch, { id: branchId }),
    );
    if (exists > 0) {
      joined.push(rooms.branch(tenantId, branchId), rooms.kitchen(tenantId, branchId));
    }
  }
  return joined;
}

async function admitDevice(
  em: EntityManager,
  devices: DeviceAuthenticator,
  deviceToken: string,
  staffToken: string | undefined,
): Promise<Admission | Refusal> {
  const found = await devices.authenticate(em, deviceToken, staffToken);
  if (typeof found === 'string') {
    return found;
  }
  // The rooms are decided now; nothing more is read from the tenant database for this socket.
  found.lease.release();
  const { tenant, device, signedIn } = found;
  const staffSessionRoom = signedIn ? rooms.staffSession(tenant.id, signedIn.session.id) : null;
  const joined = [rooms.device(tenant.id, device.id)];
  if (staffSessionRoom) {
    joined.push(staffSessionRoom);
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
  return { kind: 'device', rooms: joined, deviceId: device.id, staffSessionRoom };
}
