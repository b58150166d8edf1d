import type {
  BranchDetailView,
  DeviceKind,
  DeviceSessionView,
  MeView,
  PairingCodeView,
  Role,
  StaffRole,
  StaffView,
} from '@smartket/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { createLogger } from '../src/lib/logger.ts';
import { hashToken, randomToken } from '../src/lib/tokens.ts';
import { issueDeviceToken } from '../src/modules/devices/device-credentials.ts';
import { changePlan } from '../src/modules/plans/plans.service.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { startServer } from '../src/runtime.ts';
import type { ServiceOverrides } from '../src/services.ts';
import { buildTenant, uniqueEmail, type BuiltOwner } from './factories.ts';
import { withTenantSql } from './tenant-sql.ts';
import { ApiClient, type ApiResponse, type TestServer } from './test-server.ts';

/**
 * Everyone a test acts as besides the owner's own browser: an admin, a paired device and the
 * person signed in on it with a PIN, a kitchen kiosk — and what they leave behind (sockets, the
 * audit log). Devices and sign-ins come two ways: through the API (`pairDevice`, `signIn`), for
 * tests of pairing and PIN sign-in themselves; or minted straight into the tenant database
 * (`mintDevice`, `mintSignedInStaff`), for tests of what a role may reach.
 */

export function expectStatus<T>(response: ApiResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

// ---------------------------------------------------------------------------------------------
// The business

/** A branch of the owner's tenant, opened through the API (on `pro` when the trial's one is taken). */
export async function buildBranch(
  server: TestServer,
  owner: BuiltOwner,
  name = 'Local Central',
): Promise<string> {
  const open = () =>
    owner.client.post<BranchDetailView>('/api/tenant/branches', { name, address: null, district: null });
  let response = await open();
  if (response.status === 403) {
    const tenant = await server.services.adminOrm.em.fork().findOneOrFail(Tenant, owner.tenantId);
    await changePlan(server.services.adminOrm.em.fork(), server.services.clock, {
      slug: tenant.slug,
      plan: 'pro',
    });
    response = await open();
  }
  return expectStatus(response, 201).branch.id;
}

/** A new business with its first branch. */
export async function buildOwnerWithBranch(
  server: TestServer,
): Promise<{ owner: BuiltOwner; branchId: string }> {
  const owner = await buildTenant(server);
  return { owner, branchId: await buildBranch(server, owner) };
}

/** A staff member added by the owner through the API (a waiter with PIN 2580 unless told). */
export async function buildStaff(
  owner: BuiltOwner,
  input: { name: string; role?: StaffRole; branchIds: string[]; pin?: string },
): Promise<StaffView> {
  const response = await owner.client.post<StaffView>('/api/tenant/staff', {
    role: 'waiter',
    pin: '2580',
    ...input,
  });
  return expectStatus(response, 201);
}

/** Another e-mail user made `admin` of the owner's tenant (as an accepted invitation would), signed in there. */
export async function buildAdmin(server: TestServer, owner: BuiltOwner): Promise<ApiClient> {
  const admin = await buildTenant(server, { email: uniqueEmail('admin') });
  await withSqlClient(server.adminUrl, (sql) =>
    sql.query(
      `insert into tenant_memberships (id, user_id, tenant_id, role, created_at) values ($1, $2, $3, 'admin', now())`,
      [crypto.randomUUID(), admin.me.user.id, owner.tenantId],
    ),
  );
  const switched = await admin.client.post<MeView>('/api/auth/active-tenant', { tenantId: owner.tenantId });
  expectStatus(switched, 200);
  return admin.client;
}

// ---------------------------------------------------------------------------------------------
// A paired device's browser

/**
 * A browser of a paired device: a cookie jar that keeps every SmartKet cookie it is sent (the
 * device credential and the PIN sign-in, not only the session), and forgets the ones cleared.
 */
export class DeviceClient extends ApiClient {
  readonly jar = new Map<string, string>();
  /** The raw `Set-Cookie` lines of the last answer, to check their attributes. */
  lastSetCookies: string[] = [];

  /** A browser that already holds these cookies. */
  static withCookies(baseUrl: string, cookies: Record<string, string>): DeviceClient {
    const client = new DeviceClient(baseUrl);
    for (const [name, value] of Object.entries(cookies)) {
      client.jar.set(name, value);
    }
    client.cookie = client.cookieHeader();
    return client;
  }

  override async request<T>(
    method: string,
    path: string,
    rawBody: string | undefined,
    headers: Record<string, string>,
  ): Promise<ApiResponse<T>> {
    this.cookie = this.cookieHeader();
    const response = await super.request<T>(method, path, rawBody, headers);
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const pair = line.split(';')[0] ?? '';
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(line)) {
        this.jar.delete(name);
      } else {
        this.jar.set(name, value);
      }
    }
    this.cookie = this.cookieHeader();
    return response;
  }

  /** The `Cookie` header this device sends, for a socket handshake too. */
  cookieHeader(): string | undefined {
    return this.jar.size > 0
      ? [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ')
      : undefined;
  }

  /** The same cookies on another server (after a restart). */
  movedTo(server: TestServer): DeviceClient {
    return DeviceClient.withCookies(server.url, Object.fromEntries(this.jar));
  }
}

