import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, tenantOrmOptions, type MigrationList } from '../../db/orm.ts';
import { tenantMigrations } from '../../db/tenant/migrations/index.ts';
import { prepareTenantTemplate } from '../../db/tenant/template.ts';
import { withSqlClient } from '../../db/sql-client.ts';
import type { Logger } from '../../lib/logger.ts';
import { Tenant } from './tenant.entity.ts';
import type { TenantDatabaseLocator } from './tenant-database.ts';

export interface TenantMigrationResult {
  target: string;
  status: 'migrated' | 'up_to_date' | 'failed';
  applied: string[];
  error?: string;
}

export interface MigrateAllOptions {
  adminOrm: MikroORM;
  adminUrl: string;
  secretKey: string;
  templateDb: string;
  locator: TenantDatabaseLocator;
  logger: Logger;
  migrations?: MigrationList;
  onResult?: (result: TenantMigrationResult) => void;
}

/** Only one run at a time across every app instance and the CLI. */
const MIGRATE_ALL_LOCK = 0x5_4d_41_4c_4c;

/**
 * Migrates the template, then every tenant database as the tenant's own role, one after
 * another. A failing tenant is reported and skipped; each database migrates in its own
 * transaction, so a re-run picks up exactly what is still pending.
 */
export async function migrateAllTenants(options: MigrateAllOptions): Promise<TenantMigrationResult[]> {
  const migrations = options.migrations ?? tenantMigrations;
  // A session-level advisory lock lives on one connection: hold a dedicated one for the run.
  return withSqlClient(options.adminUrl, async (lockClient) => {
    const lock = await lockClient.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
      MIGRATE_ALL_LOCK,
    ]);
    if (!lock.rows[0]?.locked) {
      throw new Error('Another tenant migration run is in progress');
    }
    return runAll(options, migrations);
  });
}

async function runAll(
  options: MigrateAllOptions,
  migrations: MigrationList,
): Promise<TenantMigrationResult[]> {
  const em = options.adminOrm.em.fork();
  const results: TenantMigrationResult[] = [];
  const record = (result: TenantMigrationResult) => {
    results.push(result);
    options.onResult?.(result);
    const level = result.status === 'failed' ? 'error' : 'info';
    options.logger[level](result, 'tenant migration');
  };

  record(
    await attempt(`template ${options.templateDb}`, () =>
      prepareTenantTemplate(
        { adminUrl: options.adminUrl, templateDb: options.templateDb, secretKey: options.secretKey },
        migrations,
      ),
    ),
  );

  const tenants = await em.find(
    Tenant,
    { status: { $ne: 'provisioning' } },
    { populate: ['databasePasswordSealed'], orderBy: { createdAt: 'asc' } },
  );
  for (const tenant of tenants) {
    record(
      await attempt(tenant.slug, () => {
        const { url } = options.locator.locate(tenant);
        return migrate(tenantOrmOptions(url, { max: 1 }, migrations));
      }),
    );
  }
  return results;
}

async function attempt(target: string, run: () => Promise<string[]>): Promise<TenantMigrationResult> {
  try {
    const applied = await run();
    return { target, status: applied.length > 0 ? 'migrated' : 'up_to_date', applied };
  } catch (error) {
    return {
      target,
      status: 'failed',
      applied: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
