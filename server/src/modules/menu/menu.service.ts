import {
  UniqueConstraintViolationException,
  type EntityManager,
  type EntityName,
  type FilterQuery,
} from '@mikro-orm/core';
import type {
  CategoryInput,
  CategoryPatch,
  FieldIssue,
  FieldIssueCode,
  MenuView,
  OptionGroupInput,
  OptionGroupPatch,
  OptionGroupView,
  OptionInput,
  ProductInput,
  ProductPatch,
  ProductView,
} from '@smartket/shared';
import { AppError, notFound } from '../../lib/errors.ts';
import { KitchenStation } from '../branches/kitchen-station.entity.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { Category } from './category.entity.ts';
import { presentMenu, presentOptionGroup, presentProduct } from './menu.presenter.ts';
import { OptionGroup } from './option-group.entity.ts';
import { Option } from './option.entity.ts';
import { ProductOptionGroup } from './product-option-group.entity.ts';
import { Product } from './product.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CATEGORY_NAME_INDEX = 'categories_name_unique';
const PRODUCT_NAME_INDEX = 'products_name_unique';
const PRODUCT_SKU_INDEX = 'products_sku_unique';

/**
 * A name as it is stored: trimmed, inner runs of spaces collapsed, so "Pollo  entero" and
 * "Pollo entero" are one product to the owner, to the unique index and to a re-import.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * The key two names are compared by: normalized and lower-cased. Plain `toLowerCase` — Spanish
 * has no locale-specific casing, and the locale-aware version is 15× slower on a 5,000-row file.
 */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/** Rows of a raw SQL query run in `em`'s transaction, typed by the caller's select list. */
export async function selectRows<Row>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const rows: unknown = await em.getConnection().execute(sql, params, 'all', em.getTransactionContext());
  return rows as Row[];
}

/** Runs a statement in `em`'s transaction and answers how many rows it touched. */
export async function runStatement(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
  const affected = (result as { affectedRows?: unknown } | undefined)?.affectedRows;
  return typeof affected === 'number' ? affected : 0;
}

/**
 * Inside a transaction: queues behind every other write that changes which products exist or
 * are active (CRUD, import, sample), so two of them cannot both take the plan's last place or
 * both pass a name check.
 */
export async function serializeProductWrites(tx: EntityManager): Promise<void> {
  await selectRows(tx, 'select pg_advisory_xact_lock(hashtext(?))', ['menu.products']);
}

