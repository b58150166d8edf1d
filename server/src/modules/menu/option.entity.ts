import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One choice of an option group, with the price it adds (or takes off). */
export const Option = defineEntity({
  name: 'Option',
  tableName: 'options',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    optionGroupId: p.uuid(),
    name: p.string().length(60),
    priceDeltaCents: p.integer().default(0),
    position: p.integer().default(0),
    active: p.boolean().default(true),
  },
});

export type Option = InferEntity<typeof Option>;
