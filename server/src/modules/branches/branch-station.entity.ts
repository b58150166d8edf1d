import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A kitchen station that a branch has. */
export const BranchStation = defineEntity({
  name: 'BranchStation',
  tableName: 'branch_stations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    stationId: p.uuid(),
  },
});

export type BranchStation = InferEntity<typeof BranchStation>;