export interface PairedDevice {
  client: DeviceClient;
  session: DeviceSessionView;
  code: PairingCodeView;
}

/** The owner makes a pairing code and a new browser pairs with it. */
export async function pairDevice(
  server: TestServer,
  owner: BuiltOwner,
  input: { branchId: string; kind?: DeviceKind; name?: string },
): Promise<PairedDevice> {
  const code = expectStatus(
    await owner.client.post<PairingCodeView>('/api/tenant/devices/pairing-codes', {
      kind: 'shared_phone',
      name: 'Celular de salón',
      ...input,
    }),
    201,
  );
  const client = new DeviceClient(server.url);
  const session = expectStatus(
    await client.post<DeviceSessionView>('/api/device/pair', { code: code.code }),
    201,
  );
  return { client, session, code };
}

/** Signs a staff member in on the device with their PIN; the device keeps the staff cookie. */
export async function signIn(
  device: DeviceClient,
  staffId: string,
  pin = '2580',
): Promise<DeviceSessionView> {
  return expectStatus(await device.post<DeviceSessionView>('/api/device/sign-in', { staffId, pin }), 200);
}

// ---------------------------------------------------------------------------------------------
// Actors minted straight into a tenant database

export interface MintedDevice {
  deviceId: string;
  /** The `smartket_device` cookie value. */
  deviceToken: string;
}

/** A device paired to `branchId`, written straight into the tenant database. */
export async function mintDevice(
  server: TestServer,
  tenantId: string,
  branchId: string,
  kind: DeviceKind,
  name = `Equipo ${randomToken(3)}`,
): Promise<MintedDevice> {
  const deviceId = crypto.randomUUID();
  const { token, tokenHash } = issueDeviceToken(tenantId, deviceId);
  await withTenantSql(server, tenantId, (sql) =>
    sql.query(
      `insert into devices (id, name, kind, branch_id, token_hash, paired_at) values ($1, $2, $3, $4, $5, now())`,
      [deviceId, name, kind, branchId, tokenHash],
    ),
  );
  return { deviceId, deviceToken: token };
}

export interface MintedStaff extends MintedDevice {
  staffId: string;
  /** The `smartket_staff` cookie value. */
  staffToken: string;
  client: DeviceClient;
}

/** A staff member of `role`, assigned to `branchId`, signed in on a fresh device there. */
export async function mintSignedInStaff(
  server: TestServer,
  tenantId: string,
  branchId: string,
  role: StaffRole,
): Promise<MintedStaff> {
  const device = await mintDevice(
    server,
    tenantId,
    branchId,
    role === 'cashier' ? 'cash_desk' : 'shared_phone',
  );
  const staffId = crypto.randomUUID();
  const sessionId = randomToken(15);
  const secret = randomToken(20);
  const name = `${role} ${randomToken(4)}`;
  await withTenantSql(server, tenantId, async (sql) => {
    await sql.query(
      `insert into staff (id, name, name_key, role, pin_hash, created_at, updated_at)
         values ($1, $2, $3, $4, 'not-a-real-hash', now(), now())`,
      [staffId, name, name, role],
    );
    await sql.query(`insert into staff_branches (staff_id, branch_id) values ($1, $2)`, [staffId, branchId]);
    await sql.query(
      `insert into staff_sessions (id, secret_hash, staff_id, device_id, branch_id, created_at, last_active_at, expires_at)
         values ($1, $2, $3, $4, $5, now(), now(), now() + interval '8 hours')`,
      [sessionId, hashToken(secret), staffId, device.deviceId, branchId],
    );
  });
  const staffToken = `${sessionId}.${secret}`;
  return {
    ...device,
    staffId,
    staffToken,
    client: DeviceClient.withCookies(server.url, {
      smartket_device: device.deviceToken,
      smartket_staff: staffToken,
    }),
  };
}

