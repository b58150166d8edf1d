import type { EntityManager } from '@mikro-orm/core';
import type { ReceiptType } from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { selectRows } from '../../db/queries.ts';
import { ReceiptSeries } from './receipt-series.entity.ts';
import { SaleLine } from './sale-line.entity.ts';
import { SalePayment } from './sale-payment.entity.ts';
import type { Sale } from './sale.entity.ts';
import { seriesPrefix } from './sales.policy.ts';

/** What the completed sales of an order have charged of it so far. */
export interface OrderCharges {
  /** Units paid per order item. */
  paidUnits: Map<string, number>;
  /** What was paid of each order item (the amounts of its sale lines). */
  paidLineCents: Map<string, number>;
  /** Which equal parts (0-based) were paid, ascending. */
  paidEqualParts: number[];
  /** Σ discount of the completed sales. */
  discountChargedCents: number;
  /** Σ total of its sales voided as refunds: written off, not owed again. */
  writtenOffCents: number;
}

/** The paid units, equal parts and discount of an order's completed sales, and what refunds wrote off: three queries. */
export async function loadOrderCharges(em: EntityManager, orderId: string): Promise<OrderCharges> {
  const units = await selectRows<{ order_item_id: string; units: number; amount: number }>(
    em,
    `select l.order_item_id, sum(l.quantity)::int as units, sum(l.amount_cents)::int as amount
       from sale_lines l join sales s on s.id = l.sale_id
      where s.order_id = ? and s.status = 'completed' and l.order_item_id is not null
      group by l.order_item_id`,
    [orderId],
  );
  const [totals] = await selectRows<{ equal_parts: number[]; discount: number }>(
    em,
    `select coalesce(array_agg(part_index order by part_index) filter (where part_kind = 'equal'),
                     '{}')::int[] as equal_parts,
            coalesce(sum(discount_cents), 0)::int as discount
       from sales where order_id = ? and status = 'completed'`,
    [orderId],
  );
  return {
    paidUnits: new Map(units.map((row) => [row.order_item_id, row.units])),
    paidLineCents: new Map(units.map((row) => [row.order_item_id, row.amount])),
    paidEqualParts: totals?.equal_parts ?? [],
    discountChargedCents: totals?.discount ?? 0,
    writtenOffCents: (await writtenOffByOrder(em, [orderId])).get(orderId) ?? 0,
  };
}

/**
 * What refunds wrote off of each of `orderIds` (Σ total of their sales voided as refunds), by
 * order id; orders without any are left out. One query.
 */
export async function writtenOffByOrder(
  em: EntityManager,
  orderIds: readonly string[],
): Promise<Map<string, number>> {
  if (orderIds.length === 0) {
    return new Map();
  }
  const rows = await selectRows<{ order_id: string; cents: number }>(
    em,
    `select order_id, sum(total_cents)::int as cents
       from sales
      where order_id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) and refunded
      group by order_id`,
    [JSON.stringify(orderIds)],
  );
  return new Map(rows.map((row) => [row.order_id, row.cents]));
}

/** A sale with the lines and tenders its receipt prints. */
export interface SaleRecord {
  sale: Sale;
  lines: SaleLine[];
  payments: SalePayment[];
}

/** The records of `sales`, in the same order: two queries however many. */
export async function loadSaleRecords(em: EntityManager, sales: readonly Sale[]): Promise<SaleRecord[]> {
  if (sales.length === 0) {
    return [];
  }
  const saleIds = sales.map((sale) => sale.id);
  const lines = await em.find(
    SaleLine,
    { saleId: { $in: saleIds } },
    { orderBy: { saleId: 'asc', position: 'asc' } },
  );
  const payments = await em.find(
    SalePayment,
    { saleId: { $in: saleIds } },
    { orderBy: { saleId: 'asc', position: 'asc' } },
  );
  const linesBySale = Map.groupBy(lines, (line) => line.saleId);
  const paymentsBySale = Map.groupBy(payments, (payment) => payment.saleId);
  return sales.map((sale) => ({
    sale,
    lines: linesBySale.get(sale.id) ?? [],
    payments: paymentsBySale.get(sale.id) ?? [],
  }));
}

/**
 * Inside a transaction: the branch's series for `type`, made on its first use. The business's
 * series are counted with every other first use waiting (`lockTenantScope('series')`), so two
 * branches starting boletas at once get B001 and B002, never one prefix twice.
 */
export async function findOrCreateSeries(
  tx: EntityManager,
  branchId: string,
  type: ReceiptType,
  now: Date,
): Promise<ReceiptSeries> {
  const existing = await tx.findOne(ReceiptSeries, { branchId, type });
  if (existing) {
    return existing;
  }
  await lockTenantScope(tx, 'series');
  const raced = await tx.findOne(ReceiptSeries, { branchId, type }, { refresh: true });
  if (raced) {
    return raced;
  }
  const ordinal = (await tx.count(ReceiptSeries, { type })) + 1;
  const series = tx.create(ReceiptSeries, {
    branchId,
    type,
    prefix: seriesPrefix(type, ordinal),
    nextNumber: 1,
    createdAt: now,
  });
  await tx.flush();
  return series;
}

/**
 * Inside the charge's transaction: the series' next correlative. The UPDATE keeps the series
 * row locked until commit, so concurrent charges take 1, 2, 3… one after the other, and a charge
 * that rolls back gives its number back: gapless and unique.
 */
export async function takeReceiptNumber(tx: EntityManager, series: ReceiptSeries): Promise<number> {
  const [row] = await selectRows<{ number: number }>(
    tx,
    `update receipt_series set next_number = next_number + 1 where id = ? returning next_number - 1 as number`,
    [series.id],
  );
  if (!row) {
    throw new Error(`receipt series ${series.id} vanished`);
  }
  return row.number;
}
