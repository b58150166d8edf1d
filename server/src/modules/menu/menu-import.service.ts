import type { EntityManager } from '@mikro-orm/core';
import {
  DEFAULT_CATEGORY_COLOUR,
  MENU_IMPORT_MAX_LISTED_ISSUES,
  MENU_SHEET_COLUMNS,
  parsePriceToCents,
  SKU,
  type FieldIssueCode,
  type MenuImportIssue,
  type MenuImportQuery,
  type MenuImportResult,
  type MenuSheetColumn,
} from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { runStatement, selectRows } from '../../db/queries.ts';
import { AppError, answerUniqueViolation } from '../../lib/errors.ts';
import { nameKey, normalizeName } from '../../lib/names.ts';
import { recordAuditMany, type AuditContext, type AuditRecord } from '../audit/audit.service.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { KitchenStation } from '../branches/kitchen-station.entity.ts';
import { Category } from './category.entity.ts';
import {
  foldText,
  writeMenuWorkbook,
  type MenuSheet,
  type RawMenuRow,
  type SheetCell,
  type SheetProduct,
} from './menu-spreadsheet.ts';
import { Product } from './product.entity.ts';

export type UnknownCategories = MenuImportQuery['unknownCategories'];

export interface ExistingCategory {
  id: string;
  name: string;
  position: number;
}

export interface ExistingStation {
  id: string;
  name: string;
}

export interface ExistingProduct {
  id: string;
  name: string;
  sku: string | null;
  categoryId: string;
  stationId: string | null;
  priceCents: number;
  description: string | null;
  active: boolean;
  position: number;
}

/** What the rows are checked against: the menu as it is, and what to do with new categories. */
export interface MenuImportContext {
  categories: readonly ExistingCategory[];
  stations: readonly ExistingStation[];
  products: readonly ExistingProduct[];
  unknownCategories: UnknownCategories;
}

/** A row that passed every check. Optional fields are absent when the file lacks their column. */
export interface ValidMenuRow {
  row: number;
  name: string;
  priceCents: number;
  category: string;
  /** The product this row updates; null creates one. */
  target: ExistingProduct | null;
  stationId?: string | null;
  sku?: string | null;
  description?: string | null;
  active?: boolean;
}

export interface MenuRowsCheck {
  rows: ValidMenuRow[];
  /** Every problem, ordered by row then column. */
  issues: MenuImportIssue[];
  /** Categories the menu lacks (when they may be created), with the station of the first row naming one. */
  newCategories: Array<{ name: string; stationId: string | null }>;
}

const HEADERS = Object.fromEntries(MENU_SHEET_COLUMNS.map((column) => [column.key, column.header])) as Record<
  MenuSheetColumn,
  string
>;
const COLUMN_ORDER = Object.fromEntries(
  MENU_SHEET_COLUMNS.map((column, index) => [column.key, index]),
) as Record<MenuSheetColumn, number>;

const TRUE_WORDS = new Set(['si', 'yes', '1', 'true', 'x', 'verdadero']);
const FALSE_WORDS = new Set(['no', '0', 'false', 'falso']);

// ---------------------------------------------------------------------------------------------
// Checking rows (pure)

/**
 * Checks every row of a menu file against the rules and the current menu, without touching the
 * database: required cells, lengths, prices (`12.50`, `12,50`, Excel numbers), SKU format,
 * Activo, stations, categories, and duplicates — two rows naming the same SKU or name (the later
 * one is at fault), or a row whose SKU is one product's and whose name is another's.
 */
