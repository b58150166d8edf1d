import { inflateRawSync } from 'node:zlib';
import {
  MENU_IMPORT_MAX_ROWS,
  MENU_SHEET_COLUMNS,
  type MenuInvalidFileDetails,
  type MenuSheetColumn,
} from '@smartket/shared';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.ts';

// exceljs has `worksheet.dataValidations.add(range, rule)` (one rule for a whole range) and a
// `maxRows` read option, but its typings leave them out.
declare module 'exceljs' {
  interface Worksheet {
    readonly dataValidations: { add(address: string, validation: DataValidation): void };
  }
  interface XlsxReadOptions {
    /** exceljs stops reading (throws "Max row count (n) exceeded") past this many rows of a sheet. */
    maxRows?: number;
  }
}

/** A cell as the import sees it: Excel gives numbers and booleans, CSV only text. */
export type SheetCell = string | number | boolean | null;

/** One data row of the file, before validation. `row` is the number Excel shows (header = 1). */
export interface RawMenuRow {
  row: number;
  cells: Partial<Record<MenuSheetColumn, SheetCell>>;
}

/** A menu file read into rows; `columns` are the known columns its header has. */
export interface MenuSheet {
  columns: ReadonlySet<MenuSheetColumn>;
  rows: RawMenuRow[];
}

/** One product as the spreadsheet shows it. */
export interface SheetProduct {
  category: string;
  name: string;
  priceCents: number;
  sku: string | null;
  description: string | null;
  station: string | null;
  active: boolean;
}

export const MENU_SHEET_NAME = 'Menú';
const LISTS_SHEET_NAME = 'Listas';
const INSTRUCTIONS_SHEET_NAME = 'Instrucciones';

/** Far above a 5,000-row menu (≈3 MB of XML with long descriptions), far below what would hurt. */
const MAX_UNZIPPED_BYTES = 25 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 1000;
/**
 * exceljs keeps every row it reads in memory, so it stops here; rows that are only formatted
 * count too, hence the room above the 5,000 rows of data allowed.
 */
const MAX_SHEET_ROWS = 3 * MENU_IMPORT_MAX_ROWS;

// ---------------------------------------------------------------------------------------------
// Reading

/** Refuses a file the import cannot use; `details.reason` says why, for the owner. */
export function invalidFile(message: string, details: MenuInvalidFileDetails): AppError {
  return new AppError('INVALID_FILE', 422, message, { details });
}

function tooManyRows(): AppError {
  return invalidFile(`More than ${MENU_IMPORT_MAX_ROWS} rows`, {
    reason: 'too_many_rows',
    maxRows: MENU_IMPORT_MAX_ROWS,
  });
}

type Grid = Array<{ row: number; values: SheetCell[] }>;

/**
 * Reads an uploaded menu, recognised by its content rather than its name or declared type:
 * an .xlsx workbook (a zip) or CSV text (`;` or `,`, UTF-8 with or without BOM; Windows-1252
 * and UTF-16 as Excel saves them on Spanish Windows). Header row first, columns in any order,
 * fully empty rows skipped. Throws 422 INVALID_FILE for anything it cannot read.
 */
export async function readMenuFile(body: Buffer): Promise<MenuSheet> {
  if (body.length === 0) {
    throw invalidFile('The file is empty', { reason: 'empty' });
  }
  const grid = isZip(body) ? await readXlsxGrid(body) : readCsvGrid(body);
  return menuSheetFromGrid(grid);
}

function isZip(body: Buffer): boolean {
  return body.length >= 4 && body.readUInt32LE(0) === 0x04034b50;
}

/** The OLE2 signature of the old binary .xls format. */
function isLegacyExcel(body: Buffer): boolean {
  return body.length >= 8 && body.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'));
}

async function readXlsxGrid(body: Buffer): Promise<Grid> {
  assertZipWithinLimits(body);
  const workbook = new ExcelJS.Workbook();
  try {
    // Validations and conditional formats may cover whole columns, which exceljs expands cell
    // by cell: a million entries the import never reads.
    await workbook.xlsx.load(new Uint8Array(body).buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
      maxRows: MAX_SHEET_ROWS,
    });
  } catch (error) {
    if (error instanceof Error && /^Max row count \(\d+\) exceeded$/.test(error.message)) {
      throw tooManyRows();
    }
    throw invalidFile('The file is not a readable Excel workbook', { reason: 'unreadable' });
  }
  const sheet = pickMenuSheet(workbook);
  if (!sheet) {
    throw invalidFile('The workbook has no sheet', { reason: 'unreadable' });
  }
  const width = Math.min(sheet.columnCount, 50);
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: SheetCell[] = [];
    for (let column = 1; column <= width; column += 1) {
      values.push(cellValue(row.getCell(column).value));
    }
    grid.push({ row: rowNumber, values });
  });
  return grid;
}

