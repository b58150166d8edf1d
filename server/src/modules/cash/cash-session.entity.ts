import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CASH_SESSION_STATUSES, type DenominationCount } from '@smartket/shared';

const ACTOR_KINDS = ['user', 'staff', 'device'] as const;

/**
 * A cash register's shift: opened with a float, closed with the cash counted. One open session
 * per register; charging needs one.
 */
export const CashSession = defineEntity({
  name: 'CashSession',
  tableName: 'cash_sessions',
  properties: {
    id: p.uuid().primary(),
    branchId: p.uuid(),
    registerId: p.uuid(),
    status: p.enum(CASH_SESSION_STATUSES).default('open'),
    openingFloatCents: p.integer(),
    openedByKind: p.enum(ACTOR_KINDS),
    openedById: p.string().length(64),
    openedByName: p.string().length(254),
    openedAt: p.datetime(),
    closedByKind: p.enum(ACTOR_KINDS).nullable(),
    closedById: p.string().length(64).nullable(),
    closedByName: p.string().length(254).nullable(),
    closedAt: p.datetime().nullable(),
    countedCents: p.integer().nullable(),
    countedDenominations: p.json<DenominationCount[]>().nullable(),
    // Sums over a whole shift: bigint in the table, a safe integer here.
    expectedCents: p.bigint('number').nullable(),
    differenceCents: p.bigint('number').nullable(),
    closingNote: p.string().length(200).nullable(),
  },
});

export type CashSession = InferEntity<typeof CashSession>;
