import { z } from 'zod';

/**
 * The columns of the menu spreadsheet, in order. Headers are what the owner sees in Excel;
 * keys are what errors name. Import, template and export all use this one list.
 */
export const MENU_SHEET_COLUMNS = [
  { key: 'category', header: 'Categoría', required: true },
  { key: 'name', header: 'Producto', required: true },
  { key: 'price', header: 'Precio', required: true },
  { key: 'sku', header: 'SKU', required: false },
  { key: 'description', header: 'Descripción', required: false },
  { key: 'station', header: 'Estación', required: false },
  { key: 'active', header: 'Activo', required: false },
] as const;
export type MenuSheetColumn = (typeof MENU_SHEET_COLUMNS)[number]['key'];

export const MENU_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const MENU_IMPORT_MAX_ROWS = 5000;
/** At most this many row errors are listed; the count of all of them comes along. */
export const MENU_IMPORT_MAX_LISTED_ISSUES = 300;

export const MENU_IMPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

/** `POST /api/tenant/menu/import?unknownCategories=create|reject` — the body is the file itself. */
export const MenuImportQuery = z.strictObject({
  unknownCategories: z.enum(['create', 'reject']).default('reject'),
});
export type MenuImportQuery = z.infer<typeof MenuImportQuery>;

/** One refused cell: the spreadsheet row number (as Excel shows it) and the column. */
export const MenuImportIssue = z.object({
  row: z.int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type MenuImportIssue = z.infer<typeof MenuImportIssue>;

/** `details` of a 422 INVALID_FILE: why the file could not be read at all (no row was looked at). */
export const MenuInvalidFileDetails = z.object({
  reason: z.enum([
    'empty',
    'unreadable',
    'unsupported_format',
    'missing_columns',
    'duplicate_columns',
    'no_rows',
    'too_many_rows',
  ]),
  /** Headers of required columns the first row lacks, e.g. `['Precio']`. */
  missingColumns: z.array(z.string()).optional(),
  duplicateColumns: z.array(z.string()).optional(),
  maxRows: z.int().optional(),
});
export type MenuInvalidFileDetails = z.infer<typeof MenuInvalidFileDetails>;

/**
 * What an import did, row by row. The sample menu answers it too, but only ever adds: `updated`
 * is 0 and `unchanged` counts the sample products the menu already had, which it left alone.
 */
export const MenuImportResult = z.object({
  rows: z.int(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  categoriesCreated: z.array(z.string()),
});
export type MenuImportResult = z.infer<typeof MenuImportResult>;
