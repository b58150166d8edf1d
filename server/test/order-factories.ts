import type {
  BranchDetailView,
  CatchUpView,
  CategoryView,
  ErrorBody,
  ItemStatus,
  OptionGroupView,
  OrderView,
  ProductView,
  StationView,
  TableView,
} from '@smartket/shared';
import { buildBranch, expectStatus, mintSignedInStaff, type MintedStaff } from './actors.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import type { ApiClient, ApiResponse, TestServer } from './test-server.ts';
import { withTenantSql } from './tenant-sql.ts';

/**
 * A business ready for service: a branch with tables, two kitchen stations (Brasa, Bar) and a
 * small pollería menu whose chicken asks for its part (required, one) and offers extras (up to
 * two), plus what orders need around them: request bodies, the floor's event log, and a way to
 * set an item's kitchen status straight in the database.
 */

export interface MenuWithOptions {
  /** "1/4 Pollo a la brasa", S/ 19.00, Brasa (from its category). */
  chicken: ProductView;
  /** "Inca Kola 500 ml", S/ 5.00, Bar (its own station, over the category's Brasa). */
  soda: ProductView;
  /** "Chicha morada", S/ 6.00, no station. */
  chicha: ProductView;
  /** Required, exactly one: Pecho (+ S/ 1.50), Pierna. */
  part: OptionGroupView;
  /** Optional, up to two: Papas extra (+ S/ 4.00), Ensalada, Ají (inactive). */
  extras: OptionGroupView;
  /** A group no product of the round has: Tamaño (Personal, Familiar). */
  size: OptionGroupView;
  category: CategoryView;
}

export interface Floor {
  owner: BuiltOwner;
  branchId: string;
  /** Mesa 1 … Mesa 6, in number order. */
  tables: TableView[];
  stations: { brasa: StationView; bar: StationView };
  menu: MenuWithOptions;
}

/** The option of a group by name. */
export function optionOf(group: OptionGroupView, name: string): string {
  const option = group.options.find((candidate) => candidate.name === name);
  if (!option) {
    throw new Error(`no option ${name} in ${group.name}`);
  }
  return option.id;
}

/** Stations, a category and the products with option groups, created through the menu API. */
export async function buildMenuWithOptions(
  client: ApiClient,
  branchId: string,
): Promise<{ menu: MenuWithOptions; stations: Floor['stations'] }> {
  const brasa = expectStatus(
    await client.post<StationView>('/api/tenant/stations', { name: 'Brasa', branchIds: [branchId] }),
    201,
  );
  const bar = expectStatus(
    await client.post<StationView>('/api/tenant/stations', { name: 'Bar', branchIds: [branchId] }),
    201,
  );
  const category = expectStatus(
    await client.post<CategoryView>('/api/tenant/menu/categories', { name: 'Pollos', stationId: brasa.id }),
    201,
  );
  const group = (body: object) => client.post<OptionGroupView>('/api/tenant/menu/option-groups', body);
  const part = expectStatus(
    await group({
      name: 'Parte',
      required: true,
      minChoices: 1,
      maxChoices: 1,
      options: [{ name: 'Pecho', priceDeltaCents: 150 }, { name: 'Pierna' }],
    }),
    201,
  );
  const extras = expectStatus(
    await group({
      name: 'Extras',
      required: false,
      minChoices: 0,
      maxChoices: 2,
      options: [
        { name: 'Papas extra', priceDeltaCents: 400 },
        { name: 'Ensalada' },
        { name: 'Ají', active: false },
      ],
    }),
    201,
  );
  const size = expectStatus(
    await group({
      name: 'Tamaño',
      required: true,
      minChoices: 1,
      maxChoices: 1,
      options: [{ name: 'Personal' }, { name: 'Familiar', priceDeltaCents: 500 }],
    }),
    201,
  );
  const product = (body: object) =>
    client.post<ProductView>('/api/tenant/menu/products', { categoryId: category.id, ...body });
  const chicken = expectStatus(
    await product({ name: '1/4 Pollo a la brasa', priceCents: 1900, optionGroupIds: [part.id, extras.id] }),
    201,
  );
  const soda = expectStatus(
    await product({ name: 'Inca Kola 500 ml', priceCents: 500, stationId: bar.id, optionGroupIds: [] }),
    201,
  );
  const drinks = expectStatus(
    await client.post<CategoryView>('/api/tenant/menu/categories', { name: 'Refrescos', stationId: null }),
    201,
  );
  const chicha = expectStatus(
    await client.post<ProductView>('/api/tenant/menu/products', {
      name: 'Chicha morada',
      priceCents: 600,
      categoryId: drinks.id,
    }),
    201,
  );
  return { menu: { chicken, soda, chicha, part, extras, size, category }, stations: { brasa, bar } };
}

/** A new business with a branch, six tables, stations and the menu above. */
export async function buildFloor(server: TestServer, owner?: BuiltOwner): Promise<Floor> {
  const business = owner ?? (await buildTenant(server));
  const branchId = await buildBranch(server, business, `Local ${crypto.randomUUID().slice(0, 6)}`);
  return { owner: business, branchId, ...(await furnishBranch(business.client, branchId)) };
}

