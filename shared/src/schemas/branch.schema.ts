import { z } from 'zod';

const Name = z.string().trim().min(1).max(60);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable();

export const MAX_TABLES_PER_REQUEST = 200;

export const BranchInput = z.strictObject({
  name: Name,
  address: OptionalText(160),
  district: OptionalText(60),
});
export type BranchInput = z.infer<typeof BranchInput>;
export const BranchPatch = BranchInput.extend({ active: z.boolean() }).partial();
export type BranchPatch = z.infer<typeof BranchPatch>;

export const BranchView = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  district: z.string().nullable(),
  timezone: z.string(),
  active: z.boolean(),
  /** How many of its tables are active (deactivated ones are not counted). */
  tableCount: z.int(),
  /** How many of its cash registers are active. */
  cashRegisterCount: z.int(),
});
export type BranchView = z.infer<typeof BranchView>;

export const ZoneInput = z.strictObject({ name: Name });
export type ZoneInput = z.infer<typeof ZoneInput>;
export const ZonePatch = ZoneInput.extend({
  active: z.boolean(),
  position: z.int().min(0).max(999),
}).partial();
export type ZonePatch = z.infer<typeof ZonePatch>;

export const ZoneView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  name: z.string(),
  position: z.int(),
  active: z.boolean(),
});
export type ZoneView = z.infer<typeof ZoneView>;

/** A table; `name` defaults to "Mesa {number}". Numbers are unique among a branch's tables. */
export const TableInput = z.strictObject({
  zoneId: z.uuid(),
  number: z.int().min(1).max(9999),
  name: OptionalText(30).optional(),
  seats: z.int().min(1).max(50).default(4),
});
export type TableInput = z.infer<typeof TableInput>;
export const TablePatch = z
  .strictObject({
    zoneId: z.uuid(),
    number: z.int().min(1).max(9999),
    name: OptionalText(30),
    seats: z.int().min(1).max(50),
    active: z.boolean(),
  })
  .partial();
export type TablePatch = z.infer<typeof TablePatch>;

export const TableView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  zoneId: z.uuid(),
  number: z.int(),
  name: z.string(),
  seats: z.int(),
  active: z.boolean(),
});
export type TableView = z.infer<typeof TableView>;

export const CashRegisterInput = z.strictObject({ name: Name });
export type CashRegisterInput = z.infer<typeof CashRegisterInput>;
export const CashRegisterPatch = CashRegisterInput.extend({ active: z.boolean() }).partial();
export type CashRegisterPatch = z.infer<typeof CashRegisterPatch>;

export const CashRegisterView = z.object({
  id: z.uuid(),
  branchId: z.uuid(),
  name: z.string(),
  active: z.boolean(),
});
export type CashRegisterView = z.infer<typeof CashRegisterView>;

/**
 * A kitchen station (brasa, cocina, bar). Stations are named once for the business and each
 * branch says which ones it has; categories and products send their items to one.
 */
export const StationInput = z.strictObject({
  name: Name,
  branchIds: z.array(z.uuid()).max(50).default([]),
});
export type StationInput = z.infer<typeof StationInput>;
export const StationPatch = z
  .strictObject({ name: Name, branchIds: z.array(z.uuid()).max(50), active: z.boolean() })
  .partial();
export type StationPatch = z.infer<typeof StationPatch>;

export const StationView = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.int(),
  active: z.boolean(),
  branchIds: z.array(z.uuid()),
});
export type StationView = z.infer<typeof StationView>;

/** `GET /api/tenant/branches/:id`: one branch with everything that hangs from it. */
export const BranchDetailView = z.object({
  branch: BranchView,
  zones: z.array(ZoneView),
  tables: z.array(TableView),
  cashRegisters: z.array(CashRegisterView),
  stations: z.array(StationView),
});
export type BranchDetailView = z.infer<typeof BranchDetailView>;
