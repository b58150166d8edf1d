import {
  MENU_SHEET_COLUMNS,
  type BranchDetailView,
  type CategoryView,
  type ErrorBody,
  type MenuImportIssue,
  type MenuImportResult,
  type MenuView,
  type OptionGroupView,
  type ProductView,
  type StationView,
} from '@smartket/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MENU, SAMPLE_OPTION_GROUPS, SAMPLE_PRODUCTS } from '../src/modules/menu/sample-menu.ts';
import { buildTenant } from './factories.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT = '/api/tenant/menu/import';
const HEADERS = MENU_SHEET_COLUMNS.map((column) => column.header);

type Row = Array<string | number | null>;

/** A workbook as an owner would fill it in Excel: sheet "Menú", the headers, then `rows`. */
async function workbook(rows: Row[], headers: string[] = HEADERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Menú');
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function menuOf(client: ApiClient): Promise<MenuView> {
  const response = await client.get<MenuView>('/api/tenant/menu');
  expect(response.status).toBe(200);
  return response.body;
}

async function importOk(client: ApiClient, file: Buffer, query = '', type = XLSX): Promise<MenuImportResult> {
  const response = await client.upload<MenuImportResult>(`${IMPORT}${query}`, file, type);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

function byName(menu: MenuView): Map<string, ProductView> {
  return new Map(menu.products.map((product) => [product.name, product]));
}

const FIVE_ROWS: Row[] = [
  ['Pollos a la brasa', '1/4 de pollo a la brasa', 19.9, 'POL-1/4', 'Con papas y ensalada', null, 'sí'],
  ['Pollos a la brasa', '1/2 pollo a la brasa', '36,90', 'POL-1/2', null, null, null],
  ['Bebidas', 'Inca Kola 500 ml', '5.00', null, null, null, 'si'],
  ['Bebidas', 'Chicha morada', 6, null, 'Hecha en casa', null, 'no'],
  ['Postres', 'Mazamorra morada', '7.50', 'POS-1', null, null, 'x'],
];

describe('menu import', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('imports an Excel file, creating its categories when asked', async () => {
    const owner = await buildTenant(server);
    const result = await importOk(owner.client, await workbook(FIVE_ROWS), '?unknownCategories=create');
    expect(result).toEqual({
      rows: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      categoriesCreated: ['Pollos a la brasa', 'Bebidas', 'Postres'],
    });
    const menu = await menuOf(owner.client);
    expect(menu.categories.map((category) => [category.name, category.position, category.colour])).toEqual([
      ['Pollos a la brasa', 0, '#f59e0b'],
      ['Bebidas', 1, '#f59e0b'],
      ['Postres', 2, '#f59e0b'],
    ]);
    const products = byName(menu);
    expect(products.get('1/4 de pollo a la brasa')).toMatchObject({
      priceCents: 1990,
      sku: 'POL-1/4',
      description: 'Con papas y ensalada',
      active: true,
      position: 0,
      stationId: null,
    });
    expect(products.get('1/2 pollo a la brasa')).toMatchObject({ priceCents: 3690, position: 1 });
    expect(products.get('Chicha morada')).toMatchObject({ priceCents: 600, active: false });
    expect(products.get('Mazamorra morada')).toMatchObject({ priceCents: 750, active: true, sku: 'POS-1' });
  });

  it('refuses unknown categories by default, naming each row, and imports nothing', async () => {
    const owner = await buildTenant(server);
    const response = await owner.client.upload<ErrorBody>(IMPORT, await workbook(FIVE_ROWS), XLSX);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('IMPORT_REJECTED');
    const issues = response.body.error.details?.issues as MenuImportIssue[];
    expect(issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual(
      [2, 3, 4, 5, 6].map((row) => [row, 'Categoría', 'unknown_category']),
    );
    expect(response.body.error.details?.issueCount).toBe(5);
    expect(await menuOf(owner.client)).toEqual({ categories: [], products: [], optionGroups: [] });
  });

  it('refuses the whole file when a middle row is wrong, naming its row and columns', async () => {
    const owner = await buildTenant(server);
    await importOk(owner.client, await workbook(FIVE_ROWS.slice(0, 1)), '?unknownCategories=create');
    const before = await menuOf(owner.client);

    const rows = FIVE_ROWS.map((row) => [...row]);
    rows[1] = ['Pollos a la brasa', '', '36.9O', 'POL 1/2', null, 'Horno', 'quizás'];
    const response = await owner.client.upload<ErrorBody>(
      `${IMPORT}?unknownCategories=create`,
      await workbook(rows),
      XLSX,
    );
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('IMPORT_REJECTED');
    const issues = response.body.error.details?.issues as MenuImportIssue[];
    expect(issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual([
      [3, 'Producto', 'required'],
      [3, 'Precio', 'invalid_price'],
      [3, 'SKU', 'invalid_value'],
      [3, 'Estación', 'unknown_station'],
      [3, 'Activo', 'invalid_value'],
    ]);
    expect(await menuOf(owner.client)).toEqual(before);
  });

  it('updates on re-import instead of duplicating, and counts what changed', async () => {
    const owner = await buildTenant(server);
    const file = await workbook(FIVE_ROWS);
    await importOk(owner.client, file, '?unknownCategories=create');
    const first = await menuOf(owner.client);

    expect(await importOk(owner.client, file)).toEqual({
      rows: 5,
      created: 0,
      updated: 0,
      unchanged: 5,
      categoriesCreated: [],
    });
    expect(await menuOf(owner.client)).toEqual(first);

    const rows = FIVE_ROWS.map((row) => [...row]);
    rows[2] = ['Bebidas', 'INCA KOLA 500 ML', '5,50', null, null, null, 'sí'];
    expect(await importOk(owner.client, await workbook(rows))).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 4,
    });
    const after = await menuOf(owner.client);
    expect(after.products).toHaveLength(5);
    const inca = first.products.find((product) => product.name === 'Inca Kola 500 ml');
    expect(after.products.find((product) => product.id === inca?.id)).toMatchObject({
      name: 'INCA KOLA 500 ML',
      priceCents: 550,
    });
  });

  it('reads CSV with ; or , and prices like 12,50', async () => {
    const owner = await buildTenant(server);
    const semicolon =
      '\ufeffCategoría;Producto;Precio;Activo\nPollos;Pollo entero;69,90;sí\nPollos;Mostrito;"22,90";no\n';
    expect(
      await importOk(
        owner.client,
        Buffer.from(semicolon),
        '?unknownCategories=create',
        'text/csv; charset=utf-8',
      ),
    ).toMatchObject({ created: 2, categoriesCreated: ['Pollos'] });
    const comma =
      'producto,precio,categoria\n"Papas fritas, porción",9.90,Pollos\nPollo entero,"70,50",Pollos\n';
    expect(await importOk(owner.client, Buffer.from(comma), '', 'text/csv')).toMatchObject({
      created: 1,
      updated: 1,
    });
    const products = byName(await menuOf(owner.client));
    expect(products.get('Pollo entero')?.priceCents).toBe(7050);
    expect(products.get('Mostrito')).toMatchObject({ priceCents: 2290, active: false });
    expect(products.get('Papas fritas, porción')?.priceCents).toBe(990);
  });

  it('answers 413 for a file over 5 MB', async () => {
    const owner = await buildTenant(server);
    const response = await owner.client.upload<ErrorBody>(
      IMPORT,
      Buffer.alloc(5 * 1024 * 1024 + 1, 0x41),
      'text/csv',
    );
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses what is not a spreadsheet: 415 for another type, 422 for other bytes under the right type', async () => {
    const owner = await buildTenant(server);
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600', 'hex');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0, 0, 1])]);

    const wrongType = await owner.client.upload<ErrorBody>(IMPORT, png, 'image/png');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    for (const file of [png, pdf]) {
      const response = await owner.client.upload<ErrorBody>(IMPORT, file, XLSX);
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'unreadable' } });
    }
    const noHeaders = await owner.client.upload<ErrorBody>(
      IMPORT,
      await workbook([['a', 'b', 1]], ['A', 'B']),
      XLSX,
    );
    expect(noHeaders.body.error).toMatchObject({
      code: 'INVALID_FILE',
      details: { reason: 'missing_columns', missingColumns: ['Categoría', 'Producto', 'Precio'] },
    });
    const empty = await owner.client.upload<ErrorBody>(IMPORT, Buffer.alloc(0), XLSX);
    expect(empty.body.error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'empty' } });
    const badQuery = await owner.client.upload<ErrorBody>(`${IMPORT}?unknownCategories=maybe`, png, XLSX);
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.error.fields?.unknownCategories?.code).toBe('invalid_value');
  });

  it('refuses more than 5,000 rows as an invalid file', async () => {
    const owner = await buildTenant(server);
    const rows: Row[] = Array.from({ length: 5001 }, (_, index) => ['Pollos', `Producto ${index}`, 10]);
    const response = await owner.client.upload<ErrorBody>(
      `${IMPORT}?unknownCategories=create`,
      await workbook(rows, ['Categoría', 'Producto', 'Precio']),
      XLSX,
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'INVALID_FILE',
      details: { reason: 'too_many_rows', maxRows: 5000 },
    });
    expect((await menuOf(owner.client)).products).toEqual([]);
  });

  it('gives a template: a valid .xlsx with the headers, notes and drop-down lists', async () => {
    const owner = await buildTenant(server);
    await owner.client.post('/api/tenant/menu/sample');
    const response = await owner.client.download('/api/tenant/menu/import-template');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="plantilla-menu-smartket.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(response.body).buffer);
    const sheet = book.getWorksheet('Menú');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet?.getCell('A2').value).toBe('Pollos a la brasa');
    expect(sheet?.getCell('F2').value).toBe('Brasa');
    expect(sheet?.getCell('A3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Listas!$A$2:$A$8'],
    });
    expect(sheet?.getCell('F3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Listas!$B$2:$B$4'],
    });
    expect(sheet?.getCell('G3').dataValidation).toMatchObject({ type: 'list' });
    const lists = book.getWorksheet('Listas');
    expect(lists?.state).toBe('hidden');
    expect(lists?.getColumn(2).values.slice(2)).toEqual(['Brasa', 'Cocina', 'Bar']);
    expect(book.getWorksheet('Instrucciones')?.getCell('A1').value).toBe('Cómo llenar la hoja «Menú»');
  });

  it('exports the menu so that importing it back changes nothing', async () => {
    const owner = await buildTenant(server);
    await owner.client.post('/api/tenant/menu/sample');
    const sample = await menuOf(owner.client);
    const brasa = sample.categories.find((category) => category.name === 'Pollos a la brasa')?.stationId;
    const chicha = sample.products.find((product) => product.name === 'Chicha morada');
    const cuarto = sample.products.find((product) => product.name === '1/4 de pollo a la brasa');
    await owner.client.patch(`/api/tenant/menu/products/${chicha?.id}`, { active: false });
    await owner.client.patch(`/api/tenant/menu/products/${cuarto?.id}`, {
      sku: 'pol-1/4',
      stationId: brasa,
      priceCents: 2050,
      // A description keeps its line breaks and spaces as the API stored them (trimmed only).
      description: 'Con papas fritas\ny ensalada  fresca',
    });
    const before = await menuOf(owner.client);
    expect(byName(before).get('1/4 de pollo a la brasa')?.description).toBe(
      'Con papas fritas\ny ensalada  fresca',
    );

    const exported = await owner.client.download('/api/tenant/menu/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="menu-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const result = await importOk(owner.client, exported.body);
    expect(result).toEqual({
      rows: before.products.length,
      created: 0,
      updated: 0,
      unchanged: before.products.length,
      categoriesCreated: [],
    });
    expect(await menuOf(owner.client)).toEqual(before);
  });

  it('loads the sample pollería menu, and a second time adds nothing and changes nothing', async () => {
    const owner = await buildTenant(server);
    const productCount = SAMPLE_PRODUCTS.length;
    const first = await owner.client.post<MenuImportResult>('/api/tenant/menu/sample');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      rows: productCount,
      created: productCount,
      updated: 0,
      unchanged: 0,
      categoriesCreated: SAMPLE_MENU.map((category) => category.name),
    });
    const menu = await menuOf(owner.client);
    expect(menu.optionGroups.map((group) => group.name)).toEqual(
      SAMPLE_OPTION_GROUPS.map((group) => group.name),
    );
    const groups = new Map(menu.optionGroups.map((group) => [group.name, group]));
    expect(groups.get('Cremas')).toMatchObject({ required: false, minChoices: 0, maxChoices: 6 });
    expect(groups.get('Cremas')?.options.map((option) => option.name)).toEqual([
      'Mayonesa',
      'Ketchup',
      'Mostaza',
      'Ají',
      'Ocopa',
      'Huacatay',
    ]);
    const products = byName(menu);
    expect(products.get('1/4 de pollo a la brasa')).toMatchObject({
      priceCents: 1990,
      optionGroupIds: ['Parte', 'Acompañamiento', 'Cremas'].map((name) => groups.get(name)?.id),
    });
    expect(products.get('Chicha morada')?.optionGroupIds).toEqual([groups.get('Tamaño')?.id]);
    expect(products.get('Pollo entero a la brasa')?.priceCents).toBe(6990);
    const pollos = menu.categories.find((category) => category.name === 'Pollos a la brasa');
    expect(pollos?.stationId).toEqual(expect.any(String));

    // The owner makes the sample theirs: a price, a product off, a group unlinked, an option off,
    // a station renamed. Loading the sample again puts none of it back and duplicates nothing.
    const cremas = groups.get('Cremas');
    const edits = await Promise.all([
      owner.client.patch(`/api/tenant/menu/products/${products.get('Limonada')?.id}`, { priceCents: 700 }),
      owner.client.patch(`/api/tenant/menu/products/${products.get('Chicha morada')?.id}`, { active: false }),
      owner.client.patch(`/api/tenant/menu/products/${products.get('1/2 pollo a la brasa')?.id}`, {
        optionGroupIds: [],
      }),
      owner.client.patch(`/api/tenant/menu/option-groups/${cremas?.id}`, {
        name: 'Cremas',
        required: false,
        minChoices: 0,
        maxChoices: 2,
        options: cremas?.options
          .filter((option) => option.name !== 'Huacatay')
          .map(({ id, name, priceDeltaCents }) => ({ id, name, priceDeltaCents })),
      }),
      owner.client.patch(`/api/tenant/stations/${pollos?.stationId}`, { name: 'Parrilla' }),
    ]);
    expect(edits.map((edit) => edit.status)).toEqual([200, 200, 200, 200, 200]);
    const edited = await menuOf(owner.client);
    const stations = (await owner.client.get<StationView[]>('/api/tenant/stations')).body;

    const second = await owner.client.post<MenuImportResult>('/api/tenant/menu/sample');
    expect(second.body).toEqual({
      rows: productCount,
      created: 0,
      updated: 0,
      unchanged: productCount,
      categoriesCreated: [],
    });
    expect(await menuOf(owner.client)).toEqual(edited);
    expect((await owner.client.get<StationView[]>('/api/tenant/stations')).body).toEqual(stations);
    expect(byName(edited).get('Limonada')?.priceCents).toBe(700);
  });

  it('never changes an owner’s product with a sample name, and adds the rest of the sample around it', async () => {
    const owner = await buildTenant(server);
    const post = async <T>(path: string, body: unknown): Promise<T> => {
      const response = await owner.client.post<T>(`/api/tenant/menu/${path}`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    // The owner's own menu, typed before looking at the sample.
    const misPollos = await post<CategoryView>('categories', { name: 'Mis pollos', colour: '#ef4444' });
    const bebidas = await post<CategoryView>('categories', { name: 'Bebidas', colour: '#0ea5e9' });
    const cremas = await post<OptionGroupView>('option-groups', {
      name: 'cremas',
      required: false,
      minChoices: 0,
      maxChoices: 2,
      options: [{ name: 'Mayonesa' }, { name: 'Ají de la casa', priceDeltaCents: 50 }],
    });
    const entero = await post<ProductView>('products', {
      name: 'Pollo entero a la brasa',
      priceCents: 6450,
      categoryId: misPollos.id,
      sku: 'POLLO-1',
      description: 'Con papas nativas',
      optionGroupIds: [cremas.id],
    });
    const limonada = await post<ProductView>('products', {
      name: 'LIMONADA',
      priceCents: 550,
      categoryId: misPollos.id,
      active: false,
    });
    const before = await menuOf(owner.client);

    const loaded = await owner.client.post<MenuImportResult>('/api/tenant/menu/sample');
    expect(loaded.status).toBe(200);
    expect(loaded.body).toEqual({
      rows: SAMPLE_PRODUCTS.length,
      created: SAMPLE_PRODUCTS.length - 2,
      updated: 0,
      unchanged: 2,
      categoriesCreated: SAMPLE_MENU.map((category) => category.name).filter((name) => name !== 'Bebidas'),
    });
    const menu = await menuOf(owner.client);
    const products = byName(menu);
    // Price, description, category, SKU, active and option groups exactly as the owner wrote them.
    expect(products.get('Pollo entero a la brasa')).toEqual(entero);
    expect(products.get('LIMONADA')).toEqual(limonada);
    expect(products.has('Limonada')).toBe(false);
    expect(menu.categories.find((category) => category.id === bebidas.id)).toEqual(bebidas);
    // The owner's group serves the sample's dishes as it is: no sample option added to it.
    const groups = new Map(menu.optionGroups.map((group) => [group.name, group]));
    expect(groups.get('cremas')).toEqual(before.optionGroups[0]);
    expect(menu.optionGroups.map((group) => group.name)).toEqual([
      'cremas',
      'Parte',
      'Acompañamiento',
      'Tamaño',
    ]);

    // Every other sample product is added once, drinks in the owner's "Bebidas".
    const others = SAMPLE_PRODUCTS.filter(
      ({ product }) => !['Pollo entero a la brasa', 'Limonada'].includes(product.name),
    );
    expect(menu.products).toHaveLength(2 + others.length);
    const categoryIds = new Map(menu.categories.map((category) => [category.name, category.id]));
    for (const { category, product } of others) {
      expect(products.get(product.name), product.name).toMatchObject({
        priceCents: product.priceCents,
        description: product.description,
        categoryId: categoryIds.get(category.name),
        active: true,
      });
    }
    expect(products.get('1/2 pollo a la brasa')?.optionGroupIds).toEqual([
      groups.get('Acompañamiento')?.id,
      cremas.id,
    ]);
    expect(products.get('Inca Kola 500 ml')?.categoryId).toBe(bebidas.id);

    const again = await owner.client.post<MenuImportResult>('/api/tenant/menu/sample');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: SAMPLE_PRODUCTS.length });
    expect(again.body.categoriesCreated).toEqual([]);
    expect(await menuOf(owner.client)).toEqual(menu);
  });

  it('adds nothing for a menu that already has every sample product, not even an empty category', async () => {
    const owner = await buildTenant(server);
    const category = await owner.client.post<CategoryView>('/api/tenant/menu/categories', { name: 'Carta' });
    for (const { product } of SAMPLE_PRODUCTS) {
      const created = await owner.client.post('/api/tenant/menu/products', {
        name: product.name,
        priceCents: product.priceCents + 100,
        categoryId: category.body.id,
      });
      expect(created.status).toBe(201);
    }
    const before = await menuOf(owner.client);
    const loaded = await owner.client.post<MenuImportResult>('/api/tenant/menu/sample');
    expect(loaded.body).toEqual({
      rows: SAMPLE_PRODUCTS.length,
      created: 0,
      updated: 0,
      unchanged: SAMPLE_PRODUCTS.length,
      categoriesCreated: [],
    });
    expect(await menuOf(owner.client)).toEqual(before);
    expect((await owner.client.get<StationView[]>('/api/tenant/stations')).body).toEqual([]);
  });

  it('loads the sample once when it is asked for three times at once', async () => {
    const owner = await buildTenant(server);
    const answers = await Promise.all(
      [1, 2, 3].map(() => owner.client.post<MenuImportResult>('/api/tenant/menu/sample')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const created = answers.map((answer) => answer.body.created).sort((a, b) => b - a);
    const productCount = SAMPLE_PRODUCTS.length;
    expect(created).toEqual([productCount, 0, 0]);
    const menu = await menuOf(owner.client);
    expect(menu.products).toHaveLength(productCount);
    expect(menu.categories).toHaveLength(SAMPLE_MENU.length);
    expect(menu.optionGroups).toHaveLength(SAMPLE_OPTION_GROUPS.length);
    const stations = await owner.client.get<StationView[]>('/api/tenant/stations');
    expect(stations.body.map((station) => station.name)).toEqual(['Brasa', 'Cocina', 'Bar']);
  });

  it('makes a category created during an import wait for it, instead of failing the import', async () => {
    const owner = await buildTenant(server);
    const file = await workbook(FIVE_ROWS);
    const [category, imported] = await withTenantSql(server, owner.tenantId, async (sql) => {
      // An uncommitted "Pollos a la brasa" holds the import at its first new category, after it
      // read the menu; "Bebidas" is created meanwhile, and the import must not trip over it.
      await sql.query('begin');
      await sql.query(
        `insert into categories (id, name, colour, position, created_at, updated_at)
         values (gen_random_uuid(), 'Pollos a la brasa', '#f59e0b', 0, now(), now())`,
      );
      const importing = owner.client.upload<MenuImportResult>(
        `${IMPORT}?unknownCategories=create`,
        file,
        XLSX,
      );
      await lockWaiters(sql, 1);
      const creating = owner.client.post<ErrorBody>('/api/tenant/menu/categories', { name: 'Bebidas' });
      // Either the category is created now, or it waits its turn behind the import.
      await Promise.race([creating, lockWaiters(sql, 2)]);
      await sql.query('rollback');
      return Promise.all([creating, importing]);
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.categoriesCreated).toEqual(['Pollos a la brasa', 'Bebidas', 'Postres']);
    expect(category.status).toBe(422);
    expect(category.body.error.fields?.name?.code).toBe('taken');
  });

  it('gives the stations the sample creates to every active branch', async () => {
    const owner = await buildTenant(server);
    const opened = await owner.client.post<BranchDetailView>('/api/tenant/branches', {
      name: 'Local Central',
      address: null,
      district: null,
    });
    expect(opened.status).toBe(201);
    expect((await owner.client.post('/api/tenant/menu/sample')).status).toBe(200);
    const detail = await owner.client.get<BranchDetailView>(`/api/tenant/branches/${opened.body.branch.id}`);
    expect(detail.body.stations.map((station) => [station.name, station.branchIds])).toEqual([
      ['Brasa', [opened.body.branch.id]],
      ['Cocina', [opened.body.branch.id]],
      ['Bar', [opened.body.branch.id]],
    ]);
  });

  it('takes no body to load the sample, and names a field it does not know', async () => {
    const owner = await buildTenant(server);
    const refused = await owner.client.post<ErrorBody>('/api/tenant/menu/sample', { x: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ x: expect.objectContaining({ code: 'unknown_field' }) });
    expect((await menuOf(owner.client)).products).toEqual([]);
    expect((await owner.client.post('/api/tenant/menu/sample', {})).status).toBe(200);
  });
});
