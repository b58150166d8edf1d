import { createHmac } from 'node:crypto';
import { databaseUrl, quoteIdent, quoteLiteral } from '../connection-url.ts';
import { migrate, tenantOrmOptions, type MigrationList } from '../orm.ts';
import { tenantMigrations } from './migrations/index.ts';
import { withSqlClient } from '../sql-client.ts';

export interface TemplateSettings {
  /** URL of the admin database, connected as a role with CREATEDB and CREATEROLE. */
  adminUrl: string;
  templateDb: string;
  secretKey: string;
}

/**
 * The role that owns every object inside the template. After a clone, its objects are handed
 * to the tenant's own role with one REASSIGN OWNED, whatever the migrations created.
 */
export function templateOwnerRole(templateDb: string): string {
  return `${templateDb}_owner`;
}

/** Derived from the secret key, so every app instance agrees on it without storing it. */
function templateOwnerPassword(secretKey: string, role: string): string {
  return createHmac('sha256', secretKey).update(`template-owner:${role}`).digest('hex');
}

/**
 * Creates the tenant template database and its owner role when missing, then applies the
 * pending tenant migrations to it as that role. Idempotent; run at every start-up.
 */
export async function prepareTenantTemplate(
  settings: TemplateSettings,
  migrations: MigrationList = tenantMigrations,
): Promise<string[]> {
  const owner = templateOwnerRole(settings.templateDb);
  const password = templateOwnerPassword(settings.secretKey, owner);

  await withSqlClient(settings.adminUrl, async (client) => {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [owner]);
    const verb = role.rowCount ? 'alter' : 'create';
    await client.query(`${verb} role ${quoteIdent(owner)} login password ${quoteLiteral(password)}`);

    const database = await client.query('select 1 from pg_database where datname = $1', [
      settings.templateDb,
    ]);
    if (!database.rowCount) {
      await client.query(`create database ${quoteIdent(settings.templateDb)}`);
    }
    await client.query(`revoke all on database ${quoteIdent(settings.templateDb)} from public`);
    await client.query(
      `grant connect on database ${quoteIdent(settings.templateDb)} to ${quoteIdent(owner)}`,
    );
  });

  await withSqlClient(databaseUrl(settings.adminUrl, { database: settings.templateDb }), async (client) => {
    await client.query(`grant usage, create on schema public to ${quoteIdent(owner)}`);
  });

  const ownerUrl = databaseUrl(settings.adminUrl, { database: settings.templateDb, user: owner, password });
  return migrate(tenantOrmOptions(ownerUrl, { max: 1 }, migrations));
}
