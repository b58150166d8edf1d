import { LockMode, type EntityManager } from '@mikro-orm/core';
import { PAYMENT_METHODS, type PaymentMethod } from '@smartket/shared';
import { selectRows } from '../../db/queries.ts';
import { CashRegister } from '../branches/cash-register.entity.ts';
import { CashMovement } from './cash-movement.entity.ts';
import { CashSession } from './cash-session.entity.ts';
import type { CashFlow } from './cash.policy.ts';

/**
 * A session's figures are those of its close: a sale counts as completed when it is, or when it
 * was voided only after the session closed (its cash was in the drawer that was counted), so a
 * closing report reads the same later as at the close. Which of the two a void was is settled
 * under the session's lock and kept on the sale (`voided_after_close`), not read off clocks: a
 * close stamped before a void may still have waited for it. `sa` is the sale.
 */
const COMPLETED_AT_CLOSE = `(sa.status = 'completed' or sa.voided_after_close)`;
const VOIDED_AT_CLOSE = `(sa.status = 'voided' and not sa.voided_after_close)`;

/** The uuids of a JSON array parameter (a one-element JS array does not bind as a PostgreSQL array). */
const IDS_PARAM = `(select value::uuid from jsonb_array_elements_text(?::jsonb))`;

/**
 * Inside a transaction: the session locked until commit — `FOR UPDATE` to close it, `FOR SHARE`
 * to add to it — read afresh. Null when there is no such session.
 */
export function lockSession(
  tx: EntityManager,
  sessionId: string,
  mode: 'update' | 'share',
): Promise<CashSession | null> {
  const lockMode = mode === 'update' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ;
  return tx.findOne(CashSession, { id: sessionId }, { lockMode, refresh: true });
}

/**
 * Inside a transaction: the open session of a register, locked `FOR SHARE` as a charge locks its
 * session (its close waits for this transaction, and counts what it adds), or null when the
 * register has none. A session that closed while this waited for its lock is not open any more:
 * the register is looked at again — a new one may have opened since.
 */
export async function lockOpenSession(tx: EntityManager, registerId: string): Promise<CashSession | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const open = await tx.findOne(CashSession, { registerId, status: 'open' }, { refresh: true });
    if (!open) {
      return null;
    }
    const locked = await lockSession(tx, open.id, 'share');
    if (locked?.status === 'open') {
      return locked;
    }
  }
  return null;
}

/** The open session of a register, if it has one. */
export function findOpenSession(em: EntityManager, registerId: string): Promise<CashSession | null> {
  return em.findOne(CashSession, { registerId, status: 'open' });
}

/** The names of the registers of `sessions`, by register id. */
export async function registerNames(
  em: EntityManager,
  sessions: readonly CashSession[],
): Promise<Map<string, string>> {
  const ids = [...new Set(sessions.map((session) => session.registerId))];
  if (ids.length === 0) {
    return new Map();
  }
  const registers = await em.find(CashRegister, { id: { $in: ids } });
  return new Map(registers.map((register) => [register.id, register.name]));
}

interface FlowRow {
  session_id: string;
  cash_sales_cents: string;
  in_cents: string;
  out_cents: string;
}

/**
 * What went through the drawers of `sessions`, by session id, in one query: the cash tenders of
 * their completed sales and their movements in and out.
 */
export async function cashFlows(
  em: EntityManager,
  sessions: readonly CashSession[],
): Promise<Map<string, CashFlow>> {
  if (sessions.length === 0) {
    return new Map();
  }
  const rows = await selectRows<FlowRow>(
    em,
    `select s.id as session_id,
            (select coalesce(sum(p.amount_cents), 0)::bigint
               from sales sa join sale_payments p on p.sale_id = sa.id
              where sa.session_id = s.id and p.method = 'cash' and ${COMPLETED_AT_CLOSE}) as cash_sales_cents,
            (select coalesce(sum(m.amount_cents), 0)::bigint
               from cash_movements m where m.session_id = s.id and m.kind = 'in') as in_cents,
            (select coalesce(sum(m.amount_cents), 0)::bigint
               from cash_movements m where m.session_id = s.id and m.kind = 'out') as out_cents
       from cash_sessions s
      where s.id in ${IDS_PARAM}`,
    [JSON.stringify(sessions.map((session) => session.id))],
  );
  return new Map(
    rows.map((row) => [
      row.session_id,
      {
        cashSalesCents: Number(row.cash_sales_cents),
        movementsInCents: Number(row.in_cents),
        movementsOutCents: Number(row.out_cents),
      },
    ]),
  );
}

