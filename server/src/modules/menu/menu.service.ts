import type { EntityManager } from '@mikro-orm/core';
import type {
  CategoryInput,
  CategoryPatch,
  OptionGroupInput,
  OptionGroupPatch,
  OptionInput,
  ProductInput,
  ProductPatch,
} from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { findOr404 } from '../../db/queries.ts';
import { assignDefined } from '../../lib/assign.ts';
import { answerUniqueViolation, fieldError, type AppError } from '../../lib/errors.ts';
import { assertNameFree, nameTaken, normalizeName } from '../../lib/names.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { KitchenStation } from '../branches/kitchen-station.entity.ts';
import { assertWithinPlanLimit } from '../plans/plans.policy.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { Category } from './category.entity.ts';
import type { MenuRecords } from './menu.presenter.ts';
import { OptionGroup } from './option-group.entity.ts';
import { Option } from './option.entity.ts';
import { ProductOptionGroup } from './product-option-group.entity.ts';
import { Product } from './product.entity.ts';

const CATEGORY_NAME_INDEX = 'categories_name_unique';
const PRODUCT_NAME_INDEX = 'products_name_unique';
const PRODUCT_SKU_INDEX = 'products_sku_unique';

/** A product with the ids of its option groups, in the order the waiter asks them. */
export interface ProductWithOptionGroups {
  product: Product;
  optionGroupIds: string[];
}

/** An option group with its options, active or not. */
export interface OptionGroupWithOptions {
  group: OptionGroup;
  options: Option[];
}

/** The whole menu, inactive records included, each list by position then name. */
export async function loadMenu(em: EntityManager): Promise<MenuRecords> {
  const [categories, products, optionGroups, options, links] = await Promise.all([
    em.find(Category, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(Product, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(OptionGroup, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(Option, {}, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(ProductOptionGroup, {}, { orderBy: { position: 'asc' } }),
  ]);
  return { categories, products, optionGroups, options, links };
}

// ---------------------------------------------------------------------------------------------
// Categories

/**
 * Adds a category at the end of the menu. It queues behind imports and the sample menu, which
 * create categories too, so a name one of them is adding reads as taken rather than failing them.
 */
export async function createCategory(em: EntityManager, input: CategoryInput): Promise<Category> {
  const name = normalizeName(input.name);
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'menu');
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
    answerMenuIndexes,
  );
}

/** Renames, recolours, re-routes, moves or (de)activates a category; its products stay as they are. */
export async function updateCategory(em: EntityManager, id: string, patch: CategoryPatch): Promise<Category> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'menu');
        const category = await findOr404(tx, Category, id, 'Category');
        if (patch.name !== undefined) {
          const name = normalizeName(patch.name);
          await assertNameFree(tx, 'categories', name, id);
          category.name = name;
        }
        await assertStationExists(tx, patch.stationId);
        assignDefined(category, patch, ['stationId', 'colour', 'position', 'active']);
        await tx.flush();
        return category;
      }),
    answerMenuIndexes,
  );
}

// ---------------------------------------------------------------------------------------------
// Products

/** Adds a product at the end of its category, within the plan's limit of active products. */
export async function createProduct(
  em: EntityManager,
  tenant: Tenant,
  input: ProductInput,
): Promise<ProductWithOptionGroups> {
  const name = normalizeName(input.name);
  const optionGroupIds = unique(input.optionGroupIds);
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'menu');
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
        return { product, optionGroupIds };
      }),
    answerMenuIndexes,
  );
}

/**
 * Edits a product. Deactivating keeps it (orders and reports still name it); reactivating counts
 * against the plan again. `optionGroupIds`, when sent, is the whole ordered list. A new price is
 * recorded in the audit log (`menu.price_changed`), in the same transaction.
 */
