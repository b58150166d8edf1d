import { LockMode, type EntityManager, type EntityName } from '@mikro-orm/core';
import { LIVE_ORDER_STATUSES } from '@smartket/shared';
import type {
  BranchInput,
  BranchPatch,
  CashRegisterInput,
  CashRegisterPatch,
  StationInput,
  StationPatch,
  TableInput,
  TablePatch,
  ZoneInput,
  ZonePatch,
} from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { findOr404, selectRows } from '../../db/queries.ts';
import { assignDefined } from '../../lib/assign.ts';
import { AppError, answerUniqueViolation, fieldError, notFound } from '../../lib/errors.ts';
import { assertNameFree, nameTaken, normalizeName } from '../../lib/names.ts';
import { OrderTable } from '../orders/order-table.entity.ts';
import { Order } from '../orders/order.entity.ts';
import { CashSession } from '../cash/cash-session.entity.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { BranchStation } from './branch-station.entity.ts';
import { Branch } from './branch.entity.ts';
import type { BranchCounts, BranchDetail } from './branches.presenter.ts';
import { CashRegister } from './cash-register.entity.ts';
import { DiningTable } from './dining-table.entity.ts';
import { KitchenStation } from './kitchen-station.entity.ts';
import { Zone } from './zone.entity.ts';

/** The zone a new branch starts with, and where the setup wizard puts its tables. */
export const DEFAULT_ZONE_NAME = 'Salón';

/**
 * The stations a business gets with its setup branch (and the sample menu sends its dishes to),
 * in the order a pollería's tickets flow.
 */
export const DEFAULT_STATION_NAMES = ['Brasa', 'Cocina', 'Bar'] as const;

export interface BranchWithCounts {
  branch: Branch;
  counts: BranchCounts;
}

export interface StationWithBranches {
  station: KitchenStation;
  branchIds: string[];
}

const TABLE_NUMBER_INDEX = 'dining_tables_branch_number_unique';
const STATION_NAME_INDEX = 'kitchen_stations_name_unique';

// ---------------------------------------------------------------------------------------------
// Branches

/** The counts of a branch with no active tables or registers (or of no branch yet). */
export const NO_BRANCH_COUNTS: BranchCounts = { tableCount: 0, cashRegisterCount: 0 };

/** Every branch of the business, active or not, by name, with its counts: two queries however many. */
export async function listBranches(em: EntityManager): Promise<BranchWithCounts[]> {
  const branches = await em.find(Branch, {}, { orderBy: { name: 'asc', createdAt: 'asc' } });
  const counts = await countBranchContents(
    em,
    branches.map((branch) => branch.id),
  );
  return branches.map((branch) => ({ branch, counts: counts.get(branch.id) ?? NO_BRANCH_COUNTS }));
}

/**
 * How many active tables and active cash registers each of `branchIds` has, in one grouped
 * query. A branch with neither is answered with zeros.
 */
export async function countBranchContents(
  em: EntityManager,
  branchIds: readonly string[],
): Promise<Map<string, BranchCounts>> {
  const counts = new Map(branchIds.map((branchId) => [branchId, NO_BRANCH_COUNTS]));
  if (branchIds.length === 0) {
    return counts;
  }
  const rows = await selectRows<BranchCounts & { branchId: string }>(
    em,
    `select branch_id as "branchId",
            count(*) filter (where kind = 'table')::int as "tableCount",
            count(*) filter (where kind = 'cash_register')::int as "cashRegisterCount"
       from (select branch_id, 'table' as kind from dining_tables where active
             union all
             select branch_id, 'cash_register' from cash_registers where active) as active_rows
      where branch_id in (select value::uuid from jsonb_array_elements_text(?::jsonb))
      group by branch_id`,
    [JSON.stringify(branchIds)],
  );
  for (const { branchId, tableCount, cashRegisterCount } of rows) {
    counts.set(branchId, { tableCount, cashRegisterCount });
  }
  return counts;
}

/** One branch's active tables and cash registers. */
export async function countBranchContent(em: EntityManager, branchId: string): Promise<BranchCounts> {
  return (await countBranchContents(em, [branchId])).get(branchId) ?? NO_BRANCH_COUNTS;
}