export function validateMenuRows(sheet: MenuSheet, context: MenuImportContext): MenuRowsCheck {
  const stationsByKey = new Map(context.stations.map((station) => [nameKey(station.name), station.id]));
  const matchProduct = productMatcher(context.products);
  const categories = categoryChecker(context);
  const issues: MenuImportIssue[] = [];
  const rows: ValidMenuRow[] = [];

  for (const raw of sheet.rows) {
    const report: Report = (column, code, message, params) =>
      issues.push({ row: raw.row, column: HEADERS[column], code, message, ...(params ? { params } : {}) });
    const before = issues.length;
    const cells = readRow(raw, sheet.columns, report, stationsByKey);
    if (!cells) {
      continue;
    }
    const target = matchProduct(raw.row, cells, report);
    categories.check(cells, report);
    if (issues.length === before) {
      rows.push({ row: raw.row, target, ...cells });
    }
  }

  issues.sort((a, b) => a.row - b.row || columnIndex(a.column) - columnIndex(b.column));
  return { rows, issues, newCategories: categories.toCreate() };
}

/**
 * The product each row updates — by SKU, else by name — or null for a new one, reporting
 * duplicates as it goes: a SKU or name on an earlier row too (the later row is at fault), a
 * SKU that is one product's with a name that is another's, or two rows updating one product.
 * Call it once per row, in file order.
 */
function productMatcher(
  products: readonly ExistingProduct[],
): (row: number, cells: RowCells, report: Report) => ExistingProduct | null {
  const productsBySku = new Map<string, ExistingProduct>();
  const productsByName = new Map<string, ExistingProduct>();
  for (const product of products) {
    if (product.sku) {
      productsBySku.set(product.sku, product);
    }
    productsByName.set(nameKey(product.name), product);
  }
  const firstRowBySku = new Map<string, number>();
  const firstRowByName = new Map<string, number>();
  const firstRowByTarget = new Map<string, number>();

  return (row, cells, report) => {
    let duplicated = false;
    if (cells.sku) {
      const firstRow = firstRowBySku.get(cells.sku);
      if (firstRow === undefined) {
        firstRowBySku.set(cells.sku, row);
      } else {
        duplicated = true;
        report('sku', 'duplicate', 'The SKU is on an earlier row too', { firstRow });
      }
    }
    const key = nameKey(cells.name);
    const firstNameRow = firstRowByName.get(key);
    if (firstNameRow === undefined) {
      firstRowByName.set(key, row);
    } else {
      duplicated = true;
      report('name', 'duplicate', 'The product is on an earlier row too', { firstRow: firstNameRow });
    }

    const bySku = cells.sku ? productsBySku.get(cells.sku) : undefined;
    const byName = productsByName.get(key);
    if (bySku && byName && bySku.id !== byName.id) {
      report('name', 'duplicate', 'The SKU is one product’s and the name is another’s', {
        product: byName.name,
        sku: cells.sku ?? '',
      });
    }
    const target = bySku ?? byName ?? null;
    if (target && !duplicated) {
      const firstRow = firstRowByTarget.get(target.id);
      if (firstRow === undefined) {
        firstRowByTarget.set(target.id, row);
      } else {
        report('name', 'duplicate', 'An earlier row already updates this product', { firstRow });
      }
    }
    return target;
  };
}

/**
 * Checks each row's category against the menu. An unknown one is an issue when the import may
 * not create categories; otherwise it is planned once, with the station of the first row of it
 * that names one.
 */
function categoryChecker(context: MenuImportContext): {
  check: (cells: RowCells, report: Report) => void;
  toCreate: () => MenuRowsCheck['newCategories'];
} {
  const known = new Set(context.categories.map((category) => nameKey(category.name)));
  const planned = new Map<string, { name: string; stationId: string | null }>();
  return {
    check({ category, stationId }, report) {
      const key = nameKey(category);
      if (known.has(key)) {
        return;
      }
      if (context.unknownCategories === 'reject') {
        report('category', 'unknown_category', 'No such category', { category });
        return;
      }
      const plan = planned.get(key);
      if (!plan) {
        planned.set(key, { name: category, stationId: stationId ?? null });
      } else if (plan.stationId === null && stationId) {
        plan.stationId = stationId;
      }
    },
    toCreate: () => [...planned.values()],
  };
}

function columnIndex(header: string): number {
  const column = MENU_SHEET_COLUMNS.find((candidate) => candidate.header === header);
  return column ? COLUMN_ORDER[column.key] : MENU_SHEET_COLUMNS.length;
}

