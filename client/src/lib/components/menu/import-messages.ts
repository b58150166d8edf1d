import {
  MENU_SHEET_COLUMNS,
  type MenuImportIssue,
  type MenuImportResult,
  type MenuSheetColumn,
} from '@smartket/shared';
import { getLocale, hasMessage, t } from '../../i18n/index.ts';

/** What an issue's message may need to know besides the issue itself. */
export interface ImportIssueContext {
  /** Names of the active kitchen stations, to say which ones a file may name; null if unknown. */
  stations: readonly string[] | null;
}

const KEY_OF_HEADER = new Map<string, MenuSheetColumn>(
  MENU_SHEET_COLUMNS.map((column) => [column.header, column.key]),
);

function param(issue: MenuImportIssue, name: string): string | undefined {
  const value = issue.params?.[name];
  return value === undefined ? undefined : String(value);
}

/** "Brasa, Cocina o Bar" in the user's language. */
export function listOfChoices(names: readonly string[]): string {
  return new Intl.ListFormat(getLocale(), { style: 'long', type: 'disjunction' }).format(names);
}

/** "Bebidas y Postres" in the user's language. */
export function listOfAll(names: readonly string[]): string {
  return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(names);
}

/**
 * The message of one refused cell, as precise as the issue's params allow: the value that was
 * wrong and what would be right ("«Barra» no es una estación: usa Brasa, Cocina o Bar.").
 */
function issueMessage(issue: MenuImportIssue, context: ImportIssueContext): string {
  const column = KEY_OF_HEADER.get(issue.column);
  const value = param(issue, 'value');
  switch (issue.code) {
    case 'unknown_station': {
      const station = param(issue, 'station') ?? '';
      return context.stations && context.stations.length > 0
        ? t('menu.import.issues.unknownStation', { station, stations: listOfChoices(context.stations) })
        : t('menu.import.issues.unknownStationNoList', { station });
    }
    case 'unknown_category':
      return t('menu.import.issues.unknownCategory', { category: param(issue, 'category') ?? '' });
    case 'invalid_price':
      return value ? t('menu.import.issues.invalidPrice', { value }) : t('fieldErrors.invalid_price');
    case 'invalid_value':
      if (column === 'active') {
        return value ? t('menu.import.issues.activeValue', { value }) : t('menu.import.issues.active');
      }
      if (column === 'sku') {
        return t('menu.product.skuInvalid');
      }
      break;
    case 'duplicate': {
      const product = param(issue, 'product');
      const sku = param(issue, 'sku');
      if (product && sku) {
        return t('menu.import.issues.skuOfOther', { product, sku });
      }
      const firstRow = param(issue, 'firstRow');
      if (firstRow) {
        return t('menu.import.issues.duplicateRow', { firstRow });
      }
      break;
    }
  }
  const key = `fieldErrors.${issue.code}`;
  return hasMessage(key) ? t(key, issue.params) : issue.message;
}

/** "Fila 3 · Precio: «doce» no es un precio…" in the user's language. */
export function describeImportIssue(issue: MenuImportIssue, context: ImportIssueContext): string {
  return t('menu.import.issue', {
    row: String(issue.row),
    column: issue.column,
    message: issueMessage(issue, context),
  });
}

/** The categories a refused file names that the menu does not have, each once, in file order. */
export function missingCategories(issues: readonly MenuImportIssue[]): string[] {
  const names = new Map<string, string>();
  for (const issue of issues) {
    const category = issue.code === 'unknown_category' ? param(issue, 'category') : undefined;
    if (category && !names.has(category.toLocaleLowerCase('es'))) {
      names.set(category.toLocaleLowerCase('es'), category);
    }
  }
  return [...names.values()];
}

/** "Importamos 12 productos nuevos y actualizamos 3." plus the categories it had to create. */
export function describeImportResult(result: MenuImportResult): string {
  const { created, updated, unchanged, categoriesCreated } = result;
  const sentences: string[] = [];
  if (created > 0 && updated > 0) {
    sentences.push(t('menu.import.result.createdUpdated', { count: created, updated }));
  } else if (created > 0) {
    sentences.push(t('menu.import.result.created', { count: created }));
  } else if (updated > 0) {
    sentences.push(t('menu.import.result.updated', { count: updated }));
  } else {
    sentences.push(t('menu.import.result.nothing'));
  }
  if (unchanged > 0 && created + updated > 0) {
    sentences.push(t('menu.import.result.unchanged', { count: unchanged }));
  }
  if (categoriesCreated.length > 0) {
    sentences.push(
      t('menu.import.result.categories', {
        count: categoriesCreated.length,
        names: categoriesCreated.join(', '),
      }),
    );
  }
  return sentences.join(' ');
}

/**
 * "Agregamos 27 productos de ejemplo. 2 ya los tenías y no los tocamos." plus the categories it
 * created: the sample only adds, so there is never an update to report.
 */
export function describeSampleResult(result: MenuImportResult): string {
  const { created, unchanged, categoriesCreated } = result;
  if (created === 0) {
    return t('menu.sample.result.nothing');
  }
  const sentences = [t('menu.sample.result.added', { count: created })];
  if (unchanged > 0) {
    sentences.push(t('menu.sample.result.kept', { count: unchanged }));
  }
  if (categoriesCreated.length > 0) {
    sentences.push(
      t('menu.import.result.categories', {
        count: categoriesCreated.length,
        names: categoriesCreated.join(', '),
      }),
    );
  }
  return sentences.join(' ');
}