/** One branch with its zones, tables, cash registers and the stations it has; 404 when unknown. */
export async function loadBranchDetail(em: EntityManager, branchId: string): Promise<BranchDetail> {
  const branch = await findBranch(em, branchId);
  // Presentation order: the owner's order, then the order they were added in.
  const zones = await em.find(
    Zone,
    { branchId },
    { orderBy: { position: 'asc', createdAt: 'asc', id: 'asc' } },
  );
  const tables = await em.find(
    DiningTable,
    { branchId },
    { orderBy: { number: 'asc', active: 'desc', createdAt: 'asc' } },
  );
  // In the order they were opened: "Caja principal" (the wizard's) before "Caja 2".
  const cashRegisters = await em.find(
    CashRegister,
    { branchId },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const links = await em.find(BranchStation, { branchId });
  const stations = await stationsWithBranches(em, {
    id: { $in: links.map((link) => link.stationId) },
  });
  return { branch, zones, tables, cashRegisters, stations };
}

/**
 * Opens a branch with an empty "Salón" zone, within the plan's limit of active branches.
 * Branches opened at the same time queue behind one another, so two requests cannot both take
 * the last place.
 */
export async function createBranch(
  em: EntityManager,
  tenant: Tenant,
  input: BranchInput,
): Promise<BranchDetail> {
  const branch = await em.transactional(async (tx) => {
    const created = await openBranch(tx, tenant, input);
    await tx.flush();
    return created;
  });
  return loadBranchDetail(em, branch.id);
}

/**
 * Inside a transaction: adds a branch with its first zone and the business's active stations,
 * checking the plan limit. The caller flushes.
 *
 * Foreign keys here are plain uuid columns, so the ORM cannot order inserts by them: parents are
 * flushed before their children are created, here and below.
 */
export async function openBranch(tx: EntityManager, tenant: Tenant, input: BranchInput): Promise<Branch> {
  await lockTenantScope(tx, 'branches');
  assertWithinPlanLimit(tenant, 'branches', await tx.count(Branch, { active: true }));
  const branch = tx.create(Branch, { name: input.name, address: input.address, district: input.district });
  await tx.flush();
  tx.create(Zone, { branchId: branch.id, name: DEFAULT_ZONE_NAME, position: 0 });
  await equipWithStations(tx, branch.id);
  return branch;
}

/** Renames, moves or (de)activates a branch; reactivating one counts against the plan again. */
export async function updateBranch(
  em: EntityManager,
  tenant: Tenant,
  branchId: string,
  patch: BranchPatch,
): Promise<BranchDetail> {
  await em.transactional(async (tx) => {
    const branch = await lockBranch(tx, branchId);
    await reviseBranch(tx, tenant, branch, patch);
    await tx.flush();
  });
  return loadBranchDetail(em, branchId);
}

/**
 * Inside a transaction: applies `patch` to a branch the caller locked (see `lockBranch`). The
 * caller flushes.
 */
export async function reviseBranch(
  tx: EntityManager,
  tenant: Tenant,
  branch: Branch,
  patch: BranchPatch,
): Promise<void> {
  if (patch.active === false && branch.active) {
    await assertNoLiveOrderIn(tx, branch);
  }
  if (patch.active === true && !branch.active) {
    await lockTenantScope(tx, 'branches');
    assertWithinPlanLimit(tenant, 'branches', await tx.count(Branch, { active: true }));
  }
  assignDefined(branch, patch, ['name', 'address', 'district', 'active']);
}

// ---------------------------------------------------------------------------------------------
// Zones

/** Adds a zone at the end of the branch's zones. */
export async function createZone(em: EntityManager, branchId: string, input: ZoneInput): Promise<Zone> {
  return em.transactional(async (tx) => {
    await lockBranch(tx, branchId);
    const position = await tx.count(Zone, { branchId });
    const zone = tx.create(Zone, { branchId, name: input.name, position });
    await tx.flush();
    return zone;
  });
}

/** Renames, reorders or (de)activates a zone; its tables stay where they are. */
export async function updateZone(em: EntityManager, zoneId: string, patch: ZonePatch): Promise<Zone> {
  const zone = await findOr404(em, Zone, zoneId, 'Zone');
  assignDefined(zone, patch, ['name', 'position', 'active']);
  await em.flush();
  return zone;
}

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * Adds a table to a zone of the branch. Its number must be free among the branch's active
 * tables; its name defaults to "Mesa {number}"; the plan caps active tables per branch.
 */
export async function createTable(
  em: EntityManager,
  tenant: Tenant,
  branchId: string,
  input: TableInput,
): Promise<DiningTable> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockBranch(tx, branchId);
        await assertZoneOfBranch(tx, input.zoneId, branchId);
        await assertTableNumberFree(tx, branchId, input.number);
        assertWithinPlanLimit(
          tenant,
          'tablesPerBranch',
          await tx.count(DiningTable, { branchId, active: true }),
        );
        const table = tx.create(DiningTable, {
          branchId,
          zoneId: input.zoneId,
          number: input.number,
          name: input.name ?? defaultTableName(input.number),
          seats: input.seats,
        });
        await tx.flush();
        return table;
      }),
    (index) => (index === TABLE_NUMBER_INDEX ? tableNumberTaken(input.number) : undefined),
  );
}

