import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType } from '@smartket/shared';
import type { AuditEntryView, AuditPage } from '@smartket/shared';
import type { AuditEntriesPage } from './audit.repository.ts';
import type { AuditEntry } from './audit-entry.entity.ts';

/**
 * One entry as the owner reads it. `before`/`after` go out as written: `recordAudit` callers never
 * put a PIN, token or password in them.
 */
export function presentAuditEntry(entry: AuditEntry): AuditEntryView {
  const entityType = entry.entityType ?? null;
  const entityId = entry.entityId ?? null;
  return {
    id: entry.id.toString(),
    at: entry.occurredAt.toISOString(),
    actor: { kind: entry.actorKind, id: entry.actorId ?? null, name: entry.actorName },
    device: entry.deviceId ? { id: entry.deviceId, name: entry.deviceName ?? '' } : null,
    branchId: entry.branchId ?? null,
    action: knownAction(entry.action),
    entity:
      entityType !== null && entityId !== null
        ? { type: knownEntityType(entityType), id: entityId, label: entry.entityLabel ?? null }
        : null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

/** A page of entries and the cursor of the next (older) one. */
export function presentAuditPage(page: AuditEntriesPage): AuditPage {
  return { entries: page.entries.map(presentAuditEntry), nextCursor: page.nextCursor };
}

/**
 * The log is written only through `recordAudit`, typed by these lists, and the lists only grow:
 * a stored value is always one of them.
 */
function knownAction(action: string): AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? (action as AuditAction)
    : unexpected('action', action);
}

function knownEntityType(type: string): AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(type)
    ? (type as AuditEntityType)
    : unexpected('entity type', type);
}

function unexpected(what: string, value: string): never {
  throw new Error(`The audit log holds an unknown ${what}: ${value}`);
}
