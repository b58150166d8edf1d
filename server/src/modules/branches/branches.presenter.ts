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

export function presentBranch(branch: Branch): BranchView {
  return {
    id: branch.id,
    name: branch.name,
    address: branch.address ?? null,
    district: branch.district ?? null,
    timezone: branch.timezone,
    active: branch.active,
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

export function presentBranchDetail(detail: BranchDetail): BranchDetailView {
  return {
    branch: presentBranch(detail.branch),
    zones: detail.zones.map(presentZone),
    tables: detail.tables.map(presentTable),
    cashRegisters: detail.cashRegisters.map(presentCashRegister),
    stations: detail.stations.map(({ station, branchIds }) => presentStation(station, branchIds)),
  };
}