/**
 * Edits a table. A table still called "Mesa {old number}" follows a renumbering; a name of
 * `null` restores the default. Reactivating checks the number and the plan limit again.
 */
export async function updateTable(
  em: EntityManager,
  tenant: Tenant,
  tableId: string,
  patch: TablePatch,
): Promise<DiningTable> {
  let number = patch.number;
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        const table = await lockedBranchRow(tx, DiningTable, tableId, 'Table');
        number ??= table.number;
        const reactivating = patch.active === true && !table.active;
        const active = patch.active ?? table.active;
        if (patch.zoneId !== undefined) {
          await assertZoneOfBranch(tx, patch.zoneId, table.branchId);
          table.zoneId = patch.zoneId;
        }
        if (active && (reactivating || number !== table.number)) {
          await assertTableNumberFree(tx, table.branchId, number, table.id);
        }
        if (table.active && !active) {
          await assertNoLiveOrderAt(tx, [table]);
        }
        if (reactivating) {
          const activeTables = await tx.count(DiningTable, { branchId: table.branchId, active: true });
          assertWithinPlanLimit(tenant, 'tablesPerBranch', activeTables);
        }
        if (patch.name !== undefined) {
          table.name = patch.name ?? defaultTableName(number);
        } else if (table.name === defaultTableName(table.number)) {
          table.name = defaultTableName(number);
        }
        table.number = number;
        assignDefined(table, patch, ['seats']);
        table.active = active;
        await tx.flush();
        return table;
      }),
    (index) => (index === TABLE_NUMBER_INDEX ? tableNumberTaken(number ?? 0) : undefined),
  );
}

/**
 * Inside a transaction: brings the branch's active tables to exactly `count`. Missing tables
 * take the lowest free numbers — an earlier table with that number comes back when its zone is
 * still active, else a new "Mesa k" is added to the branch's first zone ("Salón" when it has
 * none). Extras are the highest-numbered tables, deactivated, never deleted. The caller holds
 * the branch lock (see `lockBranch`) and flushes.
 */
export async function setActiveTableCount(
  tx: EntityManager,
  tenant: Tenant,
  branchId: string,
  count: number,
): Promise<void> {
  const active = await tx.find(DiningTable, { branchId, active: true }, { orderBy: { number: 'asc' } });
  if (active.length > count) {
    const extras = active.slice(count);
    await assertNoLiveOrderAt(tx, extras);
    for (const table of extras) {
      table.active = false;
    }
    return;
  }
  const missing = count - active.length;
  if (missing === 0) {
    return;
  }
  assertWithinPlanLimit(tenant, 'tablesPerBranch', active.length, missing);

  const zones = await tx.find(
    Zone,
    { branchId, active: true },
    { orderBy: { position: 'asc', createdAt: 'asc' } },
  );
  const activeZoneIds = new Set(zones.map((zone) => zone.id));
  const retired = await tx.find(DiningTable, { branchId, active: false }, { orderBy: { updatedAt: 'desc' } });
  const retiredByNumber = new Map<number, DiningTable>();
  for (const table of retired) {
    if (activeZoneIds.has(table.zoneId) && !retiredByNumber.has(table.number)) {
      retiredByNumber.set(table.number, table);
    }
  }
  let zone = zones[0];
  const taken = new Set(active.map((table) => table.number));
  let added = 0;
  for (let number = 1; added < missing; number += 1) {
    if (taken.has(number)) {
      continue;
    }
    added += 1;
    const earlier = retiredByNumber.get(number);
    if (earlier) {
      earlier.active = true;
      continue;
    }
    if (!zone) {
      zone = tx.create(Zone, { branchId, name: DEFAULT_ZONE_NAME, position: 0 });
      await tx.flush();
    }
    tx.create(DiningTable, { branchId, zoneId: zone.id, number, name: defaultTableName(number), seats: 4 });
  }
}

