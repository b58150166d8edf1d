import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { AuditQuery } from '@smartket/shared';
import { fieldError } from '../../lib/errors.ts';
import { AuditEntry } from './audit-entry.entity.ts';

/** A page of entries, newest first, and whether older ones follow. */
export interface AuditEntriesPage {
  entries: AuditEntry[];
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The audit log filtered by `query` (every filter combined with AND), newest first. Keyset
 * pagination on the id: a page never repeats or skips an entry written while the owner reads.
 */
export async function findAuditPage(em: EntityManager, query: AuditQuery): Promise<AuditEntriesPage> {
  const rows = await em.find(AuditEntry, auditFilter(query), {
    orderBy: { id: 'desc' },
    limit: query.limit + 1,
  });
  const entries = rows.slice(0, query.limit);
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: rows.length > query.limit && last ? last.id.toString() : null,
  };
}

/** The WHERE of `query`; `from`/`to` are whole days in Lima. 422 when `to` comes before `from`. */
export function auditFilter(query: AuditQuery): FilterQuery<AuditEntry> {
  if (query.from && query.to && query.to < query.from) {
    throw fieldError('to', 'invalid_value', 'The last day comes before the first one');
  }
  const conditions: Array<FilterQuery<AuditEntry>> = [];
  if (query.action) {
    conditions.push({ action: query.action });
  }
  if (query.actionGroup) {
    // `staff.created`, `staff.updated`…: a range on the (action, id) index, no LIKE wildcards.
    conditions.push({ action: { $gte: `${query.actionGroup}.`, $lt: `${query.actionGroup}/` } });
  }
  if (query.actorId) {
    conditions.push({ actorId: query.actorId });
  }
  if (query.entityType) {
    conditions.push({ entityType: query.entityType });
  }
  if (query.entityId) {
    conditions.push({ entityId: query.entityId });
  }
  if (query.branchId) {
    conditions.push({ branchId: query.branchId });
  }
  if (query.from) {
    conditions.push({ occurredAt: { $gte: limaDayStart(query.from) } });
  }
  if (query.to) {
    conditions.push({ occurredAt: { $lt: limaDayStart(query.to, 1) } });
  }
  if (query.before) {
    conditions.push({ id: { $lt: BigInt(query.before) } });
  }
  return conditions.length === 0 ? {} : { $and: conditions };
}

/**
 * Midnight in Lima of `day` (`yyyy-mm-dd`) plus `addDays`, as an instant. Peru keeps UTC−5 all
 * year (no daylight saving since 1994), so a Lima day is [00:00−05:00, next 00:00−05:00).
 */
export function limaDayStart(day: string, addDays = 0): Date {
  const start = new Date(`${day}T00:00:00-05:00`);
  start.setUTCDate(start.getUTCDate() + addDays);
  return start;
}
