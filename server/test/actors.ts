import type { BranchDetailView, MeView, Role, StaffRole } from '@smartket/shared';
import type pg from 'pg';
import { withSqlClient } from '../src/db/sql-client.ts';
import { issueDeviceToken } from '../src/modules/devices/device-credentials.ts';
import { hashToken, randomToken } from '../src/lib/tokens.ts';
import { changePlan } from '../src/modules/plans/plans.service.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant, uniqueEmail, type BuiltOwner } from './factories.ts';
import { withTenantSql } from './tenant-sql.ts';
import type { ApiClient, TestServer } from './test-server.ts';

/**
 * Actors minted straight into a tenant database — a staff member signed in on a paired device,
 * or a kitchen kiosk — for tests about what each role may reach, not about how pairing and PIN
 * sign-in work (devices.test.ts and pin-sign-in.test.ts test those through the API).
 */

/** A client whose requests carry these cookies, the way a paired browser sends them. */
export function clientWithCookies(server: TestServer, cookies: Record<string, string>): ApiClient {
  const client = server.client();
  client.cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return client;
}

/** A branch of the owner's tenant, created through the API (switches the tenant to `pro` for a second one). */
export async function buildBranch(server: TestServer, owner: BuiltOwner, name: string): Promise<string> {
  let response = await owner.client.post<BranchDetailView>('/api/tenant/branches', {
    name,
    address: null,
    district: null,
  });
  if (response.status === 403) {
    const tenant = await server.services.adminOrm.em.fork().findOneOrFail(Tenant, owner.tenantId);
    await changePlan(server.services.adminOrm.em.fork(), server.services.clock, {
      slug: tenant.slug,
      plan: 'pro',
    });
    response = await owner.client.post<BranchDetailView>('/api/tenant/branches', {
      name,
      address: null,
      district: null,
    });
  }
  if (response.status !== 201) {
    throw new Error(`branch creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.branch.id;
}

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
  kind: 'shared_phone' | 'cash_desk' | 'kitchen_screen',
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
  client: ApiClient;
}

/** A staff member of `role`, assigned to `branchId`, signed in on a fresh shared device there. */
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
    client: clientWithCookies(server, { smartket_device: device.deviceToken, smartket_staff: staffToken }),
  };
}

/** Another e-mail user made `admin` of the owner's tenant (as an accepted invitation would), signed in there. */
export async function buildAdmin(server: TestServer, owner: BuiltOwner): Promise<ApiClient> {
  const admin = await buildTenant(server, { email: uniqueEmail('admin') });
  await withAdminSql(server, (sql) =>
    sql.query(
      `insert into tenant_memberships (id, user_id, tenant_id, role, created_at) values ($1, $2, $3, 'admin', now())`,
      [crypto.randomUUID(), admin.me.user.id, owner.tenantId],
    ),
  );
  const switched = await admin.client.post<MeView>('/api/auth/active-tenant', { tenantId: owner.tenantId });
  if (switched.status !== 200) {
    throw new Error(`switching to the invited tenant failed: ${switched.status}`);
  }
  return admin.client;
}

function withAdminSql<T>(server: TestServer, fn: (sql: pg.Client) => Promise<T>): Promise<T> {
  return withSqlClient(server.adminUrl, fn);
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
      kiosk: clientWithCookies(server, { smartket_device: kiosk.deviceToken }),
    },
  };
}
