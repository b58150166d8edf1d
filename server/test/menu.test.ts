import type {
  CategoryView,
  ErrorBody,
  MenuImportResult,
  MenuView,
  OptionGroupView,
  ProductView,
} from '@smartket/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UNKNOWN_ID = '4b0c7c0e-9d1a-4e55-8f00-000000000000';

/** Kitchen stations straight into the tenant's database (the branches API is not under test here). */
async function addStations(
  server: TestServer,
  owner: BuiltOwner,
  names: string[],
): Promise<Map<string, string>> {
  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, owner.tenantId, { populate: ['databasePasswordSealed'] });
  const { url } = server.services.locator.locate(tenant);
  return withSqlClient(url, async (client) => {
    const ids = new Map<string, string>();
    for (const [position, name] of names.entries()) {
      const inserted = await client.query<{ id: string }>(
        `insert into kitchen_stations (id, name, position, active, created_at)
         values (gen_random_uuid(), $1, $2, true, now()) returning id`,
        [name, position],
      );
      ids.set(name, inserted.rows[0]?.id ?? '');
    }
    return ids;
  });
}

async function createCategory(client: ApiClient, name: string, extra: object = {}): Promise<CategoryView> {
  const response = await client.post<CategoryView>('/api/tenant/menu/categories', { name, ...extra });
  expect(response.status).toBe(201);
  return response.body;
}

