import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An option group attached to a product, in the order the waiter is asked. */
export const ProductOptionGroup = defineEntity({
  name: 'ProductOptionGroup',
  tableName: 'product_option_groups',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    productId: p.uuid(),
    optionGroupId: p.uuid(),
    position: p.integer().default(0),
  },
});

export type ProductOptionGroup = InferEntity<typeof ProductOptionGroup>;
