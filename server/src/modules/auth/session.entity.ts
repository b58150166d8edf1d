import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenants/tenant.entity.ts';
import { User } from './user.entity.ts';

/**
 * A signed-in browser. The cookie holds `<id>.<secret>`; only the SHA-256 of the secret is
 * stored, so a leaked table cannot be replayed.
 */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.string().length(32).primary(),
    secretHash: p.string().length(64),
    user: () => p.manyToOne(User).ref().deleteRule('cascade').index(),
    activeTenant: () => p.manyToOne(Tenant).ref().nullable().deleteRule('set null'),
    expiresAt: p.datetime().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Session = InferEntity<typeof Session>;
