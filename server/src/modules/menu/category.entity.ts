import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A menu category; its station is where its items go unless a product says otherwise. */
export const Category = defineEntity({
  name: 'Category',
  tableName: 'categories',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(80),
    colour: p.string().length(7),
    stationId: p.uuid().nullable(),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Category = InferEntity<typeof Category>;