export async function updateProduct(
  em: EntityManager,
  tenant: Tenant,
  id: string,
  patch: ProductPatch,
  audit: AuditContext,
): Promise<ProductWithOptionGroups> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'menu');
        const product = await findOr404(tx, Product, id, 'Product');
        if (patch.name !== undefined) {
          const name = normalizeName(patch.name);
          await assertNameFree(tx, 'products', name, id);
          product.name = name;
        }
        if (patch.sku !== undefined) {
          await assertSkuFree(tx, patch.sku, id);
        }
        await assertReferencesExist(tx, patch);
        if (patch.active === true && !product.active) {
          assertWithinPlanLimit(tenant, 'products', await tx.count(Product, { active: true }));
        }
        const priceBefore = product.priceCents;
        assignDefined(product, patch, [
          'sku',
          'priceCents',
          'categoryId',
          'stationId',
          'description',
          'position',
          'active',
        ]);
        if (product.priceCents !== priceBefore) {
          recordPriceChange(
            tx,
            audit,
            { type: 'product', id, label: product.name },
            priceBefore,
            product.priceCents,
          );
        }
        await tx.flush();
        const optionGroupIds =
          patch.optionGroupIds === undefined
            ? await linkedOptionGroupIds(tx, id)
            : await replaceOptionGroupLinks(tx, id, unique(patch.optionGroupIds));
        return { product, optionGroupIds };
      }),
    answerMenuIndexes,
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
    // Deleted, not deactivated: links, not history (an order keeps the options it was sold with).
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
): Promise<OptionGroupWithOptions> {
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
    return { group, options };
  });
}

/**
 * Edits an option group. `options`, when sent, is the whole list: options named by id are kept
 * and edited, the others are added, and the group's options missing from it are deactivated —
 * past orders still show them. A kept option whose price delta changes is recorded in the audit
 * log (`menu.price_changed`), in the same transaction.
 */
export async function updateOptionGroup(
  em: EntityManager,
  id: string,
  patch: OptionGroupPatch,
  audit: AuditContext,
): Promise<OptionGroupWithOptions> {
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
    assignDefined(group, patch, ['active']);
    const existing = await tx.find(Option, { optionGroupId: id });
    if (patch.options !== undefined) {
      for (const { option, priceBefore } of replaceOptions(tx, id, existing, patch.options)) {
        const label = `${group.name}: ${option.name}`;
        recordPriceChange(
          tx,
          audit,
          { type: 'option', id: option.id, label },
          priceBefore,
          option.priceDeltaCents,
        );
      }
    }
    await tx.flush();
    return { group, options: await tx.find(Option, { optionGroupId: id }) };
  });
}

/** Applies the whole option list; answers the kept options whose price delta changed. */
function replaceOptions(
  tx: EntityManager,
  optionGroupId: string,
  existing: Option[],
  list: OptionInput[],
): Array<{ option: Option; priceBefore: number }> {
  const byId = new Map(existing.map((option) => [option.id, option]));
  const kept = new Set<string>();
  const repriced: Array<{ option: Option; priceBefore: number }> = [];
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
    if (option.priceDeltaCents !== input.priceDeltaCents) {
      repriced.push({ option, priceBefore: option.priceDeltaCents });
    }
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
  return repriced;
}

/**
 * `menu.price_changed` for a product (its price) or an option (the price it adds), both as
 * `priceCents`. The menu is the whole business's, so the entry names no branch.
 */
function recordPriceChange(
  tx: EntityManager,
  audit: AuditContext,
  entity: { type: 'product' | 'option'; id: string; label: string },
  before: number,
  after: number,
): void {
  recordAudit(
    tx,
    audit.actor,
    {
      action: 'menu.price_changed',
      entity,
      before: { priceCents: before },
      after: { priceCents: after },
      branchId: null,
    },
    audit.at,
  );
}

// ---------------------------------------------------------------------------------------------
// Checks

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

/** Two requests that both passed a name or SKU check: the unique index answers the same. */
function answerMenuIndexes(index: string): AppError | undefined {
  if (index === CATEGORY_NAME_INDEX || index === PRODUCT_NAME_INDEX) {
    return nameTaken();
  }
  return index === PRODUCT_SKU_INDEX ? fieldError('sku', 'taken', 'The SKU is already in use') : undefined;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
