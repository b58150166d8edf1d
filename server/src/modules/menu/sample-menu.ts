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

/**
 * The sample products as spreadsheet rows, so the import's checks and upsert load them. Without
 * SKU, Estación or Activo columns: a product the owner deactivated or re-routed stays so.
 */
export function sampleMenuSheet(): MenuSheet {
  const rows: RawMenuRow[] = SAMPLE_MENU.flatMap((category) =>
    category.products.map((product) => ({
      row: 0,
      cells: {
        category: category.name,
        name: product.name,
        price: product.priceCents / 100,
        description: product.description,
      },
    })),
  );
  rows.forEach((row, index) => (row.row = index + 2));
  return { columns: new Set(['category', 'name', 'price', 'description']), rows };
}

/**
 * Loads the sample pollería menu in one transaction. Idempotent: stations, categories and option
 * groups are matched by name and created only when missing (an owner's changes to them stay);
 * products are upserted by name through the import, so a second call updates and never
 * duplicates; option groups missing from a sample product are attached after its own ones.
 * Loads asked for at once queue behind one another (stations, then menu — the one lock order),
 * so the later ones find the first one's records.
 */
export async function loadSampleMenu(em: EntityManager, tenant: Tenant): Promise<MenuImportResult> {
  return answerUniqueViolation(
    () =>
      em.transactional(async (tx) => {
        await lockTenantScope(tx, 'stations');
        await lockTenantScope(tx, 'menu');
        const stationIds = await ensureStations(tx);
        const categoriesCreated = await ensureCategories(tx, stationIds);
        const applied = await applyMenuRows(tx, tenant, sampleMenuSheet(), 'reject');
        const groupIds = await ensureOptionGroups(tx);
        await attachOptionGroups(tx, applied.productIds, groupIds);
        return { ...applied.result, categoriesCreated };
      }),
    menuChangedMeanwhile,
  );
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
 * The sample's stations by name key. Missing ones are created and given to every active branch,
 * so a branch opened before the sample sends the sample's dishes somewhere.
 */
async function ensureStations(tx: EntityManager): Promise<Map<string, string>> {
  const ids = await idsByName(tx, 'kitchen_stations');
  let position = await tx.count(KitchenStation, {});
  const created: KitchenStation[] = [];
  for (const name of DEFAULT_STATION_NAMES) {
    if (!ids.has(nameKey(name))) {
      const station = tx.create(KitchenStation, { name, position: position++ });
      ids.set(nameKey(name), station.id);
      created.push(station);
    }
  }
  await tx.flush();
  if (created.length > 0) {
    const branches = await tx.find(Branch, { active: true }, { fields: ['id'] });
    linkStations(
      tx,
      branches.map((branch) => branch.id),
      created,
    );
    await tx.flush();
  }
  return ids;
}

async function ensureCategories(
  tx: EntityManager,
  stationIds: ReadonlyMap<string, string>,
): Promise<string[]> {
  const existing = await idsByName(tx, 'categories');
  let position = await tx.count(Category, {});
  const created: string[] = [];
  for (const category of SAMPLE_MENU) {
    if (existing.has(nameKey(category.name))) {
      continue;
    }
    tx.create(Category, {
      name: category.name,
      colour: category.colour,
      stationId: stationIds.get(nameKey(category.station)) ?? null,
      position: position++,
    });
    created.push(category.name);
  }
  await tx.flush();
  return created;
}

/** The sample's option groups by name key; missing groups, and missing options of existing ones, are added. */
async function ensureOptionGroups(tx: EntityManager): Promise<Map<string, string>> {
  const ids = await idsByName(tx, 'option_groups');
  let position = await tx.count(OptionGroup, {});
  for (const sample of SAMPLE_OPTION_GROUPS) {
    let groupId = ids.get(nameKey(sample.name));
    if (!groupId) {
      const { name, required, minChoices, maxChoices } = sample;
      groupId = tx.create(OptionGroup, { name, required, minChoices, maxChoices, position: position++ }).id;
      ids.set(nameKey(sample.name), groupId);
    }
    await tx.flush();
    const options = await tx.find(Option, { optionGroupId: groupId });
    const known = new Set(options.map((option) => nameKey(option.name)));
    let optionPosition = Math.max(-1, ...options.map((option) => option.position)) + 1;
    for (const option of sample.options) {
      if (!known.has(nameKey(option.name))) {
        tx.create(Option, { optionGroupId: groupId, ...option, position: optionPosition++ });
      }
    }
  }
  await tx.flush();
  return ids;
}

async function attachOptionGroups(
  tx: EntityManager,
  productIds: ReadonlyMap<string, string>,
  groupIds: ReadonlyMap<string, string>,
): Promise<void> {
  const wanted = SAMPLE_MENU.flatMap((category) => category.products).filter(
    (product) => product.optionGroups?.length,
  );
  const ids = wanted.map((product) => productIds.get(nameKey(product.name))).filter((id) => id !== undefined);
  const links = await tx.find(ProductOptionGroup, { productId: { $in: ids } });
  for (const product of wanted) {
    const productId = productIds.get(nameKey(product.name));
    if (!productId) {
      continue;
    }
    const own = links.filter((link) => link.productId === productId);
    const linked = new Set(own.map((link) => link.optionGroupId));
    let position = Math.max(-1, ...own.map((link) => link.position)) + 1;
    for (const groupName of product.optionGroups ?? []) {
      const optionGroupId = groupIds.get(nameKey(groupName));
      if (optionGroupId && !linked.has(optionGroupId)) {
        tx.create(ProductOptionGroup, { productId, optionGroupId, position: position++ });
        linked.add(optionGroupId);
      }
    }
  }
  await tx.flush();
}
