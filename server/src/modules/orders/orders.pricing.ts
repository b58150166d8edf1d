import type { ChosenOptionView, FieldIssue, RoundItemInput } from '@smartket/shared';
import { AppError } from '../../lib/errors.ts';
import type { Category } from '../menu/category.entity.ts';
import type { OptionGroup } from '../menu/option-group.entity.ts';
import type { Option } from '../menu/option.entity.ts';
import type { Product } from '../menu/product.entity.ts';

/** The part of the menu a round names, as `loadRoundMenu` reads it. */
export interface RoundMenu {
  products: ReadonlyMap<string, Product>;
  categories: ReadonlyMap<string, Category>;
  /** The option groups each product asks, in the order the waiter is asked (inactive ones too). */
  groupsByProduct: ReadonlyMap<string, readonly OptionGroup[]>;
  /** The options of those groups, inactive ones too. */
  options: ReadonlyMap<string, Option>;
  /** The active stations the branch has. */
  branchStationIds: ReadonlySet<string>;
}

/** A round's line as the menu prices and routes it at the moment it is sent. */
export interface PricedItem {
  input: RoundItemInput;
  product: Product;
  /** Product price plus the options' deltas; never below zero. */
  unitPriceCents: number;
  options: ChosenOptionView[];
  /** Where the kitchen cooks it; null when it has no station this branch has. */
  stationId: string | null;
}

/**
 * Prices and routes a round's items with the menu as it is now. Every product must be active in
 * an active category (else 422 PRODUCT_UNAVAILABLE naming `items.N.productId`), and every item's
 * options must be active options of groups its product asks, within each group's limits (else
 * 422 VALIDATION_FAILED naming `items.N.optionIds`). Every faulty item is named at once.
 */
export function priceRound(items: readonly RoundItemInput[], menu: RoundMenu): PricedItem[] {
  const unavailable: Record<string, FieldIssue> = {};
  const unavailableIds = new Set<string>();
  items.forEach((item, index) => {
    const product = menu.products.get(item.productId);
    const category = product ? menu.categories.get(product.categoryId) : undefined;
    if (!product?.active || !category?.active) {
      unavailable[`items.${index}.productId`] = {
        code: 'unavailable',
        message: product ? `${product.name} is not available` : 'No such product',
      };
      unavailableIds.add(item.productId);
    }
  });
  if (unavailableIds.size > 0) {
    throw new AppError('PRODUCT_UNAVAILABLE', 422, 'Some products are not available', {
      fields: unavailable,
      details: { productIds: [...unavailableIds] },
    });
  }

  const invalid: Record<string, FieldIssue> = {};
  const priced = items.map((item, index): PricedItem => {
    const product = menu.products.get(item.productId)!;
    const category = menu.categories.get(product.categoryId)!;
    const chosen = chooseOptions(item.optionIds, menu.groupsByProduct.get(product.id) ?? [], menu.options);
    if ('issue' in chosen) {
      invalid[`items.${index}.optionIds`] = chosen.issue;
    }
    const options = 'issue' in chosen ? [] : chosen.options;
    const station = product.stationId ?? category.stationId ?? null;
    return {
      input: item,
      product,
      // A delta may take money off; a misconfigured menu must not make a dish pay the client.
      unitPriceCents: Math.max(
        0,
        product.priceCents + options.reduce((sum, option) => sum + option.priceDeltaCents, 0),
      ),
      options,
      stationId: station !== null && menu.branchStationIds.has(station) ? station : null,
    };
  });
  const names = Object.keys(invalid);
  if (names.length > 0) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${names.join(', ')}`, { fields: invalid });
  }
  return priced;
}

/**
 * The options chosen for one item, in the order the product asks its groups — or what is wrong
 * with them: an unknown, inactive, repeated or foreign option, or a group chosen too few or too
 * many times. A group that is not required may be skipped; once chosen, its minimum applies.
 */
function chooseOptions(
  optionIds: readonly string[],
  groups: readonly OptionGroup[],
  options: ReadonlyMap<string, Option>,
): { options: ChosenOptionView[] } | { issue: FieldIssue } {
  const asked = groups.filter((group) => group.active);
  const askedIds = new Set(asked.map((group) => group.id));
  if (new Set(optionIds).size !== optionIds.length) {
    return { issue: optionsInvalid('An option is chosen twice') };
  }
  const picked: Option[] = [];
  for (const optionId of optionIds) {
    const option = options.get(optionId);
    if (!option?.active || !askedIds.has(option.optionGroupId)) {
      return { issue: optionsInvalid('This product does not offer that option', { optionId }) };
    }
    picked.push(option);
  }
  const chosen: ChosenOptionView[] = [];
  for (const group of asked) {
    const inGroup = picked
      .filter((option) => option.optionGroupId === group.id)
      .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    const min = group.required ? Math.max(group.minChoices, 1) : group.minChoices;
    const skipped = inGroup.length === 0 && !group.required;
    if (!skipped && (inGroup.length < min || inGroup.length > group.maxChoices)) {
      return {
        issue: optionsInvalid(`Choose ${min} to ${group.maxChoices} of ${group.name}`, {
          group: group.name,
          min,
          max: group.maxChoices,
        }),
      };
    }
    chosen.push(
      ...inGroup.map((option) => ({
        optionId: option.id,
        groupName: group.name,
        name: option.name,
        priceDeltaCents: option.priceDeltaCents,
      })),
    );
  }
  return { options: chosen };
}

function optionsInvalid(message: string, params?: FieldIssue['params']): FieldIssue {
  return params ? { code: 'options_invalid', message, params } : { code: 'options_invalid', message };
}
