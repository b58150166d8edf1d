import type { EntityManager } from '@mikro-orm/core';
import {
  rucCheckDigit,
  type ChargeInput,
  type CheckoutView,
  type CustomerDocType,
  type OrderView,
  type SaleView,
} from '@smartket/shared';
import { CashRegister } from '../src/modules/branches/cash-register.entity.ts';
import { CashSession } from '../src/modules/cash/cash-session.entity.ts';
import { Customer } from '../src/modules/customers/customer.entity.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { expectStatus } from './actors.ts';
import type { BuiltOwner } from './factories.ts';
import { buildFloor, buildWaiter, chickenItem, openTable, sendRound, type Floor } from './order-factories.ts';
import { withTenantSql } from './tenant-sql.ts';
import type { ApiClient, ApiResponse, TestServer } from './test-server.ts';

/**
 * What charging needs around an order: a till (a floor, its owner, a cashier and an open cash
 * session) and a dinner to charge; sessions and customers written straight into the tenant
 * database (the cash and customer routes are tested on their own), the business's fiscal
 * profile, and charge bodies built from the checkout a cashier's screen shows.
 */

/** Runs `fn` with an entity manager of the tenant's own database. */
export async function inTenant<T>(
  server: TestServer,
  tenantId: string,
  fn: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
  return server.services.registry.withTenant(server.services.locator.locate(tenant), (em) =>
    em.fork().transactional(fn),
  );
}

export interface OpenSession {
  sessionId: string;
  registerId: string;
}

/** A new cash register of the branch with a session open on it (S/ 100.00 of float). */
export async function openCashSession(
  server: TestServer,
  tenantId: string,
  branchId: string,
): Promise<OpenSession> {
  return inTenant(server, tenantId, async (em) => {
    const register = em.create(CashRegister, { branchId, name: `Caja ${crypto.randomUUID().slice(0, 4)}` });
    await em.flush();
    const session = em.create(CashSession, {
      id: crypto.randomUUID(),
      branchId,
      registerId: register.id,
      status: 'open',
      openingFloatCents: 10000,
      openedByKind: 'user',
      openedById: crypto.randomUUID(),
      openedByName: 'Dueña',
      openedAt: new Date(),
    });
    await em.flush();
    return { sessionId: session.id, registerId: register.id };
  });
}

/** A new business's floor with its owner and a cashier signed in on the branch's cash desk. */
export interface StaffedFloor {
  floor: Floor;
  /** The owner's client: may open tables, void sales and read every report. */
  owner: ApiClient;
  cashier: ApiClient;
}

export async function buildStaffedFloor(server: TestServer): Promise<StaffedFloor> {
  const floor = await buildFloor(server);
  const cashier = (await buildWaiter(server, floor, 'cashier')).client;
  return { floor, owner: floor.owner.client, cashier };
}

/** A business ready to charge: its floor, owner and cashier, and a cash session open. */
export interface ChargingTill extends StaffedFloor {
  session: OpenSession;
}

export async function buildChargingTill(server: TestServer): Promise<ChargingTill> {
  const staffed = await buildStaffedFloor(server);
  const session = await openCashSession(server, staffed.floor.owner.tenantId, staffed.floor.branchId);
  return { ...staffed, session };
}

/** Table `table` opened by the owner with two chickens (Pierna, S/ 38.00) and a chicha (S/ 6.00): S/ 44.00. */
export async function dinnerAt(till: StaffedFloor, table = 1): Promise<OrderView> {
  const opened = await openTable(till.owner, till.floor, table);
  return sendRound(till.owner, opened.id, [
    chickenItem(till.floor, 'Pierna', 2),
    { productId: till.floor.menu.chicha.id },
  ]);
}

/** How many rows the table holds in the floor's tenant database: what a refused request left written. */
export async function countRows(
  server: TestServer,
  floor: Floor,
  table: 'sales' | 'cash_movements',
): Promise<number> {
  return withTenantSql(server, floor.owner.tenantId, async (sql) => {
    const result = await sql.query<{ count: number }>(`select count(*)::int as count from ${table}`);
    return result.rows[0]?.count ?? 0;
  });
}

/** Marks a session closed, as closing the till would. */
export async function closeCashSession(
  server: TestServer,
  tenantId: string,
  sessionId: string,
): Promise<void> {
  await inTenant(server, tenantId, async (em) => {
    const session = await em.findOneOrFail(CashSession, { id: sessionId });
    session.status = 'closed';
    session.closedAt = new Date();
    await em.flush();
  });
}

/** A valid RUC of a company (prefix 20) whose digits start with `body` (8 digits). */
export function companyRuc(body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')): string {
  const firstTen = `20${body}`;
  return `${firstTen}${rucCheckDigit(firstTen)}`;
}

/** A customer: a company by RUC, a person by DNI, or a regular by name only. */
export async function buildCustomer(
  server: TestServer,
  tenantId: string,
  input: {
    docType: CustomerDocType | null;
    docNumber?: string | null;
    name: string;
    address?: string | null;
  },
): Promise<string> {
  const docNumber =
    input.docNumber ??
    (input.docType === 'ruc'
      ? companyRuc()
      : input.docType === 'dni'
        ? String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
        : null);
  return inTenant(server, tenantId, async (em) => {
    const customer = em.create(Customer, {
      docType: input.docType,
      docNumber,
      name: input.name,
      phone: null,
      address: input.address ?? null,
      email: null,
    });
    await em.flush();
    return customer.id;
  });
}

/** The business sells with a RUC (facturas allowed) or with simple receipts. */
export async function setFiscalProfile(owner: BuiltOwner, taxMode: 'ruc' | 'simple_receipt'): Promise<void> {
  const body =
    taxMode === 'ruc'
      ? {
          taxMode,
          ruc: companyRuc('10203040'),
          legalName: 'Pollería El Buen Sabor S.A.C.',
          fiscalAddress: 'Av. Larco 123, Miraflores',
        }
      : { taxMode };
  expectStatus(await owner.client.put('/api/tenant/setup/fiscal', body), 200);
}

/** The checkout of an order, as the cashier's screen loads it. */
export async function readCheckout(client: ApiClient, orderId: string): Promise<CheckoutView> {
  return expectStatus(await client.get<CheckoutView>(`/api/tenant/orders/${orderId}/checkout`), 200);
}

/** Input of a charge, as `ChargeInput` reads it before its defaults. */
export type ChargeBody = Omit<ChargeInput, 'tipCents' | 'payments' | 'receipt'> & {
  tipCents?: number;
  receipt: { type: ChargeInput['receipt']['type']; customerId?: string | null };
  payments: {
    method: string;
    amountCents: number;
    receivedCents?: number | null;
    reference?: string | null;
  }[];
};

/**
 * The body of a charge of everything still owed, paid exactly in cash with a boleta, as the
 * screen that showed `checkout` sends it; `overrides` change any part of it.
 */
export function balanceCharge(
  checkout: CheckoutView,
  session: OpenSession,
  overrides: Partial<ChargeBody> = {},
): ChargeBody {
  return {
    id: crypto.randomUUID(),
    sessionId: session.sessionId,
    expectedVersion: checkout.order.version,
    expectedAmountCents: checkout.balanceCents,
    part: { kind: 'balance' },
    receipt: { type: 'boleta', customerId: null },
    payments: [{ method: 'cash', amountCents: checkout.balanceCents }],
    ...overrides,
  };
}

/** Posts a charge of the order. */
export function charge(client: ApiClient, orderId: string, body: ChargeBody): Promise<ApiResponse<SaleView>> {
  return client.post<SaleView>(`/api/tenant/orders/${orderId}/charges`, body);
}