/** The whole menu, inactive records included, each list by position then name. */
export async function loadMenu(em: EntityManager): Promise<MenuView> {
  const [categories, products, optionGroups, options, links] = await Promise.all([
    em.find(Category, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(Product, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(OptionGroup, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(Option, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(ProductOptionGroup, {}, { orderBy: { position: 'asc' } }),
  ]);
  return presentMenu({ categories, products, optionGroups, options, links });
}

// ---------------------------------------------------------------------------------------------
// Categories

/** Adds a category at the end of the menu. */
export async function createCategory(em: EntityManager, input: CategoryInput): Promise<Category> {
  const name = normalizeName(input.name);
  return guardUniqueNames(() =>
    em.transactional(async (tx) => {
      await assertNameFree(tx, 'categories', name);
      await assertStationExists(tx, input.stationId);
      const position = await tx.count(Category, {});
      const category = tx.create(Category, {
        name,
        colour: input.colour,
        stationId: input.stationId,
        position,
      });
      await tx.flush();
      return category;
    }),
  );
}

/** Renames, recolours, re-routes, moves or (de)activates a category; its products stay as they are. */
export async function updateCategory(em: EntityManager, id: string, patch: CategoryPatch): Promise<Category> {
  return guardUniqueNames(() =>
    em.transactional(async (tx) => {
      const category = await findOr404(tx, Category, id, 'Category');
      if (patch.name !== undefined) {
        const name = normalizeName(patch.name);
        await assertNameFree(tx, 'categories', name, id);
        category.name = name;
      }
      if (patch.stationId !== undefined) {
        await assertStationExists(tx, patch.stationId);
        category.stationId = patch.stationId;
      }
      if (patch.colour !== undefined) {
        category.colour = patch.colour;
      }
      if (patch.position !== undefined) {
        category.position = patch.position;
      }
      if (patch.active !== undefined) {
        category.active = patch.active;
      }
      await tx.flush();
      return category;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Products

/** Adds a product at the end of its category, within the plan's limit of active products. */
export async function createProduct(
  em: EntityManager,
  tenant: Tenant,
  input: ProductInput,
): Promise<ProductView> {
  const name = normalizeName(input.name);
  const optionGroupIds = unique(input.optionGroupIds);
  return guardUniqueNames(() =>
    em.transactional(async (tx) => {
      await serializeProductWrites(tx);
      await assertNameFree(tx, 'products', name);
      await assertSkuFree(tx, input.sku);
      await assertReferencesExist(tx, input);
      if (input.active) {
        assertWithinPlanLimit(tenant, 'products', await tx.count(Product, { active: true }));
      }
      const position = await tx.count(Product, { categoryId: input.categoryId });
      const product = tx.create(Product, {
        name,
        priceCents: input.priceCents,
        categoryId: input.categoryId,
        stationId: input.stationId,
        sku: input.sku,
        description: input.description,
        active: input.active,
        position,
      });
      await tx.flush();
      await replaceOptionGroupLinks(tx, product.id, optionGroupIds);
      return presentProduct(product, optionGroupIds);
    }),
  );
}

/**
 * Edits a product. Deactivating keeps it (orders and reports still name it); reactivating counts
 * against the plan again. `optionGroupIds`, when sent, is the whole ordered list.
 */
export async function updateProduct(
  em: EntityManager,
  tenant: Tenant,
  id: string,
  patch: ProductPatch,
): Promise<ProductView> {
  return guardUniqueNames(() =>
    em.transactional(async (tx) => {
      await serializeProductWrites(tx);
      const product = await findOr404(tx, Product, id, 'Product');
      if (patch.name !== undefined) {
        const name = normalizeName(patch.name);
        await assertNameFree(tx, 'products', name, id);
        product.name = name;
      }
      if (patch.sku !== undefined) {
        await assertSkuFree(tx, patch.sku, id);
        product.sku = patch.sku;
      }
      await assertReferencesExist(tx, patch);
      if (patch.active === true && !product.active) {
        assertWithinPlanLimit(tenant, 'products', await tx.count(Product, { active: true }));
      }
      if (patch.priceCents !== undefined) {
        product.priceCents = patch.priceCents;
      }
      if (patch.categoryId !== undefined) {
        product.categoryId = patch.categoryId;
      }
      if (patch.stationId !== undefined) {
        product.stationId = patch.stationId;
      }
      if (patch.description !== undefined) {
        product.description = patch.description;
      }
      if (patch.position !== undefined) {
        product.position = patch.position;
      }
      if (patch.active !== undefined) {
        product.active = patch.active;
      }
      await tx.flush();
      const optionGroupIds =
        patch.optionGroupIds === undefined
          ? await linkedOptionGroupIds(tx, id)
          : await replaceOptionGroupLinks(tx, id, unique(patch.optionGroupIds));
      return presentProduct(product, optionGroupIds);
    }),
  );
}

async function linkedOptionGroupIds(em: EntityManager, productId: string): Promise<string[]> {
  const links = await em.find(ProductOptionGroup, { productId }, { orderBy: { position: 'asc' } });
  return links.map((link) => link.optionGroupId);
}

/**
 * Makes `optionGroupIds` the product's groups in that order: kept links move, new ones are
 * added, dropped ones removed (a link is structure, not history). Answers the ids.
 */
export async function replaceOptionGroupLinks(
  tx: EntityManager,
  productId: string,
  optionGroupIds: readonly string[],
): Promise<string[]> {
  const links = await tx.find(ProductOptionGroup, { productId });
  const byGroup = new Map(links.map((link) => [link.optionGroupId, link]));
  optionGroupIds.forEach((optionGroupId, position) => {
    const link = byGroup.get(optionGroupId);
    if (link) {
      link.position = position;
      byGroup.delete(optionGroupId);
    } else {
      tx.create(ProductOptionGroup, { productId, optionGroupId, position });
    }
  });
  for (const dropped of byGroup.values()) {
    tx.remove(dropped);
  }
  await tx.flush();
  return [...optionGroupIds];
}

// ---------------------------------------------------------------------------------------------
// Option groups

/** Adds an option group with its options, in the order given. */
export async function createOptionGroup(
  em: EntityManager,
  input: OptionGroupInput,
): Promise<OptionGroupView> {
  if (input.options.some((option) => option.id !== undefined)) {
    const index = input.options.findIndex((option) => option.id !== undefined);
    throw fieldError(`options.${index}.id`, 'unknown_reference', 'A new group has no options to keep');
  }
  return em.transactional(async (tx) => {
    const position = await tx.count(OptionGroup, {});
    const group = tx.create(OptionGroup, {
      name: normalizeName(input.name),
      required: input.required,
      minChoices: input.minChoices,
      maxChoices: input.maxChoices,
      position,
    });
    await tx.flush();
    const options = input.options.map((option, index) =>
      tx.create(Option, {
        optionGroupId: group.id,
        name: normalizeName(option.name),
        priceDeltaCents: option.priceDeltaCents,
        active: option.active,
        position: index,
      }),
    );
    await tx.flush();
    return presentOptionGroup(group, options);
  });
}

/**
 * Edits an option group. `options`, when sent, is the whole list: options named by id are kept
 * and edited, the others are added, and the group's options missing from it are deactivated —
 * past orders still show them.
 */
export async function updateOptionGroup(
  em: EntityManager,
  id: string,
  patch: OptionGroupPatch,
): Promise<OptionGroupView> {
  return em.transactional(async (tx) => {
    const group = await findOr404(tx, OptionGroup, id, 'Option group');
    const required = patch.required ?? group.required;
    const minChoices = patch.minChoices ?? group.minChoices;
    const maxChoices = patch.maxChoices ?? group.maxChoices;
    if (minChoices > maxChoices) {
      throw fieldError('minChoices', 'min_above_max', 'minChoices is above maxChoices', { max: maxChoices });
    }
    if (required && minChoices === 0) {
      throw fieldError('minChoices', 'too_short', 'A required group needs at least one choice', { min: 1 });
    }
    group.required = required;
    group.minChoices = minChoices;
    group.maxChoices = maxChoices;
    if (patch.name !== undefined) {
      group.name = normalizeName(patch.name);
    }
    if (patch.active !== undefined) {
      group.active = patch.active;
    }
    const existing = await tx.find(Option, { optionGroupId: id });
    if (patch.options !== undefined) {
      replaceOptions(tx, id, existing, patch.options);
    }
    await tx.flush();
    return presentOptionGroup(group, await tx.find(Option, { optionGroupId: id }));
  });
}

function replaceOptions(
  tx: EntityManager,
  optionGroupId: string,
  existing: Option[],
  list: OptionInput[],
): void {
  const byId = new Map(existing.map((option) => [option.id, option]));
  const kept = new Set<string>();
  list.forEach((input, index) => {
    if (input.id === undefined) {
      tx.create(Option, {
        optionGroupId,
        name: normalizeName(input.name),
        priceDeltaCents: input.priceDeltaCents,
        active: input.active,
        position: index,
      });
      return;
    }
    const option = byId.get(input.id);
    if (!option) {
      throw fieldError(`options.${index}.id`, 'unknown_reference', 'No such option in this group');
    }
    if (kept.has(input.id)) {
      throw fieldError(`options.${index}.id`, 'duplicate', 'The option is listed twice');
    }
    kept.add(input.id);
    option.name = normalizeName(input.name);
    option.priceDeltaCents = input.priceDeltaCents;
    option.active = input.active;
    option.position = index;
  });
  const dropped = existing.filter((option) => !kept.has(option.id)).sort((a, b) => a.position - b.position);
  dropped.forEach((option, index) => {
    option.active = false;
    option.position = list.length + index;
  });
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Loads a record by id, or 404 — also for ids that are not uuids, which no record has. */
export async function findOr404<Entity extends { id: string }>(
  em: EntityManager,
  entity: EntityName<Entity>,
  id: string,
  what: string,
): Promise<Entity> {
  if (!UUID.test(id)) {
    throw notFound(what);
  }
  const found = await em.findOne(entity, { id } as FilterQuery<Entity>);
  if (!found) {
    throw notFound(what);
  }
  return found;
}

async function assertNameFree(
  tx: EntityManager,
  table: 'categories' | 'products',
  name: string,
  exceptId?: string,
): Promise<void> {
  const taken = await selectRows<{ id: string }>(
    tx,
    `select id from ${table} where lower(name) = lower(?) and id is distinct from ?::uuid limit 1`,
    [name, exceptId ?? null],
  );
  if (taken.length > 0) {
    throw fieldError('name', 'taken', 'The name is already in use');
  }
}

async function assertSkuFree(
  tx: EntityManager,
  sku: string | null | undefined,
  exceptId?: string,
): Promise<void> {
  if (!sku) {
    return;
  }
  const taken = await tx.count(Product, { sku, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken > 0) {
    throw fieldError('sku', 'taken', 'The SKU is already in use');
  }
}

async function assertStationExists(tx: EntityManager, stationId: string | null | undefined): Promise<void> {
  if (stationId && (await tx.count(KitchenStation, { id: stationId })) === 0) {
    throw fieldError('stationId', 'unknown_reference', 'No such station');
  }
}

async function assertReferencesExist(
  tx: EntityManager,
  references: { categoryId?: string; stationId?: string | null; optionGroupIds?: readonly string[] },
): Promise<void> {
  if (
    references.categoryId !== undefined &&
    (await tx.count(Category, { id: references.categoryId })) === 0
  ) {
    throw fieldError('categoryId', 'unknown_reference', 'No such category');
  }
  await assertStationExists(tx, references.stationId);
  const groupIds = unique(references.optionGroupIds ?? []);
  if (groupIds.length > 0) {
    const found = await tx.find(OptionGroup, { id: { $in: groupIds } }, { fields: ['id'] });
    const known = new Set(found.map((group) => group.id));
    const missing = groupIds.find((groupId) => !known.has(groupId));
    if (missing) {
      throw fieldError('optionGroupIds', 'unknown_reference', 'No such option group', { id: missing });
    }
  }
}

/** Two requests that both passed a name check: the unique index decides, with the same answer. */
async function guardUniqueNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && 'constraint' in error) {
      if (error.constraint === CATEGORY_NAME_INDEX || error.constraint === PRODUCT_NAME_INDEX) {
        throw fieldError('name', 'taken', 'The name is already in use');
      }
      if (error.constraint === PRODUCT_SKU_INDEX) {
        throw fieldError('sku', 'taken', 'The SKU is already in use');
      }
    }
    throw error;
  }
}

export function fieldError(
  field: string,
  code: FieldIssueCode,
  message: string,
  params?: FieldIssue['params'],
): AppError {
  return new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${field}`, {
    fields: { [field]: params ? { code, message, params } : { code, message } },
  });
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
