import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person with an e-mail account (owners and admins). Staff sign in with PINs per tenant. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    email: p.string().length(254).unique(),
    /** Null for accounts made before sign-up asked for it; see `actingName` (shared). */
    displayName: p.string().length(60).nullable(),
    passwordHash: p.text().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof User>;
