import { LockMode, type EntityManager } from '@mikro-orm/core';
import { LIVE_ORDER_STATUSES } from '@smartket/shared';
import { selectRows } from '../../db/queries.ts';
import { KitchenTicket } from '../kitchen/kitchen-ticket.entity.ts';
import { Category } from '../menu/category.entity.ts';
import { OptionGroup } from '../menu/option-group.entity.ts';
import { Option } from '../menu/option.entity.ts';
import { ProductOptionGroup } from '../menu/product-option-group.entity.ts';
import { Product } from '../menu/product.entity.ts';
import { OrderDiscount } from './order-discount.entity.ts';
import { OrderItem } from './order-item.entity.ts';
import { OrderRound } from './order-round.entity.ts';
import { Order } from './order.entity.ts';
import type { RoundMenu } from './orders.pricing.ts';

/** A table an order holds now, with the name the floor and the kitchen call it by. */
export interface HeldTable {
  tableId: string;
  name: string;
  position: number;
}

/** An order with everything its view shows: the tables it holds, its rounds and items. */
export interface OrderRecord {
  order: Order;
  tables: HeldTable[];
  rounds: OrderRound[];
  items: OrderItem[];
  discounts: OrderDiscount[];
}

/** The live orders of a branch (open, bill requested), oldest first. */
export function findLiveOrders(em: EntityManager, branchId: string): Promise<Order[]> {
  return em.find(
    Order,
    { branchId, status: { $in: [...LIVE_ORDER_STATUSES] } },
    { orderBy: { openedAt: 'asc', number: 'asc', id: 'asc' } },
  );
}

/** How a record is read: `refresh` overwrites what `em` already holds with the database's rows. */
export interface RecordReading {
  refresh?: boolean;
}

/**
 * The records of `orders`, in the same order, with their held tables, rounds and items read in
 * bulk: three queries however many orders — the floor snapshot of a full Friday night included.
 */
export async function loadOrderRecords(
  em: EntityManager,
  orders: readonly Order[],
  reading: RecordReading = {},
): Promise<OrderRecord[]> {
  if (orders.length === 0) {
    return [];
  }
  const orderIds = orders.map((order) => order.id);
  const refresh = reading.refresh ?? false;
  const tables = await findHeldTables(em, orders);
  const rounds = await em.find(
    OrderRound,
    { orderId: { $in: orderIds } },
    { orderBy: { orderId: 'asc', number: 'asc' }, refresh },
  );
  const items = await em.find(
    OrderItem,
    { orderId: { $in: orderIds } },
    { orderBy: { orderId: 'asc', position: 'asc', id: 'asc' }, refresh },
  );
  const discounts = await em.find(
    OrderDiscount,
    { orderId: { $in: orderIds } },
    { orderBy: { createdAt: 'asc', id: 'asc' }, refresh },
  );
  const roundsByOrder = Map.groupBy(rounds, (round) => round.orderId);
  const itemsByOrder = Map.groupBy(items, (item) => item.orderId);
  const discountsByOrder = Map.groupBy(discounts, (discount) => discount.orderId);
  return orders.map((order) => ({
    order,
    tables: tables.get(order.id) ?? [],
    rounds: roundsByOrder.get(order.id) ?? [],
    items: itemsByOrder.get(order.id) ?? [],
    discounts: discountsByOrder.get(order.id) ?? [],
  }));
}

/** One order's record, read in `em` (inside a transaction: after its changes were flushed). */
export async function loadOrderRecord(
  em: EntityManager,
  order: Order,
  reading: RecordReading = {},
): Promise<OrderRecord> {
  const [record] = await loadOrderRecords(em, [order], reading);
  return record!;
}

/**
 * Inside a transaction: the order locked `FOR UPDATE` until commit, read afresh — so two
 * waiters sending rounds to one table at once are applied one after the other, the second
 * seeing the first. Null when there is no such order.
 */