/** The totals of a session's completed sales, each summed from the figures stored on its sale. */
export interface SalesTotals {
  salesCount: number;
  salesCents: number;
  taxableCents: number;
  igvCents: number;
  discountCents: number;
  tipCents: number;
}

interface SalesTotalsRow {
  sales_count: number;
  sales_cents: string;
  taxable_cents: string;
  igv_cents: string;
  discount_cents: string;
  tip_cents: string;
}

export async function salesTotals(em: EntityManager, sessionId: string): Promise<SalesTotals> {
  const [row] = await selectRows<SalesTotalsRow>(
    em,
    `select count(*)::int as sales_count,
            coalesce(sum(sa.total_cents), 0)::bigint as sales_cents,
            coalesce(sum(sa.taxable_cents), 0)::bigint as taxable_cents,
            coalesce(sum(sa.igv_cents), 0)::bigint as igv_cents,
            coalesce(sum(sa.discount_cents), 0)::bigint as discount_cents,
            coalesce(sum(sa.tip_cents), 0)::bigint as tip_cents
       from sales sa
      where sa.session_id = ? and ${COMPLETED_AT_CLOSE}`,
    [sessionId],
  );
  return {
    salesCount: row?.sales_count ?? 0,
    salesCents: Number(row?.sales_cents ?? 0),
    taxableCents: Number(row?.taxable_cents ?? 0),
    igvCents: Number(row?.igv_cents ?? 0),
    discountCents: Number(row?.discount_cents ?? 0),
    tipCents: Number(row?.tip_cents ?? 0),
  };
}

export interface MethodTotal {
  method: PaymentMethod;
  amountCents: number;
  count: number;
}

/**
 * What each payment method paid of the session's completed sales (tips included, cash net of
 * the change given) and in how many tenders: every method, in their usual order, unused ones at
 * zero — a closing report lays out the same lines every night.
 */
export async function methodTotals(em: EntityManager, sessionId: string): Promise<MethodTotal[]> {
  const rows = await selectRows<{ method: PaymentMethod; amount_cents: string; count: number }>(
    em,
    `select p.method, sum(p.amount_cents)::bigint as amount_cents, count(*)::int as count
       from sales sa
       join sale_payments p on p.sale_id = sa.id
      where sa.session_id = ? and ${COMPLETED_AT_CLOSE}
      group by p.method`,
    [sessionId],
  );
  const byMethod = new Map(rows.map((row) => [row.method, row]));
  return PAYMENT_METHODS.map((method) => {
    const row = byMethod.get(method);
    return { method, amountCents: Number(row?.amount_cents ?? 0), count: row?.count ?? 0 };
  });
}

export interface VoidedSale {
  id: string;
  series: string;
  number: number;
  totalCents: number;
  reason: string;
  voidedByName: string;
  voidedAt: Date;
}

/** The session's sales voided by its close (or so far, while it is open), in the order they were voided. */
export async function voidedSales(em: EntityManager, sessionId: string): Promise<VoidedSale[]> {
  const rows = await selectRows<{
    id: string;
    series: string;
    number: number;
    total_cents: number;
    void_reason: string | null;
    voided_by_name: string | null;
    voided_at: Date | string;
  }>(
    em,
    `select sa.id, sa.series, sa.number, sa.total_cents, sa.void_reason, sa.voided_by_name, sa.voided_at
       from sales sa
      where sa.session_id = ? and ${VOIDED_AT_CLOSE}
      order by sa.voided_at, sa.series, sa.number`,
    [sessionId],
  );
  return rows.map((row) => ({
    id: row.id,
    series: row.series,
    number: row.number,
    totalCents: row.total_cents,
    reason: row.void_reason ?? '',
    voidedByName: row.voided_by_name ?? '',
    voidedAt: new Date(row.voided_at),
  }));
}

/** A session's movements, oldest first. */
export function sessionMovements(em: EntityManager, sessionId: string): Promise<CashMovement[]> {
  return em.find(CashMovement, { sessionId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}