type Report = (
  column: MenuSheetColumn,
  code: FieldIssueCode,
  message: string,
  params?: MenuImportIssue['params'],
) => void;

type RowCells = Omit<ValidMenuRow, 'row' | 'target'>;

/** One row's cells, each checked on its own; undefined when a required one is unusable. */
function readRow(
  raw: RawMenuRow,
  columns: ReadonlySet<MenuSheetColumn>,
  report: Report,
  stationsByKey: ReadonlyMap<string, string>,
): RowCells | undefined {
  const { cells } = raw;
  const category = requiredText(cells.category, 80, 'category', report);
  const name = requiredText(cells.name, 80, 'name', report);
  const priceCents = readPrice(cells.price, report);
  const row: Partial<RowCells> = {};
  if (columns.has('sku')) {
    row.sku = readSku(cells.sku, report);
  }
  if (columns.has('description')) {
    // Trimmed only, as the API stores it: line breaks and spaces inside are the owner's.
    const description = textOf(cells.description) || null;
    if (description && description.length > 300) {
      report('description', 'too_long', 'At most 300 characters', { max: 300 });
    }
    row.description = description;
  }
  if (columns.has('station')) {
    const station = optionalText(cells.station);
    const stationId = station === null ? null : stationsByKey.get(nameKey(station));
    if (stationId === undefined) {
      report('station', 'unknown_station', 'No station with that name', { station: station ?? '' });
    }
    row.stationId = stationId ?? null;
  }
  if (columns.has('active')) {
    const active = readActive(cells.active);
    if (active === undefined) {
      report('active', 'invalid_value', 'Write sí or no', { value: String(cells.active) });
    }
    row.active = active ?? true;
  }
  if (category === undefined || name === undefined || priceCents === undefined) {
    return undefined;
  }
  return { ...row, category, name, priceCents };
}

function textOf(value: SheetCell | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'number' ? String(value) : String(value).trim();
}

function optionalText(value: SheetCell | undefined): string | null {
  const text = normalizeName(textOf(value));
  return text === '' ? null : text;
}

function requiredText(value: SheetCell | undefined, max: number, column: MenuSheetColumn, report: Report) {
  const text = optionalText(value);
  if (text === null) {
    report(column, 'required', 'Required');
    return undefined;
  }
  if (text.length > max) {
    report(column, 'too_long', `At most ${max} characters`, { max });
    return undefined;
  }
  return text;
}

function readPrice(value: SheetCell | undefined, report: Report): number | undefined {
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (empty) {
    report('price', 'required', 'Required');
    return undefined;
  }
  const cents = typeof value === 'boolean' ? null : parsePriceToCents(value);
  if (cents === null) {
    report('price', 'invalid_price', 'Not a price in soles like 12.50', { value: String(value) });
    return undefined;
  }
  return cents;
}

function readSku(value: SheetCell | undefined, report: Report): string | null {
  const text = textOf(value);
  const parsed = SKU.safeParse(text);
  if (parsed.success) {
    return parsed.data;
  }
  if (text.length > 40) {
    report('sku', 'too_long', 'At most 40 characters', { max: 40 });
  } else {
    report('sku', 'invalid_value', 'Only letters, digits and . _ - /', { value: text });
  }
  return null;
}

/** sí / si / yes / 1 / true / x → true; no / 0 / false → false; empty → true; else undefined. */
export function readActive(value: SheetCell | undefined): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  const word = foldText(textOf(value));
  if (word === '' || TRUE_WORDS.has(word)) {
    return true;
  }
  return FALSE_WORDS.has(word) ? false : undefined;
}

// ---------------------------------------------------------------------------------------------
// Planning the writes (pure)

export interface ProductRecord {
  id: string;
  categoryId: string;
  name: string;
  priceCents: number;
  stationId: string | null;
  sku: string | null;
  description: string | null;
  active: boolean;
  position: number;
}

