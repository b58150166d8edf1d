import type { MenuSheetColumn } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import {
  planMenuImport,
  readActive,
  validateMenuRows,
  type ExistingProduct,
  type MenuImportContext,
} from './menu-import.service.ts';
import type { MenuSheet, RawMenuRow } from './menu-spreadsheet.ts';

const ALL_COLUMNS: MenuSheetColumn[] = [
  'category',
  'name',
  'price',
  'sku',
  'description',
  'station',
  'active',
];
const POLLOS = { id: '00000000-0000-4000-8000-000000000001', name: 'Pollos a la brasa', position: 0 };
const BEBIDAS = { id: '00000000-0000-4000-8000-000000000002', name: 'Bebidas', position: 1 };
const BRASA = { id: '00000000-0000-4000-8000-0000000000b1', name: 'Brasa' };
const BAR = { id: '00000000-0000-4000-8000-0000000000b2', name: 'Bar' };

function product(overrides: Partial<ExistingProduct> & { id: string; name: string }): ExistingProduct {
  return {
    sku: null,
    categoryId: POLLOS.id,
    stationId: null,
    priceCents: 1990,
    description: null,
    active: true,
    position: 0,
    ...overrides,
  };
}

const CUARTO = product({ id: '00000000-0000-4000-8000-0000000000c1', name: '1/4 de pollo', sku: 'POL-1' });
const INCA = product({
  id: '00000000-0000-4000-8000-0000000000c2',
  name: 'Inca Kola 500 ml',
  sku: 'BEB-1',
  categoryId: BEBIDAS.id,
  priceCents: 500,
  position: 3,
});

function context(overrides: Partial<MenuImportContext> = {}): MenuImportContext {
  return {
    categories: [POLLOS, BEBIDAS],
    stations: [BRASA, BAR],
    products: [CUARTO, INCA],
    unknownCategories: 'reject',
    ...overrides,
  };
}

type Cells = RawMenuRow['cells'];

/** Rows numbered as Excel shows them: the first data row is row 2. */
function sheet(rows: Cells[], columns: MenuSheetColumn[] = ALL_COLUMNS): MenuSheet {
  return { columns: new Set(columns), rows: rows.map((cells, index) => ({ row: index + 2, cells })) };
}

const row = (cells: Cells = {}): Cells => ({
  category: 'Pollos a la brasa',
  name: 'Pollo entero',
  price: '69.90',
  ...cells,
});