/**
 * 409 TABLE_IN_USE when a live order sits at one of `tables`: retiring it would take the order
 * off the waiters' map while guests are still eating. Opening an order reads its table FOR SHARE,
 * so the two cannot cross.
 */
async function assertNoLiveOrderAt(tx: EntityManager, tables: readonly DiningTable[]): Promise<void> {
  if (tables.length === 0) {
    return;
  }
  const held = await tx.findOne(OrderTable, {
    tableId: { $in: tables.map((table) => table.id) },
    releasedAt: null,
  });
  if (held) {
    const table = tables.find((candidate) => candidate.id === held.tableId);
    throw new AppError('TABLE_IN_USE', 409, `${table?.name ?? 'A table'} has a live order`, {
      details: { tableId: held.tableId, orderId: held.orderId },
    });
  }
}

/**
 * 409 BRANCH_IN_USE when the branch still has a live order: closing it would take tables with
 * guests and orders in the kitchen off every screen. Opening an order reads its branch FOR SHARE
 * while the caller holds it FOR UPDATE, so the two cannot cross.
 */
async function assertNoLiveOrderIn(tx: EntityManager, branch: Branch): Promise<void> {
  const live = await tx.count(Order, { branchId: branch.id, status: { $in: [...LIVE_ORDER_STATUSES] } });
  if (live > 0) {
    throw new AppError('BRANCH_IN_USE', 409, `${branch.name} has ${live} live order(s)`, {
      details: { branchId: branch.id, liveOrders: live },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Cash registers

/** Adds a cash register to the branch, within the plan's registers per branch. */
export async function createCashRegister(
  em: EntityManager,
  tenant: Tenant,
  branchId: string,
  input: CashRegisterInput,
): Promise<CashRegister> {
  return em.transactional(async (tx) => {
    await lockBranch(tx, branchId);
    const register = await openCashRegister(tx, tenant, branchId, input);
    await tx.flush();
    return register;
  });
}

/** Inside a transaction holding the branch lock: adds a register. The caller flushes. */
export async function openCashRegister(
  tx: EntityManager,
  tenant: Tenant,
  branchId: string,
  input: CashRegisterInput,
): Promise<CashRegister> {
  const active = await tx.count(CashRegister, { branchId, active: true });
  assertWithinPlanLimit(tenant, 'cashRegistersPerBranch', active);
  return tx.create(CashRegister, { branchId, name: input.name });
}

/** Renames or (de)activates a cash register; reactivating counts against the plan again. */
export async function updateCashRegister(
  em: EntityManager,
  tenant: Tenant,
  registerId: string,
  patch: CashRegisterPatch,
): Promise<CashRegister> {
  return em.transactional(async (tx) => {
    const register = await lockedBranchRow(tx, CashRegister, registerId, 'Cash register');
    await reviseCashRegister(tx, tenant, register, patch);
    await tx.flush();
    return register;
  });
}

/** Inside a transaction holding the branch lock: applies `patch`. The caller flushes. */
export async function reviseCashRegister(
  tx: EntityManager,
  tenant: Tenant,
  register: CashRegister,
  patch: CashRegisterPatch,
): Promise<void> {
  if (patch.active === true && !register.active) {
    const active = await tx.count(CashRegister, { branchId: register.branchId, active: true });
    assertWithinPlanLimit(tenant, 'cashRegistersPerBranch', active);
  }
  if (patch.active === false && register.active) {
    // Opening a session reads the branch FOR SHARE, and the caller holds it FOR UPDATE.
    const open = await tx.findOne(CashSession, { registerId: register.id, status: 'open' });
    if (open) {
      throw new AppError('CASH_SESSION_OPEN', 409, `${register.name} is open: close it first`, {
        details: { sessionId: open.id, openedByName: open.openedByName },
      });
    }
  }
  assignDefined(register, patch, ['name', 'active']);
}

// ---------------------------------------------------------------------------------------------
// Kitchen stations

/** Every kitchen station, active or not, in their order, with the branches that have each. */
export function listStations(em: EntityManager): Promise<StationWithBranches[]> {
  return stationsWithBranches(em, {});
}

/**
 * Names a new station and gives it to the listed branches. Names are stored and compared as the
 * menu's are: trimmed, inner spaces collapsed, unique whatever the case.
 */
export async function createStation(em: EntityManager, input: StationInput): Promise<StationWithBranches> {
  const name = normalizeName(input.name);
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'stations');
        await assertNameFree(tx, 'kitchen_stations', name);
        const branchIds = await existingBranchIds(tx, input.branchIds);
        const position = await tx.count(KitchenStation, {});
        const station = tx.create(KitchenStation, { name, position });
        await tx.flush();
        for (const branchId of branchIds) {
          tx.create(BranchStation, { branchId, stationId: station.id });
        }
        await tx.flush();
        return { station, branchIds };
      }),
    answerStationIndexes,
  );
}