async function createProduct(client: ApiClient, body: object): Promise<ProductView> {
  const response = await client.post<ProductView>('/api/tenant/menu/products', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function menuOf(client: ApiClient): Promise<MenuView> {
  const response = await client.get<MenuView>('/api/tenant/menu');
  expect(response.status).toBe(200);
  return response.body;
}

const PARTE = {
  name: 'Parte',
  required: true,
  minChoices: 1,
  maxChoices: 1,
  options: [{ name: 'Pecho' }, { name: 'Pierna' }],
};

describe('menu CRUD', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('starts empty', async () => {
    const owner = await buildTenant(server);
    expect(await menuOf(owner.client)).toEqual({ categories: [], products: [], optionGroups: [] });
  });

  it('creates and edits categories, refusing a name taken whatever its case', async () => {
    const owner = await buildTenant(server);
    const stations = await addStations(server, owner, ['Brasa']);
    const pollos = await createCategory(owner.client, 'Pollos a la brasa', {
      stationId: stations.get('Brasa'),
    });
    expect(pollos).toMatchObject({ name: 'Pollos a la brasa', colour: '#f59e0b', position: 0, active: true });
    const bebidas = await createCategory(owner.client, 'Bebidas', { colour: '#3B82F6' });
    expect(bebidas).toMatchObject({ colour: '#3b82f6', position: 1, stationId: null });

    const taken = await owner.client.post<ErrorBody>('/api/tenant/menu/categories', {
      name: '  POLLOS a la BRASA ',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error.fields?.name?.code).toBe('taken');

    const renameTaken = await owner.client.patch<ErrorBody>(`/api/tenant/menu/categories/${bebidas.id}`, {
      name: 'pollos a la brasa',
    });
    expect(renameTaken.status).toBe(422);
    expect(renameTaken.body.error.fields?.name?.code).toBe('taken');

    const unknownStation = await owner.client.post<ErrorBody>('/api/tenant/menu/categories', {
      name: 'Postres',
      stationId: UNKNOWN_ID,
    });
    expect(unknownStation.status).toBe(422);
    expect(unknownStation.body.error.fields?.stationId?.code).toBe('unknown_reference');

    const edited = await owner.client.patch<CategoryView>(`/api/tenant/menu/categories/${bebidas.id}`, {
      name: 'Bebidas heladas',
      position: 5,
      active: false,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Bebidas heladas', position: 5, active: false });
    // Its own name, in another case, is not "taken".
    const sameName = await owner.client.patch<CategoryView>(`/api/tenant/menu/categories/${bebidas.id}`, {
      name: 'BEBIDAS HELADAS',
    });
    expect(sameName.status).toBe(200);

    const menu = await menuOf(owner.client);
    expect(menu.categories.map((category) => [category.name, category.active])).toEqual([
      ['Pollos a la brasa', true],
      ['BEBIDAS HELADAS', false],
    ]);
  });

  it('answers 404 for unknown ids and ids that are not uuids', async () => {
    const owner = await buildTenant(server);
    for (const path of ['categories', 'products', 'option-groups']) {
      for (const id of [UNKNOWN_ID, 'no-es-un-id']) {
        const response = await owner.client.patch<ErrorBody>(`/api/tenant/menu/${path}/${id}`, {
          active: false,
        });
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('NOT_FOUND');
      }
    }
  });

  it('creates products with their option groups, refusing taken names and SKUs and unknown references', async () => {
    const owner = await buildTenant(server);
    const stations = await addStations(server, owner, ['Brasa', 'Cocina']);
    const pollos = await createCategory(owner.client, 'Pollos a la brasa');
    const parte = (await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', PARTE)).body;
    const cremas = (
      await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', {
        name: 'Cremas',
        required: false,
        minChoices: 0,
        maxChoices: 6,
        options: [{ name: 'Mayonesa' }, { name: 'Ají' }],
      })
    ).body;

    const cuarto = await createProduct(owner.client, {
      name: '  1/4 de   pollo a la brasa ',
      priceCents: 1990,
      categoryId: pollos.id,
      stationId: stations.get('Brasa'),
      sku: 'pol-1/4',
      description: 'Con papas fritas y ensalada',
      optionGroupIds: [cremas.id, parte.id],
    });
    expect(cuarto).toMatchObject({
      name: '1/4 de pollo a la brasa',
      sku: 'POL-1/4',
      priceCents: 1990,
      active: true,
      position: 0,
      optionGroupIds: [cremas.id, parte.id],
    });

    const refusals: Array<[object, string, string]> = [
      [{ name: '1/4 DE POLLO A LA BRASA' }, 'name', 'taken'],
      [{ sku: 'POL-1/4' }, 'sku', 'taken'],
      [{ categoryId: UNKNOWN_ID }, 'categoryId', 'unknown_reference'],
      [{ stationId: UNKNOWN_ID }, 'stationId', 'unknown_reference'],
      [{ optionGroupIds: [parte.id, UNKNOWN_ID] }, 'optionGroupIds', 'unknown_reference'],
      [{ priceCents: -1 }, 'priceCents', 'too_short'],
    ];
    for (const [change, field, code] of refusals) {
      const response = await owner.client.post<ErrorBody>('/api/tenant/menu/products', {
        name: 'Pollo entero',
        priceCents: 6990,
        categoryId: pollos.id,
        ...change,
      });
      expect(response.status, JSON.stringify(change)).toBe(422);
      expect(response.body.error.fields?.[field]?.code, JSON.stringify(response.body)).toBe(code);
    }
    expect((await menuOf(owner.client)).products).toHaveLength(1);

    const entero = await createProduct(owner.client, {
      name: 'Pollo entero',
      priceCents: 6990,
      categoryId: pollos.id,
    });
    expect(entero).toMatchObject({
      position: 1,
      sku: null,
      stationId: null,
      description: null,
      optionGroupIds: [],
    });
  });

  it('edits a product, replaces its option groups in order, and keeps it when deactivated', async () => {
    const owner = await buildTenant(server);
    const pollos = await createCategory(owner.client, 'Pollos a la brasa');
    const combos = await createCategory(owner.client, 'Combos');
    const parte = (await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', PARTE)).body;
    const tamano = (
      await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', {
        ...PARTE,
        name: 'Tamaño',
        options: [{ name: 'Personal' }, { name: '1 L', priceDeltaCents: 1000 }],
      })
    ).body;
    const cuarto = await createProduct(owner.client, {
      name: '1/4 de pollo',
      priceCents: 1990,
      categoryId: pollos.id,
      sku: 'POL-1',
      optionGroupIds: [parte.id],
    });
    await createProduct(owner.client, {
      name: 'Mostrito',
      priceCents: 2290,
      categoryId: combos.id,
      sku: 'COM-1',
    });

    const edited = await owner.client.patch<ProductView>(`/api/tenant/menu/products/${cuarto.id}`, {
      priceCents: 2090,
      categoryId: combos.id,
      description: 'Con papas',
      optionGroupIds: [tamano.id, parte.id],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      priceCents: 2090,
      categoryId: combos.id,
      description: 'Con papas',
      sku: 'POL-1',
      optionGroupIds: [tamano.id, parte.id],
    });

    const skuTaken = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${cuarto.id}`, {
      sku: 'com-1',
    });
    expect(skuTaken.status).toBe(422);
    expect(skuTaken.body.error.fields?.sku?.code).toBe('taken');
    const nameTaken = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${cuarto.id}`, {
      name: 'MOSTRITO',
    });
    expect(nameTaken.body.error.fields?.name?.code).toBe('taken');

    const dropped = await owner.client.patch<ProductView>(`/api/tenant/menu/products/${cuarto.id}`, {
      optionGroupIds: [parte.id],
      active: false,
    });
    expect(dropped.body).toMatchObject({ active: false, optionGroupIds: [parte.id] });
    const menu = await menuOf(owner.client);
    expect(menu.products.find((product) => product.id === cuarto.id)).toMatchObject({
      active: false,
      priceCents: 2090,
      optionGroupIds: [parte.id],
    });
    expect(menu.products).toHaveLength(2);

    const reactivated = await owner.client.patch<ProductView>(`/api/tenant/menu/products/${cuarto.id}`, {
      active: true,
    });
    expect(reactivated.body).toMatchObject({ active: true, optionGroupIds: [parte.id] });
  });

  it('replaces the options of a group: kept by id, new ones added, missing ones deactivated', async () => {
    const owner = await buildTenant(server);
    const created = await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', {
      name: 'Acompañamiento',
      required: true,
      minChoices: 1,
      maxChoices: 1,
      options: [
        { name: 'Papas y ensalada' },
        { name: 'Solo papas' },
        { name: 'Papas y arroz', priceDeltaCents: 300 },
      ],
    });
    expect(created.status).toBe(201);
    const [ensalada, soloPapas, arroz] = created.body.options;
    expect(
      created.body.options.map((option) => [option.name, option.position, option.priceDeltaCents]),
    ).toEqual([
      ['Papas y ensalada', 0, 0],
      ['Solo papas', 1, 0],
      ['Papas y arroz', 2, 300],
    ]);

    const replaced = await owner.client.patch<OptionGroupView>(
      `/api/tenant/menu/option-groups/${created.body.id}`,
      {
        name: 'Acompañamientos',
        options: [
          { id: arroz?.id, name: 'Papas y arroz chaufa', priceDeltaCents: 400 },
          { name: 'Papas y plátanos', priceDeltaCents: 300 },
          { id: ensalada?.id, name: 'Papas y ensalada' },
        ],
      },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.name).toBe('Acompañamientos');
    expect(replaced.body.options.map((option) => [option.name, option.position, option.active])).toEqual([
      ['Papas y arroz chaufa', 0, true],
      ['Papas y plátanos', 1, true],
      ['Papas y ensalada', 2, true],
      ['Solo papas', 3, false],
    ]);
    expect(replaced.body.options.find((option) => option.id === arroz?.id)?.priceDeltaCents).toBe(400);
    expect(replaced.body.options.find((option) => option.id === soloPapas?.id)?.active).toBe(false);

    const other = await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', PARTE);
    const foreignOption = await owner.client.patch<ErrorBody>(
      `/api/tenant/menu/option-groups/${created.body.id}`,
      {
        options: [{ id: other.body.options[0]?.id, name: 'Pecho' }],
      },
    );
    expect(foreignOption.status).toBe(422);
    expect(foreignOption.body.error.fields?.['options.0.id']?.code).toBe('unknown_reference');

    const minAboveMax = await owner.client.patch<ErrorBody>(
      `/api/tenant/menu/option-groups/${other.body.id}`,
      {
        minChoices: 3,
      },
    );
    expect(minAboveMax.status).toBe(422);
    expect(minAboveMax.body.error.fields?.minChoices?.code).toBe('min_above_max');
    const badInput = await owner.client.post<ErrorBody>('/api/tenant/menu/option-groups', {
      ...PARTE,
      minChoices: 2,
      maxChoices: 1,
    });
    expect(badInput.status).toBe(422);
    expect(badInput.body.error.fields?.minChoices?.code).toBe('min_above_max');
  });

  it('answers 404 to another tenant for every id of this one, and leaves the data as it was', async () => {
    const [owner, intruder] = await Promise.all([buildTenant(server), buildTenant(server)]);
    const pollos = await createCategory(owner.client, 'Pollos a la brasa');
    const parte = (await owner.client.post<OptionGroupView>('/api/tenant/menu/option-groups', PARTE)).body;
    await createProduct(owner.client, {
      name: '1/4 de pollo',
      priceCents: 1990,
      categoryId: pollos.id,
      optionGroupIds: [parte.id],
    });
    const before = await menuOf(owner.client);
    const product = before.products[0];

    const attempts: Array<[string, object]> = [
      [`categories/${pollos.id}`, { name: 'Hackeado' }],
      [`products/${product?.id}`, { priceCents: 1 }],
      [`option-groups/${parte.id}`, { name: 'Hackeado' }],
    ];
    for (const [path, body] of attempts) {
      const response = await intruder.client.patch<ErrorBody>(`/api/tenant/menu/${path}`, body);
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    // Nor can the intruder point its own product at this tenant's category or option group.
    const own = await createCategory(intruder.client, 'Mío');
    const crossCategory = await intruder.client.post<ErrorBody>('/api/tenant/menu/products', {
      name: 'Cruzado',
      priceCents: 100,
      categoryId: pollos.id,
    });
    expect(crossCategory.body.error.fields?.categoryId?.code).toBe('unknown_reference');
    const crossGroup = await intruder.client.post<ErrorBody>('/api/tenant/menu/products', {
      name: 'Cruzado',
      priceCents: 100,
      categoryId: own.id,
      optionGroupIds: [parte.id],
    });
    expect(crossGroup.body.error.fields?.optionGroupIds?.code).toBe('unknown_reference');

    expect(await menuOf(owner.client)).toEqual(before);
    expect((await menuOf(intruder.client)).products).toEqual([]);
  });

  it('stops at the plan limit of active products, for new ones and reactivated ones alike', async () => {
    const owner = await buildTenant(server);
    const limit = 5000;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Menú');
    sheet.addRow(['Categoría', 'Producto', 'Precio', 'Activo']);
    for (let index = 1; index <= limit; index += 1) {
      sheet.addRow(['Pollos a la brasa', `Producto ${index}`, 10, index === limit ? 'no' : 'sí']);
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await owner.client.upload<MenuImportResult>(
      '/api/tenant/menu/import?unknownCategories=create',
      file,
      XLSX,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(limit);

    const menu = await menuOf(owner.client);
    const category = menu.categories[0];
    const last = menu.products.find((product) => product.name === `Producto ${limit}`);
    // 4,999 active: one more fits.
    await createProduct(owner.client, { name: 'Uno más', priceCents: 100, categoryId: category?.id });
    const full = await owner.client.post<ErrorBody>('/api/tenant/menu/products', {
      name: 'Otro más',
      priceCents: 100,
      categoryId: category?.id,
    });
    expect(full.status).toBe(403);
    expect(full.body.error).toMatchObject({
      code: 'PLAN_LIMIT_REACHED',
      details: { limit: 'products', max: limit, plan: 'trial', current: limit },
    });
    const reactivate = await owner.client.patch<ErrorBody>(`/api/tenant/menu/products/${last?.id}`, {
      active: true,
    });
    expect(reactivate.status).toBe(403);
    // An inactive product does not count.
    const inactive = await owner.client.post<ProductView>('/api/tenant/menu/products', {
      name: 'Inactivo',
      priceCents: 100,
      categoryId: category?.id,
      active: false,
    });
    expect(inactive.status).toBe(201);

    const csv = Buffer.from('Categoría;Producto;Precio\nPollos a la brasa;Nuevo por archivo;12,50\n');
    const overImport = await owner.client.upload<ErrorBody>('/api/tenant/menu/import', csv, 'text/csv');
    expect(overImport.status).toBe(403);
    expect(overImport.body.error.code).toBe('PLAN_LIMIT_REACHED');
    expect((await menuOf(owner.client)).products).toHaveLength(limit + 2);
  });
});