describe('validateMenuRows', () => {
  it('accepts a good row and reads every column', () => {
    const check = validateMenuRows(
      sheet([
        row({
          sku: 'pol-3',
          description: '  Con papas\ny ensalada  fresca ',
          station: 'brasa',
          active: 'no',
        }),
      ]),
      context(),
    );
    expect(check.issues).toEqual([]);
    expect(check.rows).toEqual([
      {
        row: 2,
        target: null,
        category: 'Pollos a la brasa',
        name: 'Pollo entero',
        priceCents: 6990,
        sku: 'POL-3',
        // Trimmed only, as the API stores descriptions, so an export imports back unchanged.
        description: 'Con papas\ny ensalada  fresca',
        stationId: BRASA.id,
        active: false,
      },
    ]);
  });

  it.each<[string | number, number]>([
    ['12.50', 1250],
    ['12,50', 1250],
    ['S/ 12.50', 1250],
    ['12', 1200],
    [12.5, 1250],
    [19.9, 1990],
    ['1.250,00', 125000],
  ])('reads the price %j as %i céntimos', (price, cents) => {
    const check = validateMenuRows(sheet([row({ price })]), context());
    expect(check.issues).toEqual([]);
    expect(check.rows[0]?.priceCents).toBe(cents);
  });

  it.each<[string | number | boolean]>([['12.505'], ['doce'], ['-3'], [12.345], [true], ['1,250']])(
    'refuses the price %j as invalid_price',
    (price) => {
      const check = validateMenuRows(sheet([row({ price })]), context());
      expect(check.issues).toEqual([
        expect.objectContaining({ row: 2, column: 'Precio', code: 'invalid_price' }),
      ]);
      expect(check.rows).toEqual([]);
    },
  );

  it('names each missing required cell with its Spanish header', () => {
    const check = validateMenuRows(sheet([{ category: '', name: '   ', price: null }]), context());
    expect(check.issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual([
      [2, 'Categoría', 'required'],
      [2, 'Producto', 'required'],
      [2, 'Precio', 'required'],
    ]);
  });

  it('refuses names, categories, descriptions and SKUs that are too long, with the limit', () => {
    const check = validateMenuRows(
      sheet([
        row({ name: 'P'.repeat(81) }),
        row({ name: 'Ok', category: 'C'.repeat(81) }),
        row({ name: 'Ok 2', description: 'D'.repeat(301) }),
        row({ name: 'Ok 3', sku: 'S'.repeat(41) }),
      ]),
      context(),
    );
    expect(check.issues.map((issue) => [issue.row, issue.column, issue.code, issue.params])).toEqual([
      [2, 'Producto', 'too_long', { max: 80 }],
      [3, 'Categoría', 'too_long', { max: 80 }],
      [4, 'Descripción', 'too_long', { max: 300 }],
      [5, 'SKU', 'too_long', { max: 40 }],
    ]);
  });

  it('refuses a SKU with characters the SKU format does not allow', () => {
    const check = validateMenuRows(sheet([row({ sku: 'POL 1#' })]), context());
    expect(check.issues).toEqual([expect.objectContaining({ row: 2, column: 'SKU', code: 'invalid_value' })]);
  });

  it('reads a numeric SKU cell as text', () => {
    const check = validateMenuRows(sheet([row({ sku: 1001 })]), context());
    expect(check.rows[0]?.sku).toBe('1001');
  });

  it('refuses a station the business does not have', () => {
    const check = validateMenuRows(sheet([row({ station: 'Horno' })]), context());
    expect(check.issues).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Estación',
        code: 'unknown_station',
        params: { station: 'Horno' },
      }),
    ]);
  });

  it('refuses an Activo it cannot read', () => {
    const check = validateMenuRows(sheet([row({ active: 'quizás' })]), context());
    expect(check.issues).toEqual([
      expect.objectContaining({ row: 2, column: 'Activo', code: 'invalid_value' }),
    ]);
  });

  it('flags the later of two rows with the same name (case and spaces aside) or SKU', () => {
    const check = validateMenuRows(
      sheet([
        row({ name: 'Pollo entero', sku: 'A-1' }),
        row({ name: 'Papas', sku: 'B-1' }),
        row({ name: '  POLLO   ENTERO ', sku: 'C-1' }),
        row({ name: 'Chaufa', sku: 'b-1' }),
      ]),
      context(),
    );
    expect(check.issues.map((issue) => [issue.row, issue.column, issue.code, issue.params])).toEqual([
      [4, 'Producto', 'duplicate', { firstRow: 2 }],
      [5, 'SKU', 'duplicate', { firstRow: 3 }],
    ]);
  });

  it("flags a row whose SKU is one product's and whose name is another's", () => {
    const check = validateMenuRows(sheet([row({ sku: 'POL-1', name: 'Inca Kola 500 ml' })]), context());
    expect(check.issues).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Producto',
        code: 'duplicate',
        params: { product: 'Inca Kola 500 ml', sku: 'POL-1' },
      }),
    ]);
  });

  it('flags two rows that would update the same product', () => {
    const check = validateMenuRows(
      sheet([row({ name: '1/4 de pollo', sku: '' }), row({ name: 'Cuarto de pollo', sku: 'POL-1' })]),
      context(),
    );
    expect(check.issues).toEqual([
      expect.objectContaining({ row: 3, column: 'Producto', code: 'duplicate', params: { firstRow: 2 } }),
    ]);
  });

  it('matches existing products by SKU first, else by name whatever its case', () => {
    const check = validateMenuRows(
      sheet([row({ name: 'Cuarto de pollo', sku: 'pol-1' }), row({ name: 'INCA KOLA 500 ML', sku: '' })]),
      context(),
    );
    expect(check.issues).toEqual([]);
    expect(check.rows.map((valid) => valid.target?.id)).toEqual([CUARTO.id, INCA.id]);
  });

  it('refuses unknown categories on every row that names one, when told to reject', () => {
    const check = validateMenuRows(
      sheet([
        row({ category: 'Postres', name: 'Mazamorra' }),
        row({ category: 'postres', name: 'Arroz con leche' }),
      ]),
      context(),
    );
    expect(check.issues.map((issue) => [issue.row, issue.column, issue.code, issue.params])).toEqual([
      [2, 'Categoría', 'unknown_category', { category: 'Postres' }],
      [3, 'Categoría', 'unknown_category', { category: 'postres' }],
    ]);
  });

  it('plans unknown categories once, with the first station a row gives, when told to create', () => {
    const check = validateMenuRows(
      sheet([
        row({ category: 'Postres', name: 'Mazamorra', station: '' }),
        row({ category: 'POSTRES', name: 'Arroz con leche', station: 'Bar' }),
        row({ category: 'Parrillas', name: 'Anticuchos' }),
      ]),
      context({ unknownCategories: 'create' }),
    );
    expect(check.issues).toEqual([]);
    expect(check.newCategories).toEqual([
      { name: 'Postres', stationId: BAR.id },
      { name: 'Parrillas', stationId: null },
    ]);
  });

  it('lists issues by row, then column order, and keeps rows without issues apart', () => {
    const check = validateMenuRows(
      sheet([
        row({ name: 'Uno' }),
        row({ name: 'Dos', active: 'tal vez', price: 'x' }),
        row({ name: 'Tres' }),
      ]),
      context(),
    );
    expect(check.issues.map((issue) => [issue.row, issue.column])).toEqual([
      [3, 'Precio'],
      [3, 'Activo'],
    ]);
    expect(check.rows.map((valid) => valid.row)).toEqual([2, 4]);
  });
});