/** A product whose price an import changes. */
export interface PriceChange {
  productId: string;
  name: string;
  beforeCents: number;
  afterCents: number;
}

export interface MenuImportPlan {
  categoriesToCreate: Array<{ id: string; name: string; stationId: string | null; position: number }>;
  creates: ProductRecord[];
  updates: ProductRecord[];
  /** The updates that change a price, for the audit log. */
  priceChanges: PriceChange[];
  unchanged: number;
  /** Active products after the import minus before. */
  activeDelta: number;
  /** The product each valid row ends up as, by the row's name key. */
  productIds: Map<string, string>;
}

/**
 * Turns checked rows into writes: new categories (after the existing ones), new products (after
 * the others of their category, in file order), and updates only for products that differ.
 * A column the file lacks leaves that field of an existing product as it is.
 */
export function planMenuImport(check: MenuRowsCheck, context: MenuImportContext): MenuImportPlan {
  const categoryIds = new Map(context.categories.map((category) => [nameKey(category.name), category.id]));
  let categoryPosition = Math.max(-1, ...context.categories.map((category) => category.position));
  const categoriesToCreate = check.newCategories.map((category) => {
    const created = { id: crypto.randomUUID(), ...category, position: (categoryPosition += 1) };
    categoryIds.set(nameKey(category.name), created.id);
    return created;
  });
  const nextPosition = new Map<string, number>();
  for (const product of context.products) {
    nextPosition.set(
      product.categoryId,
      Math.max(nextPosition.get(product.categoryId) ?? 0, product.position + 1),
    );
  }

  const plan: MenuImportPlan = {
    categoriesToCreate,
    creates: [],
    updates: [],
    priceChanges: [],
    unchanged: 0,
    activeDelta: 0,
    productIds: new Map(),
  };
  for (const row of check.rows) {
    const categoryId = categoryIds.get(nameKey(row.category));
    if (!categoryId) {
      throw new Error(`Row ${row.row}: category ${row.category} was neither found nor planned`);
    }
    const { target } = row;
    if (!target) {
      const position = nextPosition.get(categoryId) ?? 0;
      nextPosition.set(categoryId, position + 1);
      const created: ProductRecord = {
        id: crypto.randomUUID(),
        categoryId,
        name: row.name,
        priceCents: row.priceCents,
        stationId: row.stationId ?? null,
        sku: row.sku ?? null,
        description: row.description ?? null,
        active: row.active ?? true,
        position,
      };
      plan.creates.push(created);
      plan.activeDelta += created.active ? 1 : 0;
      plan.productIds.set(nameKey(row.name), created.id);
      continue;
    }
    const updated: ProductRecord = {
      ...target,
      categoryId,
      name: row.name,
      priceCents: row.priceCents,
      stationId: row.stationId === undefined ? target.stationId : row.stationId,
      sku: row.sku === undefined ? target.sku : row.sku,
      description: row.description === undefined ? target.description : row.description,
      active: row.active ?? target.active,
    };
    plan.productIds.set(nameKey(row.name), target.id);
    plan.activeDelta += Number(updated.active) - Number(target.active);
    if (sameProduct(updated, target)) {
      plan.unchanged += 1;
    } else {
      plan.updates.push(updated);
    }
    if (updated.priceCents !== target.priceCents) {
      plan.priceChanges.push({
        productId: target.id,
        name: updated.name,
        beforeCents: target.priceCents,
        afterCents: updated.priceCents,
      });
    }
  }
  return plan;
}

function sameProduct(a: ProductRecord, b: ProductRecord): boolean {
  return (
    a.categoryId === b.categoryId &&
    a.name === b.name &&
    a.priceCents === b.priceCents &&
    a.stationId === b.stationId &&
    a.sku === b.sku &&
    a.description === b.description &&
    a.active === b.active
  );
}

// ---------------------------------------------------------------------------------------------
// Applying (database)

