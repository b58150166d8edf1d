import { OptionGroupInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATION_NAMES } from '../branches/branches.service.ts';
import { validateMenuRows } from './menu-import.service.ts';
import { SAMPLE_MENU, SAMPLE_OPTION_GROUPS, sampleMenuSheet } from './sample-menu.ts';

describe('the sample pollería menu', () => {
  it('passes the import checks, against the categories and stations the sample creates', () => {
    const check = validateMenuRows(sampleMenuSheet(), {
      categories: SAMPLE_MENU.map((category, position) => ({
        id: `c${position}`,
        name: category.name,
        position,
      })),
      stations: DEFAULT_STATION_NAMES.map((name) => ({ id: name, name })),
      products: [],
      unknownCategories: 'reject',
    });
    expect(check.issues).toEqual([]);
    expect(check.rows).toHaveLength(SAMPLE_MENU.flatMap((category) => category.products).length);
  });

  it('names only option groups it defines, each one a valid option group for the API', () => {
    const groups = new Set(SAMPLE_OPTION_GROUPS.map((group) => group.name));
    const named = SAMPLE_MENU.flatMap((category) => category.products).flatMap(
      (product) => product.optionGroups ?? [],
    );
    expect(named.filter((name) => !groups.has(name))).toEqual([]);
    for (const group of SAMPLE_OPTION_GROUPS) {
      expect(OptionGroupInput.safeParse(group).error?.issues, group.name).toBeUndefined();
      expect(group.maxChoices, group.name).toBeLessThanOrEqual(group.options.length);
    }
  });
});
