import type { RoundItemInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import type { Category } from '../menu/category.entity.ts';
import type { OptionGroup } from '../menu/option-group.entity.ts';
import type { Option } from '../menu/option.entity.ts';
import type { Product } from '../menu/product.entity.ts';
import { priceRound, type RoundMenu } from './orders.pricing.ts';

const at = new Date('2026-03-06T20:00:00Z');
const BRASA = '00000000-0000-4000-8000-0000000000b1';
const BAR = '00000000-0000-4000-8000-0000000000b2';

function category(fields: Partial<Category> = {}): Category {
  return {
    id: crypto.randomUUID(),
    name: 'Pollos',
    colour: '#f59e0b',
    stationId: BRASA,
    position: 0,
    active: true,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

function product(categoryId: string, fields: Partial<Product> = {}): Product {
  return {
    id: crypto.randomUUID(),
    categoryId,
    name: '1/4 Pollo a la brasa',
    priceCents: 1900,
    stationId: null,
    sku: null,
    description: null,
    position: 0,
    active: true,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

function group(fields: Partial<OptionGroup> = {}): OptionGroup {
  return {
    id: crypto.randomUUID(),
    name: 'Parte',
    required: true,
    minChoices: 1,
    maxChoices: 1,
    position: 0,
    active: true,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

function option(groupId: string, name: string, fields: Partial<Option> = {}): Option {
  return {
    id: crypto.randomUUID(),
    optionGroupId: groupId,
    name,
    priceDeltaCents: 0,
    position: 0,
    active: true,
    ...fields,
  };
}

function item(productId: string, optionIds: string[] = []): RoundItemInput {
  return { id: crypto.randomUUID(), productId, quantity: 1, optionIds, note: null };
}

/** A chicken asking for its part (required, one) and extras (optional: none, or two to three). */
function menu() {
  const pollos = category();
  const chicken = product(pollos.id);
  const part = group();
  const extras = group({ name: 'Extras', required: false, minChoices: 2, maxChoices: 3, position: 1 });
  const retired = group({ name: 'Salsas', required: true, active: false });
  const breast = option(part.id, 'Pecho', { priceDeltaCents: 150 });
  const leg = option(part.id, 'Pierna', { position: 1 });
  const fries = option(extras.id, 'Papas', { priceDeltaCents: 400 });
  const salad = option(extras.id, 'Ensalada', { position: 1 });
  const rice = option(extras.id, 'Arroz', { position: 2, priceDeltaCents: -2500 });
  const mayo = option(retired.id, 'Mayonesa');
  const roundMenu: RoundMenu = {
    products: new Map([[chicken.id, chicken]]),
    categories: new Map([[pollos.id, pollos]]),
    groupsByProduct: new Map([[chicken.id, [part, extras, retired]]]),
    options: new Map([breast, leg, fries, salad, rice, mayo].map((entry) => [entry.id, entry])),
    branchStationIds: new Set([BRASA, BAR]),
  };
  return { roundMenu, pollos, chicken, breast, leg, fries, salad, rice, mayo };
}

function issueOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('priceRound', () => {
  it('adds the options’ deltas to the price and lists them in the product’s order', () => {
    const { roundMenu, chicken, breast, fries, salad } = menu();
    const [priced] = priceRound([item(chicken.id, [salad.id, breast.id, fries.id])], roundMenu);
    expect(priced!.unitPriceCents).toBe(1900 + 150 + 400);
    expect(priced!.options.map((chosen) => [chosen.groupName, chosen.name])).toEqual([
      ['Parte', 'Pecho'],
      ['Extras', 'Papas'],
      ['Extras', 'Ensalada'],
    ]);
    expect(priced!.stationId).toBe(BRASA);
  });

  it('lets an optional group be skipped, but holds it to its minimum once chosen', () => {
    const { roundMenu, chicken, leg, fries, salad } = menu();
    expect(priceRound([item(chicken.id, [leg.id])], roundMenu)[0]!.unitPriceCents).toBe(1900);
    const one = issueOf(() => priceRound([item(chicken.id, [leg.id, fries.id])], roundMenu));
    expect(one.fields?.['items.0.optionIds']).toMatchObject({
      code: 'options_invalid',
      params: { group: 'Extras', min: 2, max: 3 },
    });
    expect(priceRound([item(chicken.id, [leg.id, fries.id, salad.id])], roundMenu)).toHaveLength(1);
  });

  it('ignores an inactive group, and refuses its options', () => {
    const { roundMenu, chicken, leg, mayo } = menu();
    expect(priceRound([item(chicken.id, [leg.id])], roundMenu)).toHaveLength(1);
    expect(issueOf(() => priceRound([item(chicken.id, [leg.id, mayo.id])], roundMenu)).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('never prices a dish below zero', () => {
    const { roundMenu, chicken, leg, salad, rice } = menu();
    const [priced] = priceRound([item(chicken.id, [leg.id, salad.id, rice.id])], roundMenu);
    expect(priced!.unitPriceCents).toBe(0);
  });

  it('sends an item to its product’s station, else its category’s, if the branch has it', () => {
    const { roundMenu, pollos } = menu();
    const soda = product(pollos.id, { name: 'Inca Kola', stationId: BAR });
    const tea = product(pollos.id, { name: 'Té', stationId: crypto.randomUUID() });
    const water = product(category({ stationId: null }).id, { name: 'Agua' });
    const withDrinks: RoundMenu = {
      ...roundMenu,
      products: new Map([...roundMenu.products, [soda.id, soda], [tea.id, tea], [water.id, water]]),
      categories: new Map([
        ...roundMenu.categories,
        [water.categoryId, category({ id: water.categoryId, stationId: null })],
      ]),
    };
    const priced = priceRound([item(soda.id), item(tea.id), item(water.id)], withDrinks);
    expect(priced.map((line) => line.stationId)).toEqual([BAR, null, null]);
  });

  it('names every unavailable product before looking at options', () => {
    const { roundMenu, chicken, pollos } = menu();
    const retired = product(pollos.id, { active: false });
    const offMenu: RoundMenu = {
      ...roundMenu,
      products: new Map([...roundMenu.products, [retired.id, retired]]),
    };
    const unknown = crypto.randomUUID();
    const error = issueOf(() => priceRound([item(chicken.id), item(retired.id), item(unknown)], offMenu));
    expect(error.code).toBe('PRODUCT_UNAVAILABLE');
    expect(Object.keys(error.fields ?? {})).toEqual(['items.1.productId', 'items.2.productId']);
    expect(error.details).toEqual({ productIds: [retired.id, unknown] });
  });
});
