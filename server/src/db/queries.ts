import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { notFound } from '../lib/errors.ts';

/** Loads a record of this tenant by id, or 404 naming `what`. */
export async function findOr404<Entity extends { id: string }>(
  em: EntityManager,
  entity: EntityName<Entity>,
  id: string,
  what: string,
): Promise<Entity> {
  const found = await em.findOne(entity, { id } as FilterQuery<Entity>);
  if (!found) {
    throw notFound(what);
  }
  return found;
}

/** Rows of a raw SQL query run in `em`'s transaction, typed by the caller's select list. */
export async function selectRows<Row>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const rows: unknown = await em.getConnection().execute(sql, params, 'all', em.getTransactionContext());
  return rows as Row[];
}

/** Runs a statement in `em`'s transaction and answers how many rows it touched. */
export async function runStatement(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
  const affected = (result as { affectedRows?: unknown } | undefined)?.affectedRows;
  return typeof affected === 'number' ? affected : 0;
}
