import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { databaseUrl } from '../src/db/connection-url.ts';
import { withSqlClient } from '../src/db/sql-client.ts';
import { loadConfig } from '../src/config/env.ts';
import { createLogger } from '../src/lib/logger.ts';
import { prepareDatabases } from '../src/runtime.ts';
import { createBoss } from '../src/jobs/boss.ts';
import { ADMIN_TEMPLATE_DB, TENANT_TEMPLATE_DB } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    secretKey: string;
  }
}

/**
 * One embedded PostgreSQL for the whole run, in a temporary folder on a free port. It holds a
 * migrated admin template and the tenant template; every test server clones its own admin
 * database from the first, and every signup clones a tenant database from the second.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-test-'));
  const logger = createLogger('warn');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: 0,
    logger,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  const adminTemplateUrl = databaseUrl(embedded.adminUrl, { database: ADMIN_TEMPLATE_DB });
  await withSqlClient(embedded.adminUrl, (client) => client.query(`create database ${ADMIN_TEMPLATE_DB}`));

  const config = loadConfig({ TENANT_TEMPLATE_DB });
  await prepareDatabases(config, { adminUrl: adminTemplateUrl, secretKey: embedded.secretKey }, logger);
  // pg-boss installs its schema on first start; do it once here so every clone has it.
  const boss = createBoss(adminTemplateUrl, logger);
  await boss.start();
  await boss.stop({ graceful: false });

  project.provide('postgresUrl', embedded.adminUrl);
  project.provide('secretKey', embedded.secretKey);

  return async () => {
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
