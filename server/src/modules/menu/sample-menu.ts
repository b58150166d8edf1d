import type { EntityManager } from '@mikro-orm/core';
import type { MenuImportResult } from '@smartket/shared';
import { lockTenantScope } from '../../db/locks.ts';
import { selectRows } from '../../db/queries.ts';
import { answerUniqueViolation } from '../../lib/errors.ts';
import { nameKey } from '../../lib/names.ts';
import { Branch } from '../branches/branch.entity.ts';
import { DEFAULT_STATION_NAMES, linkStations } from '../branches/branches.service.ts';
import { KitchenStation } from '../branches/kitchen-station.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { Category } from './category.entity.ts';
import { applyMenuRows, menuChangedMeanwhile } from './menu-import.service.ts';
import type { MenuSheet, RawMenuRow } from './menu-spreadsheet.ts';
import { OptionGroup } from './option-group.entity.ts';
import { Option } from './option.entity.ts';
import { ProductOptionGroup } from './product-option-group.entity.ts';

export interface SampleOptionGroup {
  name: string;
  required: boolean;
  minChoices: number;
  maxChoices: number;
  options: ReadonlyArray<{ name: string; priceDeltaCents: number }>;
}

export interface SampleProduct {
  name: string;
  priceCents: number;
  description: string;
  /** Names of `SAMPLE_OPTION_GROUPS`, in the order the waiter asks. */
  optionGroups?: readonly string[];
}

export interface SampleCategory {
  name: string;
  colour: string;
  /** One of the default stations, which the sample creates when the business lacks it. */
  station: (typeof DEFAULT_STATION_NAMES)[number];
  products: readonly SampleProduct[];
}

export const SAMPLE_OPTION_GROUPS: readonly SampleOptionGroup[] = [
  {
    name: 'Parte',
    required: true,
    minChoices: 1,
    maxChoices: 1,
    options: [
      { name: 'Pecho', priceDeltaCents: 0 },
      { name: 'Pierna', priceDeltaCents: 0 },
    ],
  },
  {
    name: 'Acompañamiento',
    required: true,
    minChoices: 1,
    maxChoices: 1,
    options: [
      { name: 'Papas y ensalada', priceDeltaCents: 0 },
      { name: 'Solo papas', priceDeltaCents: 0 },
      { name: 'Papas y arroz chaufa', priceDeltaCents: 400 },
      { name: 'Papas y plátanos fritos', priceDeltaCents: 300 },
    ],
  },
  {
    name: 'Cremas',
    required: false,
    minChoices: 0,
    maxChoices: 6,
    options: ['Mayonesa', 'Ketchup', 'Mostaza', 'Ají', 'Ocopa', 'Huacatay'].map((name) => ({
      name,
      priceDeltaCents: 0,
    })),
  },
  {
    name: 'Tamaño',
    required: true,
    minChoices: 1,
    maxChoices: 1,
    options: [
      { name: 'Personal', priceDeltaCents: 0 },
      { name: 'Jarra 1 L', priceDeltaCents: 1000 },
      { name: 'Jarra 1.5 L', priceDeltaCents: 1500 },
    ],
  },
];

const CHICKEN = ['Acompañamiento', 'Cremas'] as const;

