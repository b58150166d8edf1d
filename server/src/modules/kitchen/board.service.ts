import type { EntityManager } from '@mikro-orm/core';
import type { BoardView } from '@smartket/shared';
import { selectRows } from '../../db/queries.ts';
import { businessDay } from '../../lib/business-day.ts';
import { findBranch } from '../branches/branches.service.ts';

interface OrderFigures {
  orders: number;
  amount_cents: string;
}

interface TicketFigures {
  tickets: number;
  average_seconds: string | null;
}

/**
 * The owner's figures for the branch's business day (its time zone): orders opened that day
 * and not cancelled (nor merged into another, which counts them), what their standing items
 * add up to, and how long the kitchen took from a ticket being sent to it being ready. Summed
 * by PostgreSQL: two queries, whatever the size of the day.
 */
export async function loadBoard(em: EntityManager, branchId: string, now: Date): Promise<BoardView> {
  const branch = await findBranch(em, branchId);
  const day = businessDay(now, branch.timezone);
  const [orders] = await selectRows<OrderFigures>(
    em,
    `select count(*)::int as orders, coalesce(sum(items.amount), 0)::bigint as amount_cents
       from orders o
       left join lateral (
         select sum(i.quantity * i.unit_price_cents::bigint) as amount
           from order_items i where i.order_id = o.id and i.status <> 'voided'
       ) items on true
      where o.branch_id = ? and o.business_day = ?::date and o.status not in ('cancelled', 'merged')`,
    [branchId, day],
  );
  // Tickets bumped within the day's bounds in the branch's time zone; a ticket whose every
  // item was voided was never cooked, so it says nothing about the kitchen's pace.
  const [tickets] = await selectRows<TicketFigures>(
    em,
    `select count(*)::int as tickets, avg(extract(epoch from t.ready_at - t.created_at)) as average_seconds
       from kitchen_tickets t
      where t.branch_id = ? and t.status = 'ready'
        and t.ready_at >= (?::date)::timestamp at time zone ?
        and t.ready_at < (?::date + 1)::timestamp at time zone ?
        and exists (select 1 from order_items i where i.ticket_id = t.id and i.status <> 'voided')`,
    [branchId, day, branch.timezone, day, branch.timezone],
  );
  const average = tickets?.average_seconds ?? null;
  return {
    branchId,
    day,
    ordersToday: orders?.orders ?? 0,
    amountTodayCents: Number(orders?.amount_cents ?? 0),
    averageTicketSeconds: average === null ? null : Math.round(Number(average)),
    ticketsReadyToday: tickets?.tickets ?? 0,
  };
}
