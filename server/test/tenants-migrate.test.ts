import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { quoteIdent } from '../src/db/connection-url.ts';
import { tenantMigrations } from '../src/db/tenant/migrations/index.ts';
import { withSqlClient } from '../src/db/sql-client.ts';
import { createLogger } from '../src/lib/logger.ts';
import { migrateAllTenants, type MigrateAllOptions } from '../src/modules/tenants/tenants.migrate.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

class T9001Marker extends Migration {
  override name = '9001_test_marker';
  override up(): void {
    this.addSql('create table "test_marker" ("id" serial primary key)');
  }
}

describe('tenants:migrate', () => {
  let server: TestServer;
  let options: MigrateAllOptions;

  beforeAll(async () => {
    server = await startTestServer();
    options = {
      adminOrm: server.services.adminOrm,
      adminUrl: server.adminUrl,
      secretKey: inject('secretKey'),
      // A template of this test's own, so the shared one other tests clone stays untouched.
      templateDb: `tmpl_${Date.now().toString(36)}`,
      locator: server.services.locator,
      logger: createLogger('silent'),
      migrations: [...tenantMigrations, T9001Marker],
    };
  });
  afterAll(() => server.close());

  it('migrates the template and every tenant, keeps going past a failing one, and resumes', async () => {
    const owners = await Promise.all([buildTenant(server), buildTenant(server), buildTenant(server)]);
    const em = server.services.adminOrm.em.fork();
    const broken = await em.findOneOrFail(Tenant, owners[1]?.tenantId ?? '');
    await withSqlClient(server.adminUrl, (client) =>
      client.query(`alter role ${quoteIdent(broken.databaseRole)} nologin`),
    );

    const first = await migrateAllTenants(options);
    const bySlug = new Map(first.map((result) => [result.target, result]));
    expect(first[0]).toMatchObject({ target: `template ${options.templateDb}`, status: 'migrated' });
    expect(bySlug.get(broken.slug)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('not permitted to log in'),
    });
    for (const owner of [owners[0], owners[2]]) {
      const slug = owner?.me.memberships[0]?.tenant.slug ?? '';
      expect(bySlug.get(slug)).toMatchObject({ status: 'migrated', applied: ['9001_test_marker'] });
    }

    await withSqlClient(server.adminUrl, (client) =>
      client.query(`alter role ${quoteIdent(broken.databaseRole)} login`),
    );
    const second = await migrateAllTenants(options);
    const again = new Map(second.map((result) => [result.target, result.status]));
    expect(again.get(broken.slug)).toBe('migrated');
    expect([...again.values()].filter((status) => status === 'up_to_date')).toHaveLength(3);

    const tables = await withSqlClient(server.services.locator.adminUrlFor(broken.databaseName), (client) =>
      client.query(`select tableowner from pg_tables where tablename = 'test_marker'`),
    );
    expect(tables.rows[0]).toEqual({ tableowner: broken.databaseRole });
  });
});
