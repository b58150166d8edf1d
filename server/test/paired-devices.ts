import type {
  BranchDetailView,
  DeviceKind,
  DeviceSessionView,
  PairingCodeView,
  StaffRole,
  StaffView,
} from '@smartket/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { createLogger } from '../src/lib/logger.ts';
import { startServer } from '../src/runtime.ts';
import type { ServiceOverrides } from '../src/services.ts';
import type { BuiltOwner } from './factories.ts';
import { ApiClient, type ApiResponse, type TestServer } from './test-server.ts';
import { withTenantSql } from './tenant-sql.ts';

/**
 * A browser of a paired device: a cookie jar that keeps every SmartKet cookie it is sent (the
 * device credential and the PIN sign-in, not only the session), and forgets the ones cleared.
 */
export class DeviceClient extends ApiClient {
  readonly jar = new Map<string, string>();
  /** The raw `Set-Cookie` lines of the last answer, to check their attributes. */
  lastSetCookies: string[] = [];

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
    const moved = new DeviceClient(server.url);
    for (const [name, value] of this.jar) {
      moved.jar.set(name, value);
    }
    return moved;
  }
}

export function expectStatus<T>(response: ApiResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The tenant's one branch (a trial allows one), opened through the API. */
export async function openBranch(owner: BuiltOwner, name = 'Local Central'): Promise<string> {
  const response = await owner.client.post<BranchDetailView>('/api/tenant/branches', {
    name,
    address: 'Av. Brasil 1450',
    district: 'Pueblo Libre',
  });
  return expectStatus(response, 201).branch.id;
}

export async function createStaff(
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

export interface PairedDevice {
  client: DeviceClient;
  session: DeviceSessionView;
  code: PairingCodeView;
}

/** The owner makes a code and a new browser pairs with it. */
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

export async function signIn(
  device: DeviceClient,
  staffId: string,
  pin = '2580',
): Promise<DeviceSessionView> {
  return expectStatus(await device.post<DeviceSessionView>('/api/device/sign-in', { staffId, pin }), 200);
}

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
