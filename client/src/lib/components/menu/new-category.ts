import type { CategoryView, StationView } from '@smartket/shared';
import { ApiError } from '../../api/client.ts';
import { createCategory } from '../../api/menu.ts';
import { t } from '../../i18n/index.ts';
import { defaultStationId, nextCategoryColour } from './categories.ts';
import { withFieldMessages } from './field-messages.ts';

/** The value of the category select's "+ Nueva categoría…" choice. */
export const NEW_CATEGORY = 'nueva';

/** The owner types the product's category: there is none to pick, or "+ Nueva categoría…" is picked. */
export function typesNewCategory(choices: readonly unknown[], choice: string): boolean {
  return choices.length === 0 || choice === NEW_CATEGORY;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('es') === b.trim().toLocaleLowerCase('es');
}

/**
 * The category a product goes in when the owner typed its name with the product: an active one
 * of that name, or a new one — sent to the first kitchen station and given the next unused
 * colour, as the New category dialog would. A problem with the name is reported on `field`
 * (the box the owner typed it in), never on the product's own name.
 */
export async function categoryNamed(
  name: string,
  categories: readonly CategoryView[],
  stations: readonly StationView[],
  field: string,
): Promise<{ category: CategoryView; created: boolean }> {
  const existing = categories.find((category) => sameName(category.name, name));
  if (existing?.active) {
    return { category: existing, created: false };
  }
  if (existing) {
    throw new ApiError({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: t('menu.category.nameTakenInactive', { name: existing.name }),
      fields: { [field]: t('menu.category.nameTakenInactive', { name: existing.name }) },
      fieldCodes: { [field]: 'taken' },
    });
  }
  try {
    const category = await createCategory({
      name,
      colour: nextCategoryColour(categories),
      stationId: defaultStationId(stations),
    });
    return { category, created: true };
  } catch (error) {
    throw withFieldMessages(
      error,
      { name: { taken: t('menu.category.nameTaken') } },
      { name: field, colour: field, stationId: field },
    );
  }
}
