import type { CurrentTenantView, ErrorBody, MeView } from '@smartket/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../src/db/connection-url.ts';
import { withSqlClient } from '../src/db/sql-client.ts';
import { PROVISIONING_STEPS, type ProvisioningStep } from '../src/modules/tenants/provisioning.service.ts';
import { Membership } from '../src/modules/tenants/membership.entity.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant, uniqueEmail } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

async function tenantRow(server: TestServer, tenantId: string) {
  const em = server.services.adminOrm.em.fork();
  return em.findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
}

describe('tenant databases', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("provisions a database owned by the tenant's own role, closed to PUBLIC", async () => {
    const owner = await buildTenant(server);
    const tenant = await tenantRow(server, owner.tenantId);

    const database = await withSqlClient(server.postgresUrl, (client) =>
      client.query<{ owner: string; acl: string }>(
        `select pg_get_userbyid(datdba) as owner, datacl::text as acl from pg_database where datname = $1`,
        [tenant.databaseName],
      ),
    );
    expect(database.rows[0]?.owner).toBe(tenant.databaseRole);
    expect(database.rows[0]?.acl).not.toMatch(/(^|[{,])=[A-Za-z]*c/); // no CONNECT for PUBLIC

    const { url } = server.services.locator.locate(tenant);
    const objects = await withSqlClient(url, (client) =>
      client.query<{ owner: string }>(
        `select distinct pg_get_userbyid(relowner) as owner from pg_class
          where relnamespace = 'public'::regnamespace`,
      ),
    );
    expect(objects.rows.map((row) => row.owner)).toEqual([tenant.databaseRole]);
    expect(tenant.databasePasswordSealed).toMatch(/^v1:/);
  });

  it("keeps one tenant's role out of another tenant's database", async () => {
    const [a, b] = await Promise.all([buildTenant(server), buildTenant(server)]);
    const tenantA = await tenantRow(server, a.tenantId);
    const tenantB = await tenantRow(server, b.tenantId);
    const credentialsOfA = new URL(server.services.locator.locate(tenantA).url);
    const intoB = databaseUrl(credentialsOfA.toString(), { database: tenantB.databaseName });

    const client = new pg.Client({ connectionString: intoB });
    await expect(client.connect()).rejects.toMatchObject({ code: '42501' });
    await client.end().catch(() => undefined);
  });

  it("serves each tenant's own data, even when its pools are evicted and reopened", async () => {
    const owners = await Promise.all(
      ['Pollería Uno', 'Pollería Dos', 'Pollería Tres', 'Pollería Cuatro'].map((businessName) =>
        buildTenant(server, { businessName }),
      ),
    );
    const rounds = await Promise.all(
      [...owners, ...owners, ...owners].map(async (owner) => ({
        expected: owner.me.memberships[0]?.tenant.businessName,
        response: await owner.client.get<CurrentTenantView>('/api/tenant'),
      })),
    );
    for (const { expected, response } of rounds) {
      expect(response.status).toBe(200);
      expect(response.body.profile.businessName).toBe(expected);
      expect(response.body.tenant.businessName).toBe(expected);
    }
  });
});

describe('a small tenant pool cache', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { TENANT_POOL_MAX: '2', TENANT_CONNECTIONS_MAX: '4' } });
  });
  afterAll(() => server.close());

  it('never holds more pools than the connection cap allows, and never mixes tenants', async () => {
    expect(server.services.registry.capacity).toBe(2);
    const owners = await Promise.all(
      Array.from({ length: 5 }, (_, index) => buildTenant(server, { businessName: `Local ${index}` })),
    );
    const responses = await Promise.all(
      owners.flatMap((owner) =>
        [owner, owner].map(async () => ({
          owner,
          response: await owner.client.get<CurrentTenantView>('/api/tenant'),
        })),
      ),
    );
    for (const { owner, response } of responses) {
      expect(response.status).toBe(200);
      expect(response.body.tenant.id).toBe(owner.tenantId);
    }
    expect(server.services.registry.stats().cached).toBeLessThanOrEqual(2);
  });
});

