import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AUDIT_ACTOR_KINDS } from '@smartket/shared';

/**
 * One line of the audit log: who (user, staff, device or the system, with the name they had
 * then), on which device and branch, did what to which record, with before/after where a value
 * changed. Written in the same transaction as the change it describes; never updated.
 */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    id: p.bigint().primary().autoincrement(),
    occurredAt: p.datetime(),
    actorKind: p.enum(AUDIT_ACTOR_KINDS),
    actorId: p.string().length(64).nullable(),
    actorName: p.string().length(254),
    deviceId: p.uuid().nullable(),
    deviceName: p.string().length(60).nullable(),
    branchId: p.uuid().nullable(),
    action: p.string().length(60),
    entityType: p.string().length(40).nullable(),
    entityId: p.string().length(64).nullable(),
    entityLabel: p.string().length(160).nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});

export type AuditEntry = InferEntity<typeof AuditEntry>;
