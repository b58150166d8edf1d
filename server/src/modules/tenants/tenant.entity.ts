import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LINES_OF_BUSINESS, PLANS, TENANT_STATUSES } from '@smartket/shared';

/** A restaurant business: one row in the admin database, one PostgreSQL database of its own. */
export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    slug: p.string().length(40).unique(),
    businessName: p.string().length(80),
    lineOfBusiness: p.enum(LINES_OF_BUSINESS).nullable(),
    plan: p.enum(PLANS).default('trial'),
    status: p.enum(TENANT_STATUSES).default('provisioning'),
    databaseName: p.string().length(63).unique(),
    databaseRole: p.string().length(63).unique(),
    /** AES-256-GCM sealed password of the tenant's role (see lib/secret-box.ts). */
    databasePasswordSealed: p.text().lazy(),
    /** `primary` is the server of the admin database; other values are `host:port`. */
    databaseHost: p.string().length(255).default('primary'),
    setupComplete: p.boolean().default(false),
    activeModules: p.json<string[]>().default('[]'),
    trialEndsAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Tenant = InferEntity<typeof Tenant>;
