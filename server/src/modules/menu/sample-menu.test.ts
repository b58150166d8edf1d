import { OptionGroupInput } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { validateMenuRows } from './menu-import.service.ts';
import { SAMPLE_MENU, SAMPLE_OPTION_GROUPS, SAMPLE_STATIONS, sampleMenuSheet } from './sample-menu.ts';

describe('the sample pollería menu', () => {
  it('passes the import checks as it stands', () => {
    const check = validateMenuRows(sampleMenuSheet(), {
      categories: SAMPLE_MENU.map((category, position) => ({
        id: `c${position}`,
        name: category.name,
        position,
      })),
      stations: SAMPLE_STATIONS.map((name) => ({ id: name, name })),
      products: [],
      unknownCategories: 'reject',
    });
    expect(check.issues).toEqual([]);
    expect(check.rows).toHaveLength(SAMPLE_MENU.flatMap((category) => category.products).length);
  });

  it('has the classic quarter, half and whole chicken at Lima prices', () => {
    const prices = new Map(
      SAMPLE_MENU.flatMap((category) => category.products).map((product) => [
        product.name,
        product.priceCents,
      ]),
    );
    expect(prices.get('1/4 de pollo a la brasa')).toBe(1990);
    expect(prices.get('1/2 pollo a la brasa')).toBe(3690);
    expect(prices.get('Pollo entero a la brasa')).toBe(6990);
  });

  it('only names option groups it defines, and each group is a valid option group', () => {
    const groups = new Set(SAMPLE_OPTION_GROUPS.map((group) => group.name));
    const named = SAMPLE_MENU.flatMap((category) => category.products).flatMap(
      (product) => product.optionGroups ?? [],
    );
    expect(named.filter((name) => !groups.has(name))).toEqual([]);
    for (const group of SAMPLE_OPTION_GROUPS) {
      expect(OptionGroupInput.safeParse(group).success, group.name).toBe(true);
      expect(group.maxChoices).toBeLessThanOrEqual(group.options.length);
    }
  });
});