/** Reads what the rows are checked against, inside the import's transaction. */
export async function loadImportContext(
  tx: EntityManager,
  unknownCategories: UnknownCategories,
): Promise<MenuImportContext> {
  // One transaction, one connection: the reads go one after the other.
  const categories = await selectRows<ExistingCategory>(tx, 'select id, name, position from categories');
  const stations = await selectRows<ExistingStation>(tx, 'select id, name from kitchen_stations');
  const products = await selectRows<ExistingProduct>(
    tx,
    `select id, name, sku, category_id as "categoryId", station_id as "stationId",
            price_cents as "priceCents", description, active, position
       from products`,
  );
  return { categories, stations, products, unknownCategories };
}

export interface AppliedMenuRows {
  result: MenuImportResult;
  /** Product id by name key, for every row of the file. */
  productIds: Map<string, string>;
  /** Existing products whose price the rows changed. */
  priceChanges: PriceChange[];
}

/**
 * Inside a transaction: checks the rows against the menu as it is now and, when every row is
 * right, writes them — categories through the ORM (few), products set-based (one insert and one
 * update however many rows). Any issue → 422 IMPORT_REJECTED and nothing written.
 */
export async function applyMenuRows(
  tx: EntityManager,
  tenant: Tenant,
  sheet: MenuSheet,
  unknownCategories: UnknownCategories,
): Promise<AppliedMenuRows> {
  await lockTenantScope(tx, 'menu');
  const context = await loadImportContext(tx, unknownCategories);
  const check = validateMenuRows(sheet, context);
  if (check.issues.length > 0) {
    throw importRejected(check.issues);
  }
  const plan = planMenuImport(check, context);
  if (plan.activeDelta > 0) {
    const activeNow = context.products.filter((product) => product.active).length;
    assertWithinPlanLimit(tenant, 'products', activeNow, plan.activeDelta);
  }
  for (const category of plan.categoriesToCreate) {
    tx.create(Category, { ...category, colour: DEFAULT_CATEGORY_COLOUR });
  }
  await tx.flush();
  await insertProducts(tx, plan.creates);
  await updateProducts(tx, plan.updates);
  return {
    result: {
      rows: check.rows.length,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      categoriesCreated: plan.categoriesToCreate.map((category) => category.name),
    },
    productIds: plan.productIds,
    priceChanges: plan.priceChanges,
  };
}

/**
 * Imports a menu file all-or-nothing, in one transaction, with one `menu.price_changed` entry per
 * product whose price it changed, written by one INSERT in that same transaction.
 */
export async function importMenu(
  em: EntityManager,
  tenant: Tenant,
  sheet: MenuSheet,
  unknownCategories: UnknownCategories,
  audit: AuditContext,
): Promise<MenuImportResult> {
  const applied = await answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        const rows = await applyMenuRows(tx, tenant, sheet, unknownCategories);
        await recordAuditMany(tx, audit.actor, rows.priceChanges.map(priceChangeRecord), audit.at);
        return rows;
      }),
    menuChangedMeanwhile,
  );
  return applied.result;
}

function priceChangeRecord(change: PriceChange): AuditRecord {
  return {
    action: 'menu.price_changed',
    entity: { type: 'product', id: change.productId, label: change.name },
    before: { priceCents: change.beforeCents },
    after: { priceCents: change.afterCents },
    branchId: null,
  };
}

/**
 * 409 for a menu write that a unique index stopped although its checks passed: someone changed
 * the menu in between (a path that skipped the `menu` lock). Trying again gives a clear answer.
 */
export function menuChangedMeanwhile(): AppError {
  return new AppError('CONFLICT', 409, 'The menu changed while importing: try again');
}

export function importRejected(issues: readonly MenuImportIssue[]): AppError {
  return new AppError('IMPORT_REJECTED', 422, `${issues.length} problems in the file; nothing was imported`, {
    details: { issues: issues.slice(0, MENU_IMPORT_MAX_LISTED_ISSUES), issueCount: issues.length },
  });
}

