import {
  BranchDetailView,
  BranchView,
  CashRegisterView,
  StationView,
  TableView,
  ZoneView,
  type BranchDetailView as BranchDetail,
  type BranchInput,
  type BranchPatch,
  type BranchView as Branch,
  type CashRegisterInput,
  type CashRegisterPatch,
  type CashRegisterView as CashRegister,
  type StationInput,
  type StationPatch,
  type StationView as Station,
  type TableInput,
  type TablePatch,
  type TableView as Table,
  type ZoneInput,
  type ZonePatch,
  type ZoneView as Zone,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';
const BranchList = z.array(BranchView);
const StationList = z.array(StationView);

/** Every branch of the business, inactive ones flagged. */
export function listBranches(options?: RequestOptions): Promise<Branch[]> {
  return api.get(`${BASE}/branches`, BranchList, options);
}

/** One branch with its zones, tables, cash registers and stations. */
export function fetchBranch(id: string, options?: RequestOptions): Promise<BranchDetail> {
  return api.get(`${BASE}/branches/${encodeURIComponent(id)}`, BranchDetailView, options);
}

/** Opens a branch; 403 `PLAN_LIMIT_REACHED` when the plan has no room for another. */
export function createBranch(input: BranchInput, options?: RequestOptions): Promise<BranchDetail> {
  return api.post(`${BASE}/branches`, input, BranchDetailView, options);
}

/** Edits a branch, or (de)activates it with `{ active }`. */
export function updateBranch(
  id: string,
  patch: BranchPatch,
  options?: RequestOptions,
): Promise<BranchDetail> {
  return api.patch(`${BASE}/branches/${encodeURIComponent(id)}`, patch, BranchDetailView, options);
}

/** Adds a zone (salón, terraza…) to a branch. */
export function createZone(branchId: string, input: ZoneInput, options?: RequestOptions): Promise<Zone> {
  return api.post(`${BASE}/branches/${encodeURIComponent(branchId)}/zones`, input, ZoneView, options);
}

/** Renames, reorders or (de)activates a zone. */
export function updateZone(id: string, patch: ZonePatch, options?: RequestOptions): Promise<Zone> {
  return api.patch(`${BASE}/zones/${encodeURIComponent(id)}`, patch, ZoneView, options);
}

/** Adds one table to a zone of the branch. */
export function createTable(branchId: string, input: TableInput, options?: RequestOptions): Promise<Table> {
  return api.post(`${BASE}/branches/${encodeURIComponent(branchId)}/tables`, input, TableView, options);
}

/** Edits a table, moves it to another zone (`zoneId`) or (de)activates it. */
export function updateTable(id: string, patch: TablePatch, options?: RequestOptions): Promise<Table> {
  return api.patch(`${BASE}/tables/${encodeURIComponent(id)}`, patch, TableView, options);
}

/** Adds a cash register to the branch. */
export function createCashRegister(
  branchId: string,
  input: CashRegisterInput,
  options?: RequestOptions,
): Promise<CashRegister> {
  return api.post(
    `${BASE}/branches/${encodeURIComponent(branchId)}/cash-registers`,
    input,
    CashRegisterView,
    options,
  );
}

/** Renames or (de)activates a cash register. */
export function updateCashRegister(
  id: string,
  patch: CashRegisterPatch,
  options?: RequestOptions,
): Promise<CashRegister> {
  return api.patch(`${BASE}/cash-registers/${encodeURIComponent(id)}`, patch, CashRegisterView, options);
}

/** The kitchen stations of the whole business, each with the branches that have it. */
export function listStations(options?: RequestOptions): Promise<Station[]> {
  return api.get(`${BASE}/stations`, StationList, options);
}

/** Adds a kitchen station, already assigned to `branchIds`. */
export function createStation(input: StationInput, options?: RequestOptions): Promise<Station> {
  return api.post(`${BASE}/stations`, input, StationView, options);
}

/** Renames a station, changes which branches have it (`branchIds` replaces), or (de)activates it. */
export function updateStation(id: string, patch: StationPatch, options?: RequestOptions): Promise<Station> {
  return api.patch(`${BASE}/stations/${encodeURIComponent(id)}`, patch, StationView, options);
}
