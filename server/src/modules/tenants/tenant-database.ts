import { databaseUrl } from '../../db/connection-url.ts';
import type { TenantDatabase } from '../../db/tenant-orm.registry.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { Tenant } from './tenant.entity.ts';

/** Turns a tenant row into the address of its database, connecting as its own role. */
export class TenantDatabaseLocator {
  private readonly adminUrl: string;
  private readonly secretBox: SecretBox;

  constructor(adminUrl: string, secretBox: SecretBox) {
    this.adminUrl = adminUrl;
    this.secretBox = secretBox;
  }

  /** `tenant` must have been loaded with its `databasePasswordSealed` (a lazy property). */
  locate(
    tenant: Pick<Tenant, 'id' | 'databaseName' | 'databaseRole' | 'databaseHost' | 'databasePasswordSealed'>,
  ): TenantDatabase {
    return {
      tenantId: tenant.id,
      databaseName: tenant.databaseName,
      url: this.urlFor(
        tenant.databaseName,
        tenant.databaseRole,
        this.secretBox.decrypt(tenant.databasePasswordSealed),
        tenant.databaseHost,
      ),
    };
  }

  urlFor(databaseName: string, role: string, password: string, host: string): string {
    return databaseUrl(this.adminUrl, {
      database: databaseName,
      user: role,
      password,
      ...(host === 'primary' ? {} : { host }),
    });
  }

  /** The admin role's URL for a tenant database, for maintenance that needs a superuser. */
  adminUrlFor(databaseName: string): string {
    return databaseUrl(this.adminUrl, { database: databaseName });
  }
}
