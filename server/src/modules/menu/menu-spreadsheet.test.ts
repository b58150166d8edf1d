import { deflateRawSync } from 'node:zlib';
import { MENU_IMPORT_MAX_ROWS } from '@smartket/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import {
  cellValue,
  decodeText,
  parseCsv,
  readMenuFile,
  writeMenuWorkbook,
  type SheetProduct,
} from './menu-spreadsheet.ts';

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The 422 INVALID_FILE `readMenuFile` throws, for its details. */
async function invalidFileOf(body: Buffer): Promise<Record<string, unknown> | undefined> {
  const error: unknown = await readMenuFile(body).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'INVALID_FILE', status: 422 });
  return (error as AppError).details;
}

describe('parseCsv', () => {
  it('guesses ; or , from the header line', () => {
    expect(parseCsv('a;b;c\n1;2,5;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
    expect(parseCsv('a,b,c\r\n1,"2,5",3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    expect(parseCsv('a;b\n"uno; dos";"dice ""hola""\ny chau"\n')).toEqual([
      ['a', 'b'],
      ['uno; dos', 'dice "hola"\ny chau'],
    ]);
  });

  it("honours Excel's sep= line", () => {
    expect(parseCsv('sep=,\r\na;b,c\r\n')).toEqual([['a;b', 'c']]);
  });

  it('refuses a quote that never closes', () => {
    expect(parseCsv('a;b\n"abierta;2\n')).toBeNull();
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('\ufeffCategoría', 'utf8'))).toBe('Categoría');
    expect(decodeText(Buffer.from('Categoría', 'utf8'))).toBe('Categoría');
  });

  it('falls back to Windows-1252, as Excel saves CSV on a Spanish Windows', () => {
    expect(decodeText(Buffer.from([0x43, 0x61, 0x74, 0x65, 0x67, 0x6f, 0x72, 0xed, 0x61]))).toBe('Categoría');
  });

  it('reads UTF-16 with its BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Año', 'utf16le')]))).toBe('Año');
  });

  it('refuses binary data', () => {
    expect(decodeText(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBeNull();
  });
});

describe('cellValue', () => {
  it('turns exceljs values into plain data', () => {
    expect(cellValue(null)).toBeNull();
    expect(cellValue(12.5)).toBe(12.5);
    expect(cellValue({ richText: [{ text: 'Pollo ' }, { text: 'entero' }] })).toBe('Pollo entero');
    expect(cellValue({ formula: 'A1*2', result: 25 })).toBe(25);
    expect(cellValue({ text: 'Ver', hyperlink: 'https://example.pe' })).toBe('Ver');
  });
});

