import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A branch a staff member works in; they can sign in only on devices paired to one of these. */
export const StaffBranch = defineEntity({
  name: 'StaffBranch',
  tableName: 'staff_branches',
  properties: {
    staffId: p.uuid().primary(),
    branchId: p.uuid().primary(),
  },
});

export type StaffBranch = InferEntity<typeof StaffBranch>;