/** The sheet called "Menú" (any case or accents), else the first visible one. */
function pickMenuSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const sheets = workbook.worksheets;
  return (
    sheets.find((sheet) => foldText(sheet.name) === foldText(MENU_SHEET_NAME)) ??
    sheets.find(
      (sheet) => sheet.state === 'visible' && foldText(sheet.name) !== foldText(INSTRUCTIONS_SHEET_NAME),
    ) ??
    sheets[0]
  );
}

/** An exceljs cell value as plain data: formulas give their result, rich text its text. */
export function cellValue(value: ExcelJS.CellValue | undefined): SheetCell {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if ('richText' in value) {
    return value.richText.map((part) => part.text).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : cellValue(result);
  }
  if ('hyperlink' in value) {
    return cellValue(value.text);
  }
  if ('error' in value) {
    return value.error;
  }
  return null;
}

/**
 * Walks the zip's central directory and inflates every entry with a hard cap on its output, so
 * a small upload cannot unpack into gigabytes inside exceljs (a "zip bomb"). Sizes a file
 * declares are not trusted: the cap applies to what actually comes out.
 */
export function assertZipWithinLimits(body: Buffer): void {
  const unreadable = () => invalidFile('The file is not a readable Excel workbook', { reason: 'unreadable' });
  const end = findEndOfCentralDirectory(body);
  if (end < 0) {
    throw unreadable();
  }
  const entries = body.readUInt16LE(end + 10);
  let offset = body.readUInt32LE(end + 16);
  if (entries > MAX_ZIP_ENTRIES) {
    throw unreadable();
  }
  let budget = MAX_UNZIPPED_BYTES;
  for (let index = 0; index < entries; index += 1) {
    if (offset + 46 > body.length || body.readUInt32LE(offset) !== 0x02014b50) {
      throw unreadable();
    }
    const method = body.readUInt16LE(offset + 10);
    const compressedSize = body.readUInt32LE(offset + 20);
    const localHeader = body.readUInt32LE(offset + 42);
    offset +=
      46 + body.readUInt16LE(offset + 28) + body.readUInt16LE(offset + 30) + body.readUInt16LE(offset + 32);
    if (localHeader + 30 > body.length || body.readUInt32LE(localHeader) !== 0x04034b50) {
      throw unreadable();
    }
    const dataStart =
      localHeader + 30 + body.readUInt16LE(localHeader + 26) + body.readUInt16LE(localHeader + 28);
    const data = body.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) {
      throw unreadable();
    }
    let size: number;
    if (method === 0) {
      size = compressedSize;
    } else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch {
        throw unreadable();
      }
    } else {
      throw unreadable();
    }
    budget -= size;
    if (budget < 0) {
      throw invalidFile('The workbook unpacks to more than a menu needs', { reason: 'unreadable' });
    }
  }
}

function findEndOfCentralDirectory(body: Buffer): number {
  const earliest = Math.max(0, body.length - 22 - 0xffff);
  for (let offset = body.length - 22; offset >= earliest; offset -= 1) {
    if (body.readUInt32LE(offset) === 0x06054b50) {
      return offset;
    }
  }
  return -1;
}

function readCsvGrid(body: Buffer): Grid {
  if (isLegacyExcel(body)) {
    throw invalidFile('Old .xls workbooks are not supported: save it as .xlsx', {
      reason: 'unsupported_format',
    });
  }
  const text = decodeText(body);
  if (text === null) {
    throw invalidFile('The file is neither an Excel workbook nor CSV text', { reason: 'unreadable' });
  }
  const records = parseCsv(text);
  if (records === null) {
    throw invalidFile('The CSV has a quote that never closes', { reason: 'unreadable' });
  }
  return records.map((values, index) => ({ row: index + 1, values }));
}

/**
 * The file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 — what Excel writes
 * for "CSV (delimitado por comas)" on a Spanish Windows. Null when it is not text at all.
 */
