import type pg from 'pg';
import { withSqlClient } from '../src/db/sql-client.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import type { TestServer } from './test-server.ts';

/**
 * Runs `fn` on a plain connection to the tenant's own database, outside the app: for tests that
 * hold a lock or leave a row uncommitted to put two requests in a known order.
 */
export async function withTenantSql<T>(
  server: TestServer,
  tenantId: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
  return withSqlClient(server.services.locator.locate(tenant).url, fn);
}

/** Resolves once `count` other sessions of this database wait for a lock; fails after 5 s. */
export async function lockWaiters(client: pg.Client, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    // Inside a transaction the statistics views answer from one snapshot unless it is cleared.
    await client.query('select pg_stat_clear_snapshot()');
    const waiting = await client.query<{ count: number }>(
      `select count(*)::int as count from pg_stat_activity
        where datname = current_database() and state = 'active' and wait_event_type = 'Lock'
          and pid <> pg_backend_pid()`,
    );
    if ((waiting.rows[0]?.count ?? 0) >= count) {
      return;
    }
    if (Date.now() > deadline) {
      await client.query('select pg_stat_clear_snapshot()');
      const sessions = await client.query(
        `select state, wait_event_type, wait_event, left(query, 80) as query from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      );
      throw new Error(`expected ${count} sessions waiting for a lock: ${JSON.stringify(sessions.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
