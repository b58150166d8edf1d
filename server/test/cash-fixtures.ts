import {
  CashReportView,
  igvBreakdown,
  type CashRegisterView,
  type CashSessionView,
  type PaymentMethod,
} from '@smartket/shared';
import { CashSession } from '../src/modules/cash/cash-session.entity.ts';
import { Order } from '../src/modules/orders/order.entity.ts';
import { SalePayment } from '../src/modules/sales/sale-payment.entity.ts';
import { Sale } from '../src/modules/sales/sale.entity.ts';
import { buildBranch, expectStatus, mintSignedInStaff, type MintedStaff } from './actors.ts';
import { inTenant } from './checkout-factories.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import type { ApiClient, TestServer } from './test-server.ts';

/**
 * A business with a till: a branch, a cash register ("Caja 1") and a cashier signed in with
 * their PIN on the branch's cash desk — and sales written straight into the tenant database
 * through its entity manager, with their tenders, so the cash tests do not depend on the
 * charge route.
 */

export interface Till {
  owner: BuiltOwner;
  branchId: string;
  registerId: string;
  cashier: MintedStaff;
}

/** A cash register added to `branchId` by the owner. */
export async function buildRegister(owner: BuiltOwner, branchId: string, name = 'Caja 1'): Promise<string> {
  const response = await owner.client.post<CashRegisterView>(
    `/api/tenant/branches/${branchId}/cash-registers`,
    {
      name,
    },
  );
  return expectStatus(response, 201).id;
}

/** A new business with a branch, a register and a cashier there; or another till of `owner`'s. */
export async function buildTill(server: TestServer, owner?: BuiltOwner): Promise<Till> {
  const business = owner ?? (await buildTenant(server));
  const branchId = await buildBranch(server, business, owner ? 'Local Norte' : 'Local Central');
  const registerId = await buildRegister(business, branchId);
  const cashier = await mintSignedInStaff(server, business.tenantId, branchId, 'cashier');
  return { owner: business, branchId, registerId, cashier };
}

/** Opens the register with `openingFloatCents` in the drawer; answers the new session. */
export async function openRegister(
  client: ApiClient,
  registerId: string,
  openingFloatCents = 10_000,
): Promise<CashSessionView> {
  const response = await client.post<CashSessionView>('/api/tenant/cash-sessions', {
    id: crypto.randomUUID(),
    registerId,
    openingFloatCents,
  });
  return expectStatus(response, 201);
}

/** The X (open) or Z (closed) report of a session, as the till reads it. */
export async function cashReport(client: ApiClient, sessionId: string): Promise<CashReportView> {
  return CashReportView.parse(
    expectStatus(await client.get<CashReportView>(`/api/tenant/cash-sessions/${sessionId}/report`), 200),
  );
}

export interface TenderFixture {
  method: PaymentMethod;
  /** What it pays of the part and the tip. */
  amountCents: number;
  /** Cash handed over (the change is the difference); cash only. */
  receivedCents?: number;
}

export interface SaleFixture {
  totalCents: number;
  discountCents?: number;
  tipCents?: number;
  payments: TenderFixture[];
  /** A voided sale: why, by whom, and when (now unless told). */
  voided?: { reason: string; byName: string; at?: Date };
}

/**
 * A sale of `session` as the charge writes it: a closed takeaway order, the sale (boleta B001,
 * the next correlative; IGV broken out from its total) and its tenders. Checks that the tenders
 * pay the total and the tip, as the charge would. Answers the sale's id.
 */
export async function writeSale(
  server: TestServer,
  tenantId: string,
  session: CashSessionView,
  fixture: SaleFixture,
): Promise<string> {
  const tipCents = fixture.tipCents ?? 0;
  const paid = fixture.payments.reduce((sum, tender) => sum + tender.amountCents, 0);
  if (paid !== fixture.totalCents + tipCents) {
    throw new Error(`the tenders pay ${paid}, the sale is ${fixture.totalCents} + ${tipCents} tip`);
  }
  return inTenant(server, tenantId, async (em) => {
    const now = new Date();
    const orders = await em.count(Order, { branchId: session.branchId });
    const order = em.create(Order, {
      id: crypto.randomUUID(),
      branchId: session.branchId,
      businessDay: now.toISOString().slice(0, 10),
      number: orders + 1,
      type: 'takeaway',
      status: 'closed',
      guests: null,
      customerName: null,
      customerPhone: null,
      customerAddress: null,
      note: null,
      waiterKind: 'user',
      waiterId: 'fixture',
      waiterName: 'fixture',
      deviceId: null,
      openedAt: now,
      billRequestedAt: null,
      closedAt: now,
      mergedIntoId: null,
      paidCents: fixture.totalCents,
    });
    await em.flush();
    const numbered = await em.count(Sale, { series: 'B001' });
    const discountCents = fixture.discountCents ?? 0;
    const { taxableCents, igvCents } = igvBreakdown(fixture.totalCents);
    const changes = fixture.payments.map((tender) =>
      tender.receivedCents === undefined ? 0 : tender.receivedCents - tender.amountCents,
    );
    const sale = em.create(Sale, {
      id: crypto.randomUUID(),
      branchId: session.branchId,
      orderId: order.id,
      sessionId: session.id,
      registerId: session.registerId,
      businessDay: order.businessDay,
      receiptType: 'boleta',
      series: 'B001',
      number: numbered + 1,
      customerId: null,
      customerDocType: null,
      customerDocNumber: null,
      customerName: null,
      customerAddress: null,
      partKind: 'balance',
      partIndex: null,
      partCount: null,
      subtotalCents: fixture.totalCents + discountCents,
      discountCents,
      totalCents: fixture.totalCents,
      taxableCents,
      igvCents,
      tipCents,
      changeCents: changes.reduce((sum, change) => sum + change, 0),
      status: fixture.voided ? 'voided' : 'completed',
      voidReason: fixture.voided?.reason ?? null,
      voidedAt: fixture.voided ? (fixture.voided.at ?? now) : null,
      voidedByName: fixture.voided?.byName ?? null,
      chargedByKind: 'user',
      chargedById: 'fixture',
      chargedByName: 'fixture',
      createdAt: now,
    });
    await em.flush();
    fixture.payments.forEach((tender, position) => {
      em.create(SalePayment, {
        saleId: sale.id,
        method: tender.method,
        amountCents: tender.amountCents,
        receivedCents: tender.receivedCents ?? null,
        changeCents: changes[position] ?? 0,
        reference: null,
        position,
      });
    });
    await em.flush();
    return sale.id;
  });
}

/** Marks a sale voided now (after the fact, as a void does), straight in the tenant database. */
export async function voidSaleInDb(
  server: TestServer,
  tenantId: string,
  saleId: string,
  reason: string,
  at = new Date(),
): Promise<void> {
  await inTenant(server, tenantId, async (em) => {
    const sale = await em.findOneOrFail(Sale, saleId);
    // As a void settles it: after the close when it finds the session closed.
    const session = await em.findOneOrFail(CashSession, sale.sessionId);
    em.assign(sale, {
      status: 'voided',
      voidReason: reason,
      voidedAt: at,
      voidedByName: 'Dueño',
      voidedAfterClose: session.status !== 'open',
    });
    await em.flush();
  });
}