describe('tenant resolution and switching', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { APP_DOMAIN: 'smartket.test' } });
  });
  afterAll(() => server.close());

  it('lets a member of several tenants switch, and refuses tenants they do not belong to', async () => {
    const owner = await buildTenant(server, { businessName: 'Primera Pollería' });
    const other = await buildTenant(server, { businessName: 'Segunda Pollería' });

    const refused = await owner.client.post<ErrorBody>('/api/auth/active-tenant', {
      tenantId: other.tenantId,
    });
    expect(refused.status).toBe(403);

    const em = server.services.adminOrm.em.fork();
    em.create(Membership, {
      user: owner.me.user.id,
      tenant: other.tenantId,
      role: 'admin',
      createdAt: new Date(),
    });
    await em.flush();

    const switched = await owner.client.post<MeView>('/api/auth/active-tenant', { tenantId: other.tenantId });
    expect(switched.status).toBe(200);
    expect(switched.body.activeTenantId).toBe(other.tenantId);
    expect(switched.body.memberships.map((membership) => membership.role).sort()).toEqual(['admin', 'owner']);
    const current = await owner.client.get<CurrentTenantView>('/api/tenant');
    expect(current.body.profile.businessName).toBe('Segunda Pollería');
    expect(current.body.role).toBe('admin');
  });

  it('resolves {slug}.APP_DOMAIN and checks membership there too', async () => {
    const owner = await buildTenant(server, { businessName: 'Pollería del Barrio' });
    const stranger = await buildTenant(server);
    const slug = owner.me.memberships[0]?.tenant.slug ?? '';

    const own = await owner.client.get<CurrentTenantView>('/api/tenant', { host: `${slug}.smartket.test` });
    expect(own.status).toBe(200);
    expect(own.body.tenant.slug).toBe(slug);

    const foreign = await stranger.client.get<ErrorBody>('/api/tenant', { host: `${slug}.smartket.test` });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('Pollería del Barrio');
  });

  it('answers 401 to tenant routes without a session', async () => {
    expect((await server.client().get('/api/tenant')).status).toBe(401);
  });
});

describe('provisioning is all or nothing', () => {
  let server: TestServer;
  let failAt: ProvisioningStep | undefined;
  let reserved: { databaseName: string; role: string } | undefined;

  beforeAll(async () => {
    server = await startTestServer({
      overrides: {
        beforeProvisioningStep: (step, names) => {
          reserved = names ?? reserved;
          if (step === failAt) {
            throw new Error(`injected failure before ${step}`);
          }
        },
      },
    });
  });
  afterAll(() => server.close());

  /** Rows of this server's admin database, and the database and role the failed attempt reserved. */
  async function leftovers() {
    return withSqlClient(server.adminUrl, async (client) => {
      const tenants = await client.query('select id from tenants');
      const users = await client.query('select id from users');
      const databases = await client.query('select 1 from pg_database where datname = $1', [
        reserved?.databaseName,
      ]);
      const roles = await client.query('select 1 from pg_roles where rolname = $1', [reserved?.role]);
      return {
        tenants: tenants.rowCount,
        users: users.rowCount,
        databases: databases.rowCount,
        roles: roles.rowCount,
      };
    });
  }

  it.each(PROVISIONING_STEPS)('leaves nothing behind when %s fails, and a retry succeeds', async (step) => {
    reserved = undefined;
    const before = await leftovers();
    const email = uniqueEmail();
    const signup = {
      email,
      password: 'pollo-a-la-brasa-2026',
      displayName: 'Pepa',
      businessName: `Pollería ${step}`,
    };

    failAt = step;
    const failed = await server.client().post<ErrorBody>('/api/auth/signup', signup);
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('PROVISIONING_FAILED');
    expect(failed.headers.getSetCookie()).toEqual([]);
    expect(await leftovers()).toEqual({ ...before, databases: 0, roles: 0 });
    if (step !== 'reserve_tenant') {
      expect(reserved, 'the attempt got as far as reserving names').toBeDefined();
    }

    failAt = undefined;
    const retried = await server.client().post<MeView>('/api/auth/signup', signup);
    expect(retried.status).toBe(201);
  });
});

describe('clean-up of a signup that died half-way', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('drops the database, role and row of a tenant stuck in provisioning, and spares recent ones', async () => {
    const stuck = `tenant_stuck_${Date.now().toString(36)}`;
    const recent = `tenant_recent_${Date.now().toString(36)}`;
    await withSqlClient(server.adminUrl, async (client) => {
      for (const [name, minutesAgo] of [
        [stuck, 60],
        [recent, 1],
      ] as const) {
        await client.query(`create role ${name} login password 'x'`);
        await client.query(`create database ${name} owner ${name}`);
        await client.query(
          `insert into tenants (id, slug, business_name, database_name, database_role, database_password_sealed,
             created_at, updated_at)
           values (gen_random_uuid(), $1, 'A medias', $2, $2, 'v1:x:x:x', now() - make_interval(mins => $3), now())`,
          [name.replaceAll('_', '-'), name, minutesAgo],
        );
      }
    });

    expect(await server.services.provisioning.cleanUpAbandoned(10 * 60 * 1000)).toBe(1);

    const left = await withSqlClient(server.adminUrl, async (client) => ({
      tenants: (await client.query('select database_name from tenants where status = $1', ['provisioning']))
        .rows,
      databases: (
        await client.query('select datname from pg_database where datname = any($1)', [[stuck, recent]])
      ).rows,
      roles: (await client.query('select rolname from pg_roles where rolname = any($1)', [[stuck, recent]]))
        .rows,
    }));
    expect(left).toEqual({
      tenants: [{ database_name: recent }],
      databases: [{ datname: recent }],
      roles: [{ rolname: recent }],
    });
  });
});