/** A Lima pollería's menu at 2026 prices (soles, IGV included). */
export const SAMPLE_MENU: readonly SampleCategory[] = [
  {
    name: 'Pollos a la brasa',
    colour: '#f59e0b',
    station: 'Brasa',
    products: [
      {
        name: '1/4 de pollo a la brasa',
        priceCents: 1990,
        description: 'Con papas fritas y ensalada fresca',
        optionGroups: ['Parte', ...CHICKEN],
      },
      {
        name: '1/2 pollo a la brasa',
        priceCents: 3690,
        description: 'Con papas fritas y ensalada fresca',
        optionGroups: CHICKEN,
      },
      {
        name: 'Pollo entero a la brasa',
        priceCents: 6990,
        description: 'Con papas fritas familiares y ensalada fresca',
        optionGroups: CHICKEN,
      },
    ],
  },
  {
    name: 'Combos',
    colour: '#ef4444',
    station: 'Brasa',
    products: [
      {
        name: 'Mostrito',
        priceCents: 2290,
        description: '1/4 de pollo a la brasa con arroz chaufa y papas fritas',
        optionGroups: ['Parte', 'Cremas'],
      },
      {
        name: 'Combo pareja',
        priceCents: 4990,
        description: '1/2 pollo a la brasa, papas fritas, ensalada fresca y 2 chichas moradas personales',
        optionGroups: ['Cremas'],
      },
      {
        name: 'Combo familiar',
        priceCents: 8990,
        description: 'Pollo entero a la brasa, papas familiares, ensalada, arroz chaufa e Inca Kola 1.5 L',
        optionGroups: ['Cremas'],
      },
    ],
  },
  {
    name: 'Parrillas',
    colour: '#b45309',
    station: 'Brasa',
    products: [
      {
        name: 'Anticuchos de corazón',
        priceCents: 2490,
        description: 'Dos palitos con papas doradas y choclo',
        optionGroups: ['Cremas'],
      },
      {
        name: 'Mollejitas a la parrilla',
        priceCents: 2290,
        description: 'Con papas fritas y ensalada fresca',
        optionGroups: ['Cremas'],
      },
      {
        name: 'Parrilla personal',
        priceCents: 3990,
        description: 'Pollo, chorizo, anticucho y mollejitas con papas fritas',
        optionGroups: ['Cremas'],
      },
    ],
  },
  {
    name: 'Acompañamientos',
    colour: '#eab308',
    station: 'Cocina',
    products: [
      { name: 'Papas fritas', priceCents: 990, description: 'Porción personal', optionGroups: ['Cremas'] },
      {
        name: 'Papas fritas familiares',
        priceCents: 1790,
        description: 'Para compartir entre cuatro',
        optionGroups: ['Cremas'],
      },
      { name: 'Arroz chaufa', priceCents: 1490, description: 'Chaufa de pollo, porción personal' },
      { name: 'Plátanos fritos', priceCents: 790, description: 'Plátano de la isla frito' },
    ],
  },
  {
    name: 'Ensaladas',
    colour: '#22c55e',
    station: 'Cocina',
    products: [
      {
        name: 'Ensalada fresca',
        priceCents: 990,
        description: 'Lechuga, tomate, pepino y zanahoria con vinagreta',
      },
      {
        name: 'Ensalada de la casa',
        priceCents: 1490,
        description: 'Lechuga, tomate, palta, choclo y queso fresco',
      },
    ],
  },
  {
    name: 'Bebidas',
    colour: '#3b82f6',
    station: 'Bar',
    products: [
      { name: 'Inca Kola 500 ml', priceCents: 500, description: 'Botella personal helada' },
      { name: 'Coca-Cola 500 ml', priceCents: 500, description: 'Botella personal helada' },
      { name: 'Inca Kola 1.5 L', priceCents: 1100, description: 'Para la mesa' },
      { name: 'Coca-Cola 1.5 L', priceCents: 1100, description: 'Para la mesa' },
      {
        name: 'Chicha morada',
        priceCents: 600,
        description: 'Hecha en casa con maíz morado, piña y canela',
        optionGroups: ['Tamaño'],
      },
      { name: 'Limonada', priceCents: 600, description: 'Con limón de Chulucanas', optionGroups: ['Tamaño'] },
      { name: 'Agua mineral 625 ml', priceCents: 350, description: 'Sin gas' },
      { name: 'Cerveza Cusqueña 620 ml', priceCents: 1300, description: 'Dorada, bien helada' },
    ],
  },
  {
    name: 'Postres',
    colour: '#a855f7',
    station: 'Cocina',
    products: [
      { name: 'Mazamorra morada', priceCents: 750, description: 'Con canela y clavo' },
      { name: 'Arroz con leche', priceCents: 750, description: 'Con canela y pasas' },
      { name: 'Combinado', priceCents: 950, description: 'Mazamorra morada y arroz con leche' },
      { name: 'Torta de chocolate', priceCents: 1090, description: 'Tajada húmeda con fudge' },
    ],
  },
];

/** A sample product with the category the sample lists it under. */
export interface ListedSampleProduct {
  category: SampleCategory;
  product: SampleProduct;
}

/** Every product of the sample, in menu order. */
export const SAMPLE_PRODUCTS: readonly ListedSampleProduct[] = SAMPLE_MENU.flatMap((category) =>
  category.products.map((product) => ({ category, product })),
);

/**
 * Sample products as spreadsheet rows, so the import's checks and insert load them. Without SKU,
 * Estación or Activo columns: a new product is active and cooks at its category's station.
 */
export function sampleMenuSheet(products: readonly ListedSampleProduct[] = SAMPLE_PRODUCTS): MenuSheet {
  const rows: RawMenuRow[] = products.map(({ category, product }, index) => ({
    row: index + 2,
    cells: {
      category: category.name,
      name: product.name,
      price: product.priceCents / 100,
      description: product.description,
    },
  }));
  return { columns: new Set(['category', 'name', 'price', 'description']), rows };
}

/**
 * Loads the sample pollería menu in one transaction, adding only what the business lacks: the
 * sample products whose name no product has, and what those need that is missing too — their
 * category (with its station), their option groups (with their options) and the links between
 * them. A record that exists, the owner's or an earlier sample's, is never touched: not its price,
 * description, category, station, active flag, options or option groups. So a second load adds
 * nothing. Loads asked for at once queue behind one another (stations, then menu — the one lock
 * order), so the later ones find the first one's records.
 */