describe('readActive', () => {
  it.each<[string | number | boolean | null, boolean | undefined]>([
    ['sí', true],
    ['Sí', true],
    ['si', true],
    ['SI', true],
    ['yes', true],
    ['1', true],
    [1, true],
    ['true', true],
    [true, true],
    ['x', true],
    ['X', true],
    ['', true],
    [null, true],
    ['no', false],
    ['NO', false],
    ['0', false],
    [0, false],
    ['false', false],
    [false, false],
    ['FALSO', false],
    ['tal vez', undefined],
    [2, undefined],
  ])('%j → %s', (value, active) => expect(readActive(value)).toBe(active));
});

describe('planMenuImport', () => {
  it('creates, updates and leaves unchanged, counting the active products it adds', () => {
    const ctx = context({ unknownCategories: 'create' });
    const check = validateMenuRows(
      sheet(
        [
          row({ name: '1/4 de pollo', sku: 'POL-1', price: '19.90', category: 'Pollos a la brasa' }),
          row({ name: 'Inca Kola 500 ml', sku: 'BEB-1', price: '5.50', category: 'Bebidas' }),
          row({ name: 'Mazamorra', sku: '', price: '7', category: 'Postres' }),
          row({ name: 'Chicha', sku: '', price: '6', category: 'Bebidas', active: 'no' }),
        ],
        ['category', 'name', 'price', 'sku', 'active'],
      ),
      ctx,
    );
    const plan = planMenuImport(check, ctx);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toEqual([expect.objectContaining({ id: INCA.id, priceCents: 550, position: 3 })]);
    expect(plan.categoriesToCreate).toEqual([expect.objectContaining({ name: 'Postres', position: 2 })]);
    const postres = plan.categoriesToCreate[0]?.id;
    expect(plan.creates).toEqual([
      expect.objectContaining({
        name: 'Mazamorra',
        categoryId: postres,
        priceCents: 700,
        position: 0,
        active: true,
      }),
      expect.objectContaining({ name: 'Chicha', categoryId: BEBIDAS.id, position: 4, active: false }),
    ]);
    expect(plan.activeDelta).toBe(1);
  });

  it('leaves the fields of columns the file lacks as they are', () => {
    const existing = product({
      id: '00000000-0000-4000-8000-0000000000c9',
      name: 'Papas',
      sku: 'PAP-1',
      description: 'Porción',
      stationId: BRASA.id,
      active: false,
    });
    const ctx = context({ products: [existing] });
    const check = validateMenuRows(
      sheet([row({ name: 'Papas', price: '9.90' })], ['category', 'name', 'price']),
      ctx,
    );
    const plan = planMenuImport(check, ctx);
    expect(plan.updates).toEqual([
      {
        ...existing,
        priceCents: 990,
        sku: 'PAP-1',
        description: 'Porción',
        stationId: BRASA.id,
        active: false,
      },
    ]);
    expect(plan.activeDelta).toBe(0);
  });

  it('counts a deactivation and a reactivation in the active delta', () => {
    const inactive = product({ id: '00000000-0000-4000-8000-0000000000ca', name: 'Papas', active: false });
    const ctx = context({ products: [CUARTO, inactive] });
    const check = validateMenuRows(
      sheet([
        row({ name: '1/4 de pollo', sku: 'POL-1', active: 'no' }),
        row({ name: 'Papas', active: 'sí' }),
      ]),
      ctx,
    );
    const plan = planMenuImport(check, ctx);
    expect(plan.updates).toHaveLength(2);
    expect(plan.activeDelta).toBe(0);
  });
});
