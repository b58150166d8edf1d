import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MEMBERSHIP_ROLES } from '@smartket/shared';
import { User } from '../auth/user.entity.ts';
import { Tenant } from '../tenants/tenant.entity.ts';

/**
 * An e-mail invited to become owner or admin of a tenant. The link carries a random token; only
 * its SHA-256 is kept. Valid for 7 days and once: accepting or revoking closes it.
 */
export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'tenant_invitations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule('cascade'),
    email: p.string().length(254),
    role: p.enum(MEMBERSHIP_ROLES),
    tokenHash: p.string().length(64).unique(),
    invitedBy: () =>
      p.manyToOne(User).ref().nullable().deleteRule('set null').fieldName('invited_by_user_id'),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    acceptedBy: () =>
      p.manyToOne(User).ref().nullable().deleteRule('set null').fieldName('accepted_by_user_id'),
    revokedAt: p.datetime().nullable(),
  },
});

export type Invitation = InferEntity<typeof Invitation>;
