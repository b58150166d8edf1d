import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MEMBERSHIP_ROLES } from '@smartket/shared';
import { User } from '../auth/user.entity.ts';
import { Tenant } from './tenant.entity.ts';

/** A user's role in one tenant; a user may belong to several tenants. */
export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'tenant_memberships',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    user: () => p.manyToOne(User).ref().deleteRule('cascade'),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule('cascade').index(),
    role: p.enum(MEMBERSHIP_ROLES),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['user', 'tenant'] }],
});

export type Membership = InferEntity<typeof Membership>;
