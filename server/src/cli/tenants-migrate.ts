/**
 * `npm run tenants:migrate`: migrates the tenant template and every tenant database, reporting
 * each one. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (the running SmartKet's,
 * when there is one). Exits 1 when any tenant failed; running it again resumes.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/env.ts';
import { openEmbeddedPostgres } from '../db/embedded.ts';
import { adminOrmOptions } from '../db/orm.ts';
import { createLogger } from '../lib/logger.ts';
import { SecretBox } from '../lib/secret-box.ts';
import { migrateAllTenants } from '../modules/tenants/tenants.migrate.ts';
import { TenantDatabaseLocator } from '../modules/tenants/tenant-database.ts';
import { prepareDatabases } from '../runtime.ts';

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const embedded =
  config.databaseUrl && config.secretKey
    ? undefined
    : await openEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
const adminUrl = config.databaseUrl ?? embedded?.adminUrl ?? '';
const secretKey = config.secretKey ?? embedded?.secretKey ?? '';

let failed = 0;
try {
  await prepareDatabases(config, { adminUrl, secretKey }, logger);
  const adminOrm = new MikroORM(adminOrmOptions(adminUrl, { max: 2 }));
  try {
    const results = await migrateAllTenants({
      adminOrm,
      adminUrl,
      secretKey,
      templateDb: config.tenantTemplateDb,
      locator: new TenantDatabaseLocator(adminUrl, SecretBox.fromString(secretKey)),
      logger,
      onResult: (result) => {
        const detail =
          result.status === 'failed' ? result.error : result.applied.join(', ') || 'nothing pending';
        console.log(`${result.status.padEnd(10)} ${result.target}: ${detail}`);
      },
    });
    failed = results.filter((result) => result.status === 'failed').length;
    console.log(
      `\n${results.length - failed} ok, ${failed} failed${failed ? ' — fix them and run again' : ''}`,
    );
  } finally {
    await adminOrm.close(true);
  }
} finally {
  await embedded?.stop();
}
process.exit(failed > 0 ? 1 : 0);