/** One signed-in client per role of the permission table, plus a kitchen kiosk, all in one tenant and branch. */
export interface EveryRole {
  owner: BuiltOwner;
  branchId: string;
  clients: Record<Role | 'kiosk', ApiClient>;
}

export async function buildEveryRole(server: TestServer): Promise<EveryRole> {
  const owner = await buildTenant(server);
  const branchId = await buildBranch(server, owner, 'Local Centro');
  const kiosk = await mintDevice(server, owner.tenantId, branchId, 'kitchen_screen');
  return {
    owner,
    branchId,
    clients: {
      owner: owner.client,
      admin: await buildAdmin(server, owner),
      cashier: (await mintSignedInStaff(server, owner.tenantId, branchId, 'cashier')).client,
      waiter: (await mintSignedInStaff(server, owner.tenantId, branchId, 'waiter')).client,
      kitchen: (await mintSignedInStaff(server, owner.tenantId, branchId, 'kitchen')).client,
      kiosk: DeviceClient.withCookies(server.url, { smartket_device: kiosk.deviceToken }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sockets

export function openSocket(server: { url: string }, cookie: string | undefined): Socket {
  return connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
}

/** 'connected', or the server's refusal message. */
export function socketOutcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    if (socket.connected) {
      resolve('connected');
      return;
    }
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

/** Resolves with the first payload of `event`; fails after 5 s. */
export function nextEvent<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export function disconnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected after 5 s')), 5000);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Lets the next call of `target[method]` run and then holds its answer until `resume()`: a test
 * commits a change in between, the way a revocation or a logout can race a socket's handshake
 * (`pauseAfterNextCall(server.services.devices, 'authenticate')`, then open the socket).
 */
export function pauseAfterNextCall<T extends object>(
  target: T,
  method: keyof T & string,
): { reached: Promise<void>; resume: () => void } {
  const original: unknown = target[method];
  if (typeof original !== 'function') {
    throw new Error(`${method} is not a method`);
  }
  const reached = Promise.withResolvers<void>();
  const resumed = Promise.withResolvers<void>();
  Object.defineProperty(target, method, {
    configurable: true,
    value: async (...args: unknown[]): Promise<unknown> => {
      Reflect.deleteProperty(target, method);
      const answer: unknown = await Reflect.apply(original, target, args);
      reached.resolve();
      await resumed.promise;
      return answer;
    },
  });
  return { reached: reached.promise, resume: () => resumed.resolve() };
}

// ---------------------------------------------------------------------------------------------
// The audit log, and a restart

export interface AuditRow {
  action: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  device_id: string | null;
  device_name: string | null;
  branch_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  entity_label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The tenant's audit log, oldest first, read straight from its database. */
export async function auditLog(server: TestServer, tenantId: string, action?: string): Promise<AuditRow[]> {
  return withTenantSql(server, tenantId, async (client) => {
    const result = await client.query<AuditRow>(
      `select action, actor_kind, actor_id, actor_name, device_id, device_name, branch_id,
              entity_type, entity_id, entity_label, before, after
         from audit_log where $1::text is null or action = $1 order by id`,
      [action ?? null],
    );
    return result.rows;
  });
}

/**
 * Stops `server` and starts a new SmartKet on the same admin database (and so the same tenant
 * databases): what a deploy or a crash does. Only the databases carry over.
 */
export async function restartTestServer(
  server: TestServer,
  overrides: ServiceOverrides = {},
): Promise<TestServer> {
  await server.close();
  const running = await startServer(
    server.config,
    { adminUrl: server.adminUrl, secretKey: inject('secretKey') },
    createLogger('silent'),
    { overrides },
  );
  return {
    ...running,
    adminUrl: server.adminUrl,
    postgresUrl: server.postgresUrl,
    config: server.config,
    client: () => new ApiClient(running.url),
  };
}
