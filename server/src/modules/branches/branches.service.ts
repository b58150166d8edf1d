import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type {
  BranchInput,
  BranchPatch,
  CashRegisterInput,
  CashRegisterPatch,
  FieldIssue,
  FieldIssueCode,
  StationInput,
  StationPatch,
  TableInput,
  TablePatch,
  ZoneInput,
  ZonePatch,
} from '@smartket/shared';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { BranchStation } from './branch-station.entity.ts';
import { Branch } from './branch.entity.ts';
import type { BranchDetail } from './branches.presenter.ts';
import { CashRegister } from './cash-register.entity.ts';
import { DiningTable } from './dining-table.entity.ts';
import { KitchenStation } from './kitchen-station.entity.ts';
import { Zone } from './zone.entity.ts';

/** The zone a new branch starts with, and where the setup wizard puts its tables. */
export const DEFAULT_ZONE_NAME = 'Salón';

/** The stations a business gets with its first branch, in the order a pollería's tickets flow. */
export const DEFAULT_STATION_NAMES = ['Brasa', 'Cocina', 'Bar'] as const;

export interface StationWithBranches {
  station: KitchenStation;
  branchIds: string[];
}

const TABLE_NUMBER_INDEX = 'dining_tables_branch_number_unique';
const STATION_NAME_INDEX = 'kitchen_stations_name_unique';

// ---------------------------------------------------------------------------------------------
// Branches

/** Every branch of the business, active or not, by name. */
export function listBranches(em: EntityManager): Promise<Branch[]> {
  return em.find(Branch, {}, { orderBy: { name: 'asc', createdAt: 'asc' } });
}

/** One branch with its zones, tables, cash registers and the stations it has; 404 when unknown. */
export async function loadBranchDetail(em: EntityManager, branchId: string): Promise<BranchDetail> {
  const branch = await findBranch(em, branchId);
  const zones = await em.find(Zone, { branchId }, { orderBy: { position: 'asc', name: 'asc' } });
  const tables = await em.find(
    DiningTable,
    { branchId },
    { orderBy: { number: 'asc', active: 'desc', createdAt: 'asc' } },
  );
  const cashRegisters = await em.find(
    CashRegister,
    { branchId },
    { orderBy: { name: 'asc', createdAt: 'asc' } },
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
 * Inside a transaction: adds a branch and its first zone, checking the plan limit. The caller
 * flushes.
 *
 * Foreign keys here are plain uuid columns, so the ORM cannot order inserts by them: parents are
 * flushed before their children are created, here and below.
 */
export async function openBranch(tx: EntityManager, tenant: Tenant, input: BranchInput): Promise<Branch> {
  await serialize(tx, 'branches');
  assertWithinPlanLimit(tenant, 'branches', await tx.count(Branch, { active: true }));
  const branch = tx.create(Branch, { name: input.name, address: input.address, district: input.district });
  await tx.flush();
  tx.create(Zone, { branchId: branch.id, name: DEFAULT_ZONE_NAME, position: 0 });
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
    const branch = await findBranch(tx, branchId);
    await reviseBranch(tx, tenant, branch, patch);
    await tx.flush();
  });
  return loadBranchDetail(em, branchId);
}

