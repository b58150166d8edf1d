import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A cash register (caja) of a branch. */
export const CashRegister = defineEntity({
  name: 'CashRegister',
  tableName: 'cash_registers',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    name: p.string().length(60),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type CashRegister = InferEntity<typeof CashRegister>;
