import type { PendingBranchEvent } from '../branch-log/branch-log.service.ts';
import type { Sale } from './sale.entity.ts';

/**
 * A sale was charged or voided: every screen of the branch that shows what it sold reads it
 * again. Logged on every charge and every void, after the order's own events — also of a closed
 * order (a void after the bill, a canje charged again), where the floor hears nothing else.
 */
export function saleChanged(sale: Pick<Sale, 'id' | 'orderId' | 'status'>): PendingBranchEvent {
  return { type: 'sales.changed', payload: { saleId: sale.id, orderId: sale.orderId, status: sale.status } };
}