export async function loadSampleMenu(em: EntityManager, tenant: Tenant): Promise<MenuImportResult> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'stations');
        await lockTenantScope(tx, 'menu');
        const missing = await missingSampleProducts(tx);
        const categoriesCreated = await addMissingCategories(tx, missing);
        // Only missing products go through the import, so it creates them all and updates none.
        const applied = await applyMenuRows(tx, tenant, sampleMenuSheet(missing), 'reject');
        await linkOptionGroups(tx, missing, applied.productIds);
        const { created } = applied.result;
        return {
          rows: SAMPLE_PRODUCTS.length,
          created,
          updated: 0,
          unchanged: SAMPLE_PRODUCTS.length - created,
          categoriesCreated,
        };
      }),
    menuChangedMeanwhile,
  );
}

/** The sample products no product of the business is named like (in any case, active or not). */
async function missingSampleProducts(tx: EntityManager): Promise<ListedSampleProduct[]> {
  const rows = await selectRows<{ name: string }>(tx, 'select name from products');
  const taken = new Set(rows.map((row) => nameKey(row.name)));
  return SAMPLE_PRODUCTS.filter(({ product }) => !taken.has(nameKey(product.name)));
}

async function idsByName(tx: EntityManager, table: string): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: string; name: string }>(
    tx,
    `select id, name from ${table} order by active desc, position, name`,
  );
  const ids = new Map<string, string>();
  for (const row of rows) {
    // The first of each name wins: an active record before an inactive one.
    if (!ids.has(nameKey(row.name))) {
      ids.set(nameKey(row.name), row.id);
    }
  }
  return ids;
}

/**
 * Creates the sample categories the missing products are listed under and the business lacks,
 * each with its sample colour and station. Answers their names, in menu order.
 */
async function addMissingCategories(
  tx: EntityManager,
  missing: readonly ListedSampleProduct[],
): Promise<string[]> {
  const existing = await idsByName(tx, 'categories');
  const toCreate = SAMPLE_MENU.filter(
    (category) =>
      !existing.has(nameKey(category.name)) && missing.some((listed) => listed.category === category),
  );
  if (toCreate.length === 0) {
    return [];
  }
  const stationIds = await addMissingStations(
    tx,
    toCreate.map((category) => category.station),
  );
  let position = await tx.count(Category, {});
  for (const category of toCreate) {
    tx.create(Category, {
      name: category.name,
      colour: category.colour,
      stationId: stationIds.get(nameKey(category.station)) ?? null,
      position: position++,
    });
  }
  await tx.flush();
  return toCreate.map((category) => category.name);
}

/**
 * Every station by name key, after creating those of `names` the business lacks. A created one
 * is given to every active branch, so a branch opened before the sample sends its dishes somewhere.
 */
async function addMissingStations(tx: EntityManager, names: readonly string[]): Promise<Map<string, string>> {
  const ids = await idsByName(tx, 'kitchen_stations');
  let position = await tx.count(KitchenStation, {});
  const created: KitchenStation[] = [];
  for (const name of DEFAULT_STATION_NAMES) {
    if (names.includes(name) && !ids.has(nameKey(name))) {
      const station = tx.create(KitchenStation, { name, position: position++ });
      ids.set(nameKey(name), station.id);
      created.push(station);
    }
  }
  if (created.length === 0) {
    return ids;
  }
  await tx.flush();
  const branches = await tx.find(Branch, { active: true }, { fields: ['id'] });
  linkStations(
    tx,
    branches.map((branch) => branch.id),
    created,
  );
  await tx.flush();
  return ids;
}

/**
 * Gives each product the sample just created its option groups, in the order the waiter asks.
 * A group the business has by that name is used as it is; a missing one is created with its
 * options.
 */
async function linkOptionGroups(
  tx: EntityManager,
  created: readonly ListedSampleProduct[],
  productIds: ReadonlyMap<string, string>,
): Promise<void> {
  const wanted = new Set(created.flatMap(({ product }) => product.optionGroups ?? []));
  if (wanted.size === 0) {
    return;
  }
  const groupIds = await idsByName(tx, 'option_groups');
  const newGroups = SAMPLE_OPTION_GROUPS.filter(
    (sample) => wanted.has(sample.name) && !groupIds.has(nameKey(sample.name)),
  );
  let position = await tx.count(OptionGroup, {});
  const groups = newGroups.map((sample) => {
    const { name, required, minChoices, maxChoices } = sample;
    return {
      sample,
      group: tx.create(OptionGroup, { name, required, minChoices, maxChoices, position: position++ }),
    };
  });
  // Groups first: options and links name them by a plain uuid column, which the flush cannot order by.
  await tx.flush();
  for (const { sample, group } of groups) {
    groupIds.set(nameKey(sample.name), group.id);
    sample.options.forEach((option, optionPosition) =>
      tx.create(Option, { optionGroupId: group.id, ...option, position: optionPosition }),
    );
  }
  for (const { product } of created) {
    const productId = productIds.get(nameKey(product.name));
    if (!productId) {
      throw new Error(`The sample product ${product.name} was not created`);
    }
    (product.optionGroups ?? []).forEach((groupName, linkPosition) => {
      const optionGroupId = groupIds.get(nameKey(groupName));
      if (optionGroupId) {
        tx.create(ProductOptionGroup, { productId, optionGroupId, position: linkPosition });
      }
    });
  }
  await tx.flush();
}