describe('readMenuFile', () => {
  it('reads a CSV with ; and decimal commas, headers in any order, case and accents', async () => {
    const csv =
      'PRECIO;categoria;Producto;activo\n19,90;Pollos;1/4 de pollo;sí\n;;;\n6,00;Bebidas;Chicha;no\n';
    const sheet = await readMenuFile(Buffer.from(csv, 'utf8'));
    expect([...sheet.columns].sort()).toEqual(['active', 'category', 'name', 'price']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: { price: '19,90', category: 'Pollos', name: '1/4 de pollo', active: 'sí' } },
      { row: 4, cells: { price: '6,00', category: 'Bebidas', name: 'Chicha', active: 'no' } },
    ]);
  });

  it('reads a workbook, preferring the sheet called Menú, with numbers as numbers', async () => {
    const file = await xlsx((workbook) => {
      workbook.addWorksheet('Instrucciones').addRow(['Léeme']);
      const sheet = workbook.addWorksheet('menu');
      sheet.addRow(['Categoría', 'Producto', 'Precio', 'Notas']);
      sheet.addRow(['Pollos', { richText: [{ text: '1/2 ' }, { text: 'pollo' }] }, 36.9, 'ignorada']);
      sheet.addRow([]);
      sheet.addRow(['Bebidas', 'Inca Kola', { formula: '2.5*2', result: 5 }]);
    });
    const sheet = await readMenuFile(file);
    expect(sheet.rows).toEqual([
      { row: 2, cells: { category: 'Pollos', name: '1/2 pollo', price: 36.9 } },
      { row: 4, cells: { category: 'Bebidas', name: 'Inca Kola', price: 5 } },
    ]);
  });

  it('names the required columns the header lacks', async () => {
    const details = await invalidFileOf(Buffer.from('Categoría,Nombre,Valor\nPollos,Cuarto,19.90\n'));
    expect(details).toEqual({ reason: 'missing_columns', missingColumns: ['Producto', 'Precio'] });
  });

  it('refuses a column given twice', async () => {
    const details = await invalidFileOf(Buffer.from('Categoría;Producto;Precio;precio\nA;B;1;2\n'));
    expect(details).toEqual({ reason: 'duplicate_columns', duplicateColumns: ['Precio'] });
  });

  it('refuses headers without rows, and an empty file', async () => {
    expect(await invalidFileOf(Buffer.from('Categoría;Producto;Precio\n;;\n'))).toEqual({
      reason: 'no_rows',
    });
    expect(await invalidFileOf(Buffer.alloc(0))).toEqual({ reason: 'empty' });
  });

  it(`refuses more than ${MENU_IMPORT_MAX_ROWS} rows`, async () => {
    const lines = Array.from(
      { length: MENU_IMPORT_MAX_ROWS + 1 },
      (_, index) => `Pollos;Producto ${index};10`,
    );
    const details = await invalidFileOf(Buffer.from(['Categoría;Producto;Precio', ...lines].join('\n')));
    expect(details).toEqual({ reason: 'too_many_rows', maxRows: MENU_IMPORT_MAX_ROWS });
  });

  it('refuses a sheet far over the row limit (exceljs stops reading it early)', async () => {
    const file = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Menú');
      sheet.addRow(['Categoría', 'Producto', 'Precio']);
      for (let index = 0; index < 3 * MENU_IMPORT_MAX_ROWS; index += 1) {
        sheet.addRow(['Pollos', `Producto ${index}`, 10]);
      }
    });
    expect(await invalidFileOf(file)).toEqual({ reason: 'too_many_rows', maxRows: MENU_IMPORT_MAX_ROWS });
  });

  it('refuses images, PDFs, old .xls files and broken zips', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'),
      Buffer.from([0, 1, 2]),
    ]);
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex');
    const brokenZip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]);
    expect(await invalidFileOf(png)).toEqual({ reason: 'unreadable' });
    expect(await invalidFileOf(pdf)).toEqual({ reason: 'unreadable' });
    expect(await invalidFileOf(xls)).toEqual({ reason: 'unsupported_format' });
    expect(await invalidFileOf(brokenZip)).toEqual({ reason: 'unreadable' });
  });

  it('refuses a zip that unpacks into far more than it says (a zip bomb)', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(26 * 1024 * 1024, 0x20), {
      declaredSize: 1000,
    });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await invalidFileOf(bomb)).toEqual({ reason: 'unreadable' });
  });
});

describe('writeMenuWorkbook', () => {
  const products: SheetProduct[] = [
    {
      category: 'Pollos a la brasa',
      name: '1/4 de pollo',
      priceCents: 1990,
      sku: 'POL-1/4',
      description: 'Con papas',
      station: 'Brasa',
      active: true,
    },
    {
      category: 'Bebidas',
      name: 'Chicha morada',
      priceCents: 600,
      sku: null,
      description: null,
      station: null,
      active: false,
    },
  ];

  it('writes what readMenuFile reads back', async () => {
    const file = await writeMenuWorkbook({
      products,
      categories: ['Pollos a la brasa'],
      stations: ['Brasa'],
    });
    const sheet = await readMenuFile(file);
    expect(sheet.columns.size).toBe(7);
    expect(sheet.rows).toEqual([
      {
        row: 2,
        cells: {
          category: 'Pollos a la brasa',
          name: '1/4 de pollo',
          price: 19.9,
          sku: 'POL-1/4',
          description: 'Con papas',
          station: 'Brasa',
          active: 'sí',
        },
      },
      {
        row: 3,
        cells: {
          category: 'Bebidas',
          name: 'Chicha morada',
          price: 6,
          sku: null,
          description: null,
          station: null,
          active: 'no',
        },
      },
    ]);
  });

  it('has a frozen bold header with notes, drop-down lists and an instructions sheet', async () => {
    const file = await writeMenuWorkbook({
      products,
      categories: ['Pollos a la brasa'],
      stations: ['Brasa', 'Bar'],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(file).buffer);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Menú', 'visible'],
      ['Instrucciones', 'visible'],
      ['Listas', 'hidden'],
    ]);
    const sheet = workbook.getWorksheet('Menú');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet?.getRow(1);
    expect(header?.getCell(1).font?.bold).toBe(true);
    expect(String(JSON.stringify(header?.getCell(3).note))).toContain('12,50');
    expect(sheet?.getCell('A500').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Listas!$A$2:$A$2'],
    });
    expect(sheet?.getCell('F2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Listas!$B$2:$B$3'],
    });
    expect(sheet?.getCell('G5001').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['Listas!$C$2:$C$3'],
    });
  });
});

/** A one-entry zip whose headers may lie about the unpacked size. */
function zipOf(name: string, content: Buffer, options: { declaredSize?: number } = {}): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const size = options.declaredSize ?? content.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
