import type { EntityManager } from '@mikro-orm/core';
import type { AuditAction, AuditActorKind, AuditEntityType } from '@smartket/shared';
import type { Actor } from '../auth/actor.ts';
import { AuditEntry } from './audit-entry.entity.ts';

/** Who did it, as the audit log keeps it: the name they had then, and the device they used. */
export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
  name: string;
  device: { id: string; name: string } | null;
}

/** What happened, to which record, with before/after of the values that changed. */
export interface AuditRecord {
  action: AuditAction;
  entity?: { type: AuditEntityType; id: string; label?: string | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** The branch it happened in; defaults to the actor's own branch. */
  branchId?: string | null;
}

/** The audit log's view of a request's actor. */
export function auditActorOf(actor: Actor): AuditActor {
  return {
    kind: actor.kind,
    id: actor.id,
    name: actor.name,
    device: actor.device ? { id: actor.device.id, name: actor.device.name } : null,
  };
}

/** The actor of work no person started (jobs, expiry). */
export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: null, name: 'SmartKet', device: null };

/**
 * Adds one entry to the tenant's audit log through `em`, so that it is written by the same
 * flush — the same transaction — as the change it describes: no change without its entry.
 */
export function recordAudit(
  em: EntityManager,
  actor: Actor | AuditActor,
  record: AuditRecord,
  at: Date,
): AuditEntry {
  const isRequestActor = 'role' in actor;
  const who = isRequestActor ? auditActorOf(actor) : actor;
  const ownBranch = isRequestActor ? actor.branchId : null;
  return em.create(AuditEntry, {
    occurredAt: at,
    actorKind: who.kind,
    actorId: who.id,
    actorName: who.name.slice(0, 254),
    deviceId: who.device?.id ?? null,
    deviceName: who.device?.name ?? null,
    branchId: record.branchId !== undefined ? record.branchId : ownBranch,
    action: record.action,
    entityType: record.entity?.type ?? null,
    entityId: record.entity?.id ?? null,
    entityLabel: record.entity?.label?.slice(0, 160) ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
  });
}
