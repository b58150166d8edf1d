import {
  CategoryView,
  MENU_IMPORT_CONTENT_TYPES,
  MenuImportIssue,
  MenuImportResult,
  MenuView,
  OptionGroupView,
  ProductView,
  type CategoryInput,
  type CategoryPatch,
  type CategoryView as Category,
  type MenuImportIssue as ImportIssue,
  type MenuImportResult as ImportResult,
  type MenuView as Menu,
  type OptionGroupInput,
  type OptionGroupPatch,
  type OptionGroupView as OptionGroup,
  type ProductInput,
  type ProductPatch,
  type ProductView as Product,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type ApiError, type RequestOptions } from './client.ts';

const BASE = '/api/tenant/menu';

/** The Excel template with the menu columns and two example rows (a plain download link). */
export const MENU_TEMPLATE_URL = `${BASE}/import-template`;
/** The current menu as an Excel file, same columns as the template (a plain download link). */
export const MENU_EXPORT_URL = `${BASE}/export`;

/** The whole menu, inactive records included and flagged. */
export function fetchMenu(options?: RequestOptions): Promise<Menu> {
  return api.get(BASE, MenuView, options);
}

/** Input types as the client writes them: zod defaults may be left out. */
export type NewCategory = z.input<typeof CategoryInput>;
export type NewProduct = z.input<typeof ProductInput>;
export type NewOptionGroup = z.input<typeof OptionGroupInput>;
export type OptionGroupChanges = z.input<typeof OptionGroupPatch>;

export function createCategory(input: NewCategory, options?: RequestOptions): Promise<Category> {
  return api.post(`${BASE}/categories`, input, CategoryView, options);
}

export function updateCategory(
  id: string,
  patch: CategoryPatch,
  options?: RequestOptions,
): Promise<Category> {
  return api.patch(`${BASE}/categories/${encodeURIComponent(id)}`, patch, CategoryView, options);
}

export function createProduct(input: NewProduct, options?: RequestOptions): Promise<Product> {
  return api.post(`${BASE}/products`, input, ProductView, options);
}

export function updateProduct(id: string, patch: ProductPatch, options?: RequestOptions): Promise<Product> {
  return api.patch(`${BASE}/products/${encodeURIComponent(id)}`, patch, ProductView, options);
}

export function createOptionGroup(input: NewOptionGroup, options?: RequestOptions): Promise<OptionGroup> {
  return api.post(`${BASE}/option-groups`, input, OptionGroupView, options);
}

export function updateOptionGroup(
  id: string,
  patch: OptionGroupChanges,
  options?: RequestOptions,
): Promise<OptionGroup> {
  return api.patch(`${BASE}/option-groups/${encodeURIComponent(id)}`, patch, OptionGroupView, options);
}

/** Loads the example pollería menu; a second call updates it, never duplicates. */
export function loadSampleMenu(options?: RequestOptions): Promise<ImportResult> {
  return api.post(`${BASE}/sample`, undefined, MenuImportResult, options);
}

/** The content type the import endpoint expects for `file` (by its name, then its type), or null. */
export function importContentType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || (!name.includes('.') && file.type === MENU_IMPORT_CONTENT_TYPES.xlsx)) {
    return MENU_IMPORT_CONTENT_TYPES.xlsx;
  }
  if (name.endsWith('.csv') || (!name.includes('.') && file.type === MENU_IMPORT_CONTENT_TYPES.csv)) {
    return MENU_IMPORT_CONTENT_TYPES.csv;
  }
  return null;
}

/**
 * Sends a filled spreadsheet (all or nothing). Throws `ApiError` `IMPORT_REJECTED` with the row
 * issues in `details` (read them with `importIssues`), or `INVALID_FILE` and friends.
 */
export function importMenu(
  file: File,
  contentType: string,
  unknownCategories: 'create' | 'reject',
  options?: RequestOptions,
): Promise<ImportResult> {
  return api.upload(
    `${BASE}/import?unknownCategories=${unknownCategories}`,
    { file, contentType },
    MenuImportResult,
    options,
  );
}

const RejectedImportDetails = z.object({
  issues: z.array(MenuImportIssue),
  issueCount: z.int(),
});

/** The listed row issues of a refused import and how many there were in all. */
export function importIssues(error: ApiError): { issues: ImportIssue[]; total: number } {
  const parsed = RejectedImportDetails.safeParse(error.details);
  if (!parsed.success) {
    return { issues: [], total: 0 };
  }
  return { issues: parsed.data.issues, total: Math.max(parsed.data.issueCount, parsed.data.issues.length) };
}
