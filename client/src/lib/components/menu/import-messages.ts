import type { MenuImportIssue, MenuImportResult } from '@smartket/shared';
import { hasMessage, t } from '../../i18n/index.ts';

/** "Fila 3 · Precio: Escribe un precio como 12.50 o 12,50." in the user's language. */
export function describeImportIssue(issue: MenuImportIssue): string {
  const key = `fieldErrors.${issue.code}`;
  const message = hasMessage(key) ? t(key, issue.params) : issue.message;
  return t('menu.import.issue', { row: String(issue.row), column: issue.column, message });
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