export function lockOrder(tx: EntityManager, orderId: string): Promise<Order | null> {
  return tx.findOne(Order, { id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/**
 * Inside a transaction: several orders locked `FOR UPDATE`, one after the other in id order, so
 * two requests locking the same orders (joining A to B, and B to A) cannot wait on each other.
 */
export async function lockOrders(tx: EntityManager, orderIds: readonly string[]): Promise<Order[]> {
  const locked: Order[] = [];
  for (const orderId of [...new Set(orderIds)].sort()) {
    const order = await lockOrder(tx, orderId);
    if (order) {
      locked.push(order);
    }
  }
  return locked;
}

/** The live order holding `tableId`, if one does. */
export async function findTableHolder(em: EntityManager, tableId: string): Promise<string | null> {
  const [row] = await selectRows<{ order_id: string }>(
    em,
    `select order_id from order_tables where table_id = ? and released_at is null`,
    [tableId],
  );
  return row?.order_id ?? null;
}

/** Every table `orderId` ever sat at, released ones included (a move back revives its row). */
export async function findTablesEverHeld(
  em: EntityManager,
  orderId: string,
): Promise<{ tableId: string; releasedAt: Date | null; position: number }[]> {
  const rows = await selectRows<{ table_id: string; released_at: Date | null; position: number }>(
    em,
    `select table_id, released_at, position from order_tables where order_id = ? order by position, joined_at`,
    [orderId],
  );
  return rows.map((row) => ({ tableId: row.table_id, releasedAt: row.released_at, position: row.position }));
}

/**
 * Inside a transaction: waits for the branch's log counter and holds it until commit. Every
 * write of the floor takes it (appending its events, numbering an order); a write that takes a
 * table takes it before, so two requests claiming one table queue here instead of deadlocking
 * on the live-table index while each waits for the counter the other holds.
 */
export async function queueOnBranchLog(tx: EntityManager, branchId: string): Promise<void> {
  await selectRows(
    tx,
    `insert into branch_counters (branch_id) values (?)
       on conflict (branch_id) do update set floor_seq = branch_counters.floor_seq
     returning branch_id`,
    [branchId],
  );
}

/** The kitchen tickets of an order; only those still on a kitchen screen when `onScreen`. */
export function findOrderTickets(
  em: EntityManager,
  orderIds: readonly string[],
  options: { onScreen?: boolean } = {},
): Promise<KitchenTicket[]> {
  return em.find(
    KitchenTicket,
    { orderId: { $in: [...orderIds] }, ...(options.onScreen ? { status: { $ne: 'ready' } } : {}) },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

/** The ids among `itemIds` that some order already has. */
export async function findExistingItemIds(
  em: EntityManager,
  itemIds: readonly string[],
): Promise<Set<string>> {
  const found = await em.find(OrderItem, { id: { $in: [...itemIds] } }, { fields: ['id'] });
  return new Set(found.map((item) => item.id));
}

/** The highest round number of an order (0 before its first round). */
export async function lastRoundNumber(em: EntityManager, orderId: string): Promise<number> {
  const [row] = await selectRows<{ last: number | null }>(
    em,
    `select max(number)::int as last from order_rounds where order_id = ?`,
    [orderId],
  );
  return row?.last ?? 0;
}

/**
 * What pricing a round needs of the menu, for the products it names: the products and their
 * categories, the option groups each product asks (in its order) and their options, and the
 * stations of the branch. Six queries however long the round.
 */
export async function loadRoundMenu(
  em: EntityManager,
  branchId: string,
  productIds: readonly string[],
): Promise<RoundMenu> {
  const products = await em.find(Product, { id: { $in: [...new Set(productIds)] } });
  const categories = await em.find(Category, {
    id: { $in: [...new Set(products.map((product) => product.categoryId))] },
  });
  const links = await em.find(
    ProductOptionGroup,
    { productId: { $in: products.map((product) => product.id) } },
    { orderBy: { productId: 'asc', position: 'asc', id: 'asc' } },
  );
  const groupIds = [...new Set(links.map((link) => link.optionGroupId))];
  const groups = await em.find(OptionGroup, { id: { $in: groupIds } });
  const options = await em.find(
    Option,
    { optionGroupId: { $in: groupIds } },
    { orderBy: { position: 'asc', id: 'asc' } },
  );
  const stations = await selectRows<{ station_id: string }>(
    em,
    `select bs.station_id from branch_stations bs
       join kitchen_stations s on s.id = bs.station_id
      where bs.branch_id = ? and s.active`,
    [branchId],
  );
  const groupById = new Map(groups.map((group) => [group.id, group]));
  return {
    products: new Map(products.map((product) => [product.id, product])),
    categories: new Map(categories.map((category) => [category.id, category])),
    groupsByProduct: new Map(
      [...Map.groupBy(links, (link) => link.productId)].map(([productId, productLinks]) => [
        productId,
        productLinks.flatMap((link) => groupById.get(link.optionGroupId) ?? []),
      ]),
    ),
    options: new Map(options.map((option) => [option.id, option])),
    branchStationIds: new Set(stations.map((row) => row.station_id)),
  };
}

interface TableRow {
  orderId: string;
  tableId: string;
  name: string;
  position: number;
  releasedAt: Date | null;
}

/**
 * The tables each order holds, by position. An order that left the floor has released them
 * all: it shows the ones it held last, so a cancelled "Mesa 4" still reads "Mesa 4".
 */
async function findHeldTables(
  em: EntityManager,
  orders: readonly Order[],
): Promise<Map<string, HeldTable[]>> {
  const rows = await selectRows<{
    order_id: string;
    table_id: string;
    name: string;
    position: number;
    released_at: Date | null;
  }>(
    em,
    `select ot.order_id, ot.table_id, t.name, ot.position, ot.released_at
       from order_tables ot join dining_tables t on t.id = ot.table_id
      where ot.order_id in (select value::uuid from jsonb_array_elements_text(?::jsonb))
      order by ot.order_id, ot.position, ot.joined_at`,
    [JSON.stringify(orders.map((order) => order.id))],
  );
  const byOrder = Map.groupBy(
    rows.map((row): TableRow => ({
      orderId: row.order_id,
      tableId: row.table_id,
      name: row.name,
      position: row.position,
      releasedAt: row.released_at === null ? null : new Date(row.released_at),
    })),
    (row) => row.orderId,
  );
  const held = new Map<string, HeldTable[]>();
  for (const order of orders) {
    const all = byOrder.get(order.id) ?? [];
    const live = all.filter((row) => row.releasedAt === null);
    const shown = live.length > 0 || isLive(order) ? live : releasedLast(all);
    held.set(
      order.id,
      shown.map(({ tableId, name, position }) => ({ tableId, name, position })),
    );
  }
  return held;
}

function isLive(order: Order): boolean {
  return (LIVE_ORDER_STATUSES as readonly string[]).includes(order.status);
}

/** The rows released together last: the tables an order held when it closed. */
function releasedLast(rows: readonly TableRow[]): TableRow[] {
  const last = Math.max(...rows.map((row) => row.releasedAt?.getTime() ?? 0));
  return rows.filter((row) => row.releasedAt?.getTime() === last);
}
