import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('admin and tenant ORM contexts', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("gives a tenant lease taken inside an admin transaction the tenant's own database", async () => {
    const owner = await buildTenant(server);
    const { adminOrm, registry, locator } = server.services;
    const databases = await adminOrm.em.fork().transactional(async (adminTx) => {
      const tenant = await adminTx.findOneOrFail(Tenant, owner.tenantId, {
        populate: ['databasePasswordSealed'],
      });
      const lease = await registry.lease(locator.locate(tenant));
      try {
        const [inTenant] = await lease.em.execute<{ name: string }[]>('select current_database() as name');
        const [inAdmin] = await adminTx.execute<{ name: string }[]>('select current_database() as name');
        return { tenant: inTenant?.name, admin: inAdmin?.name, expected: tenant.databaseName };
      } finally {
        lease.release();
      }
    });
    expect(databases.tenant).toBe(databases.expected);
    expect(databases.admin).not.toBe(databases.expected);
  });
});