/** Inside a transaction: applies `patch` to a loaded branch. The caller flushes. */
export async function reviseBranch(
  tx: EntityManager,
  tenant: Tenant,
  branch: Branch,
  patch: BranchPatch,
): Promise<void> {
  if (patch.active === true && !branch.active) {
    await serialize(tx, 'branches');
    assertWithinPlanLimit(tenant, 'branches', await tx.count(Branch, { active: true }));
  }
  if (patch.name !== undefined) {
    branch.name = patch.name;
  }
  if (patch.address !== undefined) {
    branch.address = patch.address;
  }
  if (patch.district !== undefined) {
    branch.district = patch.district;
  }
  if (patch.active !== undefined) {
    branch.active = patch.active;
  }
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
  const zone = await em.findOne(Zone, { id: zoneId });
  if (!zone) {
    throw notFound('Zone');
  }
  if (patch.name !== undefined) {
    zone.name = patch.name;
  }
  if (patch.position !== undefined) {
    zone.position = patch.position;
  }
  if (patch.active !== undefined) {
    zone.active = patch.active;
  }
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
  return withTableNumberGuard(
    () => input.number,
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
  return withTableNumberGuard(
    () => number,
    () =>
      em.transactional(async (tx) => {
        const table = await tx.findOne(DiningTable, { id: tableId });
        if (!table) {
          throw notFound('Table');
        }
        await lockBranch(tx, table.branchId);
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
        if (patch.seats !== undefined) {
          table.seats = patch.seats;
        }
        table.active = active;
        await tx.flush();
        return table;
      }),
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
    for (const table of active.slice(count)) {
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
    const register = await tx.findOne(CashRegister, { id: registerId });
    if (!register) {
      throw notFound('Cash register');
    }
    await lockBranch(tx, register.branchId);
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
  if (patch.name !== undefined) {
    register.name = patch.name;
  }
  if (patch.active !== undefined) {
    register.active = patch.active;
  }
}

// ---------------------------------------------------------------------------------------------
// Kitchen stations

/** Every kitchen station, active or not, in their order, with the branches that have each. */
export function listStations(em: EntityManager): Promise<StationWithBranches[]> {
  return stationsWithBranches(em, {});
}

/** Names a new station (unique, whatever the case) and gives it to the listed branches. */
export async function createStation(em: EntityManager, input: StationInput): Promise<StationWithBranches> {
  return withStationNameGuard(() =>
    em.transactional(async (tx) => {
      await serialize(tx, 'stations');
      await assertStationNameFree(tx, input.name);
      const branchIds = await existingBranchIds(tx, input.branchIds);
      const position = await tx.count(KitchenStation, {});
      const station = tx.create(KitchenStation, { name: input.name, position });
      await tx.flush();
      for (const branchId of branchIds) {
        tx.create(BranchStation, { branchId, stationId: station.id });
      }
      await tx.flush();
      return { station, branchIds };
    }),
  );
}

/** Renames or (de)activates a station; `branchIds`, when given, replaces the branches that have it. */
export async function updateStation(
  em: EntityManager,
  stationId: string,
  patch: StationPatch,
): Promise<StationWithBranches> {
  return withStationNameGuard(() =>
    em.transactional(async (tx) => {
      const station = await tx.findOne(KitchenStation, { id: stationId });
      if (!station) {
        throw notFound('Station');
      }
      if (patch.name !== undefined && patch.name !== station.name) {
        await serialize(tx, 'stations');
        await assertStationNameFree(tx, patch.name, station.id);
        station.name = patch.name;
      }
      if (patch.active !== undefined) {
        station.active = patch.active;
      }
      if (patch.branchIds !== undefined) {
        const branchIds = await existingBranchIds(tx, patch.branchIds);
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
  );
}

/**
 * Inside a transaction: a business without any station gets Brasa, Cocina and Bar, given to
 * `branchId`. A business that already named its stations (even if it retired them all) keeps
 * its own. The caller flushes.
 */
export async function ensureDefaultStations(tx: EntityManager, branchId: string): Promise<void> {
  await serialize(tx, 'stations');
  if ((await tx.count(KitchenStation, {})) > 0) {
    return;
  }
  const stations = DEFAULT_STATION_NAMES.map((name, position) =>
    tx.create(KitchenStation, { name, position }),
  );
  await tx.flush();
  for (const station of stations) {
    tx.create(BranchStation, { branchId, stationId: station.id });
  }
}

// ---------------------------------------------------------------------------------------------
// Shared rules

/** A branch of this tenant, or 404. */
export async function findBranch(em: EntityManager, branchId: string): Promise<Branch> {
  const branch = await em.findOne(Branch, { id: branchId });
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
 * Inside a transaction: waits for any other transaction of this tenant working on `topic`.
 * For rules over rows that have no parent to lock (the number of branches, station names).
 * Advisory locks are per database, and every tenant has its own.
 */
export async function serialize(tx: EntityManager, topic: string): Promise<void> {
  await tx
    .getConnection()
    .execute('select pg_advisory_xact_lock(hashtext(?))', [topic], 'get', tx.getTransactionContext());
}

/** The name a table gets when the owner does not give one. */
export function defaultTableName(number: number): string {
  return `Mesa ${number}`;
}

function fieldError(
  field: string,
  code: FieldIssueCode,
  message: string,
  params?: FieldIssue['params'],
): AppError {
  return new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${field}`, {
    fields: { [field]: params ? { code, message, params } : { code, message } },
  });
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

async function assertStationNameFree(
  tx: EntityManager,
  name: string,
  exceptStationId?: string,
): Promise<void> {
  const clash = await tx.findOne(KitchenStation, {
    name: { $ilike: escapeLike(name) },
    ...(exceptStationId ? { id: { $ne: exceptStationId } } : {}),
  });
  if (clash) {
    throw stationNameTaken();
  }
}

function stationNameTaken(): AppError {
  return fieldError('name', 'taken', 'A station with this name already exists');
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

/** `value` as an ILIKE pattern that matches only itself, ignoring case. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function isViolationOf(error: unknown, index: string): boolean {
  return (
    error instanceof UniqueConstraintViolationException && 'constraint' in error && error.constraint === index
  );
}

/** Two requests that both passed the number check: the unique index decides, with the same answer. */
async function withTableNumberGuard<T>(number: () => number | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isViolationOf(error, TABLE_NUMBER_INDEX) ? tableNumberTaken(number() ?? 0) : error;
  }
}

async function withStationNameGuard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isViolationOf(error, STATION_NAME_INDEX) ? stationNameTaken() : error;
  }
}