const RECORD_COLUMNS = `r(id uuid, category_id uuid, name text, price_cents int, station_id uuid, sku text,
  description text, position int, active boolean)`;

function recordsJson(records: readonly ProductRecord[]): string {
  return JSON.stringify(
    records.map((record) => ({
      id: record.id,
      category_id: record.categoryId,
      name: record.name,
      price_cents: record.priceCents,
      station_id: record.stationId,
      sku: record.sku,
      description: record.description,
      position: record.position,
      active: record.active,
    })),
  );
}

async function insertProducts(tx: EntityManager, records: readonly ProductRecord[]): Promise<void> {
  if (records.length === 0) {
    return;
  }
  await runStatement(
    tx,
    `insert into products (id, category_id, name, price_cents, station_id, sku, description, position, active,
                           created_at, updated_at)
     select r.id, r.category_id, r.name, r.price_cents, r.station_id, r.sku, r.description, r.position, r.active,
            now(), now()
       from jsonb_to_recordset(?::jsonb) as ${RECORD_COLUMNS}`,
    [recordsJson(records)],
  );
}

async function updateProducts(tx: EntityManager, records: readonly ProductRecord[]): Promise<void> {
  if (records.length === 0) {
    return;
  }
  await runStatement(
    tx,
    `update products as p
        set category_id = r.category_id, name = r.name, price_cents = r.price_cents, station_id = r.station_id,
            sku = r.sku, description = r.description, active = r.active, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as ${RECORD_COLUMNS}
      where p.id = r.id`,
    [recordsJson(records)],
  );
}

// ---------------------------------------------------------------------------------------------
// Template and export

/** The empty spreadsheet to fill in: one example row, drop-downs with the business' names. */
export async function menuTemplateFile(em: EntityManager): Promise<Buffer> {
  const lists = await sheetLists(em);
  const example: SheetProduct = {
    category: lists.categories[0] ?? 'Pollos a la brasa',
    name: '1/4 de pollo a la brasa',
    priceCents: 1990,
    sku: 'POLLO-1/4',
    description: 'Con papas fritas y ensalada fresca',
    station: lists.stations.find((name) => nameKey(name) === 'brasa') ?? null,
    active: true,
  };
  return writeMenuWorkbook({ ...lists, products: [example] });
}

/** Every product in the template's format: importing it back changes nothing. */
export async function menuExportFile(em: EntityManager): Promise<Buffer> {
  const lists = await sheetLists(em);
  return writeMenuWorkbook({ ...lists, products: await sheetProducts(em) });
}

/** The drop-down lists of the sheet: active categories and stations, in menu order. */
async function sheetLists(em: EntityManager): Promise<{ categories: string[]; stations: string[] }> {
  const [categories, stations] = await Promise.all([
    em.find(Category, { active: true }, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(KitchenStation, { active: true }, { orderBy: { position: 'asc', name: 'asc' } }),
  ]);
  return {
    categories: categories.map((category) => category.name),
    stations: stations.map((station) => station.name),
  };
}

/** Every product, active or not, as sheet rows in menu order (category, then product). */
async function sheetProducts(em: EntityManager): Promise<SheetProduct[]> {
  const [categories, stations, products] = await Promise.all([
    em.find(Category, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(KitchenStation, {}),
    em.find(Product, {}, { orderBy: { position: 'asc', name: 'asc' } }),
  ]);
  const stationNames = new Map(stations.map((station) => [station.id, station.name]));
  const order = new Map(categories.map((category, index) => [category.id, index]));
  const categoryNames = new Map(categories.map((category) => [category.id, category.name]));
  return [...products]
    .sort((a, b) => (order.get(a.categoryId) ?? 0) - (order.get(b.categoryId) ?? 0))
    .map((product) => ({
      category: categoryNames.get(product.categoryId) ?? '',
      name: product.name,
      priceCents: product.priceCents,
      sku: product.sku ?? null,
      description: product.description ?? null,
      station: product.stationId ? (stationNames.get(product.stationId) ?? null) : null,
      active: product.active,
    }));
}