/** Six tables in the branch's first zone, and the stations and menu (made once per business). */
export async function furnishBranch(
  client: ApiClient,
  branchId: string,
  menu?: { menu: MenuWithOptions; stations: Floor['stations'] },
): Promise<Omit<Floor, 'owner' | 'branchId'>> {
  const detail = expectStatus(await client.get<BranchDetailView>(`/api/tenant/branches/${branchId}`), 200);
  const zoneId = detail.zones[0]!.id;
  const tables: TableView[] = [];
  for (let number = 1; number <= 6; number += 1) {
    tables.push(
      expectStatus(
        await client.post<TableView>(`/api/tenant/branches/${branchId}/tables`, { zoneId, number }),
        201,
      ),
    );
  }
  return { tables, ...(menu ?? (await buildMenuWithOptions(client, branchId))) };
}

/** A waiter (or cashier) signed in on a phone of the floor's branch. */
export function buildWaiter(
  server: TestServer,
  floor: Floor,
  role: 'waiter' | 'cashier' = 'waiter',
): Promise<MintedStaff> {
  return mintSignedInStaff(server, floor.owner.tenantId, floor.branchId, role);
}

/** The body of `POST /api/tenant/orders` for a table of the floor (4 guests unless told). */
export function dineInBody(floor: Floor, table: number, extra: { id?: string; guests?: number } = {}) {
  return {
    id: extra.id ?? crypto.randomUUID(),
    branchId: floor.branchId,
    type: 'dine_in',
    tableId: floor.tables[table - 1]!.id,
    guests: extra.guests ?? 4,
  };
}

/** Opens a table of the floor and answers the order. */
export async function openTable(client: ApiClient, floor: Floor, table: number): Promise<OrderView> {
  return expectStatus(await client.post<OrderView>('/api/tenant/orders', dineInBody(floor, table)), 201);
}

/** Opens a takeaway order for `name`. */
export async function openTakeaway(client: ApiClient, floor: Floor, name = 'Juan'): Promise<OrderView> {
  const body = {
    id: crypto.randomUUID(),
    branchId: floor.branchId,
    type: 'takeaway',
    customer: { name },
  };
  return expectStatus(await client.post<OrderView>('/api/tenant/orders', body), 201);
}

export interface ItemDraft {
  productId: string;
  quantity?: number;
  optionIds?: string[];
  note?: string | null;
}

/** The body of a round: each item with a new id. */
export function roundBody(items: readonly ItemDraft[], id: string = crypto.randomUUID()) {
  return {
    id,
    items: items.map((item) => ({
      id: crypto.randomUUID(),
      productId: item.productId,
      quantity: item.quantity ?? 1,
      optionIds: item.optionIds ?? [],
      note: item.note ?? null,
    })),
  };
}

/** A chicken with its part chosen: the simplest valid item of the menu. */
export function chickenItem(floor: Floor, part: 'Pecho' | 'Pierna' = 'Pierna', quantity = 1): ItemDraft {
  return { productId: floor.menu.chicken.id, quantity, optionIds: [optionOf(floor.menu.part, part)] };
}

/** Sends a round to the order and answers the order after it. */
export async function sendRound(
  client: ApiClient,
  orderId: string,
  items: readonly ItemDraft[],
): Promise<OrderView> {
  return expectStatus(
    await client.post<OrderView>(`/api/tenant/orders/${orderId}/rounds`, roundBody(items)),
    201,
  );
}

/** The floor stream of the branch after `after`, as a reconnecting phone reads it. */
export async function floorEvents(client: ApiClient, branchId: string, after = 0): Promise<CatchUpView> {
  return expectStatus(
    await client.get<CatchUpView>(`/api/tenant/branches/${branchId}/floor/events?after=${after}`),
    200,
  );
}

/** The types of the floor events after `after`, checking their sequences run on without a gap. */
export async function floorEventTypes(client: ApiClient, branchId: string, after = 0): Promise<string[]> {
  const { events } = await floorEvents(client, branchId, after);
  events.forEach((event, index) => {
    if (event.seq !== after + index + 1) {
      throw new Error(`floor seq ${event.seq} where ${after + index + 1} was due`);
    }
  });
  return events.map((event) => event.type);
}

/**
 * Sets items' kitchen status straight in the database, and their tickets' status after them the
 * way a cook's tap would (bumped once every standing item is ready or served): for tests of what
 * the floor does with ready dishes, without going through the kitchen's routes.
 */
export async function setItemStatus(
  server: TestServer,
  tenantId: string,
  itemIds: readonly string[],
  status: ItemStatus,
): Promise<void> {
  await withTenantSql(server, tenantId, async (sql) => {
    await sql.query(
      `update order_items set status = $2,
              started_at = coalesce(started_at, now()),
              ready_at = case when $2 = 'ready' then now() else ready_at end
        where id = any($1::uuid[])`,
      [itemIds, status],
    );
    await sql.query(
      `update kitchen_tickets t
          set status = s.status,
              started_at = case when s.status = 'pending' then t.started_at else coalesce(t.started_at, now()) end,
              ready_at = case when s.status = 'ready' then coalesce(t.ready_at, now()) end
         from (select ticket_id,
                      case when bool_and(status in ('ready', 'served')) filter (where status <> 'voided') is not false
                             then 'ready'
                           when bool_and(status = 'pending') filter (where status <> 'voided') then 'pending'
                           else 'preparing' end as status
                 from order_items
                where ticket_id in (select ticket_id from order_items where id = any($1::uuid[]))
                group by ticket_id) s
        where t.id = s.ticket_id`,
      [itemIds],
    );
  });
}

/** The error body of a refused request, checking its status. */
export function refusal(response: ApiResponse<unknown>, status: number): ErrorBody['error'] {
  return expectStatus(response as ApiResponse<ErrorBody>, status).error;
}
