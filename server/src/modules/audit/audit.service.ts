import type { EntityManager } from '@mikro-orm/core';
import type { AuditAction, AuditActorKind, AuditEntityType } from '@smartket/shared';
import { runStatement } from '../../db/queries.ts';
import type { TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import type { Actor } from '../auth/actor.ts';
import type { TenantDatabaseLocator } from '../tenants/tenant-database.ts';
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

/** Who is acting and when, for services whose writes are audited. */
export interface AuditContext {
  actor: Actor | AuditActor;
  at: Date;
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
  return em.create(AuditEntry, { occurredAt: at, ...auditColumns(actor, record) });
}

/**
 * Adds many entries at once with one INSERT, inside `em`'s transaction: for set-based writes
 * (a menu import) whose changes are not entities in the unit of work.
 */
export async function recordAuditMany(
  em: EntityManager,
  actor: Actor | AuditActor,
  records: readonly AuditRecord[],
  at: Date,
): Promise<void> {
  if (records.length === 0) {
    return;
  }
  if (!em.isInTransaction()) {
    throw new Error('recordAuditMany outside a transaction could write entries without their change');
  }
  const rows = records.map((record) => {
    const columns = auditColumns(actor, record);
    return {
      actor_kind: columns.actorKind,
      actor_id: columns.actorId,
      actor_name: columns.actorName,
      device_id: columns.deviceId,
      device_name: columns.deviceName,
      branch_id: columns.branchId,
      action: columns.action,
      entity_type: columns.entityType,
      entity_id: columns.entityId,
      entity_label: columns.entityLabel,
      before: columns.before,
      after: columns.after,
    };
  });
  await runStatement(
    em,
    `insert into audit_log (occurred_at, actor_kind, actor_id, actor_name, device_id, device_name, branch_id,
                            action, entity_type, entity_id, entity_label, before, after)
     select ?::timestamptz, r.actor_kind, r.actor_id, r.actor_name, r.device_id, r.device_name, r.branch_id,
            r.action, r.entity_type, r.entity_id, r.entity_label, r.before, r.after
       from jsonb_to_recordset(?::jsonb)
            as r(actor_kind text, actor_id text, actor_name text, device_id uuid, device_name text, branch_id uuid,
                 action text, entity_type text, entity_id text, entity_label text, before jsonb, after jsonb)`,
    [at.toISOString(), JSON.stringify(rows)],
  );
}

/** The tenant databases, for work that runs outside a tenant request (login, invitations). */
export interface TenantDatabases {
  registry: TenantOrmRegistry;
  locator: TenantDatabaseLocator;
}

/**
 * Adds one entry to the audit log of `tenant` from outside a tenant request, in a transaction of
 * its own. `tenant` must have its `databasePasswordSealed` loaded. Not from inside another
 * transaction: the registry forks the tenant ORM's global EntityManager, which inside a
 * transaction (of any ORM) resolves to that transaction's EntityManager.
 */
export async function recordAuditInTenant(
  databases: TenantDatabases,
  tenant: Parameters<TenantDatabaseLocator['locate']>[0],
  actor: AuditActor,
  record: AuditRecord,
  at: Date,
): Promise<void> {
  await databases.registry.withTenant(databases.locator.locate(tenant), (em) =>
    commitAudit(em, actor, [record], at),
  );
}

/**
 * Writes `records` through the tenant's `em` in a transaction of their own, committed when this
 * returns: for changes kept in the admin database (memberships, invitations), which no tenant
 * transaction can share. Call it inside the admin transaction, after its flush and just before
 * its commit, so that a change never commits without its entries; a commit failing in between
 * leaves entries of a change that did not happen, the lesser fault.
 */
export async function commitAudit(
  em: EntityManager,
  actor: Actor | AuditActor,
  records: readonly AuditRecord[],
  at: Date,
): Promise<void> {
  await em.transactional((tx) => {
    for (const record of records) {
      recordAudit(tx, actor, record, at);
    }
    return Promise.resolve();
  });
}

function auditColumns(actor: Actor | AuditActor, record: AuditRecord) {
  const isRequestActor = 'role' in actor;
  const who = isRequestActor ? auditActorOf(actor) : actor;
  const ownBranch = isRequestActor ? actor.branchId : null;
  return {
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
  };
}