export function decodeText(body: Buffer): string | null {
  let text: string;
  if (body[0] === 0xff && body[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(body.subarray(2));
  } else if (body[0] === 0xfe && body[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(body.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
    } catch {
      text = new TextDecoder('windows-1252').decode(body);
    }
  }
  // Control characters other than tab and line breaks mean binary data (an image, a PDF…).
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/.test(text) ? null : text;
}

/**
 * RFC 4180 CSV with the delimiter guessed from the header line (`;`, `,` or tab), quoted
 * fields with `""` escapes and line breaks, and Excel's optional first line `sep=;`. Null when a
 * quote never closes.
 */
export function parseCsv(text: string): string[][] | null {
  let source = text;
  let delimiter: string | undefined;
  const sepLine = /^sep=(.)\r?\n/i.exec(source);
  if (sepLine) {
    delimiter = sepLine[1];
    source = source.slice(sepLine[0].length);
  }
  delimiter ??= guessDelimiter(source);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  while (index < source.length) {
    const character = source[index] as string;
    if (quoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += character;
      }
      index += 1;
      continue;
    }
    if (character === '"' && field === '') {
      quoted = true;
    } else if (character === delimiter) {
      record.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (character === '\r' && source[index + 1] === '\n') {
        index += 1;
      }
    } else {
      field += character;
    }
    index += 1;
  }
  if (quoted) {
    return null;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const character of text) {
    if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && (character === '\n' || character === '\r')) {
      break;
    } else if (!quoted && counts.has(character)) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Lower case, no accents, no spaces at the ends or doubled, no required-marker asterisk. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function isEmptyCell(value: SheetCell | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Matches the header row to the known columns and turns the other rows into `RawMenuRow`s. */
export function menuSheetFromGrid(grid: Grid): MenuSheet {
  const header = grid[0];
  if (!header || header.row !== 1) {
    throw invalidFile('The first row must hold the column headers', {
      reason: 'missing_columns',
      missingColumns: MENU_SHEET_COLUMNS.filter((column) => column.required).map((column) => column.header),
    });
  }
  const byFoldedHeader = new Map(MENU_SHEET_COLUMNS.map((column) => [foldText(column.header), column]));
  const positions = new Map<MenuSheetColumn, number>();
  const duplicated: string[] = [];
  header.values.forEach((value, index) => {
    const column = typeof value === 'string' ? byFoldedHeader.get(foldText(value)) : undefined;
    if (!column) {
      return; // a column of the owner's own, e.g. "Notas": ignored
    }
    if (positions.has(column.key)) {
      duplicated.push(column.header);
      return;
    }
    positions.set(column.key, index);
  });
  const missing = MENU_SHEET_COLUMNS.filter((column) => column.required && !positions.has(column.key));
  if (missing.length > 0) {
    throw invalidFile(`Missing columns: ${missing.map((column) => column.header).join(', ')}`, {
      reason: 'missing_columns',
      missingColumns: missing.map((column) => column.header),
    });
  }
  if (duplicated.length > 0) {
    throw invalidFile(`Columns appear twice: ${duplicated.join(', ')}`, {
      reason: 'duplicate_columns',
      duplicateColumns: duplicated,
    });
  }
  const rows: RawMenuRow[] = [];
  for (const { row, values } of grid.slice(1)) {
    const cells: RawMenuRow['cells'] = {};
    let empty = true;
    for (const [key, index] of positions) {
      const value = values[index] ?? null;
      cells[key] = typeof value === 'string' ? value.trim() : value;
      empty &&= isEmptyCell(value);
    }
    if (empty) {
      continue;
    }
    if (rows.length === MENU_IMPORT_MAX_ROWS) {
      throw tooManyRows();
    }
    rows.push({ row, cells });
  }
  if (rows.length === 0) {
    throw invalidFile('The file has headers but no products', { reason: 'no_rows' });
  }
  return { columns: new Set(positions.keys()), rows };
}

// ---------------------------------------------------------------------------------------------
// Writing

const COLUMN_WIDTHS: Record<MenuSheetColumn, number> = {
  category: 24,
  name: 36,
  price: 11,
  sku: 14,
  description: 48,
  station: 14,
  active: 9,
};

function columnNotes(stations: readonly string[]): Record<MenuSheetColumn, string> {
  const stationList = stations.length > 0 ? stations.join(', ') : 'las estaciones de tu negocio';
  return {
    category:
      'Obligatoria. La categoría del producto, p. ej. «Pollos a la brasa». Elige una de la lista o escribe una nueva: al importar puedes pedir que se cree.',
    name: 'Obligatorio. Nombre del producto (hasta 80 caracteres). Si ya existe —mismo SKU o mismo nombre— se actualiza, no se duplica.',
    price: 'Obligatorio. Precio en soles con IGV, p. ej. 12.50 o 12,50 (sin «S/»), con hasta dos decimales.',
    sku: 'Opcional. Tu código del producto: letras, números y . _ - / (hasta 40). Sirve para reconocerlo aunque le cambies el nombre.',
    description: 'Opcional. Hasta 300 caracteres, p. ej. «con papas fritas y ensalada».',
    station: `Opcional. Dónde se prepara: ${stationList}. Vacío = la estación de su categoría.`,
    active: 'Opcional. «sí» o «no»; vacío = sí. Un producto inactivo no se vende, pero no se borra.',
  };
}

const INSTRUCTIONS = [
  'Cómo llenar la hoja «Menú»',
  '',
  '• Una fila por producto. La primera fila tiene los títulos de las columnas: no los cambies.',
  '• Categoría, Producto y Precio son obligatorios; SKU, Descripción, Estación y Activo son opcionales.',
  '• Precio en soles con IGV: 12.50 o 12,50, sin «S/» y con hasta dos decimales.',
  '• Estación: una de las estaciones de tu negocio (la lista de la celda). Vacía = la de su categoría.',
  '• Activo: «sí» o «no». Vacío = sí. Desactivar un producto no lo borra.',
  '• Categorías nuevas: al importar, elige si SmartKet las crea o si avisa del error.',
  '• Si un producto ya existe (mismo SKU o, si no tiene, mismo nombre) se actualiza: no se duplica.',
  '• Hasta 5,000 productos y 5 MB por archivo. También puedes subir un CSV con ; o , como separador.',
  '• Si alguna fila tiene un error, no se importa nada y te decimos la fila y la columna a corregir.',
  '• Borra o cambia la fila de ejemplo antes de importar.',
];

/**
 * The menu workbook: sheet "Menú" with the shared columns (bold frozen header, a note on each
 * header, drop-down lists for Categoría, Estación and Activo fed from a hidden "Listas" sheet),
 * and an "Instrucciones" sheet. With the current products it is the export; with one example
 * row it is the template. What it writes, `readMenuFile` reads back unchanged.
 */
export async function writeMenuWorkbook(content: {
  products: readonly SheetProduct[];
  categories: readonly string[];
  stations: readonly string[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SmartKet';
  const sheet = workbook.addWorksheet(MENU_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  const lists = workbook.addWorksheet(LISTS_SHEET_NAME, { state: 'hidden' });

  sheet.columns = MENU_SHEET_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: COLUMN_WIDTHS[column.key],
  }));
  const notes = columnNotes(content.stations);
  MENU_SHEET_COLUMNS.forEach((column, index) => {
    const cell = sheet.getRow(1).getCell(index + 1);
    cell.note = notes[column.key];
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE68A' } };
  });
  sheet.getColumn('price').numFmt = '0.00';
  sheet.getColumn('sku').numFmt = '@';

  for (const product of content.products) {
    sheet.addRow({
      category: product.category,
      name: product.name,
      price: product.priceCents / 100,
      sku: product.sku,
      description: product.description,
      station: product.station,
      active: product.active ? 'sí' : 'no',
    });
  }

  const lastRow = Math.max(MENU_IMPORT_MAX_ROWS, content.products.length) + 1;
  const listRange = (columnLetter: string, count: number) =>
    `${LISTS_SHEET_NAME}!$${columnLetter}$2:$${columnLetter}$${count + 1}`;
  lists.getCell('A1').value = 'Categorías';
  lists.getCell('B1').value = 'Estaciones';
  lists.getCell('C1').value = 'Activo';
  content.categories.forEach((name, index) => (lists.getCell(index + 2, 1).value = name));
  content.stations.forEach((name, index) => (lists.getCell(index + 2, 2).value = name));
  ['sí', 'no'].forEach((value, index) => (lists.getCell(index + 2, 3).value = value));

  const letter = (key: MenuSheetColumn) => sheet.getColumn(key).letter;
  if (content.categories.length > 0) {
    // A new category is allowed (the import can create it), so the list only suggests.
    sheet.dataValidations.add(`${letter('category')}2:${letter('category')}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listRange('A', content.categories.length)],
      showErrorMessage: false,
    });
  }
  if (content.stations.length > 0) {
    sheet.dataValidations.add(`${letter('station')}2:${letter('station')}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listRange('B', content.stations.length)],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Estación',
      error: 'Usa una de las estaciones de la lista, o deja la celda vacía.',
    });
  }
  sheet.dataValidations.add(`${letter('active')}2:${letter('active')}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [listRange('C', 2)],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Activo',
    error: 'Escribe «sí» o «no».',
  });

  instructions.getColumn(1).width = 110;
  INSTRUCTIONS.forEach((line, index) => (instructions.getCell(index + 1, 1).value = line));
  instructions.getCell('A1').font = { bold: true, size: 14 };
  MENU_SHEET_COLUMNS.forEach((column, index) => {
    const row = INSTRUCTIONS.length + 2 + index;
    instructions.getCell(row, 1).value = `${column.header}: ${notes[column.key]}`;
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