/** Renames or (de)activates a station; `branchIds`, when given, replaces the branches that have it. */
export async function updateStation(
  em: EntityManager,
  stationId: string,
  patch: StationPatch,
): Promise<StationWithBranches> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'stations');
        const station = await findOr404(tx, KitchenStation, stationId, 'Station');
        const name = patch.name === undefined ? undefined : normalizeName(patch.name);
        if (name !== undefined && name !== station.name) {
          await assertNameFree(tx, 'kitchen_stations', name, station.id);
          station.name = name;
        }
        assignDefined(station, patch, ['active']);
        if (patch.branchIds !== undefined) {
          const branchIds = await existingBranchIds(tx, patch.branchIds);
          // Deleted, not deactivated: these are links, not history (orders name the station itself).
          await tx.nativeDelete(BranchStation, { stationId, branchId: { $nin: branchIds } });
          const kept = await tx.find(BranchStation, { stationId });
          const have = new Set(kept.map((link) => link.branchId));
          for (const branchId of branchIds.filter((id) => !have.has(id))) {
            tx.create(BranchStation, { branchId, stationId });
          }
        }
        await tx.flush();
        const links = await tx.find(BranchStation, { stationId });
        return { station, branchIds: links.map((link) => link.branchId) };
      }),
    answerStationIndexes,
  );
}

/**
 * Inside a transaction: the setup branch's stations. A business that never named a station gets
 * Brasa, Cocina and Bar; otherwise a branch without stations gets the active ones (a sample menu
 * loaded before the branch made them). A business whose stations are all retired keeps them so.
 * The caller flushes.
 */
export async function ensureSetupStations(tx: EntityManager, branchId: string): Promise<void> {
  await lockTenantScope(tx, 'stations');
  if ((await tx.count(KitchenStation, {})) > 0) {
    await equipWithStations(tx, branchId);
    return;
  }
  const stations = DEFAULT_STATION_NAMES.map((name, position) =>
    tx.create(KitchenStation, { name, position }),
  );
  await tx.flush();
  linkStations(tx, [branchId], stations);
}

/**
 * Inside a transaction: a branch that has no stations gets every active station of the business
 * — a new local cooks like the others until the owner says otherwise. The caller flushes.
 */
export async function equipWithStations(tx: EntityManager, branchId: string): Promise<void> {
  await lockTenantScope(tx, 'stations');
  if ((await tx.count(BranchStation, { branchId })) > 0) {
    return;
  }
  const stations = await tx.find(KitchenStation, { active: true }, { orderBy: { position: 'asc' } });
  linkStations(tx, [branchId], stations);
}

