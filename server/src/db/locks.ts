import type { EntityManager } from '@mikro-orm/core';

/**
 * What a tenant's writes queue on when the rule they check spans rows with no parent row to lock:
 * - `setup`: the wizard's progress (a double tap opens one branch, not two);
 * - `branches`: the number of active branches (plan limit);
 * - `stations`: station names, and which branches have which stations;
 * - `menu`: category and product names and SKUs, and the number of active products.
 * - `staff`: names of active staff, and their number (plan limit).
 * - `series`: receipt series prefixes (B001, B002…), counted when a branch starts a series.
 *
 * A transaction that needs several takes them in this order, so two of them never wait on each
 * other.
 */
export const LOCK_ORDER = ['setup', 'branches', 'stations', 'menu', 'staff', 'series'] as const;
export type LockScope = (typeof LOCK_ORDER)[number];

/**
 * Inside a transaction: waits until no other transaction of this tenant holds `scope`, and holds
 * it until this one ends. Advisory locks belong to a database, and every tenant has its own.
 */
export async function lockTenantScope(tx: EntityManager, scope: LockScope): Promise<void> {
  if (!tx.isInTransaction()) {
    throw new Error(`lockTenantScope(${scope}) outside a transaction would hold nothing`);
  }
  await tx
    .getConnection()
    .execute('select pg_advisory_xact_lock(hashtext(?))', [scope], 'get', tx.getTransactionContext());
}
