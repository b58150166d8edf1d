import type { EntityManager } from '@mikro-orm/core';
import { selectRows } from '../db/queries.ts';
import { fieldError, type AppError } from './errors.ts';

/**
 * A name as it is stored: trimmed, inner runs of spaces collapsed, so "Pollo  entero" and
 * "Pollo entero" are one product (or category, or station) to the owner, to the unique index and
 * to a re-import.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * The key two names are compared by: normalized and lower-cased. Plain `toLowerCase` — Spanish
 * has no locale-specific casing, and the locale-aware version is 15× slower on a 5,000-row file.
 */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/** The tables whose names are unique whatever their case (a unique index on `lower(name)`). */
export type NamedTable = 'kitchen_stations' | 'categories' | 'products';

/** 422 naming `name` as taken: the answer of the name check and of the unique index alike. */
export function nameTaken(): AppError {
  return fieldError('name', 'taken', 'The name is already in use');
}

/**
 * 422 `name: taken` when another record of `table` has this (normalized) name in any case —
 * the same comparison as the table's unique index, so the check and the index agree.
 */
export async function assertNameFree(
  em: EntityManager,
  table: NamedTable,
  name: string,
  exceptId?: string,
): Promise<void> {
  const taken = await selectRows<{ id: string }>(
    em,
    `select id from ${table} where lower(name) = lower(?) and id is distinct from ?::uuid limit 1`,
    [name, exceptId ?? null],
  );
  if (taken.length > 0) {
    throw nameTaken();
  }
}
