import { LockMode, type EntityManager } from '@mikro-orm/core';
import {
  igvBreakdown,
  isOnTheHouse,
  priceOrder,
  type BranchEvent,
  type ChargeInput,
  type CheckoutView,
  type ReceiptHeaderView,
  type SaleView,
  type SaleVoidInput,
} from '@smartket/shared';
import { businessDay } from '../../lib/business-day.ts';
import { AppError, fieldError, notFound, violatedIndex } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertReachesBranch, type Actor } from '../auth/actor.ts';
import { appendBranchEvents, type PendingBranchEvent } from '../branch-log/branch-log.service.ts';
import { Branch } from '../branches/branch.entity.ts';
import { findBranch } from '../branches/branches.service.ts';
import { CashSession } from '../cash/cash-session.entity.ts';
import { lockSession } from '../cash/cash.repository.ts';
import { takeCashBack } from '../cash/cash.service.ts';
import { Customer } from '../customers/customer.entity.ts';
import { orderLabel } from '../kitchen/kitchen-ticket.presenter.ts';
import { Order } from '../orders/order.entity.ts';
import { isLive } from '../orders/orders.policy.ts';
import { presentOrder } from '../orders/orders.presenter.ts';
import {
  loadOrderRecord,
  loadOrderRecords,
  lockOrder,
  type OrderRecord,
} from '../orders/orders.repository.ts';
import { applyOrderPayment } from '../orders/orders.service.ts';
import { readBusinessProfile } from '../settings/settings.service.ts';
import { readFiscalProfile } from '../setup/setup.service.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import type { ReceiptSeries } from './receipt-series.entity.ts';
import { SaleLine } from './sale-line.entity.ts';
import { SalePayment } from './sale-payment.entity.ts';
import { Sale } from './sale.entity.ts';
import { saleChanged } from './sales.events.ts';
import {
  assertChargeable,
  assertReceiptAllowed,
  balanceOf,
  cashBackCents,
  chargePart,
  lineDescription,
  nextEqualPartIndex,
  receiptNumber,
  tendersFor,
  type CheckoutState,
} from './sales.policy.ts';
import { presentReceiptHeader, presentSale } from './sales.presenter.ts';
import {
  findOrCreateSeries,
  loadOrderCharges,
  loadSaleRecords,
  takeReceiptNumber,
  writtenOffByOrder,
  type OrderCharges,
  type SaleRecord,
} from './sales.repository.ts';

/** Who charges or reads, when, in which business (its name heads the receipts). */
export interface SalesContext {
  em: EntityManager;
  actor: Actor;
  tenant: Tenant;
  now: Date;
}

/** A sale after a charge or a void, and the branch-log events to broadcast once it committed. */
export interface SaleChange {
  sale: SaleView;
  events: BranchEvent[];
  /** False when a charge was a repeat of one already made (same sale id): 200, not 201. */
  created: boolean;
}

/**
 * How a sale gets its correlative inside the charge's transaction. Routes always use the
 * gapless `takeReceiptNumber`; the checkout benchmark swaps it to measure what it costs.
 */
export type ReceiptNumbering = (tx: EntityManager, series: ReceiptSeries) => Promise<number>;

const SALE_ID_INDEX = 'sales_pkey';

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * An order as the cashier charges it: priced line by line with what is paid of each, the
 * balance, its equal split, and its sales so far (voided ones too). Any status: a closed order's
 * checkout shows what it was paid with — and, when a sale of it was voided, what it owes again.
 */
