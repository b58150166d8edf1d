import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig, type Config } from './config/env.ts';
import { adminOrmOptions } from './db/orm.ts';
import { SecretBox } from './lib/secret-box.ts';
import { migrateAllTenants } from './modules/tenants/tenants.migrate.ts';
import { TenantDatabaseLocator } from './modules/tenants/tenant-database.ts';
import { DataDirInUseError, startEmbeddedPostgres } from './db/embedded.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { prepareDatabases, startServer, type DatabaseAccess } from './runtime.ts';

const CLIENT_HANDLER = path.resolve(fileURLToPath(import.meta.url), '../../../client/build/handler.js');

async function loadClientHandler(logger: Logger): Promise<RequestHandler | undefined> {
  if (!fs.existsSync(CLIENT_HANDLER)) {
    logger.warn({ path: CLIENT_HANDLER }, 'client not built: serving the API only (run `npm run build`)');
    return undefined;
  }
  const module = (await import(pathToFileURL(CLIENT_HANDLER).href)) as { handler: RequestHandler };
  return module.handler;
}

async function migrateTenantsAtStart(config: Config, access: DatabaseAccess, logger: Logger): Promise<void> {
  const adminOrm = new MikroORM(adminOrmOptions(access.adminUrl, { max: 2 }));
  try {
    const results = await migrateAllTenants({
      adminOrm,
      ...access,
      templateDb: config.tenantTemplateDb,
      locator: new TenantDatabaseLocator(access.adminUrl, SecretBox.fromString(access.secretKey)),
      logger,
    });
    const failed = results.filter((result) => result.status === 'failed');
    if (failed.length > 0) {
      logger.error(
        { failed },
        'some tenant databases could not be migrated; run `npm run tenants:migrate` to retry',
      );
    }
  } finally {
    await adminOrm.close(true);
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let stopEmbedded: (() => Promise<void>) | undefined;
  let access: DatabaseAccess;
  if (config.databaseUrl && config.secretKey) {
    access = { adminUrl: config.databaseUrl, secretKey: config.secretKey };
  } else {
    try {
      const embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        logger,
      });
      stopEmbedded = () => embedded.stop();
      access = { adminUrl: embedded.adminUrl, secretKey: config.secretKey ?? embedded.secretKey };
    } catch (error) {
      if (error instanceof DataDirInUseError) {
        logger.fatal(error.message);
        console.error(`\n${error.message}\n`);
        process.exit(75);
      }
      throw error;
    }
  }

  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, 30_000);
    timer.unref();
    try {
      await running?.close();
    } finally {
      await stopEmbedded?.();
      logger.info('stopped');
      process.exit(0);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  try {
    await prepareDatabases(config, access, logger);
    if (stopEmbedded) {
      // On the embedded default nobody else can open DATA_DIR to run tenants:migrate, so the
      // tenants catch up with the template here, before the first request.
      await migrateTenantsAtStart(config, access, logger);
    }
    const clientHandler = await loadClientHandler(logger);
    running = await startServer(config, access, logger, clientHandler ? { clientHandler } : {});
  } catch (error) {
    logger.fatal({ err: error }, 'SmartKet could not start');
    await stopEmbedded?.();
    process.exit(1);
  }
}

await main();
