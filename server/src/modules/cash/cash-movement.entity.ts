import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CASH_MOVEMENT_KINDS } from '@smartket/shared';

/** Cash put into or taken out of a session's drawer, and why. The id is the device's. */
export const CashMovement = defineEntity({
  name: 'CashMovement',
  tableName: 'cash_movements',
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid(),
    kind: p.enum(CASH_MOVEMENT_KINDS),
    amountCents: p.integer(),
    reason: p.string().length(140),
    byKind: p.enum(['user', 'staff', 'device'] as const),
    byId: p.string().length(64),
    byName: p.string().length(254),
    createdAt: p.datetime(),
  },
});

export type CashMovement = InferEntity<typeof CashMovement>;