export async function loadCheckout(context: SalesContext, orderId: string): Promise<CheckoutView> {
  const { em, actor, tenant } = context;
  const order = await em.findOne(Order, { id: orderId });
  if (!order) {
    throw notFound('Order');
  }
  assertReachesBranch(actor, order.branchId, 'Order');
  const record = await loadOrderRecord(em, order);
  const state = checkoutStateOf(record, await loadOrderCharges(em, order.id));
  const sales = await em.find(Sale, { orderId: order.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const label = labelOf(record);
  const header = await readReceiptHeader(em, tenant, await findBranch(em, order.branchId));
  const records = await loadSaleRecords(em, sales);
  const sessions = await sessionsOf(em, sales);
  return {
    order: presentOrder(record),
    lines: state.lines,
    subtotalCents: state.subtotalCents,
    discountCents: state.discountCents,
    totalCents: state.totalCents,
    paidCents: state.paidCents,
    balanceCents: balanceOf(state),
    split:
      state.splitParts === null
        ? null
        : {
            parts: state.splitParts,
            paid: state.paidEqualParts.length,
            paidParts: [...state.paidEqualParts],
            next: nextEqualPartIndex(state.splitParts, state.paidEqualParts),
          },
    sales: records.map((sale) =>
      presentSale(sale, {
        orderLabel: label,
        header,
        orderBalanceCents: owedBy(record, state.writtenOffCents),
        cashBackCents: cashBackOf(sale, sessions),
      }),
    ),
    header,
  };
}

/** A sale with its receipt's head; another branch's is a 404 for a branch-bound cashier. */
export async function loadSale(context: SalesContext, saleId: string): Promise<SaleView> {
  const { em, actor } = context;
  const sale = await em.findOne(Sale, { id: saleId });
  if (!sale) {
    throw notFound('Sale');
  }
  assertReachesBranch(actor, sale.branchId, 'Sale');
  const [view] = await presentSales(em, context.tenant, [sale]);
  return view!;
}

/**
 * The sales of a branch on one of its days (today in its time zone when `day` is left out), in
 * order, voided ones too, each with what its order still owes (a voided one's, to charge again).
 */
export async function listBranchSales(
  context: SalesContext,
  branchId: string,
  day: string | undefined,
): Promise<SaleView[]> {
  const { em, actor, now } = context;
  assertReachesBranch(actor, branchId);
  const branch = await findBranch(em, branchId);
  const sales = await em.find(
    Sale,
    { branchId, businessDay: day ?? businessDay(now, branch.timezone) },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return presentSales(em, context.tenant, sales);
}

// ---------------------------------------------------------------------------------------------
// Charging

/**
 * Charges one part of a live order, all in one transaction with the order locked: the sale with
 * its lines, tenders and receipt number, and what the order has been paid — closed, its tables
 * free, once paid in full. The sale id is the cashier screen's: the same id again answers the
 * sale as it is (200), and two copies racing make one sale.
 *
 * A closed order that owes again because a sale of it was voided is charged the same way (the
 * canje: that consumption on a factura instead of a boleta, or with the right tender): on the
 * receipt chosen now, in the session named now, from its frozen bill. It stays closed; its
 * tables, long free, are not touched: the branch hears only that its sales changed.
 *
 * Every charge logs `sales.changed` after the order's events, so the day's sales and the till's
 * and the board's figures follow it on every screen; a repeat of a charge logs nothing.
 *
 * Refused, with nothing written: an order that cannot be charged — cancelled, merged, or closed
 * owing nothing (409 ORDER_CLOSED); no open session of the order's branch (409
 * CASH_SESSION_CLOSED naming `sessionId`); an order that changed since the screen showed it,
 * its money version or the part's amount (409 ORDER_CHANGED with the `version` and `amountCents`
 * to show now); a part worth more than is owed (409 CONFLICT); a part the bill cannot give,
 * tenders that do not add up, a receipt the business or customer cannot have (422 naming the
 * field).
 */
export async function chargeOrder(
  context: SalesContext,
  orderId: string,
  input: ChargeInput,
  numbering: ReceiptNumbering = takeReceiptNumber,
): Promise<SaleChange> {
  const { em } = context;
  try {
    return await em.transactional((tx) => chargeLocked(tx, context, orderId, input, numbering));
  } catch (error) {
    if (violatedIndex(error) === SALE_ID_INDEX) {
      // A copy of this charge committed first: answer its sale.
      const fresh = em.fork();
      const winner = await fresh.findOne(Sale, { id: input.id });
      if (winner) {
        return {
          sale: await repeatedCharge({ ...context, em: fresh }, winner, orderId),
          events: [],
          created: false,
        };
      }
    }
    throw error;
  }
}

async function chargeLocked(
  tx: EntityManager,
  context: SalesContext,
  orderId: string,
  input: ChargeInput,
  numbering: ReceiptNumbering,
): Promise<SaleChange> {
  const { actor, tenant, now } = context;
  const order = await lockOrder(tx, orderId);
  if (!order) {
    throw notFound('Order');
  }
  assertReachesBranch(actor, order.branchId, 'Order');
  const earlier = await tx.findOne(Sale, { id: input.id });
  if (earlier) {
    return {
      sale: await repeatedCharge({ ...context, em: tx }, earlier, order.id),
      events: [],
      created: false,
    };
  }
  const record = await loadOrderRecord(tx, order);
  const state = checkoutStateOf(record, await loadOrderCharges(tx, order.id));
  assertChargeable(order, balanceOf(state));
  // Shared: charges go on side by side, while closing the till waits for them (and they for it).
  const session = await tx.findOne(
    CashSession,
    { id: input.sessionId },
    { lockMode: LockMode.PESSIMISTIC_READ },
  );
  assertSessionOpen(session, order.branchId, input.sessionId);

  if (order.version !== input.expectedVersion) {
    throw orderChanged(order, amountIfChargeable(state, input.part));
  }
  const part = chargePart(state, input.part);
  if (part.amountCents !== input.expectedAmountCents) {
    throw orderChanged(order, part.amountCents);
  }
  // A part worth nothing is only a whole bill on the house, charged whole. A table with nothing
  // standing is cancelled instead: it takes no receipt number.
  const onTheHouse = isOnTheHouse(state) && input.part.kind === 'balance';
  if ((part.amountCents === 0 && !onTheHouse) || part.amountCents > balanceOf(state)) {
    throw new AppError(
      'CONFLICT',
      409,
      part.amountCents === 0 ? 'Nothing is left to charge on this part' : 'This part is more than is owed',
      { details: { orderId: order.id, amountCents: part.amountCents, balanceCents: balanceOf(state) } },
    );
  }
  const tenders = tendersFor(input.payments, part.amountCents, input.tipCents);
  const customer = await findCustomer(tx, input.receipt.customerId);
  const business = await readBusiness(tx, tenant);
  assertReceiptAllowed(input.receipt.type, business.fiscal, customer);
  const branch = await findBranch(tx, order.branchId);
  const header = presentReceiptHeader(business, branch);
  const series = await findOrCreateSeries(tx, order.branchId, input.receipt.type, now);

  // From the number to the commit, every charge of this series waits for this one: only the
  // writes are left from here.
  const number = await numbering(tx, series);
  const amounts = igvBreakdown(part.amountCents);
  const sale = tx.create(Sale, {
    id: input.id,
    branchId: order.branchId,
    orderId: order.id,
    sessionId: session.id,
    registerId: session.registerId,
    businessDay: businessDay(now, branch.timezone),
    receiptType: input.receipt.type,
    series: series.prefix,
    number,
    customerId: customer?.id ?? null,
    customerDocType: customer?.docType ?? null,
    customerDocNumber: customer?.docNumber ?? null,
    customerName: customer?.name ?? null,
    customerAddress: customer?.address ?? null,
    partKind: part.kind,
    partIndex: part.index,
    partCount: part.count,
    subtotalCents: part.subtotalCents,
    discountCents: part.discountCents,
    totalCents: amounts.totalCents,
    taxableCents: amounts.taxableCents,
    igvCents: amounts.igvCents,
    tipCents: input.tipCents,
    changeCents: tenders.reduce((sum, tender) => sum + tender.changeCents, 0),
    status: 'completed',
    voidReason: null,
    voidedAt: null,
    voidedByName: null,
    voidedAfterClose: false,
    refunded: false,
    chargedByKind: actor.kind,
    chargedById: actor.id,
    chargedByName: actor.name,
    createdAt: now,
  });
  // The sale first: its lines and tenders point at it.
  await tx.flush();
  const lines = part.lines.map((line, position) =>
    tx.create(SaleLine, { saleId: sale.id, ...line, position }),
  );
  const payments = tenders.map((tender, position) =>
    tx.create(SalePayment, {
      saleId: sale.id,
      method: tender.method,
      amountCents: tender.amountCents,
      receivedCents: tender.receivedCents,
      changeCents: tender.changeCents,
      reference: tender.reference,
      position,
    }),
  );
  if (part.kind === 'equal') {
    order.splitParts = part.count;
  }
  const orderEvents = await payOrder(tx, record, part.amountCents, now);
  const events = await appendBranchEvents(tx, order.branchId, [...orderEvents, saleChanged(sale)], now);
  return {
    // Charged in an open session: a void would just leave its cash out of that drawer.
    sale: presentSale(
      { sale, lines, payments },
      {
        orderLabel: labelOf(record),
        header,
        orderBalanceCents: owedBy(record, state.writtenOffCents),
        cashBackCents: 0,
      },
    ),
    events,
    created: true,
  };
}

/**
 * Adds `paidDeltaCents` (a charge; a void's is negative) to what the order was paid. A live order
 * closes once paid, or owes again (`applyOrderPayment`, with the floor's events). A closed one
 * only has its money version moved on, so a screen that read it before a void or a charge again
 * elsewhere is told it changed; the floor hears nothing of it.
 */
async function payOrder(
  tx: EntityManager,
  record: OrderRecord,
  paidDeltaCents: number,
  now: Date,
): Promise<PendingBranchEvent[]> {
  if (!isLive(record.order)) {
    record.order.version += 1;
  }
  return applyOrderPayment(tx, record, paidDeltaCents, now);
}

/**
 * The answer to a charge whose sale id exists: the sale as it is now, whatever the body said —
 * unless the id is another order's sale (409 CONFLICT).
 */
async function repeatedCharge(context: SalesContext, sale: Sale, orderId: string): Promise<SaleView> {
  if (sale.orderId !== orderId) {
    throw new AppError('CONFLICT', 409, 'This sale id belongs to another order', {
      details: { saleId: sale.id },
    });
  }
  assertReachesBranch(context.actor, sale.branchId, 'Sale');
  const [view] = await presentSales(context.em, context.tenant, [sale]);
  return view!;
}

/** Refuses a charge without an open session of the order's branch: 409 CASH_SESSION_CLOSED. */
function assertSessionOpen(
  session: CashSession | null,
  branchId: string,
  sessionId: string,
): asserts session is CashSession {
  if (session?.status === 'open' && session.branchId === branchId) {
    return;
  }
  throw new AppError('CASH_SESSION_CLOSED', 409, 'Open the cash register of this branch to charge', {
    fields: { sessionId: { code: 'unavailable', message: 'This cash session is not open in this branch' } },
    details: { sessionId, status: session?.branchId === branchId ? session.status : null },
  });
}

/** 409 ORDER_CHANGED: the order is not what the cashier saw; `amountCents` is the part now. */
function orderChanged(order: Order, amountCents: number | null): AppError {
  return new AppError('ORDER_CHANGED', 409, 'The order changed since it was shown', {
    details: { orderId: order.id, version: order.version, amountCents, paidCents: order.paidCents },
  });
}

/** The part's amount now, or null when the bill can no longer give that part. */
function amountIfChargeable(state: CheckoutState, part: ChargeInput['part']): number | null {
  try {
    return chargePart(state, part).amountCents;
  } catch {
    return null;
  }
}

async function findCustomer(tx: EntityManager, customerId: string | null): Promise<Customer | null> {
  if (customerId === null) {
    return null;
  }
  const customer = await tx.findOne(Customer, { id: customerId });
  if (!customer) {
    throw fieldError('receipt.customerId', 'unknown_reference', 'No such customer');
  }
  return customer;
}

// ---------------------------------------------------------------------------------------------
// Voiding

/**
 * Voids a sale with the reason, in the audit log. It stays, marked, in the history and the
 * reports. A live order it paid part of owes that part again (its money version goes up, the
 * floor hears of it); a closed order stays closed and owes that part again, to be charged on
 * another receipt (`chargeOrder`; the floor hears nothing of the order) — unless the void is a refund
 * (`chargeAgain: false`): then that consumption is written off (`refunded`), the order owes
 * nothing for it. Voiding it again is a 409 CONFLICT with its `voidedAt`. Every void logs
 * `sales.changed` after the order's events: each screen showing the branch's sales reads them again.
 *
 * The cash it took goes back to the customer. While its session is open, the sale just leaves
 * that drawer's expected cash. Once its session closed, its cash was counted in that drawer: it
 * goes back out of a drawer open now — the session `cashSessionId` names, else the open session
 * of the sale's own register — by a movement out ("Devolución por anulación B001-00000012", by
 * the voider), in this transaction; with no such till open, the void is refused (409
 * CASH_SESSION_CLOSED naming the register and the amount) and nothing is written. Card, Yape,
 * Plin and transfers move no drawer cash. Which of the two the void was is settled here, under
 * the session's lock, and kept on the sale (`voidedAfterClose`) for the reports: never by clocks.
 *
 * Locks, as a charge takes them: the order, then the sale's session (`FOR SHARE`), the sale, and
 * last the open session of its register (`FOR SHARE`): a close of either session queues behind
 * the void, and counts what it did. A close holds only its own session and waits for nothing
 * after taking it, and nothing but a void locks a sale (behind its order), so none of this waits
 * in a circle.
 */
export async function voidSale(
  context: SalesContext,
  saleId: string,
  input: SaleVoidInput,
): Promise<SaleChange> {
  const { em, actor } = context;
  return em.transactional(async (tx) => {
    const seen = await tx.findOne(Sale, { id: saleId });
    if (!seen) {
      throw notFound('Sale');
    }
    assertReachesBranch(actor, seen.branchId, 'Sale');
    // The order first, as a charge takes it: a void and a charge of one order queue, never cross.
    const order = await lockOrder(tx, seen.orderId);
    if (!order) {
      throw new Error(`sale ${seen.id} has no order`);
    }
    // Then its session, as a charge reads it: a void and the session's close queue, so whether
    // that drawer was counted with this sale's cash is settled here, and stays so.
    const session = await lockSession(tx, seen.sessionId, 'share');
    if (!session) {
      throw new Error(`sale ${seen.id} has no cash session`);
    }
    const sale = await tx.findOneOrFail(
      Sale,
      { id: saleId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (sale.status === 'voided') {
      throw new AppError('CONFLICT', 409, 'This sale is already voided', {
        details: { saleId: sale.id, voidedAt: sale.voidedAt?.toISOString() ?? null },
      });
    }
    const receipt = receiptNumber(sale.series, sale.number);
    const payments = await tx.find(SalePayment, { saleId: sale.id });
    const cashBack = cashBackCents(sale, session, payments);
    const movement =
      cashBack > 0
        ? await takeCashBack(tx, context, {
            branchId: sale.branchId,
            registerId: sale.registerId,
            ...(input.cashSessionId === undefined ? {} : { sessionId: input.cashSessionId }),
            amountCents: cashBack,
            reason: `Devolución por anulación ${receipt}`,
            details: { saleId: sale.id },
          })
        : null;
    const now = voidTime(context.now, session);
    // A refund writes a closed order's consumption off; a live order's table still pays its bill.
    const refunded = !input.chargeAgain && order.status === 'closed';
    sale.status = 'voided';
    sale.voidReason = input.reason;
    sale.voidedAt = now;
    sale.voidedByName = actor.name;
    sale.voidedAfterClose = session.status !== 'open';
    sale.refunded = refunded;
    const record = await loadOrderRecord(tx, order);
    const orderEvents = await payOrder(tx, record, -sale.totalCents, now);
    recordAudit(
      tx,
      actor,
      {
        action: 'sales.voided',
        entity: { type: 'sale', id: sale.id, label: `${receipt} · ${labelOf(record)}` },
        before: { status: 'completed', receipt, totalCents: sale.totalCents },
        after: {
          status: 'voided',
          reason: input.reason,
          ...(refunded ? { chargeAgain: false } : {}),
          ...(movement ? { cashBackCents: movement.amountCents, cashSessionId: movement.sessionId } : {}),
        },
        branchId: sale.branchId,
      },
      now,
    );
    await tx.flush();
    const events = await appendBranchEvents(tx, sale.branchId, [...orderEvents, saleChanged(sale)], now);
    const [view] = await presentSales(tx, context.tenant, [sale]);
    return { sale: view!, events, created: true };
  });
}

/**
 * When a void happens: now — but never at or before the close of the sale's session when it
 * found that session closed (it waited for that close, maybe having started before it), so the
 * history reads in the order the two really took. The reports do not go by these times: the
 * sale keeps whether its void came after the close.
 */
function voidTime(now: Date, session: CashSession): Date {
  const closedAt = session.closedAt ?? null;
  return closedAt !== null && now <= closedAt ? new Date(closedAt.getTime() + 1) : now;
}

// ---------------------------------------------------------------------------------------------

/** An order at the till: priced as every screen prices it, with the units its sales paid. */
function checkoutStateOf(record: OrderRecord, charges: OrderCharges): CheckoutState {
  const view = presentOrder(record);
  const pricing = priceOrder(view.items, view.discounts);
  const items = new Map(view.items.map((item) => [item.id, item]));
  return {
    lines: pricing.lines.map((line) => {
      const item = items.get(line.itemId)!;
      return {
        itemId: line.itemId,
        name: lineDescription(item),
        quantity: line.quantity,
        unitPriceCents: item.unitPriceCents,
        grossCents: line.grossCents,
        itemDiscountCents: line.itemDiscountCents,
        orderDiscountCents: line.orderDiscountCents,
        netCents: line.netCents,
        paidQuantity: charges.paidUnits.get(line.itemId) ?? 0,
        paidCents: charges.paidLineCents.get(line.itemId) ?? 0,
      };
    }),
    subtotalCents: pricing.subtotalCents,
    discountCents: pricing.discountCents,
    totalCents: pricing.totalCents,
    paidCents: record.order.paidCents,
    splitParts: record.order.splitParts ?? null,
    paidEqualParts: charges.paidEqualParts,
    discountChargedCents: charges.discountChargedCents,
    writtenOffCents: charges.writtenOffCents,
  };
}

/**
 * What an order owes now, while it can still be charged (on the floor, or closed after a void):
 * its total less what its completed sales paid and what its refunds wrote off; 0 for an order
 * cancelled or merged.
 */
function owedBy(record: OrderRecord, writtenOffCents: number): number {
  const { order } = record;
  if (!isLive(order) && order.status !== 'closed') {
    return 0;
  }
  return Math.max(0, presentOrder(record).totalCents - order.paidCents - writtenOffCents);
}

/** Sales as views, their orders' labels and their branches' receipt heads read in bulk. */
async function presentSales(em: EntityManager, tenant: Tenant, sales: readonly Sale[]): Promise<SaleView[]> {
  if (sales.length === 0) {
    return [];
  }
  const records = await loadSaleRecords(em, sales);
  const orders = await em.find(Order, { id: { $in: [...new Set(sales.map((sale) => sale.orderId))] } });
  const orderRecords = new Map(
    (await loadOrderRecords(em, orders)).map((record) => [record.order.id, record]),
  );
  const branches = await em.find(Branch, { id: { $in: [...new Set(sales.map((sale) => sale.branchId))] } });
  const business = await readBusiness(em, tenant);
  const headers = new Map(branches.map((branch) => [branch.id, presentReceiptHeader(business, branch)]));
  const sessions = await sessionsOf(em, sales);
  const writtenOff = await writtenOffByOrder(em, [...orderRecords.keys()]);
  return records.map((record) => {
    const order = orderRecords.get(record.sale.orderId);
    return presentSale(record, {
      orderLabel: order ? labelOf(order) : '',
      header: headers.get(record.sale.branchId)!,
      orderBalanceCents: order ? owedBy(order, writtenOff.get(order.order.id) ?? 0) : 0,
      cashBackCents: cashBackOf(record, sessions),
    });
  });
}

/** The sessions `sales` were charged in, by id. */
async function sessionsOf(em: EntityManager, sales: readonly Sale[]): Promise<Map<string, CashSession>> {
  const ids = [...new Set(sales.map((sale) => sale.sessionId))];
  const sessions = ids.length === 0 ? [] : await em.find(CashSession, { id: { $in: ids } });
  return new Map(sessions.map((session) => [session.id, session]));
}

/** What a void of the sale hands back (or handed back) out of the drawer open then. */
function cashBackOf({ sale, payments }: SaleRecord, sessions: ReadonlyMap<string, CashSession>): number {
  return cashBackCents(sale, sessions.get(sale.sessionId), payments);
}

function labelOf(record: OrderRecord): string {
  return orderLabel(
    record.order,
    record.tables.map((table) => table.name),
  );
}

async function readReceiptHeader(
  em: EntityManager,
  tenant: Tenant,
  branch: Branch,
): Promise<ReceiptHeaderView> {
  return presentReceiptHeader(await readBusiness(em, tenant), branch);
}

async function readBusiness(em: EntityManager, tenant: Tenant) {
  return {
    profile: await readBusinessProfile(em),
    fallbackName: tenant.businessName,
    fiscal: await readFiscalProfile(em),
  };
}
