import type { CategoryView, MenuView, OptionGroupView, OptionView, ProductView } from '@smartket/shared';
import type { Category } from './category.entity.ts';
import type { OptionGroup } from './option-group.entity.ts';
import type { Option } from './option.entity.ts';
import type { ProductOptionGroup } from './product-option-group.entity.ts';
import type { Product } from './product.entity.ts';

export function presentCategory(category: Category): CategoryView {
  return {
    id: category.id,
    name: category.name,
    colour: category.colour,
    stationId: category.stationId ?? null,
    position: category.position,
    active: category.active,
  };
}

/** `optionGroupIds` in the order the waiter is asked (the links' positions). */
export function presentProduct(product: Product, optionGroupIds: readonly string[]): ProductView {
  return {
    id: product.id,
    name: product.name,
    priceCents: product.priceCents,
    categoryId: product.categoryId,
    stationId: product.stationId ?? null,
    sku: product.sku ?? null,
    description: product.description ?? null,
    active: product.active,
    position: product.position,
    optionGroupIds: [...optionGroupIds],
  };
}

export function presentOption(option: Option): OptionView {
  return {
    id: option.id,
    name: option.name,
    priceDeltaCents: option.priceDeltaCents,
    position: option.position,
    active: option.active,
  };
}

/** `options` may hold other groups' options too; only this group's are shown, by position. */
export function presentOptionGroup(group: OptionGroup, options: readonly Option[]): OptionGroupView {
  return {
    id: group.id,
    name: group.name,
    required: group.required,
    minChoices: group.minChoices,
    maxChoices: group.maxChoices,
    active: group.active,
    options: options
      .filter((option) => option.optionGroupId === group.id)
      .sort((a, b) => a.position - b.position)
      .map(presentOption),
  };
}

/** The option group ids of each product, in position order. */
export function optionGroupIdsByProduct(links: readonly ProductOptionGroup[]): Map<string, string[]> {
  const byProduct = new Map<string, string[]>();
  for (const link of [...links].sort((a, b) => a.position - b.position)) {
    const ids = byProduct.get(link.productId) ?? [];
    ids.push(link.optionGroupId);
    byProduct.set(link.productId, ids);
  }
  return byProduct;
}

export interface MenuRecords {
  categories: readonly Category[];
  products: readonly Product[];
  optionGroups: readonly OptionGroup[];
  options: readonly Option[];
  links: readonly ProductOptionGroup[];
}

/** The whole menu; each list keeps the order it was loaded in. */
export function presentMenu(records: MenuRecords): MenuView {
  const groupIds = optionGroupIdsByProduct(records.links);
  return {
    categories: records.categories.map(presentCategory),
    products: records.products.map((product) => presentProduct(product, groupIds.get(product.id) ?? [])),
    optionGroups: records.optionGroups.map((group) => presentOptionGroup(group, records.options)),
  };
}
