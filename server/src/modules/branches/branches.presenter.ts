import type {
  BranchDetailView,
  BranchView,
  CashRegisterView,
  StationView,
  TableView,
  ZoneView,
} from '@smartket/shared';
import type { Branch } from './branch.entity.ts';
import type { CashRegister } from './cash-register.entity.ts';
import type { DiningTable } from './dining-table.entity.ts';
import type { KitchenStation } from './kitchen-station.entity.ts';
import type { Zone } from './zone.entity.ts';

/** How many active tables and cash registers a branch has. */
export interface BranchCounts {
  tableCount: number;
  cashRegisterCount: number;
}

export function presentBranch(branch: Branch, counts: BranchCounts): BranchView {
  return {
    id: branch.id,
    name: branch.name,
    address: branch.address ?? null,
    district: branch.district ?? null,
    timezone: branch.timezone,
    active: branch.active,
    tableCount: counts.tableCount,
    cashRegisterCount: counts.cashRegisterCount,
  };
}

export function presentZone(zone: Zone): ZoneView {
  return {
    id: zone.id,
    branchId: zone.branchId,
    name: zone.name,
    position: zone.position,
    active: zone.active,
  };
}

export function presentTable(table: DiningTable): TableView {
  return {
    id: table.id,
    branchId: table.branchId,
    zoneId: table.zoneId,
    number: table.number,
    name: table.name,
    seats: table.seats,
    active: table.active,
  };
}

export function presentCashRegister(register: CashRegister): CashRegisterView {
  return { id: register.id, branchId: register.branchId, name: register.name, active: register.active };
}

/** `branchIds` are the branches that have the station, in a stable order. */
export function presentStation(station: KitchenStation, branchIds: readonly string[]): StationView {
  return {
    id: station.id,
    name: station.name,
    position: station.position,
    active: station.active,
    branchIds: [...branchIds].sort(),
  };
}

export interface BranchDetail {
  branch: Branch;
  zones: Zone[];
  tables: DiningTable[];
  cashRegisters: CashRegister[];
  stations: { station: KitchenStation; branchIds: string[] }[];
}

/** The branch's counts come from the rows the detail lists, so they always agree with them. */
export function presentBranchDetail(detail: BranchDetail): BranchDetailView {
  const counts: BranchCounts = {
    tableCount: detail.tables.filter((table) => table.active).length,
    cashRegisterCount: detail.cashRegisters.filter((register) => register.active).length,
  };
  return {
    branch: presentBranch(detail.branch, counts),
    zones: detail.zones.map(presentZone),
    tables: detail.tables.map(presentTable),
    cashRegisters: detail.cashRegisters.map(presentCashRegister),
    stations: detail.stations.map(({ station, branchIds }) => presentStation(station, branchIds)),
  };
}
