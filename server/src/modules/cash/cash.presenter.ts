import type { CashMovementView, CashReportView, CashSessionView } from '@smartket/shared';
import { receiptNumber } from '../sales/sales.policy.ts';
import type { CashMovement } from './cash-movement.entity.ts';
import type { CashSession } from './cash-session.entity.ts';
import { expectedCash, type CashFlow } from './cash.policy.ts';
import type { MethodTotal, SalesTotals, VoidedSale } from './cash.repository.ts';

/**
 * A session as the cashier and the owner see it. The cash expected is the one worked out at the
 * close once closed; while open, what the drawer should hold now (`flow` is then required).
 */
export function presentSession(
  session: CashSession,
  registerName: string,
  flow: CashFlow | undefined,
): CashSessionView {
  return {
    id: session.id,
    branchId: session.branchId,
    registerId: session.registerId,
    registerName,
    status: session.status,
    openingFloatCents: session.openingFloatCents,
    openedByName: session.openedByName,
    openedAt: session.openedAt.toISOString(),
    closedByName: session.closedByName ?? null,
    closedAt: session.closedAt?.toISOString() ?? null,
    expectedCents: sessionExpected(session, flow),
    countedCents: session.countedCents ?? null,
    differenceCents: session.differenceCents ?? null,
  };
}

function sessionExpected(session: CashSession, flow: CashFlow | undefined): number {
  if (session.expectedCents !== null && session.expectedCents !== undefined) {
    return session.expectedCents;
  }
  if (!flow) {
    throw new Error(`the cash flow of open session ${session.id} was not read`);
  }
  return expectedCash(session.openingFloatCents, flow);
}

export function presentMovement(movement: CashMovement): CashMovementView {
  return {
    id: movement.id,
    sessionId: movement.sessionId,
    kind: movement.kind,
    amountCents: movement.amountCents,
    reason: movement.reason,
    byName: movement.byName,
    createdAt: movement.createdAt.toISOString(),
  };
}

/** Everything a closing (or, while open, a running) report is made of. */
export interface CashReport {
  session: CashSession;
  registerName: string;
  flow: CashFlow;
  totals: SalesTotals;
  byMethod: MethodTotal[];
  voided: VoidedSale[];
  movements: CashMovement[];
}

export function presentReport(report: CashReport): CashReportView {
  const { session, flow, totals, voided } = report;
  const view = presentSession(session, report.registerName, flow);
  return {
    session: view,
    ...totals,
    byMethod: report.byMethod.map(({ method, amountCents, count }) => ({ method, amountCents, count })),
    voided: {
      count: voided.length,
      amountCents: voided.reduce((sum, sale) => sum + sale.totalCents, 0),
      sales: voided.map((sale) => ({
        id: sale.id,
        receipt: receiptNumber(sale.series, sale.number),
        totalCents: sale.totalCents,
        reason: sale.reason,
        voidedByName: sale.voidedByName,
        voidedAt: sale.voidedAt.toISOString(),
      })),
    },
    movements: report.movements.map(presentMovement),
    movementsInCents: flow.movementsInCents,
    movementsOutCents: flow.movementsOutCents,
    cashSalesCents: flow.cashSalesCents,
    expectedCents: view.expectedCents,
    countedCents: view.countedCents,
    differenceCents: view.differenceCents,
    denominations: session.countedDenominations ?? null,
    note: session.closingNote ?? null,
  };
}