/** Gives each of `stations` to each of `branchIds`; none of them may have it yet. The caller flushes. */
export function linkStations(
  tx: EntityManager,
  branchIds: readonly string[],
  stations: readonly KitchenStation[],
): void {
  for (const branchId of branchIds) {
    for (const station of stations) {
      tx.create(BranchStation, { branchId, stationId: station.id });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shared rules

/** A branch of this tenant, or 404. */
export function findBranch(em: EntityManager, branchId: string): Promise<Branch> {
  return findOr404(em, Branch, branchId, 'Branch');
}

/**
 * Inside a transaction: loads the branch `FOR SHARE` (404 when unknown), for a write that needs
 * it to stay open until commit: closing a branch takes it FOR UPDATE and so waits.
 */
export async function readBranchForShare(tx: EntityManager, branchId: string): Promise<Branch> {
  const branch = await tx.findOne(Branch, { id: branchId }, { lockMode: LockMode.PESSIMISTIC_READ });
  if (!branch) {
    throw notFound('Branch');
  }
  return branch;
}

/**
 * Inside a transaction: loads the branch `FOR UPDATE` (404 when unknown), so counts against
 * its plan limits and its table numbers cannot race with another request.
 */
export async function lockBranch(tx: EntityManager, branchId: string): Promise<Branch> {
  const branch = await tx.findOne(Branch, { id: branchId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!branch) {
    throw notFound('Branch');
  }
  return branch;
}

/**
 * Inside a transaction: a table or register (404 when unknown), read after taking its branch's
 * lock, so the rules see what the request before this one committed — not the row as it was
 * while this request waited. Its branch never changes, so it can be read before the lock.
 */
async function lockedBranchRow<Row extends { id: string; branchId: string }>(
  tx: EntityManager,
  entity: EntityName<Row>,
  id: string,
  what: string,
): Promise<Row> {
  const row = await findOr404(tx, entity, id, what);
  await lockBranch(tx, row.branchId);
  const fresh = await tx.refresh(row);
  if (!fresh) {
    throw notFound(what);
  }
  return fresh;
}

/** The name a table gets when the owner does not give one. */
export function defaultTableName(number: number): string {
  return `Mesa ${number}`;
}

async function assertZoneOfBranch(tx: EntityManager, zoneId: string, branchId: string): Promise<void> {
  if (!(await tx.findOne(Zone, { id: zoneId, branchId }))) {
    throw fieldError('zoneId', 'unknown_reference', 'No such zone in this branch');
  }
}

async function assertTableNumberFree(
  tx: EntityManager,
  branchId: string,
  number: number,
  exceptTableId?: string,
): Promise<void> {
  const clash = await tx.findOne(DiningTable, {
    branchId,
    number,
    active: true,
    ...(exceptTableId ? { id: { $ne: exceptTableId } } : {}),
  });
  if (clash) {
    throw tableNumberTaken(number);
  }
}

function tableNumberTaken(number: number): AppError {
  return fieldError('number', 'taken', `This branch already has an active table ${number}`, { number });
}

/** Two requests that both passed the station name check: the unique index answers the same. */
function answerStationIndexes(index: string): AppError | undefined {
  return index === STATION_NAME_INDEX ? nameTaken() : undefined;
}

/** The distinct ids, once each is known to be a branch of this tenant (422 otherwise). */
async function existingBranchIds(tx: EntityManager, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return unique;
  }
  const found = await tx.count(Branch, { id: { $in: unique } });
  if (found !== unique.length) {
    throw fieldError('branchIds', 'unknown_reference', 'One of these branches does not exist');
  }
  return unique;
}

async function stationsWithBranches(
  em: EntityManager,
  where: { id?: { $in: string[] } },
): Promise<StationWithBranches[]> {
  const stations = await em.find(KitchenStation, where, { orderBy: { position: 'asc', name: 'asc' } });
  const links = await em.find(BranchStation, { stationId: { $in: stations.map((station) => station.id) } });
  return stations.map((station) => ({
    station,
    branchIds: links.filter((link) => link.stationId === station.id).map((link) => link.branchId),
  }));
}
