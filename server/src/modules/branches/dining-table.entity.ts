import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A table of a branch; its number is unique among the branch’s active tables. */
export const DiningTable = defineEntity({
  name: 'DiningTable',
  tableName: 'dining_tables',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    zoneId: p.uuid(),
    number: p.integer(),
    name: p.string().length(30),
    seats: p.integer().default(4),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type DiningTable = InferEntity<typeof DiningTable>;
